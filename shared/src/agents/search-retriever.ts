// Adapter from the Orama hybrid knowledge search (src/search) to the engine's KnowledgeRetriever.
// It only ever searches knowledge chunks (createKnowledgeSearch filters by type), never the contacts,
// leads or messages the same index holds, so retrieval cannot leak other customers' data.
import type { KnowledgeHit as SearchHit } from '../llm/types';
import type {
  KnowledgeHit as FoundChunk,
  KnowledgeSearch,
  KnowledgeSearchOptions,
} from '../search/knowledge-search';
import type { KnowledgeRetriever } from './ports';

/**
 * A found chunk as the agents read it: the title with the chunk's headings ("Prices › Team plan"),
 * which the answer evidence and the coverage check read (a citation shows the source's title only).
 */
export const retrievedHit = (h: FoundChunk): SearchHit => ({
  chunkId: h.chunkId,
  sourceId: h.sourceId,
  title: h.headings.length ? `${h.title} › ${h.headings.join(' › ')}` : h.title,
  text: h.text,
  score: h.score,
});

export function retrieverFromKnowledgeSearch(
  search: KnowledgeSearch,
  options: Pick<KnowledgeSearchOptions, 'mode' | 'minScore' | 'filters'> = {},
): KnowledgeRetriever {
  return {
    async search(query, { limit, sourceIds }) {
      const filters = sourceIds ? { ...options.filters, sourceId: [...sourceIds] } : options.filters;
      const hits = await search.search(query, { ...options, ...(filters ? { filters } : {}), limit });
      return hits.map(retrievedHit);
    },
  };
}
