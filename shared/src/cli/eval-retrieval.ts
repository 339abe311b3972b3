// `npm run eval:retrieval -- --data <dir> [--mode bm25|vector|hybrid] [--json]`
// Evaluates retrieval on a BEIR-like folder (read in place) with the local embedder, no network.
// `--data` is resolved against the directory npm was started from (INIT_CWD), not shared/.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildEvalIndex, evaluate, type RetrievalMetrics } from '../search/retrieval-eval';
import type { SearchMode } from '../search/search-index';
import { readBeirSet } from './beir';

const modes: Record<string, SearchMode> = {
  bm25: 'fulltext',
  fulltext: 'fulltext',
  vector: 'vector',
  hybrid: 'hybrid',
};
const label = (m: SearchMode) => (m === 'fulltext' ? 'bm25' : m);

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

const report: Array<RetrievalMetrics & { set: string; buildMs: number }> = [];
for (const dir of values.data) {
  const path = resolve(base, dir);
  const set = readBeirSet(path);
  const started = performance.now();
  const index = await buildEvalIndex(set);
  const buildMs = performance.now() - started;
  for (const mode of selected) report.push({ set: dir, buildMs, ...(await evaluate(index, set, mode)) });
}

if (values.json) console.log(JSON.stringify(report, null, 2));
else {
  const f = (n: number) => n.toFixed(3);
  console.log('| set | mode | queries | hit@1 | hit@5 | MRR@10 | nDCG@10 | p50 ms | p95 ms |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of report) {
    console.log(
      `| ${r.set} | ${label(r.mode)} | ${r.queries} | ${f(r.hit1)} | ${f(r.hit5)} | ${f(r.mrr10)} | ${f(r.ndcg10)} | ${r.p50Ms.toFixed(2)} | ${r.p95Ms.toFixed(2)} |`,
    );
  }
}
