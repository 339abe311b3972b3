// A profile's knowledge scope (agent settings v6): with two documents in the knowledge base and a scope
// naming one, a question the other answers gets no citation from it; unset, all knowledge answers.
import { describe, expect, it } from 'vitest';
import { LocalEmbedder } from '../embeddings/local-embedder';
import { createLlmClient } from '../llm/llm-client';
import { createOfflineProvider } from '../llm/offline/offline-provider';
import type { AgentSettingsDoc } from '../schemas/agent-settings';
import { sampleDocs } from '../schemas/fixtures';
import type { KnowledgeChunkDoc } from '../schemas/knowledge';
import { createChangeFeedAdapter } from '../search/change-feed';
import { createKnowledgeSearch } from '../search/knowledge-search';
import { SearchIndex } from '../search/search-index';
import { migrateDoc, validateDoc } from '../validation';
import { createAgentEngine, salesClassifier } from './engine';
import { createKeywordRetriever } from './keyword-retriever';
import { scopedRetriever } from './knowledge-scope';
import { createMemoryStore } from '../testing/memory-store';
import { fixedClock, type KnowledgeRetriever } from './ports';
import { defaultProfile } from './profiles';
import { retrieverFromKnowledgeSearch } from './search-retriever';
import { inbound } from './test-support';

const at = '2026-03-01T10:00:00.000Z';
const chunk = (id: string, sourceId: string, text: string): KnowledgeChunkDoc => ({
  id,
  sourceId,
  ordinal: 0,
  text,
  position: { start: 0, end: text.length },
  contentHash: `${id}-${text.length}`,
  createdAt: at,
});

/** Two documents: a price list and a delivery note, in the Orama hybrid index the product uses. */
async function twoDocuments(): Promise<KnowledgeRetriever> {
  const index = new SearchIndex({ embedder: new LocalEmbedder({ dims: 128 }) });
  await createChangeFeedAdapter(index).applyChanges([
    {
      collection: 'knowledge_sources',
      id: 'src-prices',
      doc: { ...sampleDocs.knowledge_sources, id: 'src-prices', title: 'Прайс' },
    },
    {
      collection: 'knowledge_sources',
      id: 'src-delivery',
      doc: { ...sampleDocs.knowledge_sources, id: 'src-delivery', title: 'Доставка' },
    },
    {
      collection: 'knowledge_chunks',
      id: 'p-0',
      doc: chunk('p-0', 'src-prices', 'Тариф Бизнес стоит 1990 рублей за пользователя в месяц.'),
    },
    {
      collection: 'knowledge_chunks',
      id: 'd-0',
      doc: chunk('d-0', 'src-delivery', 'Доставка по Москве занимает 1-2 дня, по России 3-7 дней.'),
    },
  ]);
  return retrieverFromKnowledgeSearch(createKnowledgeSearch(index));
}

async function ask(retriever: KnowledgeRetriever, text: string, knowledgeSourceIds?: string[]) {
  const store = createMemoryStore('t');
  const profile: AgentSettingsDoc = {
    ...defaultProfile,
    id: 'agent-scoped',
    isDefault: true,
    ...(knowledgeSourceIds ? { knowledgeSourceIds } : {}),
  };
  await store.put('agent_settings', profile);
  const engine = createAgentEngine({
    store,
    llm: createLlmClient({
      providers: [],
      offline: createOfflineProvider({ classifier: salesClassifier() }),
    }),
    retriever,
    clock: fixedClock('2026-03-02T10:00:00.000Z'),
  });
  return engine.handleInbound(inbound(text));
}

const cited = (r: Awaited<ReturnType<typeof ask>>) =>
  r.replies.flatMap((m) => m.citations ?? []).map((c) => c.sourceId);

describe('knowledge scope of an agent profile', () => {
  it('answers a price question from the price list when the profile has no scope', async () => {
    const r = await ask(await twoDocuments(), 'Сколько стоит тариф Бизнес?');
    expect(cited(r)).toContain('src-prices');
    expect(r.replies[0]!.text).toContain('1990');
  });

  it('gives no citation from a document outside the scope', async () => {
    const r = await ask(await twoDocuments(), 'Сколько стоит тариф Бизнес?', ['src-delivery']);
    expect(cited(r)).not.toContain('src-prices');
    expect(r.replies.map((m) => m.text).join('\n')).not.toContain('1990');
    const retrieved = r.activity.filter((a) => a.name === 'retrieve');
    expect(JSON.stringify(retrieved)).not.toContain('p-0');
  });

  it('still cites the document the scope names', async () => {
    const r = await ask(await twoDocuments(), 'Сколько дней доставка по Москве?', ['src-delivery']);
    expect(cited(r)).toEqual(expect.arrayContaining(['src-delivery']));
  });

  it('filters even a retriever that ignores the source filter; an empty scope is all knowledge', async () => {
    const base = createKeywordRetriever([
      { chunkId: 'a', sourceId: 'A', title: 'A', text: 'Тариф Бизнес стоит 1990 рублей' },
      { chunkId: 'b', sourceId: 'B', title: 'B', text: 'Тариф Команда стоит 990 рублей' },
    ]);
    const deaf: KnowledgeRetriever = { search: (q, { limit }) => base.search(q, { limit }) };
    const only = (ids: string[] | undefined) => scopedRetriever(deaf, { knowledgeSourceIds: ids });
    expect((await only(['B']).search('тариф стоит', { limit: 5 })).map((h) => h.sourceId)).toEqual(['B']);
    expect((await only([]).search('тариф стоит', { limit: 5 })).map((h) => h.sourceId).sort()).toEqual([
      'A',
      'B',
    ]);
    // A caller's own source filter narrows within the scope, never widens it.
    expect(
      await scopedRetriever(base, { knowledgeSourceIds: ['B'] }).search('тариф', {
        limit: 5,
        sourceIds: ['A'],
      }),
    ).toEqual([]);
  });

  it('is optional in the schema (v6), validated, and a version 5 profile needs no change', () => {
    const old = { ...sampleDocs.agent_settings };
    expect(migrateDoc('agent_settings', { ...old }, 5)).toEqual(old);
    expect(validateDoc('agent_settings', { ...old, knowledgeSourceIds: ['src-prices'] }).ok).toBe(true);
    expect(validateDoc('agent_settings', { ...old, knowledgeSourceIds: [''] }).ok).toBe(false);
    expect(validateDoc('agent_settings', { ...old, knowledgeSourceIds: 'src-prices' }).ok).toBe(false);
  });
});
