// `npm run eval:retrieval -- --data <dir> [--data <dir> ...] [--mode bm25|vector|hybrid] [--json]`
// Evaluates retrieval on BEIR-like folders (read in place) with the local embedder, no network. Each set
// is reported on its tuning split (where our tunables were chosen) and its held-out split (never used to
// choose anything), next to the plain BM25 baseline computed in the same run; FAQ sets also get their
// question-to-question view (`<set>:questions`). `--data` resolves against INIT_CWD (where npm started).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { evalSets, formatEvalTable, runRetrievalEval } from './retrieval-report';
import type { SearchMode } from '../search/search-index';

const modes: Record<string, SearchMode> = {
  bm25: 'fulltext',
  fulltext: 'fulltext',
  vector: 'vector',
  hybrid: 'hybrid',
};
const { values } = parseArgs({
  options: { data: { type: 'string', multiple: true }, mode: { type: 'string' }, json: { type: 'boolean' } },
});
if (!values.data?.length) {
  console.error(
    'usage: eval:retrieval -- --data <dir> [--data <dir> ...] [--mode bm25|vector|hybrid] [--json]',
  );
  process.exit(2);
}
if (values.mode && !modes[values.mode]) {
  console.error(`unknown --mode ${values.mode}: use bm25, vector or hybrid`);
  process.exit(2);
}
const selected: SearchMode[] = values.mode ? [modes[values.mode]!] : ['fulltext', 'vector', 'hybrid'];
const base = process.env.INIT_CWD ?? process.cwd();
const rows = await runRetrievalEval(evalSets(values.data.map((dir) => resolve(base, dir))), selected);
if (values.json) console.log(JSON.stringify(rows, null, 2));
else console.log(formatEvalTable(rows));
