// The backends report (all.ts writes it as backends[-mode].json): every figure of a suite's embedded
// run beside the same figure of its CouchDB run (`<suite>-couchdb[-mode].json`), the value being
// CouchDB's and the baseline the embedded store's, so the report's ratio is CouchDB / embedded. Goals
// are judged in the CouchDB suites' own reports, not again here; but a CouchDB run that did not report
// (no kit, a failure) leaves its rows "not measured" with the embedded run's goals, so that the
// headline counts them as not measured, and so does a scaling bench that wrote nothing.
// `npx tsx bench/backends-report.ts [--quick | --smoke]` prints it from the results there are.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  benchMode,
  newReport,
  printReport,
  resultsFile,
  type BenchMode,
  type BenchReport,
  type Figure,
} from '@app/shared/bench';

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));

/** Fault rows are matched by their scenario number (their names say how the fault was made). */
const keyOf = (suite: string, f: Figure) =>
  suite === 'faults' ? (/^(\d+b?)\./.exec(f.name)?.[1] ?? f.name) : f.name;

export function backendsReport(o: {
  mode: BenchMode;
  /** Results files older than this (ms since the epoch) do not count. */
  since: number;
  suites: string[];
  /** Whether the scaling bench was to run. */
  scaling: boolean;
  /** Why a suite's CouchDB run (or 'scaling') did not report, when known. */
  notMeasured: Map<string, string>;
}): BenchReport {
  const fresh = (name: string): BenchReport | undefined => {
    const path = resultsFile(resultsDir, name, o.mode);
    if (!existsSync(path) || statSync(path).mtimeMs < o.since) return undefined;
    return JSON.parse(readFileSync(path, 'utf8')) as BenchReport;
  };
  const report = newReport(
    `backends: embedded store vs Apache CouchDB 3.5 (single node; scaling on the 3-node cluster)${o.mode === 'full' ? '' : ` (${o.mode})`}`,
  );
  for (const suite of o.suites) {
    const embedded = fresh(suite);
    const couch = fresh(`${suite}-couchdb`);
    const why = couch ? undefined : (o.notMeasured.get(suite) ?? `${suite} on CouchDB wrote no report`);
    const couchByKey = new Map((couch?.figures ?? []).map((f) => [keyOf(suite, f), f]));
    for (const e of embedded?.figures ?? []) {
      const c = couchByKey.get(keyOf(suite, e));
      if (c) {
        report.figures.push({
          name: `${suite}: ${c.name}`,
          value: c.value,
          unit: c.unit,
          ...(c.runs ? { runs: c.runs } : {}),
          ...(c.spread === undefined ? {} : { spread: c.spread }),
          ...(c.invalid ? { invalid: c.invalid } : {}),
          baseline: { name: 'embedded store', value: e.value },
          note: `on CouchDB${c.goal ? ` (goal ${c.goal}, judged in ${suite}-couchdb)` : ''}; ratio CouchDB / embedded`,
        });
      } else if (why) {
        report.figures.push({
          name: `${suite}: ${e.name}`,
          value: Number.NaN,
          unit: e.unit,
          ...(e.goal ? { goal: e.goal } : {}),
          invalid: `not measured on CouchDB: ${why}`,
          baseline: { name: 'embedded store', value: e.value },
        });
      }
    }
  }
  if (o.scaling && !fresh('scaling')) {
    report.figures.push({
      name: 'scaling: two processes / one process',
      value: Number.NaN,
      unit: '×',
      goal: '>= 1.7',
      invalid: `not measured: ${o.notMeasured.get('scaling') ?? 'scaling.ts wrote no report'}`,
    });
  }
  return report;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const mode = benchMode();
  const suites = ['sync-server', 'channels', 'load', 'burst', 'faults'];
  printReport(backendsReport({ mode, since: 0, suites, scaling: mode !== 'smoke', notMeasured: new Map() }));
}
