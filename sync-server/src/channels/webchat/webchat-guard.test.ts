// The web chat against floods, on the real embedded store: limits count the client's IP (as Express
// sees it under the app's `trust proxy`), never the visitorId it chose; new visitors are capped per
// IP per hour, with 429 + Retry-After; a widget with allowed sites needs a matching Origin header;
// other IPs and visitors already taken in keep chatting, and nothing accepted is lost.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactIdFor, conversationIdFor } from '@app/shared/ids';
import { errorMiddleware } from '../../app-errors';
import type { CouchStore } from '../../store/couch-store';
import { clientNetwork } from './webchat-guard';
import { createWebchatRouter } from './webchat-router';
import { createWidgets, type WidgetDoc, type WidgetSettings, type Widgets } from './widgets';
import { startTestStore, type TestStore } from '../../../test/helpers';

const log = pino({ level: 'silent' });
let testStore: TestStore;
let store: CouchStore;
let widgets: Widgets;
const servers: Server[] = [];
/** Behind a proxy (`trust proxy` on): X-Forwarded-For names the client. */
let proxied: string;
/** Without TRUST_PROXY: the socket's address is the client, whatever X-Forwarded-For says. */
let direct: string;
let clock = Date.parse('2030-01-01T09:00:00.000Z');

async function serve(trustProxy: boolean): Promise<string> {
  const app = express();
  app.set('trust proxy', trustProxy);
  app.use('/webchat', createWebchatRouter({ store, widgets, now: () => new Date(clock) }));
  app.use(errorMiddleware);
  const http = app.listen(0, '127.0.0.1');
  servers.push(http);
  await new Promise((r) => http.once('listening', r));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}/webchat`;
}

beforeAll(async () => {
  testStore = await startTestStore('webchat-guard-', log);
  store = testStore.store;
  widgets = createWidgets(store);
  proxied = await serve(true);
  direct = await serve(false);
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await testStore.close();
});

let teams = 0;
async function widgetIn(settings: Partial<WidgetSettings> = {}): Promise<WidgetDoc> {
  const teamId = `guard${++teams}`;
  await store.ensureTeam(teamId);
  return widgets.create(teamId, settings);
}

const visitor = (tag: string, i: number) => `v_${tag}_${String(i).padStart(16, '0')}`;

type PostOptions = { ip?: string; origin?: string; base?: string; id?: string };
async function post(widget: WidgetDoc, visitorId: string, opts: PostOptions = {}) {
  const res = await fetch(`${opts.base ?? proxied}/v1/${widget.key}/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(opts.ip ? { 'x-forwarded-for': opts.ip } : {}),
      ...(opts.origin ? { origin: opts.origin } : {}),
    },
    body: JSON.stringify({ visitorId, clientMessageId: opts.id ?? 'm1', text: 'Hello, how much is it?' }),
  });
  const body = (await res.json()) as { id?: string; error?: { code: string; message: string } };
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body };
}

async function idsIn(widget: WidgetDoc, collection: 'contacts' | 'conversations' | 'messages') {
  const { rows } = await store.teamDb(widget.teamId, collection).list();
  return rows.map((r) => r.id).filter((id) => !id.startsWith('_design/'));
}

describe('web chat flood guard', () => {
  let flooded: WidgetDoc;
  let accepted: string[] = [];

  it('60 POSTs from one IP with rotating visitorIds start at most the cap of new visitors', async () => {
    flooded = await widgetIn();
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => post(flooded, visitor('flood', i), { ip: '203.0.113.10' })),
    );
    const ok = answers.filter((a) => a.status === 202);
    const refused = answers.filter((a) => a.status !== 202);
    expect(ok).toHaveLength(20); // WEBCHAT_NEW_VISITORS_PER_HOUR's default
    expect(refused.every((a) => a.status === 429 && a.body.error?.code === 'rate-limited')).toBe(true);
    expect(refused[0]!.body.error!.message).toMatch(/new chats/);
    const retryAfter = Number(refused[0]!.retryAfter);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await idsIn(flooded, 'contacts')).toHaveLength(20);
    expect(await idsIn(flooded, 'conversations')).toHaveLength(20);
    // Nothing that was answered 202 is lost: every accepted message, its contact and conversation.
    const messages = new Set(await idsIn(flooded, 'messages'));
    expect(messages.size).toBe(20);
    for (const a of ok) expect(messages.has(a.body.id!)).toBe(true);
    accepted = answers.flatMap((a, i) => (a.status === 202 ? [visitor('flood', i)] : []));
    const contacts = new Set(await idsIn(flooded, 'contacts'));
    for (const v of accepted) expect(contacts.has(contactIdFor('webchat', v))).toBe(true);
  });

  it('another IP is not affected; visitors already taken in keep chatting; the cap ends after an hour', async () => {
    expect((await post(flooded, visitor('other', 1), { ip: '198.51.100.7' })).status).toBe(202);
    clock += 61_000; // past the per-minute message window, not the hour
    expect((await post(flooded, visitor('flood', 99), { ip: '203.0.113.10' })).status).toBe(429);
    for (const v of accepted.slice(0, 5))
      expect((await post(flooded, v, { ip: '203.0.113.10', id: 'm2' })).status).toBe(202);
    const conversation = await store
      .teamDb(flooded.teamId, 'conversations')
      .get(conversationIdFor('webchat', flooded.key, accepted[0]!));
    expect(conversation).toMatchObject({ unreadCount: 2 });
    clock += 3_600_000;
    expect((await post(flooded, visitor('flood', 99), { ip: '203.0.113.10' })).status).toBe(202);
  });

  it('limits messages per IP, not per visitorId, with Retry-After', async () => {
    const widget = await widgetIn({ newVisitorsPerIpPerHour: 1000 });
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++)
      statuses.push((await post(widget, visitor('burst', i), { ip: '192.0.2.33' })).status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(60); // WEBCHAT_MESSAGES_PER_MINUTE's default
    const over = await post(widget, visitor('burst', 0), { ip: '192.0.2.33', id: 'again' });
    expect(over).toMatchObject({ status: 429, body: { error: { code: 'rate-limited' } } });
    expect(Number(over.retryAfter)).toBeGreaterThan(0);
    expect(Number(over.retryAfter)).toBeLessThanOrEqual(60);
    expect((await post(widget, visitor('burst', 0), { ip: '192.0.2.34', id: 'again' })).status).toBe(202);
  });

  it('without TRUST_PROXY a forged X-Forwarded-For is no new client; a restarted process still knows old visitors', async () => {
    const widget = await widgetIn({ newVisitorsPerIpPerHour: 3 });
    for (let i = 0; i < 3; i++)
      expect((await post(widget, visitor('known', i), { ip: '203.0.113.50' })).status).toBe(202);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await post(widget, visitor('forged', i), { base: direct, ip: `10.9.8.${i}` })).status);
    expect(statuses).toEqual([202, 202, 202, 429, 429, 429]);
    // The other router has never seen these visitors: it finds their conversations in the store.
    expect((await post(widget, visitor('known', 0), { base: direct, id: 'm2' })).status).toBe(202);
    expect(await idsIn(widget, 'contacts')).toHaveLength(6);
  });

  it('a widget with allowed sites refuses calls without a matching Origin, and writes nothing', async () => {
    const widget = await widgetIn({ allowedOrigins: ['https://Shop.example/'] });
    const missing = await post(widget, visitor('origin', 1), { ip: '198.51.100.20' });
    expect(missing.status).toBe(403);
    expect(missing.body.error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/Origin/) });
    const base = `${proxied}/v1/${widget.key}`;
    expect((await fetch(`${base}/messages?visitorId=${visitor('origin', 1)}`)).status).toBe(403);
    expect((await fetch(`${base}/config`)).status).toBe(403);
    expect((await fetch(`${base}/messages`, { method: 'OPTIONS' })).status).toBe(403);
    for (const origin of ['https://evil.example', 'null', 'https://shop.example.evil.example'])
      expect((await post(widget, visitor('origin', 1), { origin })).status).toBe(403);
    expect(await idsIn(widget, 'contacts')).toEqual([]);
    expect(await idsIn(widget, 'messages')).toEqual([]);
    const allowed = await post(widget, visitor('origin', 1), { origin: 'https://shop.example' });
    expect(allowed.status).toBe(202);
    const poll = await fetch(`${base}/messages?visitorId=${visitor('origin', 1)}`, {
      headers: { origin: 'https://shop.example' },
    });
    expect(poll.status).toBe(200);
    expect(poll.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    // A widget without allowed sites still answers any caller, with or without Origin.
    const open = await widgetIn();
    expect((await post(open, visitor('origin', 2))).status).toBe(202);
  });
});

describe('clientNetwork', () => {
  it('counts IPv4 by address (also mapped into IPv6) and IPv6 by its /64', () => {
    expect(clientNetwork('203.0.113.9')).toBe('203.0.113.9');
    expect(clientNetwork('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(clientNetwork('2001:db8:1:2::a')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientNetwork('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
    expect(clientNetwork(undefined)).toBe('unknown');
  });
});
