// A team's knowledge index across a restart, over the real embedded store: the first start embeds the
// chunks and stores each vector on its chunk doc; a restart (a new index in another process's store)
// embeds nothing and has the same vectors, equal to a fresh embedding of the chunk's text; a chunk
// whose text changed while the server was down is embedded again, and its stored vector replaced; a
// provider that fails leaves the chunks searchable by full text, and a retry embeds them once it is back.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEmbedder, type EmbedOptions } from '@app/shared/embeddings';
import type { KnowledgeChunkDoc } from '@app/shared/schemas';
import { embeddingText, fromKnowledgeChunk } from '@app/shared/search';
import { validateCouchDoc } from '@app/shared/validation';
import type { CouchStore } from '../store/couch-store';
import { eventually, startTestStore, type TestStore } from '../../test/helpers';
import { startTeamKnowledge, type TeamKnowledge } from './team-knowledge';

const log = pino({ level: 'silent' });
const teamId = 'kteam';
let kit: TestStore;
let store: CouchStore;

/** The local embedder, counting the texts it embeds. */
class CountingEmbedder extends LocalEmbedder {
  embedded = 0;
  override async embed(texts: string[], options?: EmbedOptions): Promise<number[][]> {
    this.embedded += texts.length;
    return super.embed(texts, options);
  }
}

const at = '2026-03-01T10:00:00.000Z';
const texts = {
  'faq:0': 'Support answers from 9:00 to 21:00 Moscow time, seven days a week.',
  'faq:1': 'The Team plan costs 12 USD per user per month billed yearly.',
  'faq:2': 'We ship internationally with DHL within 5-10 days.',
};
type RawChunk = KnowledgeChunkDoc & { _id: string; _rev: string };
const chunks = () => store.teamDb<RawChunk>(teamId, 'knowledge_chunks');
const chunkDoc = async (id: string) => (await chunks().get(id)) as RawChunk;

async function start(onStore: CouchStore, embedder: CountingEmbedder): Promise<TeamKnowledge> {
  const knowledge = startTeamKnowledge({ store: onStore, teamId, log, embedder });
  await knowledge.ready;
  return knowledge;
}

beforeAll(async () => {
  kit = await startTestStore('team-knowledge-', log);
  store = kit.store;
  await store.ensureTeam(teamId);
  await store.teamDb(teamId, 'knowledge_sources').insert({
    _id: 'faq',
    title: 'Customer FAQ',
    kind: 'text',
    status: 'ready',
    contentHash: 'h-faq',
    fieldUpdatedAt: {},
    createdAt: at,
    updatedAt: at,
  } as never);
  await chunks().bulk({
    docs: Object.entries(texts).map(([id, text], ordinal) => ({
      _id: id,
      sourceId: 'faq',
      ordinal,
      text,
      headings: [],
      position: { start: 0, end: text.length },
      contentHash: `h-${id}`,
      createdAt: at,
    })) as never,
  });
}, 60_000);

afterAll(async () => {
  await kit?.close();
});

/** What a fresh embedding of the chunk (with its source's title) is. */
async function freshVector(chunk: KnowledgeChunkDoc): Promise<number[]> {
  const [v] = await new LocalEmbedder().embed([embeddingText(fromKnowledgeChunk(chunk, 'Customer FAQ'))]);
  return v!;
}

const close = (a: number[], b: number[]) =>
  a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) < 1e-6);

describe('team knowledge across a restart', () => {
  it('stores the vectors on the chunks, and a restart reuses them instead of embedding again', async () => {
    const firstEmbedder = new CountingEmbedder();
    const first = await start(store, firstEmbedder);
    expect(first.size).toBe(3);
    expect(firstEmbedder.embedded).toBe(3);
    // Each chunk doc gets its vector, made for this model and content, and stays a valid chunk.
    for (const id of Object.keys(texts)) {
      const doc = await eventually(async () => {
        const d = await chunkDoc(id);
        return d.embedding ? d : undefined;
      });
      expect(doc.embedding).toMatchObject({ provider: firstEmbedder.id, model: firstEmbedder.model });
      expect(close(doc.embedding!.values, await freshVector(doc))).toBe(true);
      expect(validateCouchDoc('knowledge_chunks', doc)).toMatchObject({ ok: true });
    }
    const before = Object.keys(texts).map((id) => first.vectorOf(id)!);
    expect(before.every((v) => v.length === firstEmbedder.dims)).toBe(true);
    await first.close();

    // The restart: another process's store, a new index and embedder.
    const againEmbedder = new CountingEmbedder();
    const again = await start(kit.another(), againEmbedder);
    try {
      expect(again.size).toBe(3);
      expect(againEmbedder.embedded).toBe(0);
      Object.keys(texts).forEach((id, i) => expect(again.vectorOf(id)).toEqual(before[i]));
      const [hit] = await again.search('When does support answer?', { limit: 1 });
      expect(hit?.chunkId).toBe('faq:0');
    } finally {
      await again.close();
    }
  }, 60_000);

  it('embeds again a chunk whose text changed while the server was down, and replaces its vector', async () => {
    const old = await chunkDoc('faq:2');
    const text = 'We ship to Europe with DHL Express within 2-4 days.';
    await chunks().insert({ ...old, text, position: { start: 0, end: text.length } });
    const embedder = new CountingEmbedder();
    const knowledge = await start(store, embedder);
    try {
      expect(embedder.embedded).toBe(1);
      const updated = await eventually(async () => {
        const d = await chunkDoc('faq:2');
        return d.embedding?.contentHash !== old.embedding?.contentHash ? d : undefined;
      });
      const fresh = await freshVector(updated);
      expect(close(updated.embedding!.values, fresh)).toBe(true);
      expect(close(old.embedding!.values, fresh)).toBe(false);
      const [hit] = await knowledge.search('shipping to Europe with DHL Express', { limit: 1 });
      expect(hit?.chunkId).toBe('faq:2');
    } finally {
      await knowledge.close();
    }
  }, 60_000);

  it('indexes chunks for full text while the provider fails, embeds them on a retry, answers questions meanwhile', async () => {
    const local = new LocalEmbedder({ dims: 64 });
    let failing = true;
    const flaky = {
      id: 'flaky',
      model: 'flaky-1',
      dims: 64,
      async embed(texts: string[], options?: EmbedOptions) {
        if (failing) throw new Error('provider down');
        return local.embed(texts, options);
      },
    };
    const knowledge = startTeamKnowledge({ store, teamId, log, embedder: flaky, retryMs: 100 });
    try {
      await knowledge.ready;
      expect(knowledge.size).toBe(3);
      const down = knowledge.status();
      expect(down).toMatchObject({ provider: 'flaky', model: 'flaky-1', chunks: 3, current: 0, pending: 3 });
      expect(down.lastError).toMatchObject({ stage: 'document', message: 'provider down' });
      // A question: its embedding fails too, full text answers it.
      const asked = await knowledge.probe('When does support answer?', 1);
      expect(asked).toMatchObject({ mode: 'fulltext', hits: [{ chunkId: 'faq:0' }] });
      expect(knowledge.status().queryFallbacks).toBe(1);

      failing = false;
      const up = await eventually(async () => {
        const st = knowledge.status();
        return st.pending === 0 && st.current === 3 ? st : undefined;
      });
      expect(up.byModel).toEqual([{ provider: 'flaky', model: 'flaky-1', chunks: 3 }]);
      for (const id of Object.keys(texts)) {
        const doc = await eventually(async () => {
          const d = await chunkDoc(id);
          return d.embedding?.provider === 'flaky' ? d : undefined;
        });
        expect(doc.embedding!.values).toHaveLength(64);
        expect(knowledge.vectorOf(id)!.some((x) => x !== 0)).toBe(true);
      }
      expect(await knowledge.probe('When does support answer?', 1)).toMatchObject({
        mode: 'hybrid',
        hits: [{ chunkId: 'faq:0' }],
      });
    } finally {
      await knowledge.close();
    }
  }, 60_000);

  it('answers by full text at once for a while after a question timed out', async () => {
    let asked = 0;
    // A provider whose vectors vote in hybrid search (the local hashed vectors get none: fusion.ts).
    const hanging = {
      id: 'slow-provider',
      model: new LocalEmbedder().model,
      dims: 1024,
      embed: (texts: string[], options?: EmbedOptions) => {
        if (options?.kind !== 'query') return new LocalEmbedder().embed(texts, options);
        asked++;
        return new Promise<number[][]>((_ok, fail) =>
          options.signal?.addEventListener('abort', () => fail(new Error('aborted'))),
        );
      },
    };
    const knowledge = startTeamKnowledge({ store, teamId, log, embedder: hanging, queryTimeoutMs: 300 });
    try {
      await knowledge.ready;
      let at = Date.now();
      expect((await knowledge.probe('When does support answer?', 1)).mode).toBe('fulltext');
      expect(Date.now() - at).toBeGreaterThanOrEqual(280);
      at = Date.now();
      expect(await knowledge.probe('When does support answer?', 1)).toMatchObject({
        mode: 'fulltext',
        hits: [{ chunkId: 'faq:0' }],
      });
      expect(Date.now() - at).toBeLessThan(250);
      expect(asked).toBe(1);
      expect(knowledge.status().queryFallbacks).toBe(2);
    } finally {
      await knowledge.close();
    }
  }, 60_000);

  it("embeds a source's chunks again when its title changes (the index asks the provider)", async () => {
    const embedder = new CountingEmbedder();
    const knowledge = await start(store, embedder);
    try {
      const sources = store.teamDb(teamId, 'knowledge_sources');
      const source = await sources.get('faq');
      const before = embedder.embedded;
      await sources.insert({ ...source, title: 'Help centre' });
      await eventually(async () => (embedder.embedded >= before + 3 ? true : undefined));
      const v = knowledge.vectorOf('faq:0')!;
      expect(v.some((x) => x !== 0)).toBe(true);
      const [hit] = await knowledge.search('Help centre support hours', { limit: 1 });
      expect(hit?.title).toBe('Help centre');
    } finally {
      await knowledge.close();
    }
  }, 60_000);

  it("gives a hit the title of its source and its section's headings, as the agents read them", async () => {
    await store.teamDb(teamId, 'knowledge_sources').insert({
      _id: 'guide',
      title: 'Billing guide',
      kind: 'markdown',
      status: 'ready',
      contentHash: 'h-guide',
      fieldUpdatedAt: {},
      createdAt: at,
      updatedAt: at,
    } as never);
    const text = 'Companies pay by bank transfer; we issue it within a business day.';
    await chunks().insert({
      _id: 'guide:0',
      sourceId: 'guide',
      ordinal: 0,
      text,
      headings: ['Paying by invoice'],
      position: { start: 0, end: text.length },
      contentHash: 'h-guide-0',
      createdAt: at,
    } as never);
    const knowledge = await start(store, new CountingEmbedder());
    try {
      const hit = await eventually(async () =>
        (await knowledge.search('Can I pay by invoice?', { limit: 3 })).find((h) => h.chunkId === 'guide:0'),
      );
      expect(hit.title).toBe('Billing guide › Paying by invoice');
    } finally {
      await knowledge.close();
    }
  }, 60_000);
});

describe("a source's chunks in the index", () => {
  it('are searched only while the server has the source ready, whoever wrote them', async () => {
    const sources = store.teamDb<Record<string, unknown>>(teamId, 'knowledge_sources');
    await sources.insert({
      _id: 'leasing',
      title: 'Leasing',
      kind: 'text',
      status: 'pending',
      contentHash: 'h-leasing',
      fieldUpdatedAt: {},
      createdAt: at,
      updatedAt: at,
    });
    const text = 'Every zebracorn lease runs twelve months and renews by itself.';
    // A device's chunk, pushed with its pending source.
    await chunks().insert({
      _id: 'leasing:0',
      sourceId: 'leasing',
      ordinal: 0,
      text,
      position: { start: 0, end: text.length },
      contentHash: 'h-leasing-0',
      createdAt: at,
    } as never);
    const knowledge = await start(store, new CountingEmbedder());
    const finds = async () =>
      (await knowledge.search('zebracorn lease', { limit: 5 })).some((h) => h.sourceId === 'leasing');
    try {
      expect(await finds()).toBe(false);
      const set = async (patch: Record<string, unknown>) =>
        sources.insert({ ...(await sources.get('leasing')), ...patch });
      await set({ status: 'ready', chunkCount: 1 });
      await eventually(async () => ((await finds()) ? true : undefined));
      // Failed (over the plan's knowledge size): out of the index, the chunk kept in the store.
      await set({ status: 'failed', error: 'over the plan', chunkCount: 0 });
      await eventually(async () => ((await finds()) ? undefined : true));
      expect((await chunkDoc('leasing:0')).text).toBe(text);
    } finally {
      await knowledge.close();
    }
  }, 60_000);
});
