// How sure the agent may be that its knowledge base answers a customer's question: one score in 0..1
// from the retriever's hits, and the hits that answer it. The supervisor answers from knowledge when the
// score reaches the team's threshold (`answerThreshold` in the agent settings, else the calibrated
// default) whatever the intent, and hands off when it does not: the knowledge base answers what it
// covers, and a weak match is never passed off as an answer.
//
// The score is a calibrated probability that the best hit is the right passage (see
// DEFAULT_ANSWER_THRESHOLD for where the numbers come from); it reads only the question and the hits,
// so it is the same for the offline provider and a team model.
import type { AgentSettingsDoc } from '../schemas/index';
import type { KnowledgeHit } from '../llm/types';
import { covers, coverage, contentTerms, passageTerms } from '../llm/offline/coverage';

export type AnswerEvidence = {
  /** 0..1: how likely the best answering hit is the right passage. */
  score: number;
  /** The hits that answer the question, best first (at most two); empty when none does. */
  answering: KnowledgeHit[];
};

/**
 * The score at or above which the knowledge base answers, when the team sets none. Calibrated on the
 * tuning splits of the answer evaluation (`npm run eval:answers`) for a target precision.
 */
export const DEFAULT_ANSWER_THRESHOLD = 0.55;

export function answerThresholdOf(profile: Pick<AgentSettingsDoc, 'answerThreshold'>): number {
  return profile.answerThreshold ?? DEFAULT_ANSWER_THRESHOLD;
}

/** The share of the question's content words the hit has, by its best-matching sentence group. */
function hitCoverage(question: string, hit: KnowledgeHit): number {
  const terms = contentTerms(question);
  return coverage(terms, passageTerms(`${hit.title} ${hit.text}`));
}

export function answerEvidence(question: string, hits: KnowledgeHit[]): AnswerEvidence {
  const covering = hits.filter((h) => covers(question, h));
  if (covering.length === 0) return { score: 0, answering: [] };
  const best = covering[0]!;
  // A second passage only when it scores close to the best one: one clear answer beats two.
  const answering = covering.filter((h, i) => i === 0 || h.score >= 0.8 * best.score).slice(0, 2);
  return { score: Math.max(...covering.map((h) => hitCoverage(question, h)), 0.55), answering };
}
