// Customers' channels end to end through a real sync server process: the demo team's Telegram bot
// (TELEGRAM_BOT_TOKEN, real grammY against the fake Bot API server) and a web chat widget created
// through the admin API. Agents answer from the knowledge base; a rep takes over and replies through
// the sync gateway, and that reply is delivered too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_TOKEN, type FakeTelegram } from '@app/bot/testing';
import type { ConversationDoc, MessageDoc } from '@app/shared/schemas';
import type { RunningServer } from '../src/server';
import { call, eventually, until } from './helpers';
import { startDemoTelegram, type DemoTelegram } from './telegram-kit';

let dir: DemoTelegram['dir'];
let fake: FakeTelegram;
let server: RunningServer;
let token: string;
let teamId: string;

beforeAll(async () => {
  ({ dir, fake, server, token, teamId } = await startDemoTelegram('channels-'));
}, 60_000);

afterAll(async () => {
  await server.close();
  await fake.close();
  dir.remove();
});

const sentTo = (chatId: number) => fake.sent.filter((s) => String(s.chatId) === String(chatId));

describe('Telegram, through the server', () => {
  it('answers a customer from the demo knowledge base and creates contact, lead and conversation', async () => {
    const anna = fake.user({ id: 4242, first_name: 'Анна', language_code: 'ru' });
    anna.says('Здравствуйте! Во сколько работает техподдержка?');
    const [reply] = await fake.waitForSent(1, { chatId: 4242, timeoutMs: 45_000 });
    expect(reply!.text).toMatch(/21:00/); // from the demo knowledge base's support page
    const contacts = await call(server.url, 'GET', '/api/v1/contacts?limit=200', { token });
    expect(JSON.stringify(contacts.body)).toContain('contact:telegram:4242');
    const leads = await call(server.url, 'GET', '/api/v1/leads?limit=200', { token });
    expect(JSON.stringify(leads.body)).toContain('contact:telegram:4242');
    // The answer went out, so its follow-up is planned now (from the delivery time), for later.
    const followUp = await eventually(async () => {
      const found = await server.store.teamDb<MessageDoc>(teamId, 'messages').find({
        selector: { direction: 'outbound', channel: 'telegram', contactId: 'contact:telegram:4242' },
        limit: 100,
      });
      return found.docs.find((m) => m.scheduledFor && m.author.name === 'nurturing');
    });
    expect(followUp.scheduledFor! > new Date().toISOString()).toBe(true);
  }, 60_000);

  it('a duplicate update gets one reply; a human request hands over; the rep reply from the gateway is delivered', async () => {
    const ivan = fake.user({ id: 4343, first_name: 'Ivan', language_code: 'en' });
    const update = ivan.says('I need a human manager, please');
    fake.redeliver(update);
    await fake.waitForSent(1, { chatId: 4343, timeoutMs: 45_000 });
    const conversationId = `conv:telegram:${FAKE_TOKEN.split(':')[0]}:4343`;
    const conv = await server.store.teamDb(teamId, 'conversations').get(conversationId);
    expect((conv as unknown as ConversationDoc).mode).toBe('human');
    await new Promise((r) => setTimeout(r, 2_000));
    expect(sentTo(4343)).toHaveLength(1);

    // The rep's reply, written as a desktop would: an outbound doc pushed through the sync gateway.
    const replyDoc = {
      _id: 'rep-reply-1',
      conversationId,
      contactId: 'contact:telegram:4343',
      channel: 'telegram',
      direction: 'outbound',
      author: { kind: 'rep', name: 'Olga' },
      text: 'Hi Ivan, Olga here. How can I help?',
      attachments: [],
      delivery: { status: 'pending' },
      idempotencyKey: 'rep-reply-1',
      createdAt: new Date().toISOString(),
    } satisfies Omit<MessageDoc, 'id'> & { _id: string };
    const push = await call(server.url, 'POST', '/sync/messages/_bulk_docs', {
      token,
      body: { docs: [replyDoc], new_edits: true },
    });
    expect(push.status).toBeLessThan(300);
    const sent = await fake.waitForSent(2, { chatId: 4343, timeoutMs: 30_000 });
    expect(sent[1]!.text).toBe('Hi Ivan, Olga here. How can I help?');

    // Olga was offline and wrote three more; her desktop pushes them together, in no particular
    // order. They reach Ivan in the order she wrote them (the gateway writes them one after another:
    // on a sharded CouchDB the feed could otherwise show the third before the first is stored).
    const t = Date.now();
    const queued = [3, 1, 2].map((n) => ({
      ...replyDoc,
      _id: `rep-queued-${n}`,
      idempotencyKey: `rep-queued-${n}`,
      text: `Queued reply ${n}`,
      createdAt: new Date(t + n).toISOString(),
    }));
    const pushed = await call(server.url, 'POST', '/sync/messages/_bulk_docs', {
      token,
      body: { docs: queued, new_edits: true },
    });
    expect(pushed.status).toBe(201);
    expect((pushed.body as Array<{ id: string; ok?: boolean }>).map((r) => [r.id, r.ok])).toEqual(
      queued.map((d) => [d._id, true]),
    );
    const all = await fake.waitForSent(5, { chatId: 4343, timeoutMs: 30_000 });
    expect(all.slice(2).map((m) => m.text)).toEqual(['Queued reply 1', 'Queued reply 2', 'Queued reply 3']);
  }, 90_000);
});

describe('demo data', () => {
  it('sample conversations are never answered or sent to Telegram', async () => {
    await new Promise((r) => setTimeout(r, 1_000));
    const chats = new Set(fake.sent.map((s) => String(s.chatId)));
    expect([...chats].sort()).toEqual(['4242', '4343']);
  });
});

describe('web chat, through the server', () => {
  it('an admin creates a widget; a visitor on the allowed site writes and gets the agent reply', async () => {
    expect((await call(server.url, 'POST', '/api/v1/channels/webchat', { body: {} })).status).toBe(401);
    const created = await call(server.url, 'POST', '/api/v1/channels/webchat', {
      token,
      body: { title: 'Questions?', allowedOrigins: ['https://shop.example'] },
    });
    expect(created.status).toBe(201);
    expect(created.body.snippet).toContain(`data-key="${created.body.key}"`);
    const base = `${server.url}/webchat/v1/${created.body.key}`;
    const visitorId = 'v_e2e0000000000000000000';
    const bad = await fetch(`${base}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ visitorId, clientMessageId: 'a1', text: 'hi' }),
    });
    expect(bad.status).toBe(403);
    const preflight = await fetch(`${base}/messages`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const posted = await fetch(`${base}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://shop.example' },
      body: JSON.stringify({ visitorId, clientMessageId: 'a1', text: 'Does the desktop app work offline?' }),
    });
    expect(posted.status).toBe(202);
    let replies: Array<{ direction: string; text: string }> = [];
    const t0 = Date.now();
    while (Date.now() - t0 < 45_000) {
      const res = await fetch(`${base}/messages?visitorId=${visitorId}&wait=1`, {
        headers: { origin: 'https://shop.example' },
      });
      const body = (await res.json()) as { messages: Array<{ direction: string; text: string }> };
      replies = body.messages.filter((m) => m.direction === 'outbound');
      if (replies.length > 0) break;
    }
    expect(replies.length).toBeGreaterThan(0);
    // The widget fetched the answer, so it is delivered, and the answer's follow-up is planned then.
    const followUp = await eventually(async () => {
      const found = await server.store.teamDb<MessageDoc>(teamId, 'messages').find({
        selector: { direction: 'outbound', channel: 'webchat' },
        limit: 100,
      });
      return found.docs.find((m) => m.scheduledFor && m.author.name === 'nurturing');
    });
    expect(followUp.scheduledFor! > new Date().toISOString()).toBe(true);
    const script = await fetch(`${server.url}/webchat/widget.js`);
    expect(script.headers.get('cross-origin-resource-policy')).not.toBe('same-origin');
  }, 90_000);
});

describe('web chat hand-off, through the server', () => {
  it("a rep's reply ends the wait: the visitor never gets the 'waiting for a rep' status", async () => {
    // The demo profile with a 6 s hand-off wait (the runtime mirrors profiles from the store).
    const profiles = server.store.teamDb<Record<string, unknown>>(teamId, 'agent_settings');
    const [profile] = (await profiles.list({ include_docs: true })).rows.flatMap((r) =>
      r.doc && !r.id.startsWith('_design/') ? [r.doc] : [],
    );
    await profiles.insert({ ...profile!, handoffWaitMinutes: 0.1, updatedAt: new Date().toISOString() });
    await new Promise((r) => setTimeout(r, 1_500));
    const created = await call(server.url, 'POST', '/api/v1/channels/webchat', { token, body: {} });
    expect(created.status).toBe(201);
    const base = `${server.url}/webchat/v1/${created.body.key}`;
    const visitorId = 'v_handoff00000000000000';
    const posted = await fetch(`${base}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ visitorId, clientMessageId: 'h1', text: 'I need a human manager, please' }),
    });
    expect(posted.status).toBe(202);
    const fetchOutbound = async () => {
      const res = await fetch(`${base}/messages?visitorId=${visitorId}`);
      const body = (await res.json()) as { messages: Array<{ id: string; direction: string; text: string }> };
      return body.messages.filter((m) => m.direction === 'outbound');
    };
    const notice = await eventually(async () => (await fetchOutbound())[0], 45_000);
    expect(notice.text).toMatch(/manager/i);
    const conversationId = `conv:webchat:${created.body.key}:${visitorId}`;
    const conversations = server.store.teamDb<ConversationDoc & { _id: string; _rev: string }>(
      teamId,
      'conversations',
    );
    const waiting = await conversations.get(conversationId);
    expect(waiting.mode).toBe('human');
    expect(waiting.waitingSince).toBeDefined();
    const messages = server.store.teamDb<MessageDoc>(teamId, 'messages');
    const status = await eventually(async () => {
      const found = await messages.find({ selector: { conversationId }, limit: 100 });
      return found.docs.find((m) => m.idempotencyKey.startsWith('handoff-status:'));
    });

    // The rep answers as the desktop does: the reply and the conversation (nobody waits any more),
    // pushed through the sync gateway.
    const now = new Date().toISOString();
    const { waitingSince: _w, ...rest } = waiting;
    const push = async (collection: string, doc: object) =>
      call(server.url, 'POST', `/sync/${collection}/_bulk_docs`, {
        token,
        body: { docs: [doc], new_edits: true },
      });
    expect(
      (
        await push('messages', {
          _id: 'rep-webchat-1',
          conversationId,
          contactId: waiting.contactId,
          channel: 'webchat',
          direction: 'outbound',
          author: { kind: 'rep', name: 'Olga' },
          text: 'Olga here, how can I help?',
          attachments: [],
          delivery: { status: 'pending', attempts: 0 },
          idempotencyKey: 'rep:rep-webchat-1',
          createdAt: now,
          updatedAt: now,
        })
      ).status,
    ).toBeLessThan(300);
    expect(
      (await push('conversations', { ...rest, lastMessageAt: now, updatedAt: now })).status,
    ).toBeLessThan(300);

    // Past the status's time, the widget gets the rep's reply and never the status.
    await until(() => Date.now() >= Date.parse(status.scheduledFor!) + 500, 30_000);
    const seen = (await fetchOutbound()).map((m) => m.id);
    expect(seen).toContain('rep-webchat-1');
    const statusId = (status as unknown as { _id: string })._id;
    expect(seen).not.toContain(statusId);
    const after = (await messages.get(statusId)) as unknown as MessageDoc;
    expect(after.cancelledAt).toBeDefined();
    expect(after.delivery.status).not.toBe('sent');
  }, 90_000);
});
