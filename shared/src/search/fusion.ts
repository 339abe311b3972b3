// Hybrid ranking: the full-text and vector candidate lists merged by a weighted sum of their scores,
// each scaled to [0, 1] by its list's best score (BM25 scores have no fixed range; cosines do, but
// their spread depends on the embedder). A document missing from one list gets 0 from it.

export type Scored = { id: string; score: number };
export type FusedHit = { id: string; score: number; text?: number; vector?: number };
export type FusionWeights = { text: number; vector: number; method?: 'max' | 'minmax' | 'rrf' };

export const defaultFusionWeights: FusionWeights = { text: 0.8, vector: 0.2, method: 'max' };

export function fuse(
  text: Scored[],
  vector: Scored[],
  weights: FusionWeights = defaultFusionWeights,
): FusedHit[] {
  const byId = new Map<string, FusedHit>();
  const method = weights.method ?? 'max';
  const scale = (list: Scored[]) => {
    const max = list.reduce((m, h) => Math.max(m, h.score), 0);
    const min = method === 'minmax' ? list.reduce((m, h) => Math.min(m, h.score), max) : 0;
    return (score: number, rank: number) =>
      method === 'rrf' ? 1 / (60 + rank) : max > min ? (Math.max(min, score) - min) / (max - min) : 0;
  };
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
  return [...byId.values()].sort((a, b) => b.score - a.score);
}
