// `npx tsx shared/src/cli/tune-answers.ts [--target 0.85] [--useful 0.5] [--pick-cost 0.5] [--max <n>] [--l2 <n>]`
// Fits the answer-evidence model (agents/answer-evidence.ts) and picks DEFAULT_ANSWER_THRESHOLD on the
// pooled TUNING splits of the answer evaluation's sets (eval-answers.ts; held-out questions are never
// read): each tuning question searched by the product's Orama retriever over the set's entries (its
// best 4 hits, as the supervisor looks them up), a row labelled "the best hit is an entry that answers
// the question" (none does for an out-of-scope question). The threshold is the lowest score whose
// precision (the best hit is right, of the questions answered) is >= the target on the pooled tuning
// questions, each set weighing the same there as in the fit; prints the precision / coverage curve
// and, at the chosen threshold, each set's tuning precision and coverage. Paste the printed constants
// into answer-evidence.ts; report held-out numbers from `npm run eval:answers`.
//
// Then the choices (issue 61): over a grid of answer thresholds, "clearly ahead" margins and choice
// floors, what each tuning question would get (answer, choices, hand-over: decideAnswer), and the
// policy with the most questions resolved (the right answer, or the right article among the choices,
// which counts `1 - --pick-cost` of an answer: else offering choices for everything would win)
// whose answers' precision reaches the target on EVERY set's tuning split and whose choices hold the
// right article at least `--useful` of the times they are offered, on every set. Prints CHOICE_POLICY and the
// threshold to paste; the held-out splits are never read.
import { parseArgs } from 'node:util';
import {
  answerEvidence,
  CHOICE_HITS,
  evidenceFeatures,
  featureNames,
  leadOf,
  offerable,
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
    useful: { type: 'string', default: '0.5' },
    'pick-cost': { type: 'string', default: '0.5' },
    max: { type: 'string' },
    l2: { type: 'string', default: '1' },
  },
});
const target = Number(values.target);

/** As many hits as the supervisor looks up (the engine's default `knowledgeLimit`). */
const HITS = 4;

type Tuned = {
  set: string;
  question: string;
  relevant: ReadonlySet<string>;
  hits: KnowledgeHit[];
  /** The longer list of the same search the articles to offer come from (CHOICE_HITS), as the supervisor's. */
  candidates: KnowledgeHit[];
};

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
      const candidates = await retriever.search(q.text, { limit: Math.max(HITS, CHOICE_HITS) });
      out.push({
        set: set.name,
        question: q.text,
        relevant: q.relevant,
        hits: candidates.slice(0, HITS),
        candidates,
      });
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

// The choices: each question's evidence, lead and offered articles, scanned over the policy's grid.
type Scanned = {
  set: string;
  score: number;
  answers: boolean;
  right: boolean;
  lead: number;
  choices: number;
  choiceRight: boolean;
};
// With the shipped model (EVIDENCE_MODEL): the policy is tuned for what the product scores.
const scanned: Scanned[] = items.map((it) => {
  const e = answerEvidence(it.question, it.hits);
  const first = e.answering[0];
  const choices = e.score > 0 ? offerable(it.question, it.candidates) : [];
  return {
    set: it.set,
    score: e.score,
    answers: !!first,
    right: !!first && it.relevant.has(first.sourceId),
    lead: leadOf(it.hits),
    choices: choices.length,
    choiceRight: choices.some((h) => it.relevant.has(h.sourceId)),
  };
});
const useful = Number(values.useful);
const pickCost = Number(values['pick-cost']);
type Policy = { threshold: number; margin: number; sure: number; floor: number };
const judge = (p: Policy) => {
  const sets = new Map<
    string,
    { n: number; answered: number; right: number; offered: number; hit: number }
  >();
  for (const s of scanned) {
    const m = sets.get(s.set) ?? { n: 0, answered: 0, right: 0, offered: 0, hit: 0 };
    sets.set(s.set, m);
    m.n += 1;
    if (s.answers && s.score >= p.threshold && (s.lead >= p.margin || s.score >= p.threshold + p.sure)) {
      m.answered += 1;
      if (s.right) m.right += 1;
    } else if (s.choices >= 1 && s.score >= p.floor) {
      m.offered += 1;
      if (s.choiceRight) m.hit += 1;
    }
  }
  const each = [...sets].map(([set, m]) => ({
    set,
    precision: m.answered ? m.right / m.answered : 1,
    coverage: m.answered / m.n,
    resolved: (m.right + m.hit) / m.n,
    // A question resolved by a pick cost the customer a turn: it counts `1 - pick-cost` of an answer.
    value: (m.right + (1 - pickCost) * m.hit) / m.n,
    offered: m.offered / m.n,
    useful: m.offered ? m.hit / m.offered : 1,
  }));
  const mean = (k: 'resolved' | 'coverage' | 'offered' | 'value') =>
    each.reduce((a, x) => a + x[k], 0) / (each.length || 1);
  return {
    each,
    minPrecision: Math.min(...each.map((x) => x.precision)),
    resolved: mean('resolved'),
    value: mean('value'),
    useful: Math.min(...each.map((x) => x.useful)),
    coverage: mean('coverage'),
    offered: mean('offered'),
  };
};
let best: { policy: Policy; r: ReturnType<typeof judge> } | undefined;
for (let t = 0.3; t <= 0.951; t += 0.02)
  for (let margin = 0; margin <= 0.901; margin += 0.05)
    for (let sure = 0; sure <= 0.401; sure += 0.05)
      for (let floor = 0; floor <= 0.301; floor += 0.1) {
        const policy = { threshold: round(t), margin: round(margin), sure: round(sure), floor: round(floor) };
        const r = judge(policy);
        if (r.minPrecision < target || r.useful < useful) continue;
        if (!best || r.value > best.r.value + 1e-9) best = { policy, r };
      }
if (!best) console.log(`\nchoices: no policy reaches precision ${target} on every set with useful ${useful}`);
else {
  const { policy, r } = best;
  console.log(
    `\nchoices (every set's tuning precision >= ${target}, choices useful >= ${useful}): threshold ${policy.threshold}, margin ${policy.margin}, sure ${policy.sure}, floor ${policy.floor} -> resolved ${r.resolved.toFixed(3)}, coverage ${r.coverage.toFixed(3)}, offered ${r.offered.toFixed(3)}, useful ${r.useful.toFixed(3)}`,
  );
  for (const x of r.each)
    console.log(
      `  ${x.set}: precision ${x.precision.toFixed(3)}, coverage ${x.coverage.toFixed(3)}, resolved ${x.resolved.toFixed(3)}, offered ${x.offered.toFixed(3)}, useful ${x.useful.toFixed(3)}`,
    );
  console.log(
    `\nexport const CHOICE_POLICY: ChoicePolicy = { margin: ${policy.margin}, sure: ${policy.sure}, floor: ${policy.floor} };\nexport const DEFAULT_ANSWER_THRESHOLD = ${policy.threshold};`,
  );
}
