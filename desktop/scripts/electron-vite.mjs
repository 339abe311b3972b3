// Runs the electron-vite CLI through node, so the build does not depend on the executable bit of
// node_modules/.bin/electron-vite (installs that skip scripts may leave it unset).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const root = dirname(require.resolve('electron-vite/package.json'));
await import(pathToFileURL(join(root, 'bin', 'electron-vite.js')).href);
