// `npm run bench [-- --quick | --smoke] [--timeout=<s>]`: runs the benchmark of every workspace that
// has one (each under a time limit), then gathers the JSON each wrote under <workspace>/bench/results/
// into bench/results/latest.json and bench/REPORT.md (a smoke run: bench/results/smoke.json and
// smoke.md, leaving the report alone). Exits 1 when a workspace failed or a goal was not measured,
// 2 when goals were missed (see bench-report.mjs).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accountGoals, exitCode, headline, renderReport } from './bench-report.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const args = process.argv.slice(2);
const mode = args.includes('--smoke') ? 'smoke' : args.includes('--quick') ? 'quick' : 'full';
/**
 * Per workspace; a smoke run takes a few minutes in all (up to 3 for sync-server on an idle machine),
 * its limit only catches a hang: 10 minutes, as machines of one kind differ up to 3× in speed (a
 * fresh-clone CI on a loaded machine took sync-server past 5). A quick run of sync-server runs its
 * benches on both backends (~25 minutes).
 */
const timeoutS = Number(
  /--timeout=(\d+)/.exec(args.join(' '))?.[1] ?? { smoke: 600, quick: 2400, full: 14_400 }[mode],
);
const benchArgs = args.filter((a) => !a.startsWith('--timeout='));
const startedAt = Date.now();

/** Runs one workspace's bench in its own process group, killed whole when the time is up. */
function runWorkspace(ws) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn('npm', ['run', 'bench', '-w', ws, '--', ...benchArgs], {
      stdio: 'inherit',
      cwd: root,
      detached: true,
    });
    // Its own process group (so a timeout stops the servers it started too) is out of the terminal's
    // reach: Ctrl-C here stops it as well.
    const stop = (signal) => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    process.once('SIGINT', stop).once('SIGTERM', stop);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`bench: ${ws} still running after ${timeoutS} s: stopped`);
      // SIGTERM first, so benches stop what lives outside the group (CouchDB kits run in sessions
      // of their own); whatever is left 20 s later is killed.
      const kill = (signal) => {
        try {
          process.kill(-child.pid, signal);
        } catch {
          // already gone
        }
      };
      kill('SIGTERM');
      setTimeout(() => kill('SIGKILL'), 20_000);
    }, timeoutS * 1000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer); // a SIGKILL on its way still reaches what the group left behind
      process.off('SIGINT', stop).off('SIGTERM', stop);
      resolve({
        workspace: ws,
        status: code ?? (signal ? 128 : 1),
        ...(timedOut ? { timedOut } : {}),
        seconds: (Date.now() - t0) / 1000,
      });
    });
  });
}

const benched = pkg.workspaces.filter(
  (ws) => JSON.parse(readFileSync(join(root, ws, 'package.json'), 'utf8')).scripts?.bench,
);
/**
 * A smoke run only checks that each benchmark starts and reports (its figures are not judged), so the
 * workspaces run side by side: on two cores shared's, sync-server's and desktop's took 41, 113 and
 * 21 s one after another. A measuring run takes them one at a time, so that none disturbs another.
 */
const runs = [];
if (mode === 'smoke') {
  console.log(`\n## ${benched.join(', ')}, side by side\n`);
  runs.push(...(await Promise.all(benched.map(runWorkspace))));
} else {
  for (const ws of benched) {
    console.log(`\n## ${ws}\n`);
    runs.push(await runWorkspace(ws));
  }
}

// Reports of this mode written during this run only, so a stale file never passes for a fresh figure.
const ofMode = (file) =>
  mode === 'full'
    ? !/-(quick|smoke)\.json$/.test(file)
    : file.endsWith(`-${mode}.json`) || !/-(quick|smoke)\.json$/.test(file);
const reports = [];
for (const ws of pkg.workspaces) {
  const dir = join(root, ws, 'bench', 'results');
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && ofMode(f))) {
    const path = join(dir, file);
    if (statSync(path).mtimeMs < startedAt) continue;
    try {
      reports.push({ workspace: ws, file, ...JSON.parse(readFileSync(path, 'utf8')) });
    } catch (error) {
      console.error(`bench: cannot read ${path}: ${error.message}`);
    }
  }
}

const resultsDir = join(root, 'bench', 'results');
const latestPath = join(resultsDir, 'latest.json');
const smokePaths = [join(resultsDir, 'smoke.json'), join(resultsDir, 'smoke.md')];
// What ran last time in this mode: a smoke run leaves suites out on purpose (the CouchDB runs), so it
// goes by the last smoke run (none on a fresh clone: then the workspaces' exit codes say what failed).
const previousPath = mode === 'smoke' ? smokePaths[0] : latestPath;
const previous = existsSync(previousPath) ? JSON.parse(readFileSync(previousPath, 'utf8')) : undefined;
const latest = { startedAt: new Date(startedAt).toISOString(), mode, quick: mode === 'quick', runs, reports };
const account = accountGoals(latest, previous);
mkdirSync(resultsDir, { recursive: true });
const [jsonPath, mdPath] = mode === 'smoke' ? smokePaths : [latestPath, join(root, 'bench', 'REPORT.md')];
writeFileSync(jsonPath, JSON.stringify(latest, null, 2) + '\n');
writeFileSync(mdPath, renderReport(latest, previous));
console.log(`\nbench: ${reports.length} reports -> ${jsonPath}, ${mdPath}`);
console.log(`bench: ${headline(latest, account).replace(/\*\*/g, '')}`);
process.exit(exitCode(latest, account));
