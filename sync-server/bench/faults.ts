// `npx tsx bench/faults.ts [--quick | --smoke] [--only=1,4]` in sync-server/ (also run by `npm run bench -w
// sync-server`): the fault suite (issue #8, "Faults"). Each scenario breaks one thing while the server
// works and counts what was lost (goal: zero):
//   1. kill -9 of the server mid-push      2. kill -9 mid-pull          3. the store restarted under load
//   4. Telegram answering 429/500/timeouts  5. the LLM slow, failing, with malformed tool calls
//   6. a desktop offline for a day of edits 7. the disk full while writing (tmpfs; simulated if no mount)
// Each scenario has its own server process(es), fake servers and temp folders; one that fails becomes
// an error row and the others still run. The full run goes one scenario at a time; --quick runs two
// lanes at once; --smoke runs only scenarios 1 and 7, side by side, at quick sizes (the others
// take 20 s or more, mostly waiting out timeouts: too long for a smoke run of under 2 minutes). Children are killed and tmpfs mounts undone on exit, however it comes. Writes
// bench/results/faults[-mode].json (the shape of the other benches) and prints a table of the counts.
// `--couchdb[=<url>]`: every scenario's servers on Apache CouchDB (backend.ts), each on a fresh
// database prefix; scenario 3 kills -9 and restarts a CouchDB kit of its own, scenario 7 fills the
// disk under a kit of its own; results in faults-couchdb[-mode].json.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchMode, newReport, printReport, resultsFile } from '@app/shared/bench';
import { openBackend } from './backend';
import { diskFull } from './faults/disk-full';
import { errorRow, setupRetries, stray, type FaultFigure, type ScenarioContext } from './faults/harness';
import { killMidPull, killMidPush } from './faults/kill-push-pull';
import { llmFaults } from './faults/llm';
import { offlineDesktop } from './faults/offline-desktop';
import { storeRestartUnderLoad } from './faults/store-restart';
import { telegramFaults } from './faults/telegram';

const mode = benchMode();
const quick = mode !== 'full';
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',')
  .map(Number);

const scenarios: { n: number; name: string; run: (ctx: ScenarioContext) => Promise<FaultFigure[]> }[] = [
  { n: 1, name: '1. kill -9 mid-push', run: killMidPush },
  { n: 2, name: '2. kill -9 mid-pull', run: killMidPull },
  { n: 3, name: '3. store restarted under load', run: storeRestartUnderLoad },
  { n: 4, name: '4. Telegram 429/500/timeouts', run: telegramFaults },
  { n: 5, name: '5. LLM slow/5xx/malformed tool calls', run: llmFaults },
  { n: 6, name: '6. desktop offline for a day of edits', run: offlineDesktop },
  { n: 7, name: '7. disk full while writing', run: diskFull },
];

// --quick runs two lanes at once to stay near 2 minutes (scenario 4 mostly waits for the sender's
// 30 s timeout); the full run goes one scenario at a time, so its times are not inflated.
const lanes =
  mode === 'smoke'
    ? [[1], [7]]
    : quick
      ? [
          [4, 5, 3],
          [1, 2, 6, 7],
        ]
      : [[1, 2, 3, 4, 5, 6, 7]];

const backend = await openBackend();
const report = newReport(`faults: what each fault loses${backend.title}${quick ? ` (${mode})` : ''}`);
const rows = new Map<number, FaultFigure[]>();
const t0 = performance.now();
await Promise.all(
  lanes.map(async (lane) => {
    for (const n of lane) {
      const s = scenarios.find((x) => x.n === n)!;
      if (only && !only.includes(n)) continue;
      const started = performance.now();
      const log = (message: string) => console.error(`[faults ${n}] ${message}`);
      log('start');
      try {
        rows.set(n, await s.run({ quick, log }));
      } catch (e) {
        log(`failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        rows.set(n, [errorRow(s.name, e)]);
      }
      log(`done in ${Math.round((performance.now() - started) / 1000)} s`);
    }
  }),
);
for (const n of [...rows.keys()].sort((a, b) => a - b)) report.figures.push(...rows.get(n)!);
report.figures.push({
  name: 'wall time of the suite',
  value: (performance.now() - t0) / 1000,
  unit: 's',
  ...(quick ? { goal: '<= 120' } : {}),
  note:
    (quick ? 'two scenarios at a time (times inflated); ' : 'one scenario at a time; ') +
    (stray.count
      ? `${stray.count} stray client errors in the bench process; last: ${stray.last}`
      : 'no stray errors') +
    (setupRetries.length
      ? `; set-up: ${setupRetries.length} registrations failed and were tried again (${setupRetries[0]})`
      : ''),
});

await backend.close();
// A partial run (--only) prints its rows but leaves the last whole run's JSON alone.
const dir = join(dirname(fileURLToPath(import.meta.url)), 'results');
const out = resultsFile(dir, `faults${backend.suffix}`, mode);
printReport(report, only ? undefined : out);
printScenarioTable(report.figures as FaultFigure[]);
process.exit(0);

/** The same rows as one table of the counts the issue asks for (the standard keys of `details`). */
function printScenarioTable(rows: FaultFigure[]): void {
  const lines = [
    '| scenario | written / sent | present after recovery | lost | duplicates | failed with reason | recover s |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    if (!r.details) continue;
    const d = (k: string) => (r.details?.[k] === undefined ? '' : String(r.details[k]));
    const lost = Number.isNaN(r.value) ? 'ERROR' : String(r.value);
    lines.push(
      `| ${r.name} | ${d('written')} | ${d('present')} | ${lost} | ${d('duplicates')} | ${d('failedWithReason')} | ${d('recoverSeconds')} |`,
    );
  }
  console.log('\n' + lines.join('\n') + '\n');
}
