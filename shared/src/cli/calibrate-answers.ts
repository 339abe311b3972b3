// Calibrating the answer threshold of one knowledge base on its own judged questions (the TUNING split
// only), as a team would move its `answerThreshold` in the agent settings: each tuning question searched
// as the supervisor searches it (greeting and contact details left out, its best 4 hits), scored by the
// answer evidence (answer-evidence.ts), and the lowest threshold whose precision (the best answering
// passage is right, of the questions answered) reaches the target. Out-of-scope questions count as
// wrong when answered. As the supervisor decides (decideAnswer), a question is answered at threshold t
// when its score reaches t and its best passage leads the other articles by CHOICE_POLICY.margin, or
// its score reaches t + CHOICE_POLICY.sure; the others get choices or go to a human. The held-out split is then replayed at that threshold (eval-answers.ts
// --calibrate): the figures reported are never the ones the threshold was chosen on.
import { answerEvidence, CHOICE_POLICY, DEFAULT_ANSWER_THRESHOLD, leadOf } from '../agents/answer-evidence';
import type { KnowledgeRetriever } from '../agents/index';
import { withoutGreeting } from '../llm/offline/coverage';
import { stripContactDetails } from '../llm/offline/extract-contact';
import type { Split } from '../search/eval-splits';
import type { AnswerSet } from './answer-eval';
import { indexedRetriever } from './replay-knowledge';

/**
 * One question's evidence score (0 when no passage answers it), whether its answer would be right, and
 * how far its best passage leads the other articles (leadOf; unset: clearly).
 */
export type EvidencePoint = { score: number; right: boolean; lead?: number };

export type Calibration = {
  threshold: number;
  /** On the questions it was chosen on. */
  precision: number;
  coverage: number;
  correct: number;
  /** False: no threshold reaches the target there; the calibrated default is kept. */
  reached: boolean;
};

/** As many hits as the supervisor looks up (the engine's default `knowledgeLimit`). */
const HITS = 4;

/** The evidence of each question of one split of the set, searched as the supervisor searches it. */
export async function evidencePoints(
  set: AnswerSet,
  split: Split,
  retriever?: KnowledgeRetriever,
): Promise<EvidencePoint[]> {
  const search = retriever ?? (await indexedRetriever(set.knowledge));
  const points: EvidencePoint[] = [];
  for (const q of set.questions.filter((x) => x.split === split)) {
    const asked = withoutGreeting(stripContactDetails(q.text)) || q.text;
    const hits = await search.search(asked, { limit: HITS });
    const e = answerEvidence(asked, hits);
    const first = e.answering[0];
    points.push({
      score: first ? e.score : 0,
      right: !!first && q.relevant.has(first.sourceId),
      lead: leadOf(hits),
    });
  }
  return points;
}

/** Precision, coverage and correct share of these questions when answering from `threshold` up. */
export function scoreAt(points: EvidencePoint[], threshold: number) {
  const { margin, sure } = CHOICE_POLICY;
  const answered = points.filter(
    (p) => p.score > 0 && p.score >= threshold && ((p.lead ?? 1) >= margin || p.score >= threshold + sure),
  );
  const right = answered.filter((p) => p.right).length;
  const n = points.length || 1;
  return {
    precision: answered.length ? right / answered.length : 1,
    coverage: answered.length / n,
    correct: right / n,
  };
}

/** The lowest threshold whose precision on these questions reaches `target` (else the default). */
export function calibrateThreshold(points: EvidencePoint[], target: number): Calibration {
  const candidates = [...new Set(points.map((p) => p.score).filter((s) => s > 0))].sort((a, b) => a - b);
  const threshold = candidates.find((t) => scoreAt(points, t).precision >= target);
  if (threshold === undefined)
    return {
      threshold: DEFAULT_ANSWER_THRESHOLD,
      ...scoreAt(points, DEFAULT_ANSWER_THRESHOLD),
      reached: false,
    };
  return { threshold: Math.floor(threshold * 1000) / 1000, ...scoreAt(points, threshold), reached: true };
}

/**
 * For runAnswerEval's `thresholdOf`: each set's threshold calibrated on its tuning split to `target`,
 * and what each calibration found there (filled as the sets are replayed).
 */
export function perSetCalibration(target: number): {
  thresholdOf: (set: AnswerSet) => Promise<number>;
  calibrations: Record<string, Calibration>;
} {
  const calibrations: Record<string, Calibration> = {};
  const thresholdOf = async (set: AnswerSet) => {
    const c = calibrateThreshold(await evidencePoints(set, 'tuning'), target);
    calibrations[set.name] = c;
    return c.threshold;
  };
  return { thresholdOf, calibrations };
}

/** One line per set: the threshold and what it gave on the tuning split it was chosen on. */
export const calibrationNotes = (calibrations: Record<string, Calibration>, target: number): string[] =>
  Object.entries(calibrations).map(
    ([name, c]) =>
      `${name}: threshold ${c.threshold} chosen on its tuning split (evidence there: precision ${c.precision.toFixed(3)}, coverage ${c.coverage.toFixed(3)}, correct ${c.correct.toFixed(3)})${c.reached ? '' : `; no threshold reaches ${target} there, the default is kept`}`,
  );
