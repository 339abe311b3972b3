// Nothing written into a demo conversation is sent, by each layer on its own, over the real embedded
// store: the channels' outbox (even for the demo bot's own id), its claim, and the demo guard that
// follows the feed when no sender runs. Other conversations are left alone.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BOT_ID, DEMO_NOT_SENT } from '@app/shared/crm';
import type { MessageDoc } from '@app/shared/schemas';
import type { CouchStore } from '../store/couch-store';
import type { Stored } from '../store/couch-docs';
import { eventually, recordingTransport, startTestStore, type TestStore } from '../../test/helpers';
import { createClaimedMessages } from './delivery';
import { startDemoGuard } from './demo-guard';
import { claimMessage } from './outbox/claim';
import { createOutbox } from './outbox/outbox';

const log = pino({ level: 'silent' });
const team = 'demo1';
let testStore: TestStore;
let store: CouchStore;

beforeAll(async () => {
  testStore = await startTestStore('demo-guard-', log);
  store = testStore.store;
  await store.ensureTeam(team);
  const conversation = (id: string, channel: string, botId?: string) => ({
    _id: id,
    contactId: `contact-${id}`,
    channel,
    externalChatId: `chat-${id}`,
    ...(botId ? { botId } : {}),
    mode: 'human',
    status: 'open',
    createdAt: new Date().toISOString(),
  });
  await store.teamDb(team, 'conversations').bulk({
    docs: [
      conversation('demo-tg', 'telegram', DEMO_BOT_ID),
      conversation('demo-mail', 'email', DEMO_BOT_ID),
      conversation('demo-feed', 'vk', DEMO_BOT_ID),
      conversation('real-mail', 'email'),
    ],
  });
});

afterAll(async () => {
  await testStore?.close();
});

const messages = () => store.teamDb<MessageDoc>(team, 'messages');
async function write(id: string, conversationId: string, channel: string): Promise<Stored<MessageDoc>> {
  const doc = {
    _id: id,
    conversationId,
    channel,
    direction: 'outbound',
    author: { kind: 'rep', name: 'Olga' },
    text: 'A reply',
    attachments: [],
    delivery: { status: 'pending' },
    idempotencyKey: id,
    createdAt: new Date().toISOString(),
  };
  const { rev } = await messages().insert(doc as never);
  return { ...doc, _rev: rev } as unknown as Stored<MessageDoc>;
}
const read = async (id: string) => (await messages().get(id)) as unknown as MessageDoc;

describe('demo conversations', () => {
  it('the outbox never hands a demo chat message to the transport, even as the demo bot', async () => {
    const raw = await write('tg-1', 'demo-tg', 'telegram');
    const sent: string[] = [];
    const dispatcher = createOutbox({
      store,
      teamId: team,
      log,
      transport: recordingTransport(sent, 'telegram', (c) => c.botId === DEMO_BOT_ID),
    });
    await dispatcher.handle([{ id: 'tg-1', seq: '1', doc: raw }]);
    await dispatcher.idle();
    expect(sent).toEqual([]);
    const doc = await read('tg-1');
    expect(doc.delivery.status).toBe('failed');
    expect(doc.delivery.lastError).toBe(DEMO_NOT_SENT);
  });

  it('the claim refuses a demo conversation and takes any other', async () => {
    const claimed = createClaimedMessages();
    const demo = await write('mail-1', 'demo-mail', 'email');
    expect(await claimMessage({ store, teamId: team, claimed }, demo, new Date())).toBeUndefined();
    expect((await read('mail-1')).delivery).toMatchObject({ status: 'failed', lastError: DEMO_NOT_SENT });
    const real = await write('mail-2', 'real-mail', 'email');
    const taken = await claimMessage({ store, teamId: team, claimed }, real, new Date());
    expect(taken?.delivery.status).toBe('sending');
  });

  it('the demo guard refuses what is written into a demo conversation when no sender runs', async () => {
    const guard = startDemoGuard({ store, teamId: team, log });
    try {
      await write('feed-1', 'demo-feed', 'vk');
      await write('feed-2', 'real-mail', 'email');
      const refused = await eventually(async () => {
        const doc = await read('feed-1');
        return doc.delivery.status === 'failed' ? doc : undefined;
      });
      expect(refused.delivery.lastError).toBe(DEMO_NOT_SENT);
      expect((await read('feed-2')).delivery.status).toBe('pending');
    } finally {
      await guard.stop();
    }
  });

  it('the demo guard reads the conversations of a feed batch in one request (issue 13)', async () => {
    // Conversation reads counted: the guard's store, but each conversations request noted.
    const reads: string[] = [];
    const counting = {
      ...store,
      teamDb: (teamId: string, c: Parameters<typeof store.teamDb>[1]) => {
        const db = store.teamDb(teamId, c);
        if (c !== 'conversations') return db;
        return Object.assign(Object.create(db) as typeof db, {
          get: (...args: Parameters<typeof db.get>) => (reads.push('get'), db.get(...args)),
          fetch: (...args: Parameters<typeof db.fetch>) => (reads.push('fetch'), db.fetch(...args)),
        });
      },
    } as typeof store;
    // One batch: all written before the guard starts reading the feed.
    await messages().bulk({
      docs: ['demo-tg', 'demo-mail', 'real-mail', 'no-such-conversation'].map((c, i) => ({
        _id: `batch-${i}`,
        conversationId: c,
        channel: 'email',
        direction: 'outbound',
        author: { kind: 'rep', name: 'Olga' },
        text: 'A reply',
        attachments: [],
        delivery: { status: 'pending' },
        idempotencyKey: `batch-${i}`,
        createdAt: new Date().toISOString(),
      })) as never,
    });
    const guard = startDemoGuard({ store: counting, teamId: team, log });
    try {
      await eventually(async () => ((await read('batch-1')).delivery.status === 'failed' ? true : undefined));
      expect((await read('batch-0')).delivery.status).toBe('failed');
      expect((await read('batch-2')).delivery.status).toBe('pending');
      expect((await read('batch-3')).delivery.status).toBe('pending');
      expect(reads).toEqual(['fetch']);
    } finally {
      await guard.stop();
    }
  });
});
