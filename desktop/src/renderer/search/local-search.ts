// PLACEHOLDER search engine: a small in-memory BM25 with prefix matching and per-term explanations,
// used until the shared Orama hybrid search (`@app/shared/search`, being built in another issue) is
// exported; then the worker switches engines and this file goes. Runs inside search.worker.ts.

export type SearchItem = {
  id: string;
  type: 'lead' | 'contact' | 'knowledge' | 'message';
  title: string;
  text: string;
};
export type SearchHit = {
  id: string;
  type: SearchItem['type'];
  title: string;
  snippet: string;
  score: number;
  why: string[];
};

/** The engine's id; the UI names it in its language (`knowledge.engineName.<id>`). */
export const engineName = 'placeholder';

export function tokenize(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize('NFKC')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

type Posting = Map<number, number>; // doc index -> term frequency

export class LocalIndex {
  private readonly items: SearchItem[] = [];
  private readonly lengths: number[] = [];
  private readonly postings = new Map<string, Posting>();
  private sortedTerms: string[] | null = null;
  private totalLength = 0;

  add(items: readonly SearchItem[]) {
    for (const item of items) {
      const idx = this.items.push(item) - 1;
      const tokens = tokenize(`${item.title} ${item.title} ${item.text}`);
      this.lengths[idx] = tokens.length;
      this.totalLength += tokens.length;
      for (const t of tokens) {
        let p = this.postings.get(t);
        if (!p) this.postings.set(t, (p = new Map()));
        p.set(idx, (p.get(idx) ?? 0) + 1);
      }
    }
    this.sortedTerms = null;
  }

  get size() {
    return this.items.length;
  }

  /** Terms starting with `prefix` (binary search over the sorted vocabulary), at most `limit`. */
  private expand(prefix: string, limit = 30): string[] {
    this.sortedTerms ??= [...this.postings.keys()].sort();
    const terms = this.sortedTerms;
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (terms[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < terms.length && out.length < limit && terms[i]!.startsWith(prefix); i++)
      out.push(terms[i]!);
    return out;
  }

  search(query: string, limit = 20): SearchHit[] {
    const terms = tokenize(query);
    if (terms.length === 0 || this.items.length === 0) return [];
    const n = this.items.length;
    const avg = this.totalLength / n || 1;
    const k1 = 1.2;
    const b = 0.75;
    const scores = new Map<number, { score: number; why: string[] }>();
    terms.forEach((term, i) => {
      // The last word is still being typed: match it as a prefix.
      const variants =
        i === terms.length - 1 ? this.expand(term) : this.postings.has(term) ? [term] : this.expand(term, 5);
      for (const v of variants) {
        const posting = this.postings.get(v)!;
        const idf = Math.log(1 + (n - posting.size + 0.5) / (posting.size + 0.5));
        const prefixPenalty = v === term ? 1 : 0.7;
        for (const [doc, tf] of posting) {
          const norm = (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * this.lengths[doc]!) / avg));
          const s = idf * norm * prefixPenalty;
          const entry = scores.get(doc) ?? { score: 0, why: [] };
          entry.score += s;
          entry.why.push(`${v === term ? v : `${term}→${v}`} ×${tf} (+${s.toFixed(2)})`);
          scores.set(doc, entry);
        }
      }
    });
    return [...scores]
      .sort((a, b2) => b2[1].score - a[1].score || a[0] - b2[0])
      .slice(0, limit)
      .map(([doc, { score, why }]) => {
        const item = this.items[doc]!;
        return {
          id: item.id,
          type: item.type,
          title: item.title,
          snippet: snippet(item.text, terms),
          score,
          why,
        };
      });
  }
}

export function snippet(text: string, terms: readonly string[], width = 160): string {
  const lower = text.toLowerCase();
  const at =
    terms
      .map((t) => lower.indexOf(t))
      .filter((i) => i >= 0)
      .sort((a, b) => a - b)[0] ?? 0;
  const start = Math.max(0, at - 40);
  return (start > 0 ? '…' : '') + text.slice(start, start + width) + (start + width < text.length ? '…' : '');
}
