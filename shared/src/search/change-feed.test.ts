import { describe, expect, it } from 'vitest';
import { LocalEmbedder } from '../embeddings/local-embedder';
import { sampleDocs } from '../schemas/fixtures';
import type { KnowledgeChunkDoc } from '../schemas/knowledge';
import { createChangeFeedAdapter } from './change-feed';
import { createKnowledgeSearch } from './knowledge-search';
import { SearchIndex } from './search-index';
import { countingEmbedder } from './test-helpers';

const at = '2026-03-01T10:00:00.000Z';
const chunk = (id: string, text: string, extra: Partial<KnowledgeChunkDoc> = {}): KnowledgeChunkDoc => ({
  id,
  sourceId: 'src-1',
  ordinal: Number(id.split('-').at(-1)),
  text,
  position: { start: 0, end: text.length },
  contentHash: id + text.length,
  createdAt: at,
  headings: ['Доставка'],
  ...extra,
});

describe('change feed adapter', () => {
  it('indexes changes from the database, skips unchanged docs, deletes, and follows source titles', async () => {
    const embedder = countingEmbedder(new LocalEmbedder({ dims: 128 }));
    const index = new SearchIndex({ embedder: embedder as never });
    const feed = createChangeFeedAdapter(index);
    const source = sampleDocs.knowledge_sources;
    const changes = [
      {
        collection: 'knowledge_sources' as const,
        id: 'src-1',
        doc: { ...source, id: 'src-1', title: 'Условия' },
      },
      {
        collection: 'knowledge_chunks' as const,
        id: 'c-0',
        doc: chunk('c-0', 'Доставка по Москве бесплатная.'),
      },
      {
        collection: 'knowledge_chunks' as const,
        id: 'c-1',
        doc: chunk('c-1', 'Оплата картой при получении.'),
      },
    ];
    expect(await feed.applyChanges(changes)).toMatchObject({ upserted: 2, removed: 0, embedded: 2 });
    expect(await feed.applyChanges(changes)).toMatchObject({ upserted: 0, unchanged: 2, embedded: 0 });

    const knowledge = createKnowledgeSearch(index);
    const [hit] = await knowledge.search('доставкой');
    expect(hit).toMatchObject({
      chunkId: 'c-0',
      sourceId: 'src-1',
      title: 'Условия',
      headings: ['Доставка'],
      ordinal: 0,
    });
    expect(hit!.snippetHtml).toContain('<mark>Доставка</mark>');

    await feed.applyChanges([
      { collection: 'knowledge_sources', id: 'src-1', doc: { ...source, id: 'src-1', title: 'Правила' } },
    ]);
    expect((await knowledge.search('оплата'))[0]!.title).toBe('Правила');

    expect(
      await feed.applyChanges([{ collection: 'knowledge_chunks', id: 'c-1', deleted: true }]),
    ).toMatchObject({ removed: 1 });
    expect(await knowledge.search('оплата', { mode: 'fulltext' })).toEqual([]);
    expect(
      await feed.applyChanges([{ collection: 'knowledge_sources', id: 'src-1', deleted: true }]),
    ).toMatchObject({ removed: 1 });
    expect(index.size).toBe(0);
  });

  it('maps contacts, leads and messages with their filter fields', async () => {
    const index = new SearchIndex({ embedder: new LocalEmbedder({ dims: 128 }) });
    const feed = createChangeFeedAdapter(index);
    const { contacts, leads, messages } = sampleDocs;
    await feed.applyChanges([
      { collection: 'contacts', id: contacts.id, doc: contacts },
      { collection: 'leads', id: leads.id, doc: leads },
      { collection: 'messages', id: messages.id, doc: messages },
    ]);
    expect((await index.search('CRM', { filters: { type: 'contact' } })).hits[0]?.docId).toBe(contacts.id);
    expect(index.size).toBe(3);
    const { facets } = await index.search('', { facets: ['type'] });
    expect(facets?.type).toEqual({ contact: 1, lead: 1, message: 1 });
  });
});
