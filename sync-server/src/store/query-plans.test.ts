// The store answers each conversation-scoped message query from the conversation index, reading that
// conversation's docs and no others, and a source's chunks from the source index (queries.ts). Asked of the store itself (`_explain`), on
// the test's backend: the embedded store here, Apache CouchDB in the CouchDB pass. Apache CouchDB
// answers `{ conversationId }` alone from `_all_docs` (a read of the whole database), and a pending
// query from the delivery-status index (every pending message of the team).
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCouch, testCouchUrl, type TestCouch } from '../../test/helpers';
import { createCouchStore, type CouchStore } from './couch-store';
import {
  CONVERSATION_INDEX,
  conversationMessages,
  DUE_INDEX,
  dueScheduled,
  inboundMessages,
  unsettledOutbound,
  plannedFollowUps,
  SOURCE_INDEX,
  sourceChunks,
} from './queries';

const log = pino({ level: 'silent' });
let couch: TestCouch;
let store: CouchStore;
const team = 'plans';

beforeAll(async () => {
  couch = await startTestCouch('query-plans-', log);
  store = createCouchStore({ url: couch.url, log, ...(couch.prefix ? { prefix: couch.prefix } : {}) });
  await store.setup();
  await store.ensureTeam(team);
});
afterAll(async () => {
  await couch.close();
});

/** The index the store would read for this selector. */
async function indexFor(
  selector: object,
  collection: 'messages' | 'knowledge_chunks' = 'messages',
): Promise<string> {
  const plan = (await store.server.request({
    db: store.dbName(team, collection),
    method: 'POST',
    path: '_explain',
    body: { selector, limit: 1000 },
  })) as { index?: { name?: string; ddoc?: string | null } };
  return plan.index?.name ?? String(plan.index?.ddoc);
}

describe('conversation-scoped message queries', () => {
  it.each([
    ['all messages', conversationMessages('conv-1')],
    ['inbound messages', inboundMessages('conv-1')],
    ['unsettled outbound', unsettledOutbound('conv-1', 'telegram')],
    ['planned follow-ups', plannedFollowUps('conv-1')],
  ])('%s are read from the conversation index', async (_name, selector) => {
    expect(await indexFor(selector)).toBe(CONVERSATION_INDEX);
  });

  it("a channel's planned messages that came due are read from the due index", async () => {
    expect(await indexFor(dueScheduled('telegram', new Date().toISOString()))).toBe(DUE_INDEX);
  });

  // pouchdb-find (the embedded store) does use the index for it; Apache CouchDB reads _all_docs.
  it.runIf(testCouchUrl)('on CouchDB, a bare conversationId is not (why the createdAt clause)', async () => {
    expect(await indexFor({ conversationId: 'conv-1' })).not.toBe(CONVERSATION_INDEX);
  });

  it('match every message of the conversation and no other', async () => {
    const db = store.teamDb(team, 'messages');
    const at = new Date().toISOString();
    const base = { type: 'message', channel: 'telegram', createdAt: at, text: 'x' };
    await db.bulk({
      docs: [
        { _id: 'm1', ...base, conversationId: 'conv-1', direction: 'inbound' },
        {
          _id: 'm2',
          ...base,
          conversationId: 'conv-1',
          direction: 'outbound',
          delivery: { status: 'pending' },
        },
        {
          _id: 'm3',
          ...base,
          conversationId: 'conv-1',
          direction: 'outbound',
          scheduledFor: at,
          delivery: { status: 'pending' },
        },
        { _id: 'm4', ...base, conversationId: 'conv-2', direction: 'inbound' },
        {
          _id: 'm5',
          ...base,
          conversationId: 'conv-1',
          direction: 'outbound',
          delivery: { status: 'sending' },
        },
        { _id: 'm6', ...base, conversationId: 'conv-1', direction: 'outbound', delivery: { status: 'sent' } },
      ],
    });
    const ids = async (selector: object) =>
      (await db.find({ selector: selector as never, limit: 1000 })).docs.map((d) => d._id).sort();
    expect(await ids(conversationMessages('conv-1'))).toEqual(['m1', 'm2', 'm3', 'm5', 'm6']);
    expect(await ids(inboundMessages('conv-1'))).toEqual(['m1']);
    expect(await ids(unsettledOutbound('conv-1', 'telegram'))).toEqual(['m2', 'm3', 'm5']);
    expect(await ids(plannedFollowUps('conv-1'))).toEqual(['m3']);
    expect(await ids(dueScheduled('telegram', at))).toEqual(['m3']);
    expect(await ids(dueScheduled('telegram', new Date(Date.parse(at) - 1).toISOString()))).toEqual([]);
  });
});

describe("a knowledge source's chunks", () => {
  it('are read from the source index, and all of them', async () => {
    expect(await indexFor(sourceChunks('src-1'), 'knowledge_chunks')).toBe(SOURCE_INDEX);
    const db = store.teamDb(team, 'knowledge_chunks');
    await db.bulk({
      docs: [
        { _id: 'k0', sourceId: 'src-1', ordinal: 0 },
        { _id: 'k1', sourceId: 'src-1', ordinal: 1 },
        { _id: 'k2', sourceId: 'src-2', ordinal: 0 },
      ],
    });
    const found = await db.find({ selector: sourceChunks('src-1') as never, limit: 100 });
    expect(found.docs.map((d) => d._id).sort()).toEqual(['k0', 'k1']);
  });

  it.runIf(testCouchUrl)('on CouchDB, a bare sourceId is not', async () => {
    expect(await indexFor({ sourceId: 'src-1' }, 'knowledge_chunks')).not.toBe(SOURCE_INDEX);
  });
});

describe('the channel runtimes listing their teams', () => {
  it("read from an index, not every team's channel docs", async () => {
    const plan = (await store.server.request({
      db: store.systemDbName('app_channels'),
      method: 'POST',
      path: '_explain',
      body: { selector: { type: 'channel', kind: 'email' }, fields: ['teamId', 'updatedAt'], limit: 100_000 },
    })) as { index?: { name?: string } };
    expect(plan.index?.name).toBe('by-type-kind');
  });
});
