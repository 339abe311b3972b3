// The web chat channel against the real embedded store: idempotent intake, delivery by fetch,
// isolation between visitors and sites, and clear 4xx answers to bad input.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageDoc } from '@app/shared/schemas';
import { validateCouchDoc } from '@app/shared/validation';
import { errorMiddleware } from '../../app-errors';
import type { CouchStore } from '../../store/couch-store';
import { createWebchatRouter } from './webchat-router';
import { createWidgets, type WidgetDoc } from './widgets';
import { mergeContacts } from '../../store/contact-merge';
import { startTestStore, type TestStore } from '../../../test/helpers';

const log = pino({ level: 'silent' });
let testStore: TestStore;
let store: CouchStore;
let http: Server;
let base: string;
let open: WidgetDoc;
let restricted: WidgetDoc;
const visitor = 'v_0123456789abcdef0123';

beforeAll(async () => {
  testStore = await startTestStore('webchat-', log);
  store = testStore.store;
  await store.ensureTeam('team1');
  const widgets = createWidgets(store);
  open = await widgets.create('team1', { title: 'Shop chat' });
  restricted = await widgets.create('team1', { allowedOrigins: ['https://shop.example'] });
  const app = express();
  app.use('/webchat', createWebchatRouter({ store, widgets, now: () => new Date(), longPollMs: 3_000 }));
  app.use(errorMiddleware);
  http = app.listen(0, '127.0.0.1');
  await new Promise((r) => http.once('listening', r));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}/webchat`;
});

afterAll(async () => {
  await new Promise((r) => http.close(r));
  await testStore.close();
});

const post = (key: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/v1/${key}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('web chat', () => {
  it('gives a widget without a title of its own no header text: the widget says its own, in its language', async () => {
    const config = async (key: string) =>
      ((await (await fetch(`${base}/v1/${key}/config`)).json()) as { title: string; color: string }).title;
    expect(await config(open.key)).toBe('Shop chat');
    // None given, and the titles given by default before (English, or the admin's Russian).
    const widgets = createWidgets(store);
    const none = await widgets.create('team1', {});
    const former = await widgets.create('team1', { title: 'Chat with us' });
    const formerRu = await widgets.create('team1', { title: 'Напишите нам' });
    expect([await config(none.key), await config(former.key), await config(formerRu.key)]).toEqual([
      '',
      '',
      '',
    ]);
    for (const w of [none, former, formerRu]) await widgets.remove('team1', w.key);
  });

  it('serves the widget script', async () => {
    const res = await fetch(`${base}/widget.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(await res.text()).toContain('attachShadow');
  });

  it('serves a preview page: the widget in preview mode with the settings asked, over the saved ones', async () => {
    const q = new URLSearchParams({ key: restricted.key, title: 'Чат "магазина" <b>', language: 'ru' });
    const res = await fetch(`${base}/preview?${q}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(
      /^default-src 'none'; script-src http:\/\/localhost:\d+\/webchat\/widget\.js;/, // no PUBLIC_URL here
    );
    const html = await res.text();
    expect(html).toContain('data-preview');
    expect(html).toContain('data-title="Чат &quot;магазина&quot; &lt;b&gt;"');
    expect(html).toContain('data-language="ru"');
    expect(html).toContain(`data-color="${restricted.color}"`);
    expect(html).not.toContain('<b>');
    // Not a site's call: a widget limited to its sites still previews (it never calls the widget API).
    expect((await fetch(`${base}/preview?key=nosuchwidget1`)).status).toBe(404);
    expect((await fetch(`${base}/preview?key=${open.key}&color=red`)).status).toBe(400);
    expect((await fetch(`${base}/preview?key=${open.key}&language=de`)).status).toBe(400);
  });

  it('takes a visitor message in once, as a valid inbound message doc', async () => {
    const body = { visitorId: visitor, clientMessageId: 'm1', text: 'Сколько стоит доставка?', name: 'Olga' };
    const first = await post(open.key, body);
    expect(first.status).toBe(202);
    const { id } = (await first.json()) as { id: string };
    const again = await post(open.key, body);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id, duplicate: true });
    const doc = await store.teamDb('team1', 'messages').get(id);
    expect(validateCouchDoc('messages', doc)).toMatchObject({ ok: true });
    expect(doc).toMatchObject({
      channel: 'webchat',
      direction: 'inbound',
      text: 'Сколько стоит доставка?',
      author: { name: 'Olga' },
    });
  });

  it('delivers replies when the widget fetches them, and only to that visitor', async () => {
    const db = store.teamDb('team1', 'messages');
    const conversationId = `conv:webchat:${open.key}:${visitor}`;
    const reply = (id: string, extra: object = {}) => ({
      _id: id,
      conversationId,
      channel: 'webchat',
      direction: 'outbound',
      author: { kind: 'agent' },
      text: `reply ${id}`,
      attachments: [],
      delivery: { status: 'pending' },
      idempotencyKey: id,
      createdAt: new Date().toISOString(),
      ...extra,
    });
    await db.bulk({ docs: [reply('r1'), reply('r-later', { scheduledFor: '2999-01-01T00:00:00.000Z' })] });
    const res = await fetch(`${base}/v1/${open.key}/messages?visitorId=${visitor}`);
    const { messages } = (await res.json()) as { messages: Array<{ id: string; author: string }> };
    expect(messages.map((m) => m.id)).toContain('r1');
    expect(messages.map((m) => m.id)).not.toContain('r-later');
    expect(messages.find((m) => m.id === 'r1')?.author).toBe('assistant');
    expect(await db.get('r1')).toMatchObject({ delivery: { status: 'sent' } });

    const stranger = await fetch(`${base}/v1/${open.key}/messages?visitorId=v_someoneelse0000000000`);
    expect(((await stranger.json()) as { messages: unknown[] }).messages).toEqual([]);
  });

  it('holds a waiting poll until the reply is written', async () => {
    const since = new Date().toISOString();
    const waiting = fetch(
      `${base}/v1/${open.key}/messages?wait=1&visitorId=${visitor}&since=${encodeURIComponent(since)}`,
    );
    await new Promise((r) => setTimeout(r, 600));
    await store.teamDb('team1', 'messages').insert({
      _id: 'r-live',
      conversationId: `conv:webchat:${open.key}:${visitor}`,
      channel: 'webchat',
      direction: 'outbound',
      author: { kind: 'rep', name: 'Ivan' },
      text: 'Live reply',
      attachments: [],
      delivery: { status: 'pending' },
      idempotencyKey: 'r-live',
      createdAt: new Date().toISOString(),
    });
    const { messages } = (await (await waiting).json()) as {
      messages: Array<{ id: string; author: string }>;
    };
    // The name a device wrote on the message is not shown (it may be the rep's login); no display name: none.
    expect(messages).toEqual([expect.objectContaining({ id: 'r-live', author: 'rep' })]);
    expect(messages[0]).not.toHaveProperty('name');
  });

  it('answers bad input with a 4xx and a readable error', async () => {
    const cases: Array<[string, unknown, number, string]> = [
      [open.key, { visitorId: visitor, clientMessageId: 'x' }, 400, 'validation-failed'],
      [open.key, { visitorId: 'short', clientMessageId: 'x', text: 'hi' }, 400, 'validation-failed'],
      [
        open.key,
        { visitorId: visitor, clientMessageId: '../../_all_dbs', text: 'hi' },
        400,
        'validation-failed',
      ],
      [
        open.key,
        { visitorId: visitor, clientMessageId: 'x', text: 'x'.repeat(4001) },
        400,
        'validation-failed',
      ],
      [open.key, { visitorId: visitor, clientMessageId: 'x', text: 42 }, 400, 'validation-failed'],
      [open.key, '{"visitorId": ', 400, 'invalid-json'],
      [open.key, JSON.stringify({ text: 'x'.repeat(40_000) }), 413, 'payload-too-large'],
      ['wc_doesnotexist00', { visitorId: visitor, clientMessageId: 'x', text: 'hi' }, 404, 'not-found'],
      ['../_all_dbs', { visitorId: visitor, clientMessageId: 'x', text: 'hi' }, 404, 'not-found'],
    ];
    for (const [key, body, status, code] of cases) {
      const res = await post(key, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      if (res.headers.get('content-type')?.includes('json')) {
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
      }
    }
    const badSince = await fetch(`${base}/v1/${open.key}/messages?visitorId=${visitor}&since=yesterday`);
    expect(badSince.status).toBe(400);
  });

  it('lets only the allowed sites use a restricted widget', async () => {
    const body = { visitorId: visitor, clientMessageId: 'o1', text: 'hello' };
    expect((await post(restricted.key, body, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(restricted.key, body)).status).toBe(403); // no Origin header at all
    const ok = await post(restricted.key, body, { origin: 'https://shop.example' });
    expect(ok.status).toBe(202);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const preflight = await fetch(`${base}/v1/${restricted.key}/messages`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example' },
    });
    expect(preflight.status).toBe(204);
  });

  it('rate-limits a flooding visitor (per IP: webchat-guard.test.ts has the details)', async () => {
    const flood = 'v_flood00000000000000000';
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++)
      statuses.push(
        (await post(open.key, { visitorId: flood, clientMessageId: `f${i}`, text: 'spam' })).status,
      );
    const first = statuses.indexOf(429);
    expect(first).toBeGreaterThan(0);
    expect(statuses.slice(0, first).every((s) => s === 202)).toBe(true);
    expect(statuses.slice(first).every((s) => s === 429)).toBe(true);
  });
});

describe('web chat: planned messages out of date when due', () => {
  // As the Telegram and e-mail senders judge them (plannedMessageOutdated): a hand-off status once a
  // rep wrote (the desktop then clears waitingSince) is cancelled, never shown; so is a follow-up the
  // visitor has answered since it was planned.
  const conversation = async (visitorId: string, fields: object) => {
    const id = `conv:webchat:${open.key}:${visitorId}`;
    const at = new Date(Date.now() - 60_000).toISOString();
    await store.teamDb('team1', 'conversations').insert({
      _id: id,
      contactId: `contact:webchat:${visitorId}`,
      channel: 'webchat',
      externalChatId: visitorId,
      botId: open.key,
      status: 'open',
      unreadCount: 0,
      fieldUpdatedAt: {},
      createdAt: at,
      updatedAt: at,
      ...fields,
    } as never);
    return id;
  };
  const planned = (conversationId: string, id: string, idempotencyKey: string) => {
    const at = new Date(Date.now() - 30_000).toISOString();
    return store.teamDb('team1', 'messages').insert({
      _id: id,
      conversationId,
      channel: 'webchat',
      direction: 'outbound',
      author: { kind: 'agent', name: 'Assistant (auto)' },
      text: `planned ${id}`,
      attachments: [],
      delivery: { status: 'pending' },
      idempotencyKey,
      scheduledFor: new Date(Date.now() - 1_000).toISOString(),
      createdAt: at,
      updatedAt: at,
    } as never);
  };
  const fetchIds = async (visitorId: string) => {
    const res = await fetch(`${base}/v1/${open.key}/messages?visitorId=${visitorId}`);
    return ((await res.json()) as { messages: Array<{ id: string }> }).messages.map((m) => m.id);
  };
  const doc = async (id: string) =>
    (await store.teamDb('team1', 'messages').get(id)) as unknown as MessageDoc;

  it('shows the hand-off status while the visitor still waits for a rep', async () => {
    const v = 'v_waiting000000000000000';
    const conv = await conversation(v, {
      mode: 'human',
      waitingSince: new Date(Date.now() - 60_000).toISOString(),
    });
    await planned(conv, 'status-waiting', 'handoff-status:m-waiting');
    expect(await fetchIds(v)).toContain('status-waiting');
    expect(await doc('status-waiting')).toMatchObject({ delivery: { status: 'sent' } });
  });

  it('gives an open widget a hand-off status that came due after the messages it has, in the order seen', async () => {
    const v = 'v_openwidget00000000000';
    const conv = await conversation(v, {
      mode: 'human',
      waitingSince: new Date(Date.now() - 60_000).toISOString(),
    });
    const messages = store.teamDb('team1', 'messages');
    const t0 = Date.now();
    // Planned half a minute ago, due in a moment; the notice the visitor got is written after it.
    await messages.insert({
      _id: 'status-late',
      conversationId: conv,
      channel: 'webchat',
      direction: 'outbound',
      author: { kind: 'agent', name: 'Assistant (auto)' },
      text: 'A manager will answer within 15 minutes.',
      attachments: [],
      delivery: { status: 'pending' },
      idempotencyKey: 'handoff-status:m-late',
      scheduledFor: new Date(t0 + 1_500).toISOString(),
      createdAt: new Date(t0 - 30_000).toISOString(),
      updatedAt: new Date(t0 - 30_000).toISOString(),
    } as never);
    await messages.insert({
      _id: 'notice-before',
      conversationId: conv,
      channel: 'webchat',
      direction: 'outbound',
      author: { kind: 'agent', name: 'Assistant (auto)' },
      text: 'I am passing your question to a manager.',
      attachments: [],
      delivery: { status: 'pending' },
      createdAt: new Date(t0 - 10_000).toISOString(),
      updatedAt: new Date(t0 - 10_000).toISOString(),
    } as never);
    type Shown = { id: string; shownAt: string };
    const list = async (since?: string) =>
      (
        (await (
          await fetch(
            `${base}/v1/${open.key}/messages?visitorId=${v}${since ? `&since=${encodeURIComponent(since)}` : ''}`,
          )
        ).json()) as { messages: Shown[] }
      ).messages;
    const first = await list();
    expect(first.map((m) => m.id)).toEqual(['notice-before']);
    const since = first.at(-1)!.shownAt;
    expect(await list(since)).toEqual([]);
    await new Promise((r) => setTimeout(r, Math.max(0, t0 + 1_600 - Date.now())));
    // Asked for what is newer than the notice: the status, dated before it, comes now that it is due.
    const next = await list(since);
    expect(next.map((m) => m.id)).toEqual(['status-late']);
    expect(next[0]!.shownAt >= since).toBe(true);
    // After a reload: in the order the visitor saw them, the status after the notice.
    expect((await list()).map((m) => m.id)).toEqual(['notice-before', 'status-late']);
  });

  it('cancels the hand-off status once a rep wrote, and never shows it', async () => {
    const v = 'v_repwrote0000000000000';
    // The rep's reply ended the wait: the conversation is still the rep's, nobody waits any more.
    const conv = await conversation(v, { mode: 'human' });
    await planned(conv, 'status-after-rep', 'handoff-status:m-rep');
    expect(await fetchIds(v)).not.toContain('status-after-rep');
    const status = await doc('status-after-rep');
    expect(status.cancelledAt).toBeDefined();
    expect(status.delivery.status).toBe('pending');
    expect(await fetchIds(v)).not.toContain('status-after-rep');
  });

  it('cancels a follow-up the visitor has answered since it was planned', async () => {
    const v = 'v_answered0000000000000';
    const conv = await conversation(v, { mode: 'ai', lastInboundAt: new Date().toISOString() });
    await planned(conv, 'follow-up-answered', 'followup:m-answered');
    expect(await fetchIds(v)).not.toContain('follow-up-answered');
    expect((await doc('follow-up-answered')).cancelledAt).toBeDefined();
  });
});

describe('web chat: a visitor merged into another contact', () => {
  it("answers in the language of the contact the visitor is now, not the tombstone's", async () => {
    const v = 'v_abcdef0123456789abcd';
    const own = `contact:webchat:${v}`;
    const contacts = store.teamDb<Record<string, unknown>>('team1', 'contacts');
    const at = new Date().toISOString();
    const contact = {
      twin: { facts: [] },
      optOut: false,
      agentAccess: 'default',
      createdAt: at,
      updatedAt: at,
    };
    // The visitor's contact as the intake makes it for a Russian browser (posting is rate-limited here).
    await contacts.insert({
      _id: own,
      ...contact,
      name: '',
      language: 'ru',
      identities: [{ channel: 'webchat', externalId: v }],
    });
    const language = async () => {
      const res = await fetch(`${base}/v1/${open.key}/messages?visitorId=${v}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { language?: string }).language;
    };
    expect(await language()).toBe('ru');
    await contacts.insert({ _id: 'kept-en', ...contact, name: 'Jane Doe', language: 'en', identities: [] });
    await mergeContacts(store, 'team1', 'kept-en', own, { userId: 'u1', email: 'rep@x' }, new Date());
    expect(await language()).toBe('en');
  });
});

// Offered choices (issue 61): an agent message's choices reach the widget (ids and labels, never the
// sources); a click posted as `choiceId` + `replyTo` becomes the pick, once; a choice or a message the
// visitor was not offered is a 400 that says what is wrong.
describe('web chat offered choices', () => {
  const picker = 'v_choices0123456789ab';
  const other = 'v_choicesother0123456';
  // A widget of its own: the limits per widget and address are the other tests' to spend.
  let w: WidgetDoc;
  beforeAll(async () => {
    w = await createWidgets(store).create('team1', { title: 'Choices' });
  });
  const conv = (v: string) => `conv:webchat:${w.key}:${v}`;
  const offer = (id: string, visitorId: string) =>
    store.teamDb('team1', 'messages').insert({
      _id: id,
      conversationId: conv(visitorId),
      channel: 'webchat',
      direction: 'outbound',
      author: { kind: 'agent', id: 'support' },
      text: 'Which of these is it about?',
      attachments: [],
      choices: [
        { id: 'a1', label: 'Delivery', sourceId: 'src-1' },
        { id: 'none', label: 'None of these' },
      ],
      delivery: { status: 'pending' },
      idempotencyKey: id,
      createdAt: new Date().toISOString(),
    } as never);
  const pick = (visitorId: string, extra: Record<string, unknown>) =>
    post(w.key, {
      visitorId,
      clientMessageId: `c${Date.now()}${Math.random()}`.replace('.', ''),
      text: 'x',
      ...extra,
    });

  it('shows the choices, takes a click as the pick once, and refuses what was not offered', async () => {
    for (const v of [picker, other])
      expect((await post(w.key, { visitorId: v, clientMessageId: 'first', text: 'how?' })).status).toBe(202);
    await offer('wc-offer-1', picker);
    await offer('wc-offer-2', other);

    const shown = (await (await fetch(`${base}/v1/${w.key}/messages?visitorId=${picker}`)).json()) as {
      messages: Array<{ id: string; choices?: unknown }>;
    };
    expect(shown.messages.find((m) => m.id === 'wc-offer-1')?.choices).toEqual([
      { id: 'a1', label: 'Delivery' },
      { id: 'none', label: 'None of these' },
    ]);

    const refusals = [
      [
        { choiceId: 'a9', replyTo: 'wc-offer-1' },
        'choiceId: that message offered no choice "a9" (it offered: a1, none)',
      ],
      [{ choiceId: 'a1', replyTo: 'wc-offer-2' }, 'replyTo: no message of this conversation offered choices'],
      [
        { choiceId: 'a1', replyTo: 'no-such-message' },
        'replyTo: no message of this conversation offered choices',
      ],
      [{ choiceId: 'a1' }, 'replyTo: a pick must name the message that offered it'],
    ] as const;
    for (const [extra, message] of refusals) {
      const res = await pick(picker, extra);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe(message);
    }
    expect((await pick(picker, { choiceId: 'x'.repeat(65), replyTo: 'wc-offer-1' })).status).toBe(400);

    const first = await pick(picker, { choiceId: 'a1', replyTo: 'wc-offer-1', text: 'anything typed' });
    expect(first.status).toBe(202);
    const { id } = (await first.json()) as { id: string };
    const doc = await store.teamDb('team1', 'messages').get(id);
    expect(doc).toMatchObject({
      conversationId: conv(picker),
      direction: 'inbound',
      text: 'Delivery',
      picked: { id: 'a1', sourceId: 'src-1', replyTo: 'wc-offer-1' },
    });
    expect(validateCouchDoc('messages', doc)).toMatchObject({ ok: true });
    // A second click (another tab): the same pick, nothing new.
    const second = await pick(picker, { choiceId: 'none', replyTo: 'wc-offer-1' });
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ id, duplicate: true });
    expect(((await store.teamDb('team1', 'messages').get(id)) as unknown as MessageDoc).picked?.id).toBe(
      'a1',
    );
    // The widget learns the offer was picked (it drops the buttons on a reload).
    const after = (await (await fetch(`${base}/v1/${w.key}/messages?visitorId=${picker}`)).json()) as {
      messages: Array<{ id: string; picked?: unknown }>;
    };
    expect(after.messages.find((m) => m.id === id)?.picked).toEqual({ replyTo: 'wc-offer-1' });
  });
});
