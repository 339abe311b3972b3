// `npm run bench [-- --quick]`: runs the benchmark of every workspace that has one, then gathers the
// JSON each wrote under <workspace>/bench/results/ into bench/results/latest.json and bench/REPORT.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderReport } from './bench-report.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const args = process.argv.slice(2);
const startedAt = Date.now();
const runs = [];

for (const ws of pkg.workspaces) {
  const wsPkg = JSON.parse(readFileSync(join(root, ws, 'package.json'), 'utf8'));
  if (!wsPkg.scripts?.bench) continue;
  console.log(`\n## ${ws}\n`);
  const t0 = Date.now();
  const run = spawnSync('npm', ['run', 'bench', '-w', ws, '--', ...args], { stdio: 'inherit', cwd: root });
  runs.push({ workspace: ws, status: run.status ?? 1, seconds: (Date.now() - t0) / 1000 });
}

// Reports written during this run only, so a stale file never passes for a fresh figure.
const reports = [];
for (const ws of pkg.workspaces) {
  const dir = join(root, ws, 'bench', 'results');
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const path = join(dir, file);
    if (statSync(path).mtimeMs < startedAt) continue;
    try {
      reports.push({ workspace: ws, file, ...JSON.parse(readFileSync(path, 'utf8')) });
    } catch (error) {
      console.error(`bench: cannot read ${path}: ${error.message}`);
    }
  }
}

const latest = {
  startedAt: new Date(startedAt).toISOString(),
  quick: args.includes('--quick'),
  runs,
  reports,
};
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'latest.json'), JSON.stringify(latest, null, 2) + '\n');
writeFileSync(join(root, 'bench', 'REPORT.md'), renderReport(latest));
console.log(`\nbench: ${reports.length} reports -> bench/results/latest.json, bench/REPORT.md`);
process.exit(runs.some((r) => r.status !== 0) ? 1 : 0);
