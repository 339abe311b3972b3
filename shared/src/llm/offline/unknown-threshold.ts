// The intent classifier's own "unknown" threshold, calibrated when it is trained, from its training data
// only: leave some intents out. The intents are dealt into `folds` groups and the examples of the
// others into as many parts; for each fold a model is trained without that group of intents and
// without that part of the other intents' examples. Those held-out examples are in scope (answered
// right when the model names their intent), the left-out intents' examples are questions of an intent
// the model never saw (pseudo-unknown). Pooled over the folds and `repeats` deals, the threshold on the
// top probability is the one with the best pseudo-unknown recall whose in-scope accuracy (answered and
// right) stays at or above the goal with 95% confidence (the Wilson lower bound over the distinct
// examples), so a threshold measured just at the goal on few questions is not taken. A classifier that
// cannot reach the goal at all (its accuracy is already below it) may lose at most `maxLoss` of its
// accuracy instead; one with fewer than three intents is never calibrated (threshold 0: nothing is
// unknown). Measured on banking77 with held-out intents: `npm run eval:retrieval -- --intents <dir>`
// (cli/oos-report.ts). One deal's threshold moved with the seed (4 folds: 0.434-0.490 over 6 deals of
// the known intents); two deals pooled moved less (0.454-0.470). Folds and deals chosen on that
// evaluation's tuning split (out-of-scope recall at in-scope accuracy >= 0.85 with 95% confidence):
// 3 x 2 0.618, 4 x 2 0.618, 4 x 3 0.621, 5 x 2 0.632. Cost: 10 models on 16/25 of the data each.

export type UnknownCalibration = {
  /** Below this top probability a message is of no known intent. */
  below: number;
  /** The in-scope accuracy asked (its Wilson lower bound on the calibration questions). */
  goal: number;
  folds: number;
  repeats: number;
  /** Calibration questions: held-out examples of known intents, and of the left-out intents. */
  inScope: number;
  unknown: number;
  /** On the calibration questions at `below`: in scope answered right, unknown caught. */
  inScopeAccuracy: number;
  unknownRecall: number;
};

export type UnknownCalibrationOptions = {
  /** Folds (each leaves out about 1/folds of the intents). Default 5. */
  folds?: number;
  /** Deals of intents and examples into folds, pooled. Default 2. */
  repeats?: number;
  /** In-scope accuracy to keep (issue 15: 0.85). */
  goal?: number;
  /** When the goal is out of reach: the most accuracy the threshold may cost. Default 0.05. */
  maxLoss?: number;
};

/** The normal quantile of a two-sided 95% interval: the confidence asked of a threshold's accuracy. */
export const confidenceZ = 1.96;

/** The Wilson score interval's lower bound of a share `p` measured on `n` questions. */
export function wilsonLowerBound(p: number, n: number, z = confidenceZ): number {
  if (n === 0) return 0;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return (centre - spread) / (1 + z2 / n);
}

type Example = { text: string; label: string };
type Predictor = { predict(text: string): { label: string; confidence: number } };
type Scored = { confidence: number; unknown: boolean; right: boolean };

function shuffled<T>(items: T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Each fold's model scores its left-out intents' examples and its held-out part of the others'. */
function scoreFolds(
  examples: Example[],
  fit: (train: Example[]) => Predictor,
  folds: number,
  rand: () => number,
) {
  const labels = shuffled([...new Set(examples.map((e) => e.label))].sort(), rand);
  const groupOf = new Map(labels.map((l, i) => [l, i % folds]));
  const partOf = new Int32Array(examples.length);
  shuffled(
    examples.map((_, i) => i),
    rand,
  ).forEach((i, k) => (partOf[i] = k % folds));
  const scored: Scored[] = [];
  for (let f = 0; f < folds; f++) {
    const model = fit(examples.filter((e, i) => groupOf.get(e.label) !== f && partOf[i] !== f));
    examples.forEach((e, i) => {
      const unknown = groupOf.get(e.label) === f;
      if (!unknown && partOf[i] !== f) return;
      const p = model.predict(e.text);
      scored.push({ confidence: p.confidence, unknown, right: !unknown && p.label === e.label });
    });
  }
  return scored;
}

/**
 * The threshold with the best unknown recall whose in-scope accuracy keeps `goal` with confidence; the
 * accuracy's confidence counts each distinct example once (`repeats` deals score each one that often).
 */
export function pickUnknownThreshold(scored: Scored[], goal: number, maxLoss: number, repeats = 1) {
  const inScope = scored.filter((s) => !s.unknown);
  const unknown = scored.filter((s) => s.unknown);
  const base = inScope.filter((s) => s.right).length / Math.max(1, inScope.length);
  const asked = Math.min(goal, base - maxLoss);
  let best = { below: 0, inScopeAccuracy: base, unknownRecall: 0 };
  // Sorted once: a threshold flags every question scored below it.
  const values = [...new Set(scored.map((s) => s.confidence))].sort((a, b) => a - b);
  const byConfidence = [...scored].sort((a, b) => a.confidence - b.confidence);
  let k = 0;
  let lostRight = 0;
  let caught = 0;
  for (const t of values) {
    for (; k < byConfidence.length && byConfidence[k]!.confidence < t; k++) {
      if (byConfidence[k]!.right) lostRight++;
      if (byConfidence[k]!.unknown) caught++;
    }
    const accuracy = (inScope.length * base - lostRight) / Math.max(1, inScope.length);
    const recall = caught / Math.max(1, unknown.length);
    if (wilsonLowerBound(accuracy, inScope.length / repeats) >= asked && recall > best.unknownRecall)
      best = { below: t, inScopeAccuracy: accuracy, unknownRecall: recall };
  }
  return { ...best, goal: asked, inScope: inScope.length, unknown: unknown.length };
}

export function calibrateUnknown(
  examples: Example[],
  fit: (train: Example[]) => Predictor,
  rand: () => number,
  options: UnknownCalibrationOptions = {},
): UnknownCalibration {
  const { goal = 0.85, maxLoss = 0.05, repeats = 2 } = options;
  const labels = new Set(examples.map((e) => e.label)).size;
  const folds = Math.min(options.folds ?? 5, labels);
  if (labels < 3 || folds < 2) {
    const none = { inScope: 0, unknown: 0, inScopeAccuracy: 0, unknownRecall: 0 };
    return { below: 0, goal, folds: 0, repeats: 0, ...none };
  }
  const scored = Array.from({ length: repeats }, () => scoreFolds(examples, fit, folds, rand)).flat();
  return { ...pickUnknownThreshold(scored, goal, maxLoss, repeats), folds, repeats };
}
