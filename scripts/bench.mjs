// `npm run bench [-- --quick]`: runs the benchmark of every workspace that has one, in turn.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const args = process.argv.slice(2);
let failed = 0;
for (const ws of root.workspaces) {
  const pkg = JSON.parse(readFileSync(new URL(`../${ws}/package.json`, import.meta.url), 'utf8'));
  if (!pkg.scripts?.bench) continue;
  console.log(`\n## ${ws}\n`);
  const run = spawnSync('npm', ['run', 'bench', '-w', ws, '--', ...args], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
