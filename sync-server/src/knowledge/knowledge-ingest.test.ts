// A knowledge source deleted while it is being indexed, over the real embedded store: the delete wins
// although the run changed the source after the delete read it (its status), and the run, finding the
// source gone when it is done, leaves none of its chunks behind. (The Knowledge screen's e2e test
// deleted a file right after asking for it to be indexed again and the row stayed: the delete met a
// conflict with the run's status write.) And the plan's knowledge size on what is stored: a device's
// Q&A pair (no file) is measured by its chunks' text, ready within the size, failed over it with the
// reason in English and Russian, its chunk deleted (and a file's stored original); a run that may find the source taken up or not yet
// arrived leaves it as it is.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeChunkDoc } from '@app/shared/schemas';
import type { CouchStore } from '../store/couch-store';
import { startTestStore, type TestStore } from '../../test/helpers';
import { limitError } from '../billing/policy';
import { countKnowledgeBytes } from '../billing/usage';
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

describe("the plan's knowledge size", () => {
  const LIMIT = 200;
  /** The billing policy's check, over the real count: the team's sources' measured sizes. */
  const plans = {
    async assertKnowledge(team: string, adding: number) {
      const used = await countKnowledgeBytes(store, team);
      if (used + adding > LIMIT) throw limitError('knowledgeBytes', 'free', LIMIT, used + adding);
    },
  };
  const parser = gatedParser().parser;
  const sources = () => store.teamDb<Record<string, unknown>>(teamId, 'knowledge_sources');
  const qa = async (id: string, answer: string) => {
    const text = `Do you ship abroad?\n\n${answer}`;
    await sources().insert({
      _id: id,
      title: 'Do you ship abroad?',
      kind: 'csv-qa',
      status: 'pending',
      createdAt: at,
      updatedAt: at,
    });
    await store.teamDb(teamId, 'knowledge_chunks').insert({
      _id: `${id}:0`,
      sourceId: id,
      ordinal: 0,
      text,
      position: { start: 0, end: text.length },
      contentHash: `h-${id}`,
      createdAt: at,
    });
    return Buffer.byteLength(text);
  };
  const only = { status: 'pending' };

  it("counts a Q&A pair by its chunk's text, and fails one over the size deleting its chunk", async () => {
    const bytes = await qa('qa-fits', 'Yes, to 30 countries.');
    const run = (id: string) =>
      ingestKnowledgeSource(store, teamId, id, log, { parser, maxAttempts: 3, plans }, undefined, only);
    expect(await run('qa-fits')).toEqual({ status: 'ready', chunks: 1 });
    expect(await sources().get('qa-fits')).toMatchObject({ status: 'ready', chunkCount: 1, size: bytes });

    await qa('qa-over', `Yes: ${'Кроме стран под санкциями. '.repeat(8)}`);
    const over = await run('qa-over');
    expect(over.status).toBe('failed');
    const failed = await sources().get('qa-over');
    expect(failed).toMatchObject({ status: 'failed', chunkCount: 0 });
    const [en, ru] = String(failed.error).split('\n');
    expect(en).toMatch(/^The Free plan allows 0 MB of knowledge/);
    expect(ru).toMatch(/^Тариф «Бесплатный» допускает 0 МБ знаний/);
    // Nothing over the plan stays stored: its chunk is gone.
    const left = await store.teamDb(teamId, 'knowledge_chunks').fetch({ keys: ['qa-over:0'] });
    expect(
      left.rows.every((r) => !('value' in r) || (r.value as { deleted?: boolean } | undefined)?.deleted),
    ).toBe(true);
    expect(await countKnowledgeBytes(store, teamId)).toBe(bytes);
  });

  it('deletes the stored original and chunks of a file over the size, the source saying why', async () => {
    const text = `Price list. ${'Each zebracorn costs 100 roubles. '.repeat(20)}`;
    await sources().insert({
      _id: 'file-over',
      title: 'Prices',
      kind: 'text',
      fileName: 'prices.txt',
      mimeType: 'text/plain',
      fileDocId: 'kfile-file-over',
      contentHash: 'h-file-over',
      status: 'pending',
      createdAt: at,
      updatedAt: at,
    });
    await store.teamDb(teamId, 'files').insert({
      _id: 'kfile-file-over',
      fileName: 'prices.txt',
      _attachments: { original: { content_type: 'text/plain', data: Buffer.from(text).toString('base64') } },
    } as never);
    // A device's own chunk of it, cut offline.
    await store.teamDb(teamId, 'knowledge_chunks').insert({
      _id: 'file-over:0',
      sourceId: 'file-over',
      ordinal: 0,
      text: 'Each zebracorn costs 100 roubles.',
      position: { start: 0, end: 10 },
      contentHash: 'h-file-over-0',
      createdAt: at,
    });
    const run = await ingestKnowledgeSource(store, teamId, 'file-over', log, {
      parser,
      maxAttempts: 3,
      plans,
    });
    expect(run.status).toBe('failed');
    const failed = await sources().get('file-over');
    expect(failed).toMatchObject({ status: 'failed', chunkCount: 0, size: Buffer.byteLength(text) });
    expect(failed.fileDocId).toBeUndefined();
    expect(String(failed.error)).toMatch(/^The Free plan allows 0 MB of knowledge/);
    const file = await store.teamDb(teamId, 'files').fetch({ keys: ['kfile-file-over'] });
    expect(
      file.rows.every((r) => !('value' in r) || (r.value as { deleted?: boolean } | undefined)?.deleted),
    ).toBe(true);
    const chunk = await store.teamDb(teamId, 'knowledge_chunks').fetch({ keys: ['file-over:0'] });
    expect(
      chunk.rows.every((r) => !('value' in r) || (r.value as { deleted?: boolean } | undefined)?.deleted),
    ).toBe(true);
  });

  it('leaves a source whose file has not arrived pending, and one another run took as it is', async () => {
    await sources().insert({
      _id: 'offline',
      title: 'Offline',
      kind: 'text',
      fileDocId: 'kfile-offline',
      status: 'pending',
      createdAt: at,
      updatedAt: at,
    });
    const deps = { parser, maxAttempts: 3, plans };
    expect(await ingestKnowledgeSource(store, teamId, 'offline', log, deps, undefined, only)).toEqual({
      status: 'waiting',
    });
    const waiting = await sources().get('offline');
    expect(waiting).toMatchObject({ status: 'pending' });
    expect(waiting.attempts).toBeUndefined();
    await sources().insert({ ...waiting, status: 'indexing', attempts: 1 });
    expect(await ingestKnowledgeSource(store, teamId, 'offline', log, deps, undefined, only)).toEqual({
      status: 'taken',
    });
    expect(await sources().get('offline')).toMatchObject({ status: 'indexing', attempts: 1 });
  });
});
