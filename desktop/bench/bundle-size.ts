// The web build's JavaScript weight, read from the built files (desktop/out/renderer): the initial JS
// is what a cold start must download and parse before the first screen, i.e. the entry script of
// index.html, the chunks it modulepreloads, and every chunk those import statically (followed through
// the files, so a chunk the HTML does not name still counts). Dynamic `import()`s are the lazily
// loaded screens and are left out; the search worker is counted apart (it starts beside the page).
// Sizes are bytes on disk and gzip at level 9, as a server or CDN compressing them would send them.
// `npx tsx desktop/bench/bundle-size.ts [dir]` prints the figures and each initial chunk.
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Figure } from '@app/shared/bench';

export type ChunkSize = { file: string; raw: number; gzip: number };
export type BundleSize = {
  /** The initial chunks (paths relative to the build dir), largest first. */
  initial: ChunkSize[];
  initialRaw: number;
  initialGzip: number;
  /** Every .js file of the build but the service worker's own (sw.js, workbox-*.js). */
  totalRaw: number;
  totalGzip: number;
  chunks: number;
  /** The search worker's script(s): loaded at start-up beside the page, not by it. */
  worker: ChunkSize[];
};

const gzipLevel = 9;

/** `<script type="module" src>` and `<link rel="modulepreload" href>` of index.html, relative paths. */
export function htmlScripts(html: string): string[] {
  const out: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const isModule = /^<script\b/.test(tag) && /\btype=["']?module\b/.test(tag);
    const isPreload = /^<link\b/.test(tag) && /\brel=["']?modulepreload\b/.test(tag);
    const url = tag.match(/\b(?:src|href)=["']([^"']+)["']/)?.[1];
    if ((isModule || isPreload) && url && !/^[a-z]+:|^\/\//i.test(url)) out.push(url);
  }
  return out;
}

/**
 * The relative specifiers a built ES module imports statically: `import{a}from"./x.js"`, `import"./x.js"`,
 * `export*from"./x.js"`. A dynamic `import("./x.js")` has a parenthesis after `import` and is not matched.
 */
export function staticImports(code: string): string[] {
  const re = /\b(?:import|export)\s*(?:[{*\w$][^"'();=]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;
  return [...code.matchAll(re)].map((m) => m[1]!);
}

function size(dir: string, file: string): ChunkSize {
  const bytes = readFileSync(join(dir, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: gzipLevel }).length };
}

function jsFiles(dir: string, sub = ''): string[] {
  return readdirSync(join(dir, sub), { withFileTypes: true }).flatMap((e) => {
    const rel = sub ? `${sub}/${e.name}` : e.name;
    if (e.isDirectory()) return jsFiles(dir, rel);
    return e.name.endsWith('.js') ? [rel] : [];
  });
}

/** Measures the build in `dir` (an index.html and its assets). Throws when index.html loads no script. */
export function measureBundle(dir: string): BundleSize {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const queue = htmlScripts(html).map((u) => posix.normalize(u.replace(/^\.\//, '')));
  if (queue.length === 0) throw new Error(`${join(dir, 'index.html')} loads no module script`);
  const initial = new Set<string>();
  while (queue.length) {
    const file = queue.shift()!;
    if (initial.has(file)) continue;
    initial.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    for (const spec of staticImports(code)) queue.push(posix.join(posix.dirname(file), spec));
  }
  const all = jsFiles(dir).filter((f) => f !== 'sw.js' && !/^workbox-[\w-]+\.js$/.test(f));
  const sizes = new Map(all.map((f) => [f, size(dir, f)]));
  const initialSizes = [...initial].map((f) => sizes.get(f) ?? size(dir, f)).sort((a, b) => b.raw - a.raw);
  const sum = (list: ChunkSize[], k: 'raw' | 'gzip') => list.reduce((n, c) => n + c[k], 0);
  const everything = [...sizes.values()];
  return {
    initial: initialSizes,
    initialRaw: sum(initialSizes, 'raw'),
    initialGzip: sum(initialSizes, 'gzip'),
    totalRaw: sum(everything, 'raw'),
    totalGzip: sum(everything, 'gzip'),
    chunks: everything.length,
    worker: everything.filter((c) => /\.worker-[\w-]+\.js$/.test(c.file)),
  };
}

/** The desktop benchmark's figures (KB = 1024 bytes): the initial part against issue 17's goal. */
export function bundleFigures(b: BundleSize): Figure[] {
  const kib = (n: number) => n / 1024;
  const largest = b.initial
    .slice(0, 3)
    .map((c) => `${c.file.replace(/^assets\//, '')} ${kib(c.gzip).toFixed(0)} KB`)
    .join(', ');
  const worker = b.worker.reduce((n, c) => n + c.gzip, 0);
  return [
    {
      name: 'initial JS (gzipped)',
      value: kib(b.initialGzip),
      unit: 'KB',
      goal: '< 400',
      note: `index.html's entry script, its modulepreloads and their static imports: ${b.initial.length} files (largest gzipped: ${largest}); gzip level ${gzipLevel}; screens loaded on first use not counted`,
    },
    {
      name: 'initial JS (raw)',
      value: kib(b.initialRaw),
      unit: 'KB',
      note: `the same ${b.initial.length} files uncompressed (what the page parses before the first screen)`,
    },
    {
      name: 'all JS (raw)',
      value: kib(b.totalRaw),
      unit: 'KB',
      note: `${b.chunks} files, ${kib(b.totalGzip).toFixed(0)} KB gzipped: every screen and the search worker (${kib(worker).toFixed(0)} KB gzipped); the service worker's own scripts not counted`,
    },
  ];
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv[2] ?? join(import.meta.dirname, '..', 'out', 'renderer'));
  const b = measureBundle(dir);
  console.log(`initial JS: ${kb(b.initialRaw)} raw, ${kb(b.initialGzip)} gzipped, ${b.initial.length} files`);
  for (const c of b.initial) console.log(`  ${c.file}  ${kb(c.raw)} raw, ${kb(c.gzip)} gzipped`);
  console.log(`all JS: ${kb(b.totalRaw)} raw, ${kb(b.totalGzip)} gzipped, ${b.chunks} files`);
  for (const c of b.worker) console.log(`  worker ${c.file}  ${kb(c.raw)} raw, ${kb(c.gzip)} gzipped`);
}
