// Before `npm start`: the workspace UI served at /app is built from desktop/ once, on first start
// (a fresh clone has no build). `npm run build:web -w desktop` rebuilds it after changes.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(`${root}desktop/out/renderer/index.html`)) {
  console.log('Building the workspace UI for /app (first start only)...');
  const run = spawnSync('npm', ['run', 'build:web', '-w', 'desktop'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error('The UI build failed; the server starts anyway, without /app.');
  }
}
