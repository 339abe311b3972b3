// `tsx bench/couchdb-cost.ts [--smoke | --quick] [--baseline=<git ref>]`: what one customer message
// costs Apache CouchDB, this code against the code before issue 36 (or `--baseline`), in one run on
// one CouchDB 3.5 kit started here: the Telegram channels bench (channels.ts --fast-llm-only, instant
// fake LLM) runs on the baseline's server and then on this one, alternately (`--quick`: twice each),
// each measured by the same bench files (this tree's channels.ts, couch-stats.ts, store-requests.ts,
// process-cpu.ts, copied over the baseline's), on CouchDB's own counters: the HTTP requests it served
// and its node's CPU per message (new and returning customers). The report gives each figure with the
// baseline's and their ratio; the goals are issue 36's: at most 9 requests per message, and CPU per
// message at most half the baseline's. Results: bench/results/couchdb-cost[-mode].json and .md.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  benchMode,
  median,
  repeated,
  newReport,
  printReport,
  resultsFile,
  toMarkdown,
  type BenchReport,
  type Figure,
} from '@app/shared/bench';
import { startGuardedKit } from './backend';

/** The code when issue 36 was filed (before its first commit, 14fcb79). */
const DEFAULT_BASELINE = '56e41b6';
const mode = benchMode();
const reps = mode === 'smoke' ? 1 : 2;
const baselineRef =
  process.argv.find((a) => a.startsWith('--baseline='))?.slice('--baseline='.length) ?? DEFAULT_BASELINE;
const repo = resolve(import.meta.dirname, '../..');
/** What measures: the same files in both trees. */
const measuring = ['channels.ts', 'couch-stats.ts', 'store-requests.ts', 'process-cpu.ts'];

/** The baseline's tree in a temp folder, on this tree's installed packages, with this tree's measuring files. */
function baselineTree(ref: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'couchdb-cost-'));
  const unpacked = spawnSync('sh', ['-c', `git -C "${repo}" archive "${ref}" | tar -x -C "${dir}"`], {
    stdio: 'inherit',
  });
  if (unpacked.status !== 0) throw new Error(`could not unpack ${ref}`);
  // The third-party packages are this tree's; the workspaces' own are the baseline's.
  mkdirSync(join(dir, 'node_modules/@app'), { recursive: true });
  for (const entry of readdirSync(join(repo, 'node_modules')))
    if (entry !== '@app') symlinkSync(join(repo, 'node_modules', entry), join(dir, 'node_modules', entry));
  for (const ws of ['bot', 'desktop', 'shared', 'sync-server']) {
    symlinkSync(`../../${ws}`, join(dir, 'node_modules/@app', ws));
    const own = join(repo, ws, 'node_modules');
    if (readdirSync(join(repo, ws)).includes('node_modules')) symlinkSync(own, join(dir, ws, 'node_modules'));
  }
  for (const f of measuring)
    copyFileSync(join(repo, 'sync-server/bench', f), join(dir, 'sync-server/bench', f));
  return dir;
}

/** One channels bench on `tree`'s server against the kit: its report. */
function channelsRun(tree: string, couchUrl: string, kitDir: string): BenchReport {
  const out = join(mkdtempSync(join(tmpdir(), 'couchdb-cost-run-')), 'channels.json');
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bench/channels.ts', `--${mode}`, '--fast-llm-only', `--couchdb=${couchUrl}`],
    {
      cwd: join(tree, 'sync-server'),
      env: { ...process.env, BENCH_RESULT: out, COUCHDB_KIT_DIR: kitDir },
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 1_800_000,
    },
  );
  if (run.status !== 0) throw new Error(`the channels bench failed in ${tree} (${run.status ?? run.signal})`);
  return JSON.parse(readFileSync(out, 'utf8')) as BenchReport;
}

const figureOf = (r: BenchReport, suffix: string) =>
  r.figures.find((f) => f.name === `instant fake LLM: ${suffix}`)?.value ?? NaN;

const measured = [
  { key: "CouchDB requests per message (CouchDB's count)", unit: 'requests', goal: '<= 9' },
  { key: 'CouchDB CPU per message', unit: 'ms' },
  {
    key: 'CouchDB docs written per message',
    unit: 'docs',
    note: 'document_writes: what CPU follows once requests are few',
  },
  {
    key: 'CouchDB docs read per message',
    unit: 'docs',
    note: 'database_reads: by id, query, _all_docs and feeds',
  },
  { key: 'store requests per message', unit: 'requests', note: "the server's nano requests, new customers" },
  { key: 'pipeline throughput', unit: 'msg/s' },
] as const;

async function main(): Promise<BenchReport> {
  const kit = await startGuardedKit(1);
  const trees = { baseline: baselineTree(baselineRef), current: repo };
  const runs: Record<keyof typeof trees, BenchReport[]> = { baseline: [], current: [] };
  try {
    for (let i = 0; i < reps; i++)
      for (const side of ['baseline', 'current'] as const) {
        console.error(`couchdb-cost: ${side} run ${i + 1} of ${reps}`);
        runs[side].push(channelsRun(trees[side], kit.url, kit.dir));
      }
  } finally {
    rmSync(trees.baseline, { recursive: true, force: true });
    await kit.stop();
  }
  const report = newReport(
    `CouchDB cost per customer message: this code against ${baselineRef} (one kit, one run)`,
  );
  const valueOf = (side: keyof typeof trees, key: string) => median(runs[side].map((r) => figureOf(r, key)));
  for (const m of measured) {
    const figure: Figure = {
      name: m.key,
      // The median of this code's runs with their spread (a figure given runs without one showed 0%).
      ...repeated(runs.current.map((r) => figureOf(r, m.key))),
      unit: m.unit,
      baseline: { name: baselineRef, value: valueOf('baseline', m.key) },
      ...('goal' in m ? { goal: m.goal } : {}),
      ...('note' in m ? { note: m.note } : {}),
    };
    report.figures.push(figure);
  }
  const cpu = report.figures.find((f) => f.name === 'CouchDB CPU per message')!;
  report.figures.push({
    name: 'CouchDB CPU per message, this code / baseline',
    value: cpu.value / cpu.baseline!.value,
    unit: '×',
    goal: '<= 0.5',
  });
  return report;
}

const report = await main();
const file = resultsFile(new URL('./results/', import.meta.url).pathname, 'couchdb-cost', mode);
printReport(report, file);
writeFileSync(file.replace(/\.json$/, '.md'), toMarkdown(report) + '\n');
process.exit(0);
