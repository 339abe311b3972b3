// Term proximity for re-ranking full-text candidates: a question is usually answered by one sentence,
// so a document where the query's words stand close together beats one where they are scattered.
// The score is the largest IDF mass of distinct query stems inside any window of `window` words.
import { analyze } from './tokenizer';

export type ProximityOptions = { weight: number; window: number; rerank: number };
export const defaultProximity: ProximityOptions = { weight: 1, window: 12, rerank: 20 };

export function proximityScore(
  query: Set<string>,
  terms: string[],
  idf: (t: string) => number,
  window: number,
): number {
  const positions: number[] = [];
  for (let i = 0; i < terms.length; i++) if (query.has(terms[i]!)) positions.push(i);
  let best = 0;
  for (let a = 0; a < positions.length; a++) {
    const seen = new Set<string>();
    let score = 0;
    for (let b = a; b < positions.length && positions[b]! - positions[a]! < window; b++) {
      const t = terms[positions[b]!]!;
      if (seen.has(t)) continue;
      seen.add(t);
      score += idf(t);
    }
    if (score > best) best = score;
  }
  return best;
}

/** A small LRU of documents' stems, so re-ranking does not re-tokenise popular documents. */
export class TermCache {
  private readonly entries = new Map<string, string[]>();
  constructor(private readonly size = 4000) {}

  terms(id: string, text: () => string): string[] {
    let terms = this.entries.get(id);
    if (terms) {
      this.entries.delete(id);
    } else {
      terms = analyze(text()).map((t) => t.term);
      if (this.entries.size >= this.size) this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(id, terms);
    return terms;
  }

  forget(id: string): void {
    this.entries.delete(id);
  }

  clear(): void {
    this.entries.clear();
  }
}
