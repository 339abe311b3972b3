// The Telegram path end to end on real parts: grammY against the fake Bot API server, the bot's sink
// and the channels' outbox over the Telegram transport on the real embedded CouchDB store, the changes
// follower between.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot, startPolling, type PollingHandle } from '@app/bot';
import { startFakeTelegram, type FakeTelegram } from '@app/bot/testing';
import type { MessageDoc } from '@app/shared/schemas';
import { validateCouchDoc } from '@app/shared/validation';
import type { CouchStore } from '../../store/couch-store';
import {
  createChangeFollower,
  type ChangeFollower,
  type CheckpointDoc,
} from '../../store/feeds/change-follower';
import { createOutbox, type Outbox } from '../outbox/outbox';
import { telegramTransport } from './telegram-transport';
import { createTelegramSink } from './sink';
import {
  eventually as eventuallyAnswers,
  recordingTransport,
  startTestStore,
  type TestStore,
} from '../../../test/helpers';

const log = pino({ level: 'silent' });
const team = 'tg1';
let testStore: TestStore;
let store: CouchStore;
let fake: FakeTelegram;
let polling: PollingHandle;
let follower: ChangeFollower;
let dispatcher: Outbox;

beforeAll(async () => {
  testStore = await startTestStore('telegram-', log);
  store = testStore.store;
  await store.ensureTeam(team);
  fake = await startFakeTelegram();
  const bot = createBot(fake.token, {
    apiRoot: fake.apiRoot,
    sink: createTelegramSink(store, team),
    teamId: team,
    botId: 'bot1',
  });
  polling = startPolling(bot, { timeoutSeconds: 1 });
  await polling.started;
  dispatcher = createOutbox({
    store,
    teamId: team,
    transport: telegramTransport({
      store,
      teamId: team,
      botId: 'bot1',
      api: bot.api,
      retry: { baseMs: 20, maxMs: 200 },
    }),
    log,
  });
  follower = createChangeFollower<MessageDoc & { _id: string; _rev: string }>({
    server: store.server,
    dbName: store.dbName(team, 'messages'),
    checkpoints: store.systemDb<CheckpointDoc>('app_runtime'),
    checkpointId: `cp:test:${team}`,
    log,
    pollMs: 500,
    handle: dispatcher.handle,
  });
  follower.start();
});

afterAll(async () => {
  await follower.stop();
  await dispatcher.stop();
  await polling.stop();
  await fake.close();
  await testStore.close();
});

/** The probes read docs that may not be written yet: a failed read counts as nothing yet. */
const eventually = <T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> =>
  eventuallyAnswers(() => probe().catch(() => undefined), timeoutMs);

const outbound = (id: string, conversationId: string, text: string, createdAt: string) => ({
  _id: id,
  conversationId,
  channel: 'telegram',
  direction: 'outbound',
  author: { kind: 'rep', name: 'Ivan' },
  text,
  attachments: [],
  delivery: { status: 'pending' },
  idempotencyKey: id,
  createdAt,
});

describe('Telegram through the runtime', () => {
  it('stores a customer message with its contact and conversation, once per update', async () => {
    const anna = fake.user({ id: 5001, first_name: 'Anna', last_name: 'P', language_code: 'ru' });
    const update = anna.says('Здравствуйте, сколько стоит доставка?');
    fake.redeliver(update);
    const messages = store.teamDb(team, 'messages');
    const id = 'msg:telegram:5001:' + String(update.message?.message_id);
    const doc = await eventually(() => messages.get(id));
    expect(validateCouchDoc('messages', doc)).toMatchObject({ ok: true });
    await eventually(async () => (fake.pendingUpdates().length === 0 ? true : undefined));
    const all = await messages.list();
    expect(all.rows.filter((r) => r.id.startsWith('msg:telegram:5001:'))).toHaveLength(1);
    const conversation = await store.teamDb(team, 'conversations').get(String(doc.conversationId));
    expect(conversation).toMatchObject({
      channel: 'telegram',
      externalChatId: '5001',
      mode: 'ai',
      unreadCount: 1,
    });
    const contact = await store.teamDb(team, 'contacts').get(String(doc.contactId));
    expect(contact).toMatchObject({
      name: 'Anna P',
      language: 'ru',
      identities: [{ channel: 'telegram', externalId: '5001' }],
    });
  });

  // Each chat in the order written on a sharded CouchDB too, whose changes feed interleaves shards.
  it('delivers outbound docs in order through 429s and 5xx, recording the delivery', async () => {
    const ivan = fake.user({ id: 5002, first_name: 'Ivan' });
    const update = ivan.says('hello');
    const inboundId = 'msg:telegram:5002:' + String(update.message?.message_id);
    const inbound = await eventually(() => store.teamDb(team, 'messages').get(inboundId));
    fake.failNext({ status: 429, retryAfter: 1 }, { times: 1 });
    fake.failNext({ status: 502 }, { times: 1 });
    const t = Date.now();
    // Written one after another, as the product writes a chat's messages (an agent run writes one
    // reply; anything else it plans is due later). Three docs in one `_bulk_docs` land on a sharded
    // CouchDB's shards side by side, and the feed may show a later one before an earlier one is
    // stored at all: no order can be read from the store then.
    for (const n of [1, 2, 3]) {
      await store
        .teamDb(team, 'messages')
        .insert(
          outbound(`out-${n}`, String(inbound.conversationId), `reply ${n}`, new Date(t + n).toISOString()),
        );
    }
    await fake.waitForSent(3, { chatId: 5002 });
    expect(fake.sent.filter((s) => String(s.chatId) === '5002').map((s) => s.text)).toEqual([
      'reply 1',
      'reply 2',
      'reply 3',
    ]);
    const stored = await eventually(async () => {
      const d = await store.teamDb(team, 'messages').get('out-3');
      return (d as unknown as MessageDoc).delivery.status === 'sent' ? d : undefined;
    });
    expect(validateCouchDoc('messages', stored)).toMatchObject({ ok: true });
  });

  it('sends the pending messages of a chat before a later one that the feed shows first', async () => {
    // Another bot's chat: the running dispatcher leaves it to the one made here.
    await store.teamDb(team, 'conversations').insert({
      _id: 'conv-order',
      channel: 'telegram',
      externalChatId: '5009',
      botId: 'bot-order',
    } as never);
    const t = Date.now();
    const docs = [1, 2, 3].map((n) =>
      outbound(`order-${n}`, 'conv-order', `reply ${n}`, new Date(t + n).toISOString()),
    );
    const written = await store.teamDb(team, 'messages').bulk({ docs });
    const sent: string[] = [];
    const recording = createOutbox({
      store,
      teamId: team,
      log,
      transport: recordingTransport(sent, 'telegram', (c) => c.botId === 'bot-order'),
    });
    // A sharded feed: reply 3 and reply 2 come in this batch, reply 1 in a later one.
    const change = (n: number) => ({
      id: `order-${n}`,
      seq: String(n),
      doc: { ...docs[n - 1]!, _rev: written[n - 1]!.rev! } as never,
    });
    await recording.handle([change(3), change(2)]);
    await recording.handle([change(1)]);
    await recording.idle();
    expect(sent).toEqual(['order-1', 'order-2', 'order-3']);
  });

  it('reads what is pending before a batch, one indexed query per conversation', async () => {
    const chats = ['conv-batch-a', 'conv-batch-b'];
    for (const [i, id] of chats.entries())
      await store
        .teamDb(team, 'conversations')
        .insert({ _id: id, channel: 'telegram', externalChatId: `510${i}`, botId: 'bot-batch' } as never);
    const t = Date.now();
    const docs = chats.flatMap((c) =>
      [1, 2].map((n) => outbound(`${c}-${n}`, c, `reply ${n}`, new Date(t + n).toISOString())),
    );
    const written = await store.teamDb(team, 'messages').bulk({ docs });
    let finds = 0;
    const counting = {
      ...store,
      teamDb: (teamId: string, c: Parameters<typeof store.teamDb>[1]) => {
        const db = store.teamDb(teamId, c);
        if (c !== 'messages') return db;
        return Object.assign(Object.create(db) as typeof db, {
          find: (...args: Parameters<typeof db.find>) => {
            finds++;
            return db.find(...args);
          },
        });
      },
    } as typeof store;
    const sent: string[] = [];
    const recording = createOutbox({
      store: counting,
      teamId: team,
      log,
      transport: recordingTransport(sent, 'telegram', (c) => c.botId === 'bot-batch'),
    });
    // The feed brings each chat's second reply; the first of each is still pending in the store.
    await recording.handle(
      [1, 3].map((i) => ({
        id: docs[i]!._id,
        seq: String(i),
        doc: { ...docs[i]!, _rev: written[i]!.rev! } as never,
      })),
    );
    // Each from the conversation index (query-plans.test.ts); `$in` over both would read every
    // pending message of the team.
    await recording.idle();
    expect(finds).toBe(chats.length);
    for (const c of chats) expect(sent.filter((id) => id.startsWith(c))).toEqual([`${c}-1`, `${c}-2`]);
  });

  it('marks a message to a chat that blocked the bot as failed, with the reason', async () => {
    const olga = fake.user({ id: 5003, first_name: 'Olga' });
    const update = olga.says('hi');
    const inbound = await eventually(() =>
      store.teamDb(team, 'messages').get('msg:telegram:5003:' + String(update.message?.message_id)),
    );
    fake.blockChat(5003);
    await store
      .teamDb(team, 'messages')
      .insert(
        outbound('out-blocked', String(inbound.conversationId), 'are you there?', new Date().toISOString()),
      );
    const failed = await eventually(async () => {
      const d = (await store.teamDb(team, 'messages').get('out-blocked')) as unknown as MessageDoc;
      return d.delivery.status === 'failed' ? d : undefined;
    });
    expect(failed.delivery.lastError).toMatch(/403|blocked/i);
  });
});

describe('follow-ups', () => {
  it('are cancelled when the customer writes, and never sent', async () => {
    const petr = fake.user({ id: 5004, first_name: 'Petr' });
    const first = petr.says('I will think about it');
    const inbound = await eventually(() =>
      store.teamDb(team, 'messages').get('msg:telegram:5004:' + String(first.message?.message_id)),
    );
    // Planned a moment after the customer's message; due soon.
    const planned = {
      ...outbound(
        'follow-1',
        String(inbound.conversationId),
        'Any news?',
        new Date(Date.now() + 5).toISOString(),
      ),
      author: { kind: 'agent' },
      scheduledFor: new Date(Date.now() + 400).toISOString(),
    };
    await new Promise((r) => setTimeout(r, 10));
    await store.teamDb(team, 'messages').insert(planned);
    await new Promise((r) => setTimeout(r, 1_100)); // Telegram's dates count in seconds
    const second = petr.says('Actually, one more question');
    await eventually(() =>
      store.teamDb(team, 'messages').get('msg:telegram:5004:' + String(second.message?.message_id)),
    );
    // Due now; no agent run has cancelled it (none runs here): the dispatcher sees the customer wrote.
    expect(await dispatcher.sweep()).toBe(0);
    const followUp = (await store.teamDb(team, 'messages').get('follow-1')) as unknown as MessageDoc;
    expect(followUp.cancelledAt).toBeDefined();
    expect(followUp.delivery.status).toBe('pending');
    expect(fake.sent.some((s) => s.text === 'Any news?')).toBe(false);
  });

  it('go out once when due, picked up by the sweep', async () => {
    const vera = fake.user({ id: 5005, first_name: 'Vera' });
    const first = vera.says('Send me the offer later');
    const inbound = await eventually(() =>
      store.teamDb(team, 'messages').get('msg:telegram:5005:' + String(first.message?.message_id)),
    );
    const dueAt = new Date(Date.now() + 400).toISOString();
    await store.teamDb(team, 'messages').insert({
      ...outbound('follow-2', String(inbound.conversationId), 'Here is the offer', new Date().toISOString()),
      scheduledFor: dueAt,
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.sent.some((s) => s.text === 'Here is the offer')).toBe(false); // not due yet: the feed skipped it
    await new Promise((r) => setTimeout(r, 200));
    await Promise.all([dispatcher.sweep(), dispatcher.sweep()]);
    await fake.waitForSent(1, { chatId: 5005, timeoutMs: 20_000 }); // slow under the full suite
    await eventually(async () => (dispatcher.inFlight === 0 ? true : undefined));
    expect(await dispatcher.sweep()).toBe(0);
    expect(fake.sent.filter((s) => s.text === 'Here is the offer')).toHaveLength(1);
  });
});
