// The knowledge search agents use (answer agent, "search knowledge" tool): a query in, chunks to quote
// and cite out. A stable, small surface over the hybrid index.
import type { ChunkPosition } from './docs';
import type { SearchFilters } from './filters';
import type { SearchIndex, SearchMode } from './search-index';

export type KnowledgeHit = {
  chunkId: string;
  sourceId: string;
  /** The source's title (for the citation). */
  title: string;
  headings: string[];
  text: string;
  /** The best passage with the query's words marked. */
  snippet: string;
  snippetHtml: string;
  position: ChunkPosition;
  ordinal: number;
  score: number;
  question?: string;
  answer?: string;
};

export type KnowledgeSearchOptions = {
  limit?: number;
  mode?: SearchMode;
  filters?: Pick<SearchFilters, 'sourceId' | 'language' | 'tags' | 'dateFrom' | 'dateTo'>;
  /** Hits scoring below this (0..1 in hybrid mode) are dropped. */
  minScore?: number;
};

export type KnowledgeSearch = {
  search(query: string, options?: KnowledgeSearchOptions): Promise<KnowledgeHit[]>;
};

export function createKnowledgeSearch(index: SearchIndex): KnowledgeSearch {
  return {
    async search(query, options = {}) {
      const { hits } = await index.search(query, {
        limit: options.limit ?? 5,
        ...(options.mode ? { mode: options.mode } : {}),
        filters: { ...options.filters, type: 'knowledge' },
      });
      return hits
        .filter((h) => options.minScore === undefined || h.score >= options.minScore)
        .map((h) => ({
          chunkId: h.docId,
          sourceId: h.sourceId ?? '',
          title: h.sourceTitle ?? h.title,
          headings: h.headings ?? [],
          text: h.text,
          snippet: h.snippet.text,
          snippetHtml: h.snippet.html,
          position: h.position ?? { start: 0, end: h.text.length },
          ordinal: h.ordinal ?? 0,
          score: h.score,
          ...(h.question ? { question: h.question, answer: h.answer } : {}),
        }));
    },
  };
}
