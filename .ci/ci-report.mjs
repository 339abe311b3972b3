// CI's closing report, read from what `.ci/run` recorded: the time of each phase, the ten slowest test
// files of each test pass (from Vitest's JSON reports), the tests that failed, and the one last line CI
// reads, "N passed, N failed[, N skipped]", counting both test passes.
//
// Usage: node .ci/ci-report.mjs <phases.tsv> <main.json> <couchdb.json> <smoke failed 0|1>
//          <couchdb pass status> <main pass status> [<main file times> <couchdb file times>]
// phases.tsv holds one "name<TAB>seconds" line per phase, in the order they ran. The file times are
// what .ci/file-times-reporter.mjs wrote (each file's whole time, its beforeAll included); without
// them the slowest files are judged on Vitest's JSON report, which spans only the tests themselves.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';

const [phasesFile, mainJson, couchJson, smokeFailed, couchStatus, mainStatus, mainTimes, couchTimes] =
  process.argv.slice(2);

const read = (f) =>
  f && existsSync(f) && statSync(f).size ? JSON.parse(readFileSync(f, 'utf8')) : undefined;
const clock = (s) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;

function printPhases() {
  if (!phasesFile || !existsSync(phasesFile)) return;
  const rows = readFileSync(phasesFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t'))
    .map(([name, s, busy]) => [name, Number(s), busy]);
  const total = rows.reduce((a, [, s]) => a + s, 0);
  console.log("\n== phase times (and how busy the machine's cores were meanwhile)");
  for (const [name, s, busy] of rows)
    console.log(`${clock(s).padStart(7)}  ${busy ? `${busy.padStart(3)}% CPU  ` : ''}${name}`);
  console.log(`${clock(total).padStart(7)}  all phases`);
}

/**
 * How long each project (a group of files with its own worker count: vitest.groups.ts) held the
 * machine, from its first file's start to its last file's end, beside the sum of its files' times
 * (their ratio is how many files ran at once on average). Needs the reporter's wall-clock times.
 */
function printProjects(label, times) {
  const rows = (times ?? []).filter((t) => t.startedAt && t.endedAt);
  if (!rows.length) return;
  // Node 20 has no Map.groupBy.
  const byProject = new Map();
  for (const t of rows) byProject.set(t.project, [...(byProject.get(t.project) ?? []), t]);
  const first = Math.min(...rows.map((t) => t.startedAt));
  console.log(`\n== projects of the ${label}: from the pass's start, wall time, files' time`);
  const lines = [...byProject].map(([project, ts]) => {
    const start = Math.min(...ts.map((t) => t.startedAt));
    const end = Math.max(...ts.map((t) => t.endedAt));
    const sum = ts.reduce((a, t) => a + t.seconds, 0);
    return {
      start,
      text: `${clock((start - first) / 1000).padStart(7)} +${clock((end - start) / 1000).padStart(6)}  ${clock(sum).padStart(6)}  ${project} (${ts.length} files)`,
    };
  });
  for (const l of lines.sort((a, b) => a.start - b.start)) console.log(l.text);
}

/** Each file's time: the reporter's whole time when there is one, else the JSON report's span. */
function fileTimes(report, times) {
  if (times?.length) return times.map((t) => ({ file: t.file, s: t.seconds, n: t.tests }));
  return (report?.testResults ?? []).map((r) => ({
    file: r.name,
    s: (r.endTime - r.startTime) / 1000,
    n: r.assertionResults?.length ?? 0,
  }));
}

/** The ten files that took longest in a pass. */
function printSlowest(label, files) {
  if (!files.length) return;
  console.log(`\n== ten slowest files, ${label}`);
  for (const f of [...files].sort((a, b) => b.s - a.s).slice(0, 10))
    console.log(`${f.s.toFixed(1).padStart(7)} s  ${relative(process.cwd(), f.file)} (${f.n} tests)`);
}

/**
 * Every failed test of a pass with its file and the first line of its failure, so the end of CI's
 * output (all a reader may get of it) names what failed, not only how many.
 */
function printFailed(label, report, times) {
  const failed = (report?.testResults ?? []).flatMap((file) =>
    (file.assertionResults ?? [])
      .filter((t) => t.status === 'failed')
      .map((t) => ({ file: file.name, name: t.fullName ?? t.title, why: firstLine(t.failureMessages) })),
  );
  const broken = (report?.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed'),
  );
  if (!failed.length && !broken.length) return;
  console.log(`\n== failed, ${label}`);
  for (const f of failed) console.log(`  ${relative(process.cwd(), f.file)} > ${f.name}\n      ${f.why}`);
  // The JSON report keeps only a file's own errors; a describe block's beforeAll that failed is in the
  // reporter's failures of the file.
  const failuresOf = (file) => (times ?? []).find((t) => t.file === file)?.failures ?? [];
  for (const f of broken)
    console.log(
      `  ${relative(process.cwd(), f.name)} (the file failed)\n      ${firstLine([f.message || failuresOf(f.name)[0]])}`,
    );
}

/** The first line of a failure, without the terminal's colours, at most 300 characters. */
function firstLine(messages) {
  // eslint-disable-next-line no-control-regex
  const text = String(messages?.[0] ?? '').replace(/\u001b\[[0-9;]*m/g, '');
  return (text.split('\n').find((l) => l.trim()) ?? '').trim().slice(0, 300);
}

/**
 * The errors Vitest caught outside any test (an unhandled rejection, an error thrown after a test
 * ended): they fail a pass with every test passed, so they are named here with the file that was
 * running, or the end of CI's output would show only "1 failed".
 */
function printUnhandled(label, errors) {
  if (!errors?.length) return;
  console.log(`\n== unhandled errors, ${label}`);
  for (const e of errors) {
    const where = e.file
      ? ` (while ${relative(process.cwd(), e.file)}${e.test ? ` > ${e.test}` : ''} ran)`
      : '';
    console.log(`  ${firstLine([e.message])}${where}`);
    for (const line of e.stack.split('\n').slice(1)) console.log(`      ${line.trim()}`);
  }
}

// The reporter's file: {files, errors, reason}; an older one was the bare array of files.
const timesOf = (f) => {
  const t = read(f);
  return Array.isArray(t) ? { files: t, errors: [] } : { files: t?.files, errors: t?.errors ?? [] };
};
const passes = [read(mainJson), read(couchJson)];
const times = [timesOf(mainTimes), timesOf(couchTimes)];
printPhases();
printSlowest('main pass', fileTimes(passes[0], times[0].files));
printProjects('main pass', times[0].files);
printSlowest('CouchDB pass', fileTimes(passes[1], times[1].files));
printProjects('CouchDB pass', times[1].files);
printFailed('main pass', passes[0], times[0].files);
printFailed('CouchDB pass', passes[1], times[1].files);
printUnhandled('main pass', times[0].errors);
printUnhandled('CouchDB pass', times[1].errors);

let passed = 0;
let failed = Number(smokeFailed) || 0;
let skipped = 0;
for (const r of passes) {
  if (!r) continue;
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
// A pass that failed with no failed test to show (the kit did not start, an unhandled error outside
// the tests, which Vitest's JSON report does not count) counts as one failed.
if (couchStatus !== '0' && !(passes[1]?.numFailedTests > 0)) failed += 1;
if (mainStatus !== '0' && !(passes[0]?.numFailedTests > 0)) failed += 1;
if (!passes[0]) failed = Math.max(failed, 1);
console.log('');
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
