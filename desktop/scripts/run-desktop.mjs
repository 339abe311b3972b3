// `npm run desktop`: builds the app and starts Electron against the local server.
// Electron's binary is fetched by its install script, which `allowScripts` in the root package.json
// skips; run it here on first use. On machines without internet access this fails with a clear note.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const pathFile = join(electronDir, 'path.txt');
const binaryPresent = () =>
  existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()));

if (!binaryPresent()) {
  console.log('Electron binary missing: running node_modules/electron/install.js to download it...');
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' });
  if (r.status !== 0 || !binaryPresent()) {
    console.error(
      '\nCould not download Electron (no internet access?). The same workspace runs in a browser:\n' +
        '  npm start            # then open http://localhost:8080/app\n',
    );
    process.exit(1);
  }
}
const build = spawnSync(process.execPath, [join(import.meta.dirname, 'electron-vite.mjs'), 'build'], {
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);
const electron = require('electron');
const run = spawnSync(electron, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 0);
