// `npm run bench -w sync-server [-- --quick | --smoke]`: the sync benchmarks (run.ts), inbound to
// sendMessage (channels.ts), replicating clients (load.ts), a burst of customer messages (burst.ts),
// hostile input on every route (fuzz.ts), faults and what each loses (faults.ts), hostile knowledge
// uploads while other clients use the server (hostile-uploads.ts), hostile JSON bodies (huge arrays)
// through the gateway, the REST API and restore while /healthz is polled (hostile-bodies.ts), an event request through the events
// pack's Maestro against a plain answer (events.ts), each in its own
// process, one at a time so their figures do not disturb each other. A smoke run (which only checks
// that each starts and reports) runs two at a time to stay within a few minutes.
//
// Then the backend-sensitive ones again on Apache CouchDB 3.5: a single-node kit (../shared/couchdb,
// through test/couchdb-kit.ts) started once for them and stopped at the end, each bench on database
// prefixes of its own (`--couchdb=<url>`, backend.ts), and the scaling bench (scaling.ts: one vs two
// server processes) on a 3-node kit of its own. A smoke run does only the smallest run.ts on CouchDB.
// backends[-mode].json puts every figure of both runs side by side, CouchDB / embedded as the ratio.
// Without the kit (or when a CouchDB run fails) its rows say "not measured", carrying the goals the
// embedded run had (and the scaling goal), so the report counts them as not measured.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { benchMode, printReport, resultsFile } from '@app/shared/bench';
import { kitScript, type Kit } from '../test/couchdb-kit';
import { startGuardedKit } from './backend';
import { backendsReport } from './backends-report';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
const args = process.argv.slice(2);
const mode = benchMode(args);
const startedAt = Date.now();
const files = [
  'bench/run.ts',
  'bench/channels.ts',
  'bench/load.ts',
  'bench/burst.ts',
  // On CouchDB always (a kit of its own): first replies and their CouchDB cost (issue 65).
  'bench/first-replies.ts',
  'bench/fuzz.ts',
  'bench/faults.ts',
  'bench/hostile-uploads.ts',
  'bench/hostile-bodies.ts',
  'bench/events.ts',
];
/** Benches run again on CouchDB, and the name of their results file. */
const onCouch: { file: string; suite: string }[] = (
  mode === 'smoke'
    ? [['bench/run.ts', 'sync-server']]
    : [
        ['bench/run.ts', 'sync-server'],
        ['bench/channels.ts', 'channels'],
        ['bench/load.ts', 'load'],
        ['bench/burst.ts', 'burst'],
        ['bench/faults.ts', 'faults'],
      ]
).map(([file, suite]) => ({ file: file!, suite: suite! }));
const scaling = mode === 'smoke' ? undefined : 'bench/scaling.ts';
const lanes = mode === 'smoke' ? 2 : 1;

function runFile(file: string, extra: string[] = []): Promise<number> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args, ...extra], {
      cwd: serverDir,
      stdio: 'inherit',
    });
    // A SIGTERM to this process (the bench driver's time limit) reaches the bench, whose exit
    // handlers stop the servers and CouchDB kits it started.
    const forward = () => child.kill('SIGTERM');
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGTERM', forward);
      done(code ?? (signal ? 128 : 1));
    });
  });
}

/** Why each CouchDB run did not report, by suite. */
const notMeasured = new Map<string, string>();
let kit: Promise<Kit> | undefined;
const noKit = existsSync(kitScript) ? undefined : `no CouchDB kit at ${kitScript}`;

type Job = { file: string; couch?: string };
const queue: Job[] = [
  ...files.map((file) => ({ file })),
  ...onCouch.map((c) => ({ file: c.file, couch: c.suite })),
];
if (scaling) queue.push({ file: scaling, couch: 'scaling' });
process.once('SIGTERM', () => {
  queue.length = 0;
});

await Promise.all(
  Array.from({ length: lanes }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      let extra: string[] = [];
      if (job.couch) {
        if (noKit) {
          notMeasured.set(job.couch, noKit);
          continue;
        }
        if (job.couch !== 'scaling') {
          kit ??= startGuardedKit(1);
          const url = await kit.then(
            (k) => k.url,
            (e: unknown) => {
              notMeasured.set(job.couch!, `the CouchDB kit did not start: ${String(e).slice(0, 200)}`);
              return undefined;
            },
          );
          if (!url) continue;
          extra = [`--couchdb=${url}`];
        }
      }
      const status = await runFile(job.file, extra);
      if (status !== 0) {
        console.error(`bench: ${job.file}${job.couch ? ' on CouchDB' : ''} exited with ${status}`);
        process.exitCode = status;
        if (job.couch) notMeasured.set(job.couch, `${job.file} on CouchDB exited with ${status}`);
      }
    }
  }),
);
if (kit) await (await kit.catch(() => undefined))?.stop();

printReport(
  backendsReport({
    mode,
    since: startedAt,
    suites: onCouch.map((c) => c.suite),
    scaling: !!scaling,
    notMeasured,
  }),
  resultsFile(resultsDir, 'backends', mode),
);
