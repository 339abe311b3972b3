// `npx tsx shared/src/cli/tune-answers.ts [--target 0.85] [--max <n>] [--l2 <n>]`
// Fits the answer-evidence model (agents/answer-evidence.ts) and picks DEFAULT_ANSWER_THRESHOLD on the
// pooled TUNING splits of the answer evaluation's sets (eval-answers.ts; held-out questions are never
// read): each tuning question searched by the product's Orama retriever over the set's entries (its
// best 4 hits, as the supervisor looks them up), a row labelled "the best hit is an entry that answers
// the question" (none does for an out-of-scope question). The threshold is the lowest score whose
// precision (the best hit is right, of the questions answered) is >= the target on the pooled tuning
// questions, each set weighing the same there as in the fit; prints the precision / coverage curve
// and, at the chosen threshold, each set's tuning precision and coverage. Paste the printed constants
// into answer-evidence.ts; report held-out numbers from `npm run eval:answers`.
import { parseArgs } from 'node:util';
import {
  answerEvidence,
  evidenceFeatures,
  featureNames,
  type EvidenceModel,
} from '../agents/answer-evidence';
import type { KnowledgeHit } from '../llm/types';
import { sampleQuestions, type AnswerSet } from './answer-eval';
import { defaultAnswerDirs, loadAnswerSets } from './answer-sets';
import { fitLogistic } from './logistic-fit';
import { indexedRetriever } from './replay-knowledge';

const { values } = parseArgs({
  options: {
    target: { type: 'string', default: '0.85' },
    max: { type: 'string' },
    l2: { type: 'string', default: '1' },
  },
});
const target = Number(values.target);

/** As many hits as the supervisor looks up (the engine's default `knowledgeLimit`). */
const HITS = 4;

type Tuned = { set: string; question: string; relevant: ReadonlySet<string>; hits: KnowledgeHit[] };

/** Each set's tuning questions (a deterministic sample of at most `max`) with their retrieved hits. */
async function tuningHits(sets: AnswerSet[], max: number): Promise<Tuned[]> {
  const out: Tuned[] = [];
  for (const set of sets) {
    const retriever = await indexedRetriever(set.knowledge);
    const questions = sampleQuestions(
      set.questions.filter((q) => q.split === 'tuning'),
      max,
    );
    for (const q of questions) {
      const hits = await retriever.search(q.text, { limit: HITS });
      out.push({ set: set.name, question: q.text, relevant: q.relevant, hits });
    }
  }
  return out;
}

// Not the check sets (answerCheckSets): they stay unseen by every fit.
const items = await tuningHits(
  await loadAnswerSets(defaultAnswerDirs({ checks: false })),
  values.max ? Number(values.max) : Infinity,
);
const rows: number[][] = [];
const labels: number[] = [];
// Each set weighs the same in the fit, whatever its number of questions.
const perSet = new Map<string, number>();
for (const it of items) perSet.set(it.set, (perSet.get(it.set) ?? 0) + 1);
const weights: number[] = [];
for (const it of items) {
  const f = evidenceFeatures(it.question, it.hits);
  if (!f) continue;
  rows.push(featureNames.map((n) => f[n]));
  labels.push(it.relevant.has(it.hits[0]!.sourceId) ? 1 : 0);
  weights.push(items.length / perSet.size / perSet.get(it.set)!);
}
const fit = fitLogistic(rows, labels, { l2: Number(values.l2), weights });
const round = (n: number) => Math.round(n * 1000) / 1000;
const model: EvidenceModel = { bias: round(fit.bias), weights: fit.weights.map(round) };

const scored = items.map((it) => {
  const e = answerEvidence(it.question, it.hits, model);
  const first = e.answering[0];
  // As the supervisor: no answering passage, no answer whatever the score.
  return {
    set: it.set,
    score: first ? e.score : 0,
    right: !!first && it.relevant.has(first.sourceId),
  };
});
/** Precision, coverage and correct share at threshold t, each set weighing the same. */
const at = (t: number, of = scored) => {
  let answered = 0;
  let right = 0;
  let all = 0;
  for (const s of of) {
    const w = 1 / perSet.get(s.set)!;
    all += w;
    if (s.score < t) continue;
    answered += w;
    if (s.right) right += w;
  }
  return {
    precision: answered ? right / answered : 1,
    coverage: all ? answered / all : 0,
    correct: all ? right / all : 0,
  };
};
const candidates = [...new Set(scored.map((s) => round(s.score)))].sort((a, b) => a - b);
const threshold = candidates.find((t) => at(t).precision >= target) ?? 1;

console.log(
  `tuning: ${items.length} questions (${[...perSet].map(([s, n]) => `${s} ${n}`).join(', ')}), ${rows.length} rows, ${fit.iterations} Newton steps`,
);
// Pooled, then each set's precision / correct share: where the team's threshold moves the trade-off.
const names = [...perSet.keys()];
console.log(
  `\n| threshold | precision | coverage | correct | ${names.map((n) => `${n} P / correct`).join(' | ')} |\n|${' --- |'.repeat(4 + names.length)}`,
);
for (let t = 0.05; t < 1; t += 0.05) {
  const m = at(t);
  const each = names.map((n) => {
    const x = at(
      t,
      scored.filter((s) => s.set === n),
    );
    return `${x.precision.toFixed(2)} / ${x.correct.toFixed(2)}`;
  });
  console.log(
    `| ${t.toFixed(2)} | ${m.precision.toFixed(3)} | ${m.coverage.toFixed(3)} | ${m.correct.toFixed(3)} | ${each.join(' | ')} |`,
  );
}
const m = at(threshold);
console.log(
  `\ntarget precision ${target}: threshold ${threshold} -> tuning precision ${m.precision.toFixed(3)}, coverage ${m.coverage.toFixed(3)}, correct ${m.correct.toFixed(3)}`,
);
for (const set of perSet.keys()) {
  const s = at(
    threshold,
    scored.filter((x) => x.set === set),
  );
  console.log(
    `  ${set}: precision ${s.precision.toFixed(3)}, coverage ${s.coverage.toFixed(3)}, correct ${s.correct.toFixed(3)}`,
  );
}
console.log(
  `\nexport const EVIDENCE_MODEL: EvidenceModel = ${JSON.stringify(model)};\nexport const DEFAULT_ANSWER_THRESHOLD = ${threshold};`,
);
