// Training of the Russian abuse model (../abuse-model.ts), pure (no Node): logistic regression by Adagrad
// over the hashed features, in a seeded order (deterministic), 5-fold cross-validation on the tuning part
// (split.ts: FNV-1a of the text mod 10 < 7; never the held-out part) to choose the threshold that maximises
// out-of-fold F0.5 of the rule "the lexicon's severe words, or the model at or above the threshold", and
// int8 weights for shipping. Run by `npm run train:mood` (../../../cli/train-abuse-model.ts).
import { findAbuse, type AbuseHit } from '../abuse';
import { featurise, sigmoid, type AbuseModelWeights } from '../abuse-model';
import { fnv1a, splitOf } from '../split';

const BITS = 16;
const EPOCHS = 10;
const L2 = 1e-5;
const LR = 0.1;
/** The threshold maximises F-beta of the out-of-fold rule (beta 0.5: precision counts twice as much). */
const BETA = 0.5;

export type Row = {
  text: string;
  label: number;
  hits: AbuseHit[];
  /** `bare`: a few words that call names, abuse whatever the model says (abuse-cues.ts `bareInsult`). */
  x: { idx: number[]; val: number[]; bare: boolean };
};

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Rows of a JSON Lines text; the tuning part only unless `all` (our own tuning sets). `relabel` maps the
 * FNV-1a hash of a row's text to the label that replaces the file's (eval/ru-vk-relabel).
 */
export function parseRows(jsonl: string, all = false, relabel?: ReadonlyMap<number, number>): Row[] {
  return jsonl
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { text: string; label: number })
    .filter((r) => all || splitOf(r.text) === 'tune')
    .map((r) => {
      const hits = findAbuse(r.text);
      const label = relabel?.get(fnv1a(r.text)) ?? r.label;
      return { text: r.text, label: label ? 1 : 0, hits, x: featurise(r.text, hits, BITS) };
    });
}

/** Logistic regression by Adagrad over the rows in a seeded order. */
function train(rows: Row[], seed: number) {
  const w = new Float64Array(1 << BITS);
  const g2 = new Float64Array(1 << BITS).fill(1e-8);
  let bias = 0;
  let gb2 = 1e-8;
  const rnd = mulberry32(seed);
  const order = rows.map((_, i) => i);
  const pos = rows.filter((r) => r.label).length;
  const posWeight = (rows.length - pos) / Math.max(1, pos) / 2;
  for (let e = 0; e < EPOCHS; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const k of order) {
      const r = rows[k]!;
      let z = bias;
      r.x.idx.forEach((i, k) => (z += w[i]! * r.x.val[k]!));
      const g = (sigmoid(z) - r.label) * (r.label ? Math.max(1, posWeight) : 1);
      for (let k = 0; k < r.x.idx.length; k++) {
        const i = r.x.idx[k]!;
        const gi = g * r.x.val[k]! + L2 * w[i]!;
        g2[i]! += gi * gi;
        w[i]! -= (LR * gi) / Math.sqrt(g2[i]!);
      }
      gb2 += g * g;
      bias -= (LR * g) / Math.sqrt(gb2);
    }
  }
  return { w, bias };
}

const predict = (m: { w: Float64Array; bias: number }, r: Row) => {
  let z = m.bias;
  r.x.idx.forEach((i, k) => (z += m.w[i]! * r.x.val[k]!));
  return sigmoid(z);
};

/** The rule's cases that need no model: a severe word of the lexicon, a few words that call names. */
const severe = (r: Row) => r.x.bare || r.hits.some((h) => h.severity === 'severe');

function prAt(rows: Row[], p: number[], t: number, withSevere: boolean) {
  let tp = 0;
  let fp = 0;
  let pos = 0;
  rows.forEach((r, i) => {
    const f = p[i]! >= t || (withSevere && severe(r));
    if (r.label) pos++;
    if (f && r.label) tp++;
    else if (f) fp++;
  });
  return { precision: tp + fp ? tp / (tp + fp) : 1, recall: pos ? tp / pos : 0 };
}

/**
 * Trains on the rows (the public set's tuning part, and our harmless tuning sentences, all label 0), picks
 * the threshold by 5-fold cross-validation and returns the model to ship; `log` gets the figures.
 */
export function trainAbuseModel(
  rows: Row[],
  log: (line: string) => void,
  /** What the rows are, for the weights' `meta` (the training CLI says it). */
  data: string,
): AbuseModelWeights {
  // Five folds in a seeded order; out-of-fold probabilities choose the threshold.
  const rnd = mulberry32(62);
  const fold = rows.map(() => Math.floor(rnd() * 5));
  const oof: number[] = new Array<number>(rows.length).fill(0);
  for (let k = 0; k < 5; k++) {
    const m = train(
      rows.filter((_, i) => fold[i] !== k),
      k + 1,
    );
    rows.forEach((r, i) => {
      if (fold[i] === k) oof[i] = predict(m, r);
    });
  }
  const sev = prAt(rows, oof, 2, true);
  log(
    `tuning rows ${rows.length}; severe words and bare insults alone: P ${sev.precision.toFixed(3)} R ${sev.recall.toFixed(3)}`,
  );
  const fBeta = (p: number, r: number) => (p + r ? ((1 + BETA ** 2) * p * r) / (BETA ** 2 * p + r) : 0);
  let threshold = 0.5;
  let best = -1;
  // For the record: the best recall at out-of-fold precision 0.90, of the model alone and of the rule.
  const atP90 = [false, true].map((withSevere) => ({ withSevere, t: 1, recall: 0 }));
  for (let k = 95; k >= 5; k--) {
    const { precision, recall } = prAt(rows, oof, k / 100, true);
    if (fBeta(precision, recall) > best) [best, threshold] = [fBeta(precision, recall), k / 100];
    for (const a of atP90) {
      const m = prAt(rows, oof, k / 100, a.withSevere);
      if (m.precision >= 0.9 && m.recall > a.recall) [a.t, a.recall] = [k / 100, m.recall];
    }
  }
  for (const t of [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, threshold]) {
    const a = prAt(rows, oof, t, false);
    const b = prAt(rows, oof, t, true);
    log(
      `t ${t.toFixed(2)}  model: P ${a.precision.toFixed(3)} R ${a.recall.toFixed(3)}  model|rules: P ${b.precision.toFixed(3)} R ${b.recall.toFixed(3)}`,
    );
  }
  // And the precision at out-of-fold recall 0.70 (the bar is both: R >= 0.70 at P >= 0.90).
  for (const withSevere of [false, true]) {
    let at70 = 0;
    for (let k = 5; k <= 95 && !at70; k++) {
      const m = prAt(rows, oof, (100 - k) / 100, withSevere);
      if (m.recall >= 0.7) at70 = m.precision;
    }
    log(
      `out-of-fold precision at R >= 0.70, ${withSevere ? 'model|rules' : 'model alone'}: ${at70.toFixed(3)}`,
    );
  }
  for (const a of atP90)
    log(
      `best out-of-fold recall at P >= 0.90, ${a.withSevere ? 'model|rules' : 'model alone'}: ${a.recall.toFixed(3)} (t ${a.t})`,
    );
  log(`chosen threshold ${threshold} (out-of-fold F${BETA} of model|rules ${best.toFixed(3)})`);

  const full = train(rows, 1);
  let max = 0;
  for (const v of full.w) max = Math.max(max, Math.abs(v));
  const scale = max / 127;
  const bytes = new Uint8Array(full.w.length);
  full.w.forEach((v, i) => (bytes[i] = Math.round(v / scale) & 0xff));
  const model: AbuseModelWeights = {
    bits: BITS,
    weights: btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join('')),
    scale,
    bias: full.bias,
    threshold,
    meta: {
      data,
      rows: rows.length,
      epochs: EPOCHS,
      l2: L2,
      beta: BETA,
    },
  };
  return model;
}
