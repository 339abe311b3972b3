// The benchmark's bundle figures count what a cold start loads: index.html's entry script and
// modulepreloads and everything they import statically, but not a screen behind a dynamic import(),
// not a plain (non-module) script, and not the service worker's own files in the total.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleFigures, htmlScripts, measureBundle, staticImports } from '../bench/bundle-size';

const dir = mkdtempSync(join(tmpdir(), 'bundle-size-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A minified-looking chunk of `size` bytes starting with `head`. */
const chunk = (head: string, size: number) => head + ';' + 'x'.repeat(Math.max(0, size - head.length - 1));
const files: Record<string, string> = {
  'index.html': `<!doctype html><html><head>
    <script type="module" crossorigin src="./assets/index-A1.js"></script>
    <link rel="modulepreload" crossorigin href="./assets/vendor-B2.js">
    <link rel="stylesheet" href="./assets/index-C3.css">
    <script src="./legacy.js"></script>
  </head><body></body></html>`,
  'assets/index-A1.js': chunk(
    'import{a as e,b as t}from"./shared-D4.js";import"./side-E5.js";const S=()=>import("./Settings-F6.js")',
    3000,
  ),
  'assets/vendor-B2.js': chunk('export const v=1', 2000),
  'assets/shared-D4.js': chunk('export*from"./deep-G7.js";export{x as a,y as b}', 1000),
  'assets/side-E5.js': chunk('globalThis.z=1', 500),
  'assets/deep-G7.js': chunk('export const q=2', 400),
  'assets/Settings-F6.js': chunk('import{a as e}from"./shared-D4.js"', 5000),
  'assets/search.worker-H8.js': chunk('self.onmessage=()=>{}', 700),
  'legacy.js': chunk('var old=1', 100),
  'sw.js': chunk('importScripts("./workbox-abc123.js")', 4000),
  'workbox-abc123.js': chunk('var w=1', 6000),
};
for (const [name, text] of Object.entries(files)) {
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(join(dir, name), text);
}

describe('bundle size figures', () => {
  it('reads the module scripts and modulepreloads of index.html', () => {
    expect(htmlScripts(files['index.html']!)).toEqual(['./assets/index-A1.js', './assets/vendor-B2.js']);
  });

  it('tells static imports and re-exports from dynamic imports', () => {
    expect(staticImports(files['assets/index-A1.js']!)).toEqual(['./shared-D4.js', './side-E5.js']);
    expect(staticImports(files['assets/shared-D4.js']!)).toEqual(['./deep-G7.js']);
  });

  it('counts the entry, its preloads and static imports as initial; the lazy screen only in the total', () => {
    const b = measureBundle(dir);
    const initial = ['index-A1', 'vendor-B2', 'shared-D4', 'side-E5', 'deep-G7'].map((n) => `assets/${n}.js`);
    expect(b.initial.map((c) => c.file).sort()).toEqual(initial.sort());
    expect(b.initialRaw).toBe(3000 + 2000 + 1000 + 500 + 400);
    const gz = (name: string) => gzipSync(Buffer.from(files[name]!), { level: 9 }).length;
    expect(b.initialGzip).toBe(initial.reduce((n, f) => n + gz(f), 0));
    // Every JS file but the service worker's: the lazy screen, the worker and the plain script too.
    expect(b.totalRaw).toBe(6900 + 5000 + 700 + 100);
    expect(b.chunks).toBe(8);
    expect(b.worker.map((c) => c.file)).toEqual(['assets/search.worker-H8.js']);
  });

  it('reports the initial gzipped size against the 400 KB goal', () => {
    const [gzipped, raw, all] = bundleFigures(measureBundle(dir));
    expect(gzipped).toMatchObject({ name: 'initial JS (gzipped)', unit: 'KB', goal: '< 400' });
    expect(raw).toMatchObject({ name: 'initial JS (raw)', value: 6900 / 1024 });
    expect(all).toMatchObject({ name: 'all JS (raw)', value: 12_700 / 1024 });
  });

  it('fails with a readable message when index.html loads no module', () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'index.html'), '<html><body>no scripts</body></html>');
    expect(() => measureBundle(empty)).toThrow(/index\.html loads no module script/);
  });
});
