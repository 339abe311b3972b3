// The outbox's guarantees, the same for every channel, run against each channel's transport over the
// real store (embedded, or Apache CouchDB in the CouchDB pass): Telegram's through grammY against the
// fake Bot API, e-mail's composing real mails into a scripted SMTP pool, VK's calling a scripted API
// client. Exactly once with two outboxes racing on one store, each conversation in the order written
// (a feed that shows a later message first, an old copy of a message another outbox waits to retry,
// or another outbox still sending the message before), retry with backoff then success, a permanent
// failure that does not hold the conversation's next message, a stale claim sent again (a fresh one
// left alone), and the demo guard.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBotApi } from '@app/bot';
import { startFakeTelegram, type FakeTelegram } from '@app/bot/testing';
import { DEMO_BOT_ID, DEMO_NOT_SENT } from '@app/shared/crm';
import type { MessageDoc } from '@app/shared/schemas';
import { startTestStore, type TestStore } from '../../../test/helpers';
import type { CouchStore } from '../../store/couch-store';
import type { Stored } from '../../store/couch-docs';
import { emailTransport } from '../email/email-sender';
import type { EmailSettings } from '../email/settings';
import { telegramTransport } from '../telegram/telegram-transport';
import { VkApiError, type VkApi } from '../vk/vk-api';
import { vkTransport } from '../vk/vk-sender';
import { createThreadCache } from '../../agents/thread-cache';
import { createOutbox, type Outbox } from './outbox';
import type { OutboxTransport } from './transport';

const log = pino({ level: 'silent' });
let testStore: TestStore;
let store: CouchStore;
let fake: FakeTelegram;

type Fault = 'transient' | 'permanent';

/** A channel under test: its transport, what reached the customer, and its faults. */
type Kit = {
  channel: MessageDoc['channel'];
  /** The conversation's channel fields (`n` makes the chat unique). */
  conversation(n: number): Record<string, unknown>;
  transport(teamId: string): OutboxTransport;
  /** Texts that reached the conversation `n`'s customer, in order. */
  sent(n: number): string[];
  /** The next `times` sends to conversation `n` fail so. */
  fail(n: number, fault: Fault, times: number): void;
};

const retry = { baseMs: 30, maxMs: 200, jitter: 0, maxAttempts: 5 };

function telegramKit(): Kit {
  const chat = (n: number) => 7000 + n;
  return {
    channel: 'telegram',
    conversation: (n) => ({ externalChatId: String(chat(n)), botId: 'bot1' }),
    transport: (teamId) =>
      telegramTransport({
        store,
        teamId,
        botId: 'bot1',
        api: createBotApi(fake.token, { apiRoot: fake.apiRoot }),
        limits: { perChat: { intervalMs: 1, burst: 50 }, global: { intervalMs: 1, burst: 50 } },
        retry,
      }),
    sent: (n) => fake.sentTo(chat(n)).map((s) => s.text ?? ''),
    fail: (n, fault, times) =>
      fake.failNext(fault === 'transient' ? { status: 502 } : { status: 403 }, { chatId: chat(n), times }),
  };
}

function emailKit(): Kit {
  const sent = new Map<string, string[]>();
  const faults = new Map<string, Fault[]>();
  const to = (n: number) => `customer${n}@example.com`;
  const settings = (teamId: string) =>
    ({ teamId, enabled: true, address: 'sales@example.com', fromName: 'Sales' }) as EmailSettings;
  const mail = {
    sendMail(m: { envelope?: unknown; raw?: unknown }) {
      const rcpt = String((m.envelope as { to: string[] }).to[0]);
      const fault = faults.get(rcpt)?.shift();
      if (fault === 'transient')
        return Promise.reject(Object.assign(new Error('451 try later'), { responseCode: 451 }));
      if (fault === 'permanent')
        return Promise.reject(Object.assign(new Error('550 no such user'), { responseCode: 550 }));
      const text = /contract [\w-]+/.exec(String(m.raw))?.[0] ?? '';
      sent.set(rcpt, [...(sent.get(rcpt) ?? []), text]);
      return Promise.resolve({});
    },
  };
  return {
    channel: 'email',
    conversation: (n) => ({ externalChatId: to(n) }),
    transport: (teamId) => ({
      ...emailTransport({ store, settings: settings(teamId), mail, log }),
      retry,
    }),
    sent: (n) => sent.get(to(n)) ?? [],
    fail: (n, fault, times) =>
      faults.set(to(n), [...(faults.get(to(n)) ?? []), ...Array<Fault>(times).fill(fault)]),
  };
}

function vkKit(): Kit {
  const sent = new Map<number, string[]>();
  const faults = new Map<number, Fault[]>();
  const seen = new Map<number, number>();
  const peer = (n: number) => 9000 + n;
  const api = {
    call: <T>(method: string, params: Record<string, unknown>): Promise<T> => {
      const p = Number(params.peer_id);
      const fault = faults.get(p)?.shift();
      if (fault === 'transient') return Promise.reject(new VkApiError(method, 10, 'Internal server error'));
      if (fault === 'permanent') return Promise.reject(new VkApiError(method, 901, 'Can’t send messages'));
      // VK drops a random_id it has seen (the idempotency key): the same message id again.
      const key = Number(params.random_id);
      if (!seen.has(key)) {
        seen.set(key, seen.size + 1);
        sent.set(p, [...(sent.get(p) ?? []), String(params.message)]);
      }
      return Promise.resolve(seen.get(key) as T);
    },
  } as unknown as VkApi;
  return {
    channel: 'vk',
    conversation: (n) => ({ externalChatId: String(peer(n)) }),
    transport: () => ({ ...vkTransport({ store, api }), retry }),
    sent: (n) => sent.get(peer(n)) ?? [],
    fail: (n, fault, times) =>
      faults.set(peer(n), [...(faults.get(peer(n)) ?? []), ...Array<Fault>(times).fill(fault)]),
  };
}

beforeAll(async () => {
  testStore = await startTestStore('outbox-', log);
  store = testStore.store;
  fake = await startFakeTelegram();
});

afterAll(async () => {
  await fake.close();
  await testStore.close();
});

describe.each([
  ['Telegram', telegramKit],
  ['e-mail', emailKit],
  ['VK', vkKit],
])('the outbox over the %s transport', (_name, makeKit) => {
  const kit = makeKit();
  const team = `outbox-${kit.channel}`;
  const messages = () => store.teamDb<Stored<MessageDoc>>(team, 'messages');
  const outboxes: Outbox[] = [];
  const outbox = (staleClaimMs = 60_000, transport = kit.transport(team)) => {
    const o = createOutbox({ store, teamId: team, transport, log, staleClaimMs });
    outboxes.push(o);
    return o;
  };
  let t0 = Date.now();

  beforeAll(async () => {
    await store.ensureTeam(team);
  });
  afterAll(async () => {
    await Promise.all(outboxes.map((o) => o.stop()));
  });

  async function conversation(n: number, extra: Record<string, unknown> = {}) {
    const id = `conv-${n}`;
    await store.teamDb(team, 'conversations').insert({
      _id: id,
      contactId: `contact-${n}`,
      channel: kit.channel,
      ...kit.conversation(n),
      ...extra,
    } as never);
    return id;
  }
  const message = (id: string, conversationId: string, extra: Record<string, unknown> = {}) => ({
    _id: id,
    conversationId,
    channel: kit.channel,
    direction: 'outbound',
    author: { kind: 'agent' },
    text: `contract ${id}`,
    attachments: [],
    delivery: { status: 'pending' },
    idempotencyKey: id,
    createdAt: new Date(++t0).toISOString(),
    ...extra,
  });
  async function write(docs: ReturnType<typeof message>[]) {
    const out: Stored<MessageDoc>[] = [];
    // One after another, as a chat's messages are written.
    for (const d of docs) {
      const { rev } = await messages().insert(d as never);
      out.push({ ...d, _rev: rev } as unknown as Stored<MessageDoc>);
    }
    return out;
  }
  const stored = async (id: string) => (await messages().get(id)) as unknown as MessageDoc;
  const texts = (ids: string[]) => ids.map((id) => `contract ${id}`);
  /** The store, telling `watch` of each `get` and `find` on a team database before it goes on. */
  const watchedStore = (watch: (db: string, call: 'get' | 'find', arg: unknown) => void): CouchStore =>
    new Proxy(store, {
      get(target, key) {
        const value = Reflect.get(target, key) as unknown;
        if (key !== 'teamDb') return typeof value === 'function' ? value.bind(target) : value;
        return (teamId: string, name: string) =>
          new Proxy(target.teamDb(teamId, name as never), {
            get(d, k) {
              const v = Reflect.get(d, k) as unknown;
              if (typeof v !== 'function') return v;
              if (k !== 'get' && k !== 'find') return v.bind(d);
              return (arg: unknown, ...rest: unknown[]) => {
                watch(name, k, arg);
                return (v as (...a: unknown[]) => unknown).call(d, arg, ...rest);
              };
            },
          });
      },
    });

  it('sends each message exactly once with two outboxes racing on one store', async () => {
    const convs = await Promise.all([1, 2, 3].map((n) => conversation(n)));
    const ids = convs.flatMap((c, i) => [1, 2, 3, 4].map((k) => `race-${i + 1}-${k}`));
    await write(ids.map((id) => message(id, convs[Number(id.split('-')[1]) - 1]!)));
    const [a, b] = [outbox(), outbox()];
    const [na, nb] = await Promise.all([a.sweep(), b.sweep(), a.sweep()]);
    await Promise.all([a.idle(), b.idle()]);
    expect(na! + nb!).toBeLessThanOrEqual(ids.length);
    for (const n of [1, 2, 3]) expect(kit.sent(n)).toEqual(texts([1, 2, 3, 4].map((k) => `race-${n}-${k}`)));
    for (const id of ids) expect((await stored(id)).delivery).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('keeps a conversation in the order written while another outbox is still sending its earlier message', async () => {
    const conv = await conversation(11);
    await write([1, 2, 3].map((k) => message(`busy-${k}`, conv)));
    // Outbox A's first send hangs (a slow SMTP server, a Bot API call in flight) until released.
    let entered!: () => void;
    const inSend = new Promise<void>((r) => (entered = r));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const base = kit.transport(team);
    const slow: OutboxTransport = {
      ...base,
      send: async (m, signal) => {
        entered();
        await released;
        return base.send(m, signal);
      },
    };
    const a = outbox(60_000, slow);
    const swept = a.sweep();
    await inSend;
    const b = outbox();
    await b.sweep();
    await b.idle();
    expect(kit.sent(11)).toEqual([]);
    release();
    await swept;
    await a.idle();
    expect(kit.sent(11)).toEqual(texts(['busy-1', 'busy-2', 'busy-3']));
    for (const k of [1, 2, 3])
      expect((await stored(`busy-${k}`)).delivery).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('keeps a conversation in the order written when the feed shows a later message first', async () => {
    const conv = await conversation(4);
    const docs = await write([1, 2, 3].map((k) => message(`order-${k}`, conv)));
    const o = outbox();
    const change = (i: number) => ({ id: docs[i]!._id, seq: String(i), doc: docs[i]! });
    await o.handle([change(2), change(1)]);
    await o.handle([change(0)]);
    await o.idle();
    expect(kit.sent(4)).toEqual(texts(['order-1', 'order-2', 'order-3']));
  });

  it('takes the team’s cached thread for what goes before a message this process wrote, with no store query', async () => {
    const conv = await conversation(14);
    const threads = createThreadCache();
    await threads.load(conv, () => Promise.resolve([]));
    const docs = await write([1, 2, 3].map((k) => message(`here-${k}`, conv)));
    threads.wrote(docs.slice(0, 2) as never);
    let finds = 0;
    const counted = watchedStore((_db, call) => {
      if (call === 'find') finds++;
    });
    const o = createOutbox({
      store: counted,
      teamId: team,
      transport: kit.transport(team),
      log,
      mirrors: { threads },
    });
    outboxes.push(o);
    const change = (i: number) => ({ id: docs[i]!._id, seq: String(i), doc: docs[i]! });
    // Written here: the later message first in the feed, the earlier one from the thread.
    await o.handle([change(1)]);
    await o.idle();
    expect(finds).toBe(0);
    expect(kit.sent(14)).toEqual(texts(['here-1', 'here-2']));
    // Not written here (another process's, or the API's): the store says what goes before it.
    await o.handle([change(2)]);
    await o.idle();
    expect(finds).toBe(1);
    expect(kit.sent(14)).toEqual(texts(['here-1', 'here-2', 'here-3']));
  });

  it('retries with backoff until the channel takes it, the next message waiting behind it', async () => {
    const conv = await conversation(5);
    kit.fail(5, 'transient', 2);
    const started = Date.now();
    await write([message('retry-1', conv), message('retry-2', conv)]);
    const o = outbox();
    await o.sweep();
    await o.idle();
    expect(kit.sent(5)).toEqual(texts(['retry-1', 'retry-2']));
    const first = await stored('retry-1');
    expect(first.delivery).toMatchObject({ status: 'sent', attempts: 3 });
    expect(first.delivery.lastError).toBeUndefined();
    expect(first.delivery.nextAttemptAt).toBeUndefined();
    // Backoff: 30 ms, then 60 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect((await stored('retry-2')).delivery).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('marks a permanent failure failed with the reason, and goes on with the next message', async () => {
    const conv = await conversation(6);
    kit.fail(6, 'permanent', 1);
    await write([message('fail-1', conv), message('fail-2', conv)]);
    const o = outbox();
    await o.sweep();
    await o.idle();
    const failed = await stored('fail-1');
    expect(failed.delivery).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.delivery.lastError).toBeTruthy();
    expect(kit.sent(6)).toEqual(texts(['fail-2']));
  });

  it('gives up after the policy’s attempts', async () => {
    const conv = await conversation(7);
    kit.fail(7, 'transient', retry.maxAttempts);
    await write([message('gives-up', conv)]);
    const o = outbox();
    await o.sweep();
    await o.idle();
    expect((await stored('gives-up')).delivery).toMatchObject({
      status: 'failed',
      attempts: retry.maxAttempts,
    });
    expect(kit.sent(7)).toEqual([]);
  });

  it('sends a message again whose claim went stale (its sender died), and leaves a fresh claim alone', async () => {
    const conv = await conversation(8);
    const old = new Date(Date.now() - 10 * 60_000).toISOString();
    await write([
      message('stale-1', conv, { delivery: { status: 'sending', attempts: 1 }, updatedAt: old }),
      message('stale-2', conv, {
        delivery: { status: 'sending', attempts: 1 },
        updatedAt: new Date().toISOString(),
      }),
    ]);
    const o = outbox(60_000);
    expect(await o.sweep()).toBe(1);
    await o.idle();
    expect(kit.sent(8)).toEqual(texts(['stale-1']));
    expect((await stored('stale-1')).delivery).toMatchObject({ status: 'sent', attempts: 2 });
    expect((await stored('stale-2')).delivery).toMatchObject({ status: 'sending', attempts: 1 });
    expect(await o.sweep()).toBe(0);
  });

  it('sends on a due sweep what came due and a stale claim, reading by id only what came due', async () => {
    const conv = await conversation(15);
    const other = await conversation(16);
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const [soon, later] = await write([
      message('due-soon', conv, { scheduledFor: at(300) }),
      message('due-later', conv, { scheduledFor: at(3_600_000) }),
    ]);
    await write([
      message('due-stale', other, { delivery: { status: 'sending', attempts: 1 }, updatedAt: at(-600_000) }),
    ]);
    // What the outbox reads: `get <id>`, and `find <delivery.status asked>`.
    const reads: string[] = [];
    const counted = watchedStore((db, call, arg) => {
      if (db !== 'messages') return;
      const selector = (arg as { selector?: Record<string, unknown> }).selector;
      reads.push(
        call === 'get' ? `get ${String(arg)}` : `find ${JSON.stringify(selector?.['delivery.status'])}`,
      );
    });
    const o = createOutbox({ store: counted, teamId: team, transport: kit.transport(team), log });
    outboxes.push(o);
    // The feed brings both follow-ups as they are planned: neither is due yet.
    await o.handle([soon!, later!].map((doc, i) => ({ id: doc._id, seq: String(i), doc })));
    await o.idle();
    expect(kit.sent(15)).toEqual([]);
    // Before their time, only the claim its sender left goes.
    expect(await o.sweepDue()).toBe(1);
    await o.idle();
    expect(kit.sent(16)).toEqual(texts(['due-stale']));
    await new Promise((r) => setTimeout(r, 350));
    reads.length = 0;
    expect(await o.sweepDue()).toBe(1);
    await o.idle();
    expect(kit.sent(15)).toEqual(texts(['due-soon']));
    expect((await stored('due-later')).delivery).toMatchObject({ status: 'pending' });
    // Read: the claims left sending, the one that came due by id, and what goes before it in its
    // conversation; never the channel's pending messages, nor the follow-up still planned.
    expect(reads).toContain('find "sending"');
    expect(reads).toContain('get due-soon');
    expect(reads).not.toContain('find "pending"');
    expect(reads).not.toContain('get due-later');
    expect(await o.sweepDue()).toBe(0);
  });

  it('holds the conversation behind a message another outbox waits to retry, though the copy seen is older', async () => {
    const conv = await conversation(10);
    const [first, second] = await write([message('held-1', conv), message('held-2', conv)]);
    // Another outbox's try failed: it waits for its next attempt (a newer revision than the feed's).
    const later = new Date(Date.now() + 3_600_000).toISOString();
    await messages().insert({
      ...first!,
      delivery: { status: 'pending', attempts: 1, nextAttemptAt: later, lastError: 'busy' },
    } as never);
    const o = outbox();
    await o.handle([
      { id: first!._id, seq: '1', doc: first! },
      { id: second!._id, seq: '2', doc: second! },
    ]);
    await o.idle();
    expect(kit.sent(10)).toEqual([]);
    expect((await stored('held-2')).delivery).toMatchObject({ status: 'pending' });
  });

  it('never sends into a demo conversation: failed with the demo reason', async () => {
    const conv = await conversation(9, { botId: DEMO_BOT_ID });
    await write([message('demo-1', conv)]);
    const o = outbox();
    await o.sweep();
    await o.idle();
    expect((await stored('demo-1')).delivery).toMatchObject({ status: 'failed', lastError: DEMO_NOT_SENT });
    expect(kit.sent(9)).toEqual([]);
  });
});
