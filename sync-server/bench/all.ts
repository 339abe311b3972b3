// `npm run bench -w sync-server [-- --quick | --smoke]`: the sync benchmarks (run.ts), inbound to
// sendMessage (channels.ts), replicating clients (load.ts), a burst of customer messages (burst.ts),
// hostile input on every route (fuzz.ts), faults and what each loses (faults.ts), hostile knowledge
// uploads while other clients use the server (hostile-uploads.ts), each in its own
// process, one at a time so their figures do not disturb each other. A smoke run (which only checks
// that each starts and reports) runs two at a time to stay within a few minutes.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const files = [
  'bench/run.ts',
  'bench/channels.ts',
  'bench/load.ts',
  'bench/burst.ts',
  'bench/fuzz.ts',
  'bench/faults.ts',
  'bench/hostile-uploads.ts',
];
const args = process.argv.slice(2);
const lanes = args.includes('--smoke') ? 2 : 1;

function runFile(file: string): Promise<number> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
      cwd: serverDir,
      stdio: 'inherit',
    });
    child.on('exit', (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
}

const queue = [...files];
await Promise.all(
  Array.from({ length: lanes }, async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const status = await runFile(file);
      if (status !== 0) {
        console.error(`bench: ${file} exited with ${status}`);
        process.exitCode = status;
      }
    }
  }),
);
