// Hybrid ranking: the full-text and vector candidate lists merged into one.
// - 'rrf': weighted reciprocal rank fusion, score = Σ weight / (k + rank), rank from 1: no
//   scale to guess (BM25 scores have no fixed range; cosines do, but their spread depends on the
//   embedder).
// - 'max' (default) / 'minmax': a weighted sum of the scores, each scaled to [0, 1] by its list's best score (or
//   its range). A document missing from one list gets 0 from it.
// The guard keeps fusion from falling below its better input (full text, on every set we measured):
// when the full-text list is sure of its first hit — its score leads the second by at least `guard`
// of itself — that hit stays first whatever the vectors say; the vectors re-order only what full
// text cannot tell apart. `guard: 0` means text always leads (hybrid = full text at rank 1); 1 or more
// turns the guard off. Weights, k and the guard are chosen on the tuning splits (npm run tune:retrieval).

export type Scored = { id: string; score: number };
export type FusedHit = { id: string; score: number; text?: number; vector?: number };
export type FusionWeights = {
  text: number;
  vector: number;
  method?: 'max' | 'minmax' | 'rrf';
  /** RRF's rank constant. */
  k?: number;
  /** The full-text lead (share of its top score) above which its first hit stays first. */
  guard?: number;
};

/**
 * For an embedder we could not measure (a team's embedding provider, an ONNX model: each is judged on
 * its own data, `--model` in eval-retrieval.ts): score scaling ('max') with vectors at a tenth of full
 * text, scaled so that a hit first in both lists scores 1, and the guard on.
 */
export const defaultFusionWeights: FusionWeights = {
  text: 1 / 1.1,
  vector: 0.1 / 1.1,
  method: 'max',
  guard: 0.02,
};

/**
 * For the local hashed vectors: no vote. On the pooled tuning splits (npm run tune:retrieval, issue 35)
 * the grid's best fusion ({ vector: 0.3, method: 'max', guard: 0.02 }) reached hit@1 0.8491 against
 * 0.8478 for full text alone, +11 -8 queries: not the clear margin `chooseFusion` asks (fusion-tuning.ts).
 * So hybrid search with them is full text (and skips the vector scan). On an unseen FAQ they had pulled
 * the fusion below plain BM25.
 */
export const localFusionWeights: FusionWeights = { text: 1, vector: 0, method: 'max', guard: 1 };

/** The fusion an index uses by default: none for the local hashed vectors, the guarded default otherwise. */
export const fusionWeightsFor = (embedder: { id: string } | undefined): FusionWeights =>
  embedder?.id === 'local' ? localFusionWeights : defaultFusionWeights;

export function fuse(
  text: Scored[],
  vector: Scored[],
  weights: FusionWeights = defaultFusionWeights,
): FusedHit[] {
  const byId = new Map<string, FusedHit>();
  const method = weights.method ?? 'max';
  const k = weights.k ?? 60;
  const scale = (list: Scored[]) => {
    const max = list.reduce((m, h) => Math.max(m, h.score), 0);
    const min = method === 'minmax' ? list.reduce((m, h) => Math.min(m, h.score), max) : 0;
    return (score: number, rank: number) =>
      method === 'rrf' ? 1 / (k + rank + 1) : max > min ? (Math.max(min, score) - min) / (max - min) : 0;
  };
  // A list that weighs nothing has no vote: its documents are not added (nor ordered) by it.
  if (weights.vector <= 0) vector = [];
  if (weights.text <= 0) text = [];
  const ts = scale(text);
  const vs = scale(vector);
  for (const [rank, h] of text.entries()) {
    const t = ts(h.score, rank);
    byId.set(h.id, { id: h.id, score: weights.text * t, text: h.score });
  }
  for (const [rank, h] of vector.entries()) {
    const v = vs(h.score, rank);
    const hit = byId.get(h.id);
    if (hit) {
      hit.score += weights.vector * v;
      hit.vector = h.score;
    } else byId.set(h.id, { id: h.id, score: weights.vector * v, vector: h.score });
  }
  const fused = [...byId.values()].sort((a, b) => b.score - a.score);
  return guardTop(fused, text, weights.guard ?? 1);
}

/** Puts full text's first hit back on top when it leads its second by at least `guard` of its score. */
function guardTop(fused: FusedHit[], text: Scored[], guard: number): FusedHit[] {
  const [first, second] = text;
  if (!first || first.score <= 0 || fused[0]?.id === first.id) return fused;
  const lead = (first.score - (second?.score ?? 0)) / first.score;
  if (lead < guard) return fused;
  const at = fused.findIndex((h) => h.id === first.id);
  const [hit] = fused.splice(at, 1);
  return [hit!, ...fused];
}
