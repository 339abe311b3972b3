// `npx tsx shared/src/cli/tune-learned.ts [--boosts 0,0.5,1,2]`: the weight of the learned phrasings
// field (search-index.ts `learnedBoost`, issue 61), chosen on tuning splits only. Each tuned set's tuning
// questions (stackfaq, xquad-ru, faq-en, faq-ru, banking77; never the check sets faq2-*) are halved by a
// hash of their ids: one half is learned as customers' picks of their right articles (learned-eval.ts),
// the other half searched, and per weight the share whose right article is the best hit (top-1) and among
// the first three articles of the best 10 passages (what the choices offer) is printed, with "no
// learning" as the baseline. Held-out questions are never read.
import { parseArgs } from 'node:util';
import type { KnowledgeRetriever } from '../agents/index';
import { fnv1a } from '../search/hash';
import type { AnswerSet } from './answer-eval';
import { defaultAnswerDirs, loadAnswerSets } from './answer-sets';
import { learnFromTuning } from './learned-eval';
import { indexedRetriever } from './replay-knowledge';

const { values } = parseArgs({
  options: {
    boosts: { type: 'string', default: '0,0.25,0.5,1' },
    matches: { type: 'string', default: '0,0.25,0.5,1,2' },
    floors: { type: 'string', default: '0' },
  },
});
const boosts = values.boosts.split(',').map(Number);
const matches = values.matches.split(',').map(Number);
const floors = values.floors.split(',').map(Number);

/** The tuning questions as two halves: `learn` (taken as picks) and `measure` (searched). */
function halves(set: AnswerSet) {
  const tuning = set.questions.filter((q) => q.split === 'tuning' && q.relevant.size > 0);
  // A high bit of the hash: its lowest bit follows the split's own (both fnv1a of the same id).
  const learnHalf = (id: string) => ((fnv1a(`learned-half:${id}`) >>> 16) & 1) === 0;
  return {
    learn: tuning.filter((q) => learnHalf(q.id)).map((q) => ({ ...q, split: 'tuning' as const })),
    measure: tuning.filter((q) => !learnHalf(q.id)),
  };
}

/** Top-1 and top-3-articles shares of the questions over one retriever. */
async function measure(retriever: KnowledgeRetriever, questions: AnswerSet['questions']) {
  let top1 = 0;
  let top3 = 0;
  for (const q of questions) {
    const hits = await retriever.search(q.text, { limit: 10 });
    const articles = [...new Set(hits.map((h) => h.sourceId))].slice(0, 3);
    if (articles[0] && q.relevant.has(articles[0])) top1++;
    if (articles.some((a) => q.relevant.has(a))) top3++;
  }
  return { top1: top1 / questions.length, top3: top3 / questions.length };
}

const sets = await loadAnswerSets(defaultAnswerDirs({ checks: false }));
const pooled = new Map<string, { top1: number; top3: number }>();
function record(set: string, n: number, learned: number, weights: string, r: { top1: number; top3: number }) {
  console.log(`| ${set} | ${n} | ${learned} | ${weights} | ${r.top1.toFixed(3)} | ${r.top3.toFixed(3)} |`);
  const p = pooled.get(weights) ?? { top1: 0, top3: 0 };
  // Each set weighs the same in the pooled figure.
  pooled.set(weights, { top1: p.top1 + r.top1 / sets.length, top3: p.top3 + r.top3 / sets.length });
}
console.log(
  '| set | measured | learned | field weight / match weight / floor | top-1 | top-3 articles |\n| --- | --- | --- | --- | --- | --- |',
);
for (const set of sets) {
  const { learn, measure: asked } = halves(set);
  const taught = learnFromTuning({ ...set, questions: learn });
  const base = await measure(await indexedRetriever(set.knowledge), asked);
  record(set.name, asked.length, 0, 'none', base);
  for (const boost of boosts)
    for (const match of matches)
      for (const floor of match > 0 ? floors : [0]) {
        const options = { learnedBoost: boost, learnedMatch: match, learnedFloor: floor };
        const r = await measure(await indexedRetriever(taught.knowledge, options), asked);
        record(set.name, asked.length, taught.learned, `${boost} / ${match} / ${floor}`, r);
      }
}
for (const [weights, r] of pooled)
  console.log(`| mean of sets | | | ${weights} | ${r.top1.toFixed(3)} | ${r.top3.toFixed(3)} |`);
