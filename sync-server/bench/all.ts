// `npm run bench -w sync-server [-- --quick]`: the sync benchmarks (run.ts), then inbound to
// sendMessage (channels.ts), each in its own process.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
for (const file of ['bench/run.ts', 'bench/channels.ts']) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', file, ...process.argv.slice(2)], {
    cwd: serverDir,
    stdio: 'inherit',
  });
  if (run.status !== 0) process.exitCode = run.status ?? 1;
}
