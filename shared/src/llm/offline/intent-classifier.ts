// A small local intent classifier: multinomial logistic regression over sparse word, bigram and
// character n-gram features, trained by SGD with a seeded shuffle (the same data gives the same model).
// Training also calibrates the classifier's own "unknown" threshold from its training data
// (unknown-threshold.ts): a message whose top probability is below it is of no known intent.
import { features, type FeatureOptions } from './text-features';
import {
  calibrateUnknown,
  type UnknownCalibration,
  type UnknownCalibrationOptions,
} from './unknown-threshold';

export type LabelledExample = { text: string; label: string };
export type IntentPrediction = {
  /** The most likely known intent (a guess when `unknown`). */
  label: string;
  confidence: number;
  ranked: { label: string; p: number }[];
  /** The top probability is below the classifier's calibrated threshold: no known intent fits. */
  unknown: boolean;
};

export type IntentClassifier = {
  labels: readonly string[];
  /** Below this top probability a message is of no known intent (0: never; calibrated in training). */
  unknownBelow: number;
  /** How `unknownBelow` was found, when it was calibrated. */
  calibration?: UnknownCalibration;
  predict(text: string): IntentPrediction;
};

export type TrainOptions = FeatureOptions & {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  minCount?: number;
  seed?: number;
  /**
   * The "unknown" threshold's calibration (leave some intents out, on the training data); false: none
   * (nothing is ever unknown, and training fits one model instead of eleven). The model itself is the
   * same either way.
   */
  unknown?: UnknownCalibrationOptions | false;
  /**
   * A calibration already made for exactly these examples and options (a cache of the deterministic
   * result; training then fits one model, not eleven). The caller answers for the match.
   */
  calibrated?: UnknownCalibration;
};

type Vec = { idx: Int32Array; val: Float32Array };

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function trainIntentClassifier(
  examples: LabelledExample[],
  options: TrainOptions = {},
): IntentClassifier {
  const model = fitModel(examples, options);
  if (options.unknown === false) return { ...model, unknownBelow: 0 };
  const fit = (train: LabelledExample[]) => fitModel(train, options);
  const calibration =
    options.calibrated ??
    calibrateUnknown(examples, fit, mulberry32((options.seed ?? 7) + 1), options.unknown);
  const unknownBelow = calibration.below;
  return {
    labels: model.labels,
    unknownBelow,
    calibration,
    predict(text) {
      const p = model.predict(text);
      return { ...p, unknown: p.confidence < unknownBelow };
    },
  };
}

type Model = {
  labels: readonly string[];
  predict(text: string): Omit<IntentPrediction, 'unknown'> & { unknown: false };
};

function fitModel(examples: LabelledExample[], options: TrainOptions): Model {
  const { epochs = 12, learningRate = 0.5, l2 = 1e-5, minCount = 1, seed = 7 } = options;
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const raw = examples.map((e) => features(e.text, options));
  const counts = new Map<string, number>();
  for (const f of raw) for (const k of f.keys()) counts.set(k, (counts.get(k) ?? 0) + 1);
  const vocab = new Map<string, number>();
  for (const [k, c] of counts) if (c >= minCount) vocab.set(k, vocab.size);
  const n = examples.length;
  const idf = new Float32Array(vocab.size);
  for (const [k, i] of vocab) idf[i] = Math.log((1 + n) / (1 + (counts.get(k) ?? 0))) + 1;

  const vectorize = (f: Map<string, number>): Vec => {
    const idx: number[] = [];
    const val: number[] = [];
    let norm = 0;
    for (const [k, c] of f) {
      const i = vocab.get(k);
      if (i === undefined) continue;
      const v = (1 + Math.log(c)) * idf[i]!;
      idx.push(i);
      val.push(v);
      norm += v * v;
    }
    const s = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    return { idx: Int32Array.from(idx), val: Float32Array.from(val, (v) => v * s) };
  };

  const K = labels.length;
  const D = vocab.size;
  const W = new Float32Array(K * D);
  const bias = new Float32Array(K);
  const scores = new Float64Array(K);
  const grad = new Float64Array(K);
  const forward = (x: Vec, out: Float64Array) => {
    for (let k = 0; k < K; k++) out[k] = bias[k]!;
    for (let j = 0; j < x.idx.length; j++) {
      const base = x.idx[j]! * K;
      const v = x.val[j]!;
      for (let k = 0; k < K; k++) out[k]! += W[base + k]! * v;
    }
    let max = -Infinity;
    for (let k = 0; k < K; k++) if (out[k]! > max) max = out[k]!;
    let sum = 0;
    for (let k = 0; k < K; k++) sum += out[k] = Math.exp(out[k]! - max);
    for (let k = 0; k < K; k++) out[k]! /= sum;
  };

  const data = raw.map((f, i) => ({ x: vectorize(f), y: labelIndex.get(examples[i]!.label)! }));
  const rand = mulberry32(seed);
  const order = data.map((_, i) => i);
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) {
      const { x, y } = data[i]!;
      const lr = learningRate / (1 + 0.5 * (step++ / n));
      forward(x, scores);
      for (let k = 0; k < K; k++) grad[k] = scores[k]! - (k === y ? 1 : 0);
      for (let j = 0; j < x.idx.length; j++) {
        const base = x.idx[j]! * K;
        const v = x.val[j]!;
        for (let k = 0; k < K; k++) {
          const g = grad[k]!;
          if (g > -1e-4 && g < 1e-4) continue;
          W[base + k] = W[base + k]! - lr * (g * v + l2 * W[base + k]!);
        }
      }
      for (let k = 0; k < K; k++) bias[k] = bias[k]! - lr * grad[k]!;
    }
  }

  return {
    labels,
    predict(text) {
      const out = new Float64Array(K);
      forward(vectorize(features(text, options)), out);
      const ranked = labels.map((label, k) => ({ label, p: out[k]! })).sort((a, b) => b.p - a.p);
      return {
        label: ranked[0]!.label,
        confidence: ranked[0]!.p,
        ranked: ranked.slice(0, 3),
        unknown: false,
      };
    },
  };
}
