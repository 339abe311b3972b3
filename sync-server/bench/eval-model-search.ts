// `npm run eval:model-search [-- --data <BEIR-like dir> ...] [--model-dir <model folder>] [--json]`
// (issue 61): `models add` installs the tiny test model from a fake hub on loopback into a throw-away
// data folder, then the retrieval evaluation runs plain BM25, our full text and hybrid with the model
// folder over the project's sets in the same run and prints both (model-search.ts). No network.
// Folders resolve against INIT_CWD (where npm started).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatComparison, formatEvalTable, runModelSearchEval } from './model-search';

const { values } = parseArgs({
  options: {
    data: { type: 'string', multiple: true },
    'model-dir': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const base = process.env.INIT_CWD ?? process.cwd();
const run = await runModelSearchEval({
  ...(values.data?.length ? { dirs: values.data.map((d) => resolve(base, d)) } : {}),
  ...(values['model-dir'] ? { modelDir: resolve(base, values['model-dir']) } : {}),
  out: values.json ? process.stderr : process.stdout,
});
if (values.json) console.log(JSON.stringify({ rows: run.rows, comparison: run.comparison }, null, 2));
else {
  const model = run.rows.find((r) => r.embedder)?.embedder ?? 'model';
  console.log(`\n${formatEvalTable(run.rows)}\n`);
  const fusion = run.rows.find((r) => r.fusion)?.fusion;
  if (fusion) console.log(`${model}: ${fusion}\n`);
  console.log(formatComparison(run.comparison, model));
}
