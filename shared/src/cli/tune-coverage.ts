// `npx tsx shared/src/cli/tune-coverage.ts [--data <dir>]` (default: ../shared/data/retrieval of the repo)
// Calibrates the offline "the knowledge base covers the question" threshold (llm/offline/coverage.ts)
// on the tuning splits of the retrieval sets and reports it on the held-out splits. A pair is a
// question with its own passage (covered) or with the best-matching passage of another topic (plain
// BM25 over the rest of the corpus: what a retriever returns when the knowledge base has no answer).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { COVERAGE_THRESHOLD, contentTerms, coverage, passageTerms } from '../llm/offline/coverage';
import { splitOf, type Split } from '../search/eval-splits';
import { PlainBm25 } from '../search/plain-bm25';
import { readBeirSet } from './beir';

const { values } = parseArgs({ options: { data: { type: 'string' } } });
const root = values.data
  ? resolve(process.env.INIT_CWD ?? process.cwd(), values.data)
  : fileURLToPath(new URL('../../../../shared/data/retrieval', import.meta.url));
const topicOf = (passageId: string) => passageId.split('_')[0]!;

type Pair = { split: Split; covered: boolean; score: number };

function pairsOf(name: string): Pair[] {
  const set = readBeirSet(resolve(root, name));
  const byId = new Map(set.corpus.map((d) => [d.id, d]));
  const terms = new Map(set.corpus.map((d) => [d.id, passageTerms(`${d.title ?? ''} ${d.text}`)]));
  const bm25 = new PlainBm25(set.corpus);
  const out: Pair[] = [];
  for (const q of set.queries) {
    const gold = [...(set.qrels.get(q.id) ?? [])].filter((id) => byId.has(id));
    if (gold.length === 0) continue;
    const split = splitOf(q.id);
    const qTerms = contentTerms(q.text);
    out.push({ split, covered: true, score: Math.max(...gold.map((g) => coverage(qTerms, terms.get(g)!))) });
    const topics = new Set(gold.map(topicOf));
    const other = bm25.search(q.text, 50).find((h) => !topics.has(topicOf(h.id)));
    if (other) out.push({ split, covered: false, score: coverage(qTerms, terms.get(other.id)!) });
  }
  return out;
}

const balanced = (pairs: Pair[], t: number) => {
  const pos = pairs.filter((p) => p.covered);
  const neg = pairs.filter((p) => !p.covered);
  const tpr = pos.filter((p) => p.score >= t).length / pos.length;
  const tnr = neg.filter((p) => p.score < t).length / neg.length;
  return { tpr, tnr, balanced: (tpr + tnr) / 2 };
};

const sets = ['xquad-ru', 'xquad-en', 'stackfaq'];
const all = new Map(sets.map((s) => [s, pairsOf(s)]));
const tuning = [...all.values()].flat().filter((p) => p.split === 'tuning');
const candidates = Array.from({ length: 19 }, (_, i) => Math.round((i + 1) * 5) / 100);
const best = candidates
  .map((t) => ({ t, ...balanced(tuning, t) }))
  .sort((a, b) => b.balanced - a.balanced || a.t - b.t)[0]!;
const fmt = (x: number) => x.toFixed(3);
console.log(`tuning (pooled): best threshold ${best.t}: balanced accuracy ${fmt(best.balanced)}`);
console.log(`in use: COVERAGE_THRESHOLD = ${COVERAGE_THRESHOLD}`);
console.log('set        split    threshold  covered-recall  uncovered-recall  balanced');
for (const [name, pairs] of all) {
  for (const split of ['tuning', 'heldout'] as const) {
    for (const t of [...new Set([best.t, COVERAGE_THRESHOLD])]) {
      const m = balanced(
        pairs.filter((p) => p.split === split),
        t,
      );
      console.log(
        `${name.padEnd(10)} ${split.padEnd(8)} ${String(t).padEnd(10)} ${fmt(m.tpr).padEnd(15)} ${fmt(m.tnr).padEnd(17)} ${fmt(m.balanced)}`,
      );
    }
  }
}
