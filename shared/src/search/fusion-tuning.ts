// Choosing the fusion settings on judged queries (a tuning split): every setting of a small grid is
// tried on the full-text and vector candidate lists of each query, and the best by hit@1 (then MRR@10)
// wins. The grid holds "full text only" and "vectors only", so on the data it is chosen on the fused
// ranking can never fall below its better input; held-out data then says whether that holds.
// `chooseFusion` adds the rule that keeps a weak component out: the vectors get a vote only when the
// best fused setting beats full text alone on the pooled tuning queries clearly (a sign test over the
// queries whose hit@1 changes), not by a query or two that held-out data would not repeat.
import { fuse, type FusionWeights, type Scored } from './fusion';
import { scoreRanking } from './retrieval-eval';
import { signTest } from './sign-test';

export type JudgedLists = { text: Scored[]; vector: Scored[]; relevant: Set<string> };
export type FusionScore = { hit1: number; mrr10: number };

export const fusionGrid = (): FusionWeights[] => {
  const grid: FusionWeights[] = [
    { text: 1, vector: 0, method: 'rrf', k: 60, guard: 1 },
    { text: 0, vector: 1, method: 'rrf', k: 60, guard: 1 },
  ];
  for (const vector of [0.1, 0.2, 0.3, 0.5, 0.75, 1])
    for (const guard of [0, 0.02, 0.05, 0.1, 0.2, 0.4, 1]) {
      for (const k of [1, 5, 10, 30, 60]) grid.push({ text: 1, vector, method: 'rrf', k, guard });
      grid.push({ text: 1, vector, method: 'max', guard });
    }
  return grid;
};

/** Each query's hit@1 under one fusion setting (1 or 0). */
function hitsOf(queries: JudgedLists[], weights: FusionWeights): number[] {
  return queries.map((q) => {
    const first = fuse(q.text, q.vector, weights)[0];
    return first && q.relevant.has(first.id) ? 1 : 0;
  });
}

/** hit@1 and MRR@10 of one fusion setting over judged candidate lists (per query, then averaged). */
export function scoreFusion(queries: JudgedLists[], weights: FusionWeights): FusionScore {
  let hit1 = 0;
  let mrr10 = 0;
  for (const q of queries) {
    const ranked = fuse(q.text, q.vector, weights)
      .slice(0, 10)
      .map((h) => h.id);
    const s = scoreRanking(ranked, q.relevant);
    hit1 += s.hit1;
    mrr10 += s.mrr10;
  }
  const n = queries.length || 1;
  return { hit1: hit1 / n, mrr10: mrr10 / n };
}

/** The best setting of the grid on these queries (ties: the earlier, i.e. simpler, setting). */
export function calibrateFusion(
  queries: JudgedLists[],
  grid: FusionWeights[] = fusionGrid(),
): { weights: FusionWeights; score: FusionScore } {
  let best = { weights: grid[0]!, score: scoreFusion(queries, grid[0]!) };
  for (const weights of grid.slice(1)) {
    const score = scoreFusion(queries, weights);
    const gain = score.hit1 - best.score.hit1;
    if (gain > 1e-9 || (gain > -1e-9 && score.mrr10 > best.score.mrr10 + 1e-9)) best = { weights, score };
  }
  return best;
}

/** Full text alone: the fusion of a component that gets no vote. */
export const textOnlyFusion: FusionWeights = { text: 1, vector: 0, method: 'max', guard: 1 };

export type FusionChoice = {
  weights: FusionWeights;
  score: FusionScore;
  /** Full text alone on the same queries. */
  textOnly: FusionScore;
  /** The best fused setting of the grid, kept or not. */
  best: { weights: FusionWeights; score: FusionScore };
  /** Queries the best setting gets right at rank 1 and full text alone does not, and the reverse. */
  wins: number;
  losses: number;
  vectorsVote: boolean;
};

/**
 * The fusion to use: the grid's best (calibrateFusion) when it beats full text alone on these queries
 * by a clear margin (signTest at `z`), and full text alone otherwise. A component that does not
 * help on the pooled tuning split gets no vote.
 */
export function chooseFusion(
  queries: JudgedLists[],
  grid: FusionWeights[] = fusionGrid(),
  z = 2,
): FusionChoice {
  const best = calibrateFusion(queries, grid);
  const { wins, losses, clear } = signTest(hitsOf(queries, best.weights), hitsOf(queries, textOnlyFusion), z);
  const textOnly = scoreFusion(queries, textOnlyFusion);
  const vectorsVote = best.weights.vector > 0 && clear;
  return {
    ...(vectorsVote ? best : { weights: textOnlyFusion, score: textOnly }),
    textOnly,
    best,
    wins,
    losses,
    vectorsVote,
  };
}
