// `npm run bench -w sync-server [-- --quick]`: the sync benchmarks (run.ts), inbound to sendMessage
// (channels.ts), 50 and 200 replicating clients (load.ts), a burst of customer messages (burst.ts),
// hostile input on every route (fuzz.ts), faults and what each loses (faults.ts), each in its own
// process.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
for (const file of [
  'bench/run.ts',
  'bench/channels.ts',
  'bench/load.ts',
  'bench/burst.ts',
  'bench/fuzz.ts',
  'bench/faults.ts',
]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', file, ...process.argv.slice(2)], {
    cwd: serverDir,
    stdio: 'inherit',
  });
  if (run.status !== 0) process.exitCode = run.status ?? 1;
}
