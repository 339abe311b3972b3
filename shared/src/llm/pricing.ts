// Token prices per model, in USD per million tokens, for cost accounting. Unknown models cost 0 and
// say so (an admin sets prices for their own provider in the LLM configuration).
import type { Usage } from './types';

export type ModelPrice = { promptPerMTok: number; completionPerMTok: number };
export type PriceTable = Record<string, ModelPrice>;

export const defaultPrices: PriceTable = {
  'gpt-4o': { promptPerMTok: 2.5, completionPerMTok: 10 },
  'gpt-4o-mini': { promptPerMTok: 0.15, completionPerMTok: 0.6 },
  'gpt-4.1': { promptPerMTok: 2, completionPerMTok: 8 },
  'gpt-4.1-mini': { promptPerMTok: 0.4, completionPerMTok: 1.6 },
  'gpt-4.1-nano': { promptPerMTok: 0.1, completionPerMTok: 0.4 },
};

export function costOf(prices: PriceTable, model: string, prompt: number, completion: number): Usage {
  const p = prices[model];
  const costUsd = p ? (prompt * p.promptPerMTok + completion * p.completionPerMTok) / 1_000_000 : 0;
  return { promptTokens: prompt, completionTokens: completion, costUsd };
}
