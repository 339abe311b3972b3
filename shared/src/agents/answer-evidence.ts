// How sure the agent may be that its knowledge base answers a customer's question: one score in 0..1
// from the retriever's hits, and the hits that answer it. The supervisor answers from knowledge when the
// score reaches the team's threshold (`answerThreshold` in the agent settings, else the calibrated
// default) whatever the intent, and hands off when it does not: the knowledge base answers what it
// covers, and a weak match is never passed off as an answer.
//
// The score is a calibrated probability that the retriever's best hit is the right passage: a small
// logistic model over features of the question and the two best hits (how much of the question the best
// passage and its title have, by count and by word length, how long the passage is, its margin over the
// second hit in coverage and in retriever score, how many content words the question has). It reads
// only the question and the hits, no word of any domain, so it is the same for the offline provider and
// a team model; a few hundred operations per message. Weights and threshold come from
// `npx tsx shared/src/cli/tune-answers.ts` (see EVIDENCE_MODEL).
import type { AgentSettingsDoc } from '../schemas/index';
import type { KnowledgeHit } from '../llm/types';
import { contentTerms, coverage, covers, passageTerms } from '../llm/offline/coverage';

export type AnswerEvidence = {
  /** 0..1: how likely the best answering hit is the right passage. */
  score: number;
  /** The hits that answer the question, best first (at most two); empty when none does. */
  answering: KnowledgeHit[];
};

export const featureNames = [
  'coverage',
  'weightedCoverage',
  'titleCoverage',
  'titleInQuestion',
  'passageTerms',
  'coverageMargin',
  'scoreGap',
  'questionTerms',
] as const;
export type EvidenceFeatures = Record<(typeof featureNames)[number], number>;

/** Intercept and one weight per feature (featureNames' order). */
export type EvidenceModel = { bias: number; weights: readonly number[] };

/**
 * Fitted by `npx tsx shared/src/cli/tune-answers.ts` (2026-12-01; the best 4 hits of 2,626 tuning
 * questions of stackfaq, xquad-ru, faq-en, faq-ru and banking77, each set weighing the same; L2
 * logistic regression of "the best hit is an entry that answers the question").
 */
export const EVIDENCE_MODEL: EvidenceModel = {
  bias: -8.086,
  weights: [1.865, 2.827, 0.945, -0.288, 0.336, -0.461, 4.166, 2.263],
};

/**
 * The score at or above which the knowledge base answers, when the team sets none: the lowest whose
 * precision on the pooled tuning splits is >= 0.85 (`npx tsx shared/src/cli/tune-answers.ts`: tuning
 * precision 0.850, coverage 0.644, correct 0.548, each set weighing the same; with the coverage gate
 * on every best hit, as before 2026-12-01, the same target gave 0.41 and correct 0.492). Held-out
 * numbers: `npm run eval:answers`.
 */
export const DEFAULT_ANSWER_THRESHOLD = 0.606;

export function answerThresholdOf(profile: Pick<AgentSettingsDoc, 'answerThreshold'>): number {
  return profile.answerThreshold ?? DEFAULT_ANSWER_THRESHOLD;
}

const share = (terms: string[], has: (t: string) => boolean, weight: (t: string) => number = () => 1) => {
  const total = terms.reduce((sum, t) => sum + weight(t), 0);
  return total ? terms.reduce((sum, t) => sum + (has(t) ? weight(t) : 0), 0) / total : 0;
};

/** The features of the best hit, beside the second; undefined without hits or content words. */
export function evidenceFeatures(question: string, hits: KnowledgeHit[]): EvidenceFeatures | undefined {
  const terms = contentTerms(question);
  const [best, next] = hits;
  if (terms.length === 0 || !best) return undefined;
  const passage = passageTerms(`${best.title} ${best.text}`);
  const inBest = (t: string) => coverage([t], passage) > 0;
  const covered = share(terms, inBest);
  const nextCovered = next ? coverage(terms, passageTerms(`${next.title} ${next.text}`)) : 0;
  return {
    coverage: covered,
    weightedCoverage: share(terms, inBest, (t) => t.length),
    titleCoverage: coverage(terms, passageTerms(best.title)),
    titleInQuestion: coverage(contentTerms(best.title), passageTerms(question)),
    passageTerms: Math.log1p(contentTerms(best.text).length),
    coverageMargin: covered - nextCovered,
    scoreGap: best.score > 0 ? Math.max(0, 1 - (next?.score ?? 0) / best.score) : 0,
    questionTerms: Math.log1p(terms.length),
  };
}

export function probability(features: EvidenceFeatures, model: EvidenceModel = EVIDENCE_MODEL): number {
  const z = featureNames.reduce((sum, name, i) => sum + (model.weights[i] ?? 0) * features[name], model.bias);
  return 1 / (1 + Math.exp(-z));
}

export function answerEvidence(
  question: string,
  hits: KnowledgeHit[],
  model: EvidenceModel = EVIDENCE_MODEL,
): AnswerEvidence {
  const features = evidenceFeatures(question, hits);
  if (!features) return { score: 0, answering: [] };
  const best = hits[0]!;
  const score = probability(features, model);
  // A lone hit, whatever its score, answers only when it has most of what was asked: "book a table for
  // two tonight" is not answered by "book a fitting for two", a small knowledge base's only hit, whose
  // score gap is the widest there is. Where the retriever found rivals the score weighs them: the same
  // gate on every best hit cost 5.6 points of correct answers at equal tuning precision.
  if (hits.length < 2 && !covers(question, best)) return { score, answering: [] };
  // A second passage only when it also covers the question and the retriever scores it close to the
  // best one: one clear answer beats two.
  const second = hits
    .slice(1)
    .find((h) => h.sourceId !== best.sourceId && h.score >= 0.8 * best.score && covers(question, h));
  return { score, answering: second ? [best, second] : [best] };
}
