// The engine answering from the Orama hybrid search (src/search) through the retriever adapter.
import { describe, expect, it } from 'vitest';
import { LocalEmbedder } from '../embeddings/local-embedder';
import { createLlmClient } from '../llm/llm-client';
import { createOfflineProvider } from '../llm/offline/offline-provider';
import { sampleDocs } from '../schemas/fixtures';
import type { KnowledgeChunkDoc } from '../schemas/knowledge';
import { createChangeFeedAdapter } from '../search/change-feed';
import { createKnowledgeSearch } from '../search/knowledge-search';
import { SearchIndex } from '../search/search-index';
import { createAgentEngine, salesClassifier } from './engine';
import { createMemoryStore } from '../testing/memory-store';
import { fixedClock } from './ports';
import { retrieverFromKnowledgeSearch } from './search-retriever';
import { inbound } from './test-support';

const at = '2026-03-01T10:00:00.000Z';
const chunk = (id: string, ordinal: number, text: string, headings: string[]): KnowledgeChunkDoc => ({
  id,
  sourceId: 'src-prices',
  ordinal,
  text,
  headings,
  position: { start: 0, end: text.length },
  contentHash: `${id}-${text.length}`,
  createdAt: at,
});

describe('retriever over the Orama knowledge search', () => {
  it('answers with a citation of the indexed chunk, and never returns contacts', async () => {
    const index = new SearchIndex({ embedder: new LocalEmbedder({ dims: 128 }) });
    await createChangeFeedAdapter(index).applyChanges([
      {
        collection: 'knowledge_sources',
        id: 'src-prices',
        doc: { ...sampleDocs.knowledge_sources, id: 'src-prices', title: 'Прайс' },
      },
      {
        collection: 'knowledge_chunks',
        id: 'k-0',
        doc: chunk('k-0', 0, 'Тариф Бизнес стоит 1990 рублей за пользователя в месяц.', ['Бизнес']),
      },
      {
        collection: 'knowledge_chunks',
        id: 'k-1',
        doc: chunk('k-1', 1, 'Доставка по Москве занимает 1-2 дня.', ['Доставка']),
      },
      { collection: 'contacts', id: 'contact-1', doc: sampleDocs.contacts },
    ]);
    const retriever = retrieverFromKnowledgeSearch(createKnowledgeSearch(index));
    expect(
      (await retriever.search('Анна Петрова Ромашка', { limit: 5 })).every(
        (h) => h.sourceId === 'src-prices',
      ),
    ).toBe(true);
    const engine = createAgentEngine({
      store: createMemoryStore('t'),
      llm: createLlmClient({
        providers: [],
        offline: createOfflineProvider({ classifier: salesClassifier() }),
      }),
      retriever,
      clock: fixedClock('2026-03-02T10:00:00.000Z'),
    });
    const r = await engine.handleInbound(inbound('Сколько стоит тариф Бизнес?'));
    expect(r.replies[0]!.text).toContain('1990');
    expect(r.replies[0]!.citations?.[0]).toMatchObject({
      chunkId: 'k-0',
      sourceId: 'src-prices',
      title: 'Прайс › Бизнес',
    });
  });
});
