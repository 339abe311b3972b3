// The shared Orama search (`@app/shared/search`: BM25 with Russian and English stemming, typo
// tolerance, prefixes) as the worker's engine. Incremental: unchanged docs are skipped by content hash.
// Its snapshot (typed arrays, for IndexedDB) brings it back at the next start without re-indexing.
import { SearchIndex, type SearchDoc, type SearchIndexSnapshot } from '@app/shared/search';
import type { SearchHit } from './local-search';

/** The engine's id; the UI names it in its language (`knowledge.engineName.<id>`). */
export const oramaEngineName = 'orama';

export class OramaEngine {
  private index = new SearchIndex();

  get size() {
    return this.index.size;
  }

  reset() {
    this.index = new SearchIndex();
  }

  /** Makes the index hold exactly `docs`: upserts them and drops everything else. Returns how many changed. */
  async replaceAll(docs: SearchDoc[]): Promise<number> {
    const keep = new Set(docs.map((d) => d.id));
    const { indexed } = await this.index.upsert(docs);
    const removed = await this.index.removeWhere((d) => !keep.has(d.id));
    return indexed + removed;
  }

  snapshot(): Promise<SearchIndexSnapshot> {
    return this.index.serialize();
  }

  /** Replaces the index with a snapshot's (which `snapshot` made, here or in an earlier session). */
  async restore(snapshot: SearchIndexSnapshot): Promise<void> {
    this.index = await SearchIndex.restore(snapshot);
  }

  async search(query: string, limit: number): Promise<SearchHit[]> {
    if (!query.trim()) return [];
    const result = await this.index.search(query, { limit, mode: 'fulltext', snippetLength: 180 });
    return result.hits.map((h) => {
      const matched = [
        ...new Set(h.snippet.highlights.map(([s, e]) => h.snippet.text.slice(s, e).toLowerCase())),
      ];
      const why = [
        `BM25 ${(h.scores.text ?? h.score).toFixed(2)}`,
        ...(h.scores.vector !== undefined ? [`vector ${h.scores.vector.toFixed(2)}`] : []),
        ...(matched.length ? [`matched: ${matched.slice(0, 6).join(', ')}`] : []),
      ];
      return { id: h.docId, type: h.type, title: h.title, snippet: h.snippet.text, score: h.score, why };
    });
  }
}
