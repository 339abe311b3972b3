// The sync server as one ES module (sync-server/out/server.mjs), built by esbuild from sync-server,
// shared and bot's TypeScript when missing or older than those sources. `npm start` runs it, and so do
// the tests and benchmarks that start the server as a child process: a start then loads one file and
// the packages in node_modules, not ~1,100 modules one by one through tsx's loader hooks (about 4½ s
// less CPU per start on this 2-core machine; every desktop e2e file starts one).
//
// What the bundle keeps as it was:
// - third-party packages stay imports of node_modules (never bundled), each resolved as the source
//   file that imports it would resolve it: a package a workspace keeps in its own node_modules (a
//   version of its own) is imported by that file's path;
// - `import.meta.url` and `import.meta.dirname` stay those of the source file they are written in, so
//   the worker entries found through them (knowledge parsing, backup checks, the embedded store's
//   own process) are the same TypeScript files, run by tsx as before.
//
// `node sync-server/scripts/server-build.mjs` builds when stale; `ensureServerBuild()` does the same from a test.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outDir = join(root, 'sync-server', 'out');
/**
 * The entries built, by the name of their bundle: the server as main.ts starts it, and the same server
 * open to fakes on loopback (sync-server/test/loopback-server-cli.ts, for the desktop e2e suite).
 */
const entries = {
  server: 'sync-server/src/main.ts',
  'loopback-server': 'sync-server/test/loopback-server-cli.ts',
};
const bundle = (name) => join(outDir, `${name}.mjs`);
const inputs = [
  'sync-server/src',
  'shared/src',
  'bot/src',
  'sync-server/scripts/server-build.mjs',
  entries['loopback-server'],
].map((p) => join(root, p));

/** The newest modification time of a file, or of anything in a folder (0 when missing). */
export function newestMtime(path) {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, e)));
  return newest;
}

export function serverBuildIsFresh() {
  const built = Math.min(
    ...Object.keys(entries).map((name) => statSync(bundle(name), { throwIfNoEntry: false })?.mtimeMs ?? 0),
  );
  return built > 0 && inputs.every((p) => newestMtime(p) <= built);
}

/** The folder of the package (the nearest package.json) a source file belongs to. */
function packageDir(file) {
  let dir = dirname(file);
  while (dir !== root && !existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

const packageName = (spec) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');
const syncServerDir = join(root, 'sync-server');

/** esbuild plugin: third-party imports stay imports; each source keeps its own import.meta. */
const keepPlaces = {
  name: 'keep-places',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      // The workspace packages (@app/*) are bundled; node: builtins and the inner lookup below are
      // esbuild's own.
      if (args.pluginData === 'inner' || args.path.startsWith('@app/') || args.path.startsWith('node:')) {
        return undefined;
      }
      const pkg = packageDir(args.importer);
      // The bundle sits in sync-server/out, so a bare import from it finds sync-server's packages;
      // another workspace's own copy is imported by its path.
      if (pkg !== syncServerDir && existsSync(join(pkg, 'node_modules', packageName(args.path)))) {
        const found = await b.resolve(args.path, {
          resolveDir: args.resolveDir,
          kind: args.kind,
          pluginData: 'inner',
        });
        if (found.errors.length) return { errors: found.errors };
        return { path: pathToFileURL(found.path).href, external: true };
      }
      return { path: args.path, external: true };
    });
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = (await readFile(args.path, 'utf8'))
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)));
      return { contents: text, loader: 'ts' };
    });
  },
};

/**
 * Builds the bundles when missing or stale and returns the path of the one named (`server` unless
 * told). Parallel callers (test
 * workers) may each build; each writes files of its own and renames them into place, so a reader
 * never sees half a bundle.
 */
export async function ensureServerBuild(name = 'server') {
  if (serverBuildIsFresh()) return bundle(name);
  const { outputFiles } = await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([out, src]) => [out, join(root, src)])),
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'external',
    sourcesContent: false,
    plugins: [keepPlaces],
    logLevel: 'warning',
  });
  mkdirSync(outDir, { recursive: true });
  for (const file of outputFiles) {
    const map = file.path.endsWith('.map');
    const text = map ? file.text : `${file.text}//# sourceMappingURL=${basename(file.path)}.map\n`;
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file.path);
  }
  return bundle(name);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await ensureServerBuild();
