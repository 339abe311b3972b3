// The plain BM25 baseline of the retrieval evaluation, kept deliberately simple so that it means the
// same thing in every report: `\w+`-style Unicode words (letters, digits, underscore), lower-cased, no
// stemming, no stop words, no typo tolerance; one field (title and text joined); k1 = 1.2, b = 0.75 and
// Lucene's non-negative IDF ln(1 + (N - df + 0.5) / (df + 0.5)). Our search must beat it, not copy it.

const wordPattern = /[\p{L}\p{N}_]+/gu;

/** `\w+` with Unicode semantics, lower-cased: the baseline's only text analysis. */
export function plainTokens(text: string): string[] {
  return (text.toLowerCase().match(wordPattern) ?? []) as string[];
}

export type PlainBm25Doc = { id: string; text: string; title?: string };
export type PlainBm25Hit = { id: string; score: number };

export class PlainBm25 {
  readonly k1: number;
  readonly b: number;
  private readonly ids: string[] = [];
  private readonly lengths: number[] = [];
  private readonly postings = new Map<string, Array<[doc: number, tf: number]>>();
  private totalLength = 0;

  constructor(docs: Iterable<PlainBm25Doc>, params: { k1?: number; b?: number } = {}) {
    this.k1 = params.k1 ?? 1.2;
    this.b = params.b ?? 0.75;
    for (const doc of docs) this.add(doc);
  }

  get size(): number {
    return this.ids.length;
  }

  private add(doc: PlainBm25Doc): void {
    const n = this.ids.length;
    const tokens = plainTokens(doc.title ? `${doc.title}\n${doc.text}` : doc.text);
    const counts = new Map<string, number>();
    for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [term, tf] of counts) {
      let list = this.postings.get(term);
      if (!list) this.postings.set(term, (list = []));
      list.push([n, tf]);
    }
    this.ids.push(doc.id);
    this.lengths.push(tokens.length);
    this.totalLength += tokens.length;
  }

  idf(term: string): number {
    const df = this.postings.get(term)?.length ?? 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** The best `limit` documents, highest score first (ties by insertion order). */
  search(query: string, limit = 10): PlainBm25Hit[] {
    const scores = new Map<number, number>();
    const avg = this.totalLength / (this.size || 1) || 1;
    // A query word counts once per occurrence in the query (as the classic formulation sums them).
    for (const term of plainTokens(query)) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term);
      for (const [doc, tf] of list) {
        const norm = this.k1 * (1 - this.b + (this.b * this.lengths[doc]!) / avg);
        scores.set(doc, (scores.get(doc) ?? 0) + (idf * tf * (this.k1 + 1)) / (tf + norm));
      }
    }
    return [...scores]
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, limit)
      .map(([doc, score]) => ({ id: this.ids[doc]!, score }));
  }
}
