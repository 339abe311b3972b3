// Term proximity for re-ranking full-text candidates: a question is usually answered by one sentence,
// so a document where the query's words stand close together beats one where they are scattered.
// The score is the largest IDF mass of distinct query stems inside any window of `window` words, plus
// (weight `sentence`) the largest inside one sentence. Weights chosen on the pooled tuning splits (npm
// run tune:retrieval, issue 35, with the FAQ question field on): window 20 over 12 (pooled hit@1 0.8478
// -> 0.8478, MRR 0.8908 -> 0.8912), sentence 0.5 over 0.25 (0.8507; 0.1: 0.8466); each kept by the
// tuner's rule against weight 0 (proximity +28 -12 queries, sentence +22 -2). Earlier (issue 15): sentence
// 0.25 lifted the mean tuning hit@1 of the four sets from 0.830 to 0.834.
import { DocCache } from './doc-cache';
import { analyze } from './tokenizer';

export type ProximityOptions = {
  weight: number;
  window: number;
  rerank: number;
  /** Weight of the best sentence's IDF mass of distinct query stems (0 = off). */
  sentence: number;
};
export const defaultProximity: ProximityOptions = { weight: 1, window: 20, rerank: 20, sentence: 0.5 };

/** A document's content stems in order, and the sentence each stands in. */
export type DocTerms = { terms: string[]; sentenceOf: Uint32Array };

const sentenceEnd = /[.!?;]\s|\n/g;

/** The largest IDF mass of distinct query stems inside one sentence of the document. */
export function sentenceScore(query: Set<string>, doc: DocTerms, idf: (t: string) => number): number {
  let best = 0;
  let current = -1;
  let seen = new Set<string>();
  let score = 0;
  for (let i = 0; i < doc.terms.length; i++) {
    const t = doc.terms[i]!;
    if (!query.has(t)) continue;
    if (doc.sentenceOf[i] !== current) {
      current = doc.sentenceOf[i]!;
      seen = new Set();
      score = 0;
    }
    if (seen.has(t)) continue;
    seen.add(t);
    score += idf(t);
    if (score > best) best = score;
  }
  return best;
}

/** The content stems of a text with their sentence numbers. */
export function docTerms(text: string): DocTerms {
  const tokens = analyze(text);
  const ends = [...text.matchAll(sentenceEnd)].map((m) => m.index);
  const sentenceOf = new Uint32Array(tokens.length);
  let s = 0;
  tokens.forEach((t, i) => {
    while (s < ends.length && ends[s]! < t.start) s++;
    sentenceOf[i] = s;
  });
  return { terms: tokens.map((t) => t.term), sentenceOf };
}

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
export class TermCache extends DocCache<DocTerms> {
  terms(id: string, text: () => string): DocTerms {
    return this.get(id, () => docTerms(text()));
  }
}
