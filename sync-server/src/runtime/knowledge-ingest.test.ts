// A knowledge source deleted while it is being indexed, over the real embedded store: the delete wins
// although the run changed the source after the delete read it (its status), and the run, finding the
// source gone when it is done, leaves none of its chunks behind. (The Knowledge screen's e2e test
// deleted a file right after asking for it to be indexed again and the row stayed: the delete met a
// conflict with the run's status write.)
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeChunkDoc } from '@app/shared/schemas';
import type { CouchStore } from '../store/couch-store';
import { startTestStore, type TestStore } from '../../test/helpers';
import { ingestKnowledgeSource, removeKnowledgeSource } from './knowledge-ingest';
import type { KnowledgeParser } from './knowledge-parser';

const log = pino({ level: 'silent' });
const teamId = 'ingest-race';
const at = '2026-03-01T10:00:00.000Z';
let kit: TestStore;
let store: CouchStore;

beforeAll(async () => {
  kit = await startTestStore('knowledge-ingest-', log);
  store = kit.store;
  await store.ensureTeam(teamId);
});
afterAll(() => kit.close());

/** A parser that answers one chunk once `release` is called, and says when it has been asked. */
function gatedParser() {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let asked!: () => void;
  const parsing = new Promise<void>((r) => (asked = r));
  const parser = {
    options: {},
    async parse(request: { sourceId: string }) {
      asked();
      await gate;
      const chunk = {
        id: `${request.sourceId}:0`,
        sourceId: request.sourceId,
        ordinal: 0,
        text: 'Warranty: two years from the date of purchase.',
        createdAt: at,
        updatedAt: at,
      } as unknown as KnowledgeChunkDoc;
      return { ok: true as const, chunks: [chunk], language: 'en' as const };
    },
    close: async () => undefined,
  } as unknown as KnowledgeParser;
  return { parser, parsing, release };
}

describe('a source deleted while it is indexed', () => {
  it('is deleted, and the run leaves no chunk of it behind', async () => {
    const sources = store.teamDb<Record<string, unknown>>(teamId, 'knowledge_sources');
    const chunks = store.teamDb<Record<string, unknown>>(teamId, 'knowledge_chunks');
    await sources.insert({
      _id: 'warranty',
      title: 'Warranty',
      kind: 'file',
      fileName: 'warranty.md',
      fileDocId: 'file:warranty',
      status: 'pending',
      createdAt: at,
      updatedAt: at,
    });
    // The delete's caller read the source before the run marked it `indexing`.
    const read = await sources.get('warranty');
    const { parser, parsing, release } = gatedParser();
    const run = ingestKnowledgeSource(
      store,
      teamId,
      'warranty',
      log,
      { parser, maxAttempts: 3 },
      new Uint8Array(8),
    );
    await parsing;
    expect((await sources.get('warranty')).status).toBe('indexing');

    await removeKnowledgeSource(store, teamId, 'warranty', { fileDocId: read.fileDocId });
    release();
    expect(await run).toEqual({ status: 'missing' });
    await expect(sources.get('warranty')).rejects.toMatchObject({ statusCode: 404 });
    const left = await chunks.find({ selector: { sourceId: 'warranty' }, limit: 10 });
    expect(left.docs).toEqual([]);
  });
});
