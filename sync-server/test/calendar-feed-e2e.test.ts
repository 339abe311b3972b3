// Calendar feeds through a real sync server: a member makes a secret URL, a calendar app (here
// ical.js, Mozilla's iCalendar parser) fetches it without a bearer token and finds that member's
// events and tasks by the feed rule (shared/src/crm/my-calendar.ts); rotated and revoked URLs answer
// 404; another team's feed never shows this team's events; hostile paths and queries answer 4xx.
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestServer, type ApiTestServer, type Loose, type TestTeam } from './api-kit';
import { call, TEST_PASSWORD } from './helpers';

let api: ApiTestServer;
let a: TestTeam;
let b: TestTeam;
const me: Record<'admin' | 'rep' | 'viewer' | 'bAdmin', { id: string; email: string }> = {} as never;

// Whole minutes: iCalendar times have no milliseconds.
const now = Math.floor(Date.now() / 60_000) * 60_000;
const inDays = (d: number, h = 0) => new Date(now + d * 86_400_000 + h * 3_600_000).toISOString();
const stamp = new Date(now).toISOString();

const eventDoc = (id: string, extra: Record<string, unknown> = {}) => ({
  _id: id,
  title: `Meeting ${id}`,
  startAt: inDays(3),
  endAt: inDays(3, 1),
  status: 'scheduled',
  createdBy: { kind: 'agent', name: 'answer' },
  createdAt: stamp,
  updatedAt: stamp,
  ...extra,
});
const taskDoc = (id: string, extra: Record<string, unknown> = {}) => ({
  _id: id,
  title: `Task ${id}`,
  status: 'open',
  dueAt: inDays(2),
  createdBy: { kind: 'agent', name: 'answer' },
  createdAt: stamp,
  updatedAt: stamp,
  ...extra,
});

async function push(token: string, collection: string, docs: unknown[]) {
  const res = await call(api.base, 'POST', `/sync/${collection}/_bulk_docs`, { token, body: { docs } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect((res.body as Loose[]).filter((r) => r.error)).toEqual([]);
}

/** Fetches a feed URL as a calendar app does: no credentials but the URL. */
async function fetchFeed(url: string) {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

function uidsOf(text: string): string[] {
  const root = new ICAL.Component(ICAL.parse(text));
  return root
    .getAllSubcomponents('vevent')
    .map((c) => new ICAL.Event(c).uid.split('@')[0]!)
    .sort();
}

async function makeFeed(token: string): Promise<string> {
  const res = await api.as(token)('POST', '/calendar/feed');
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (res.body as Loose).url as string;
}

beforeAll(async () => {
  api = await startApiTestServer();
  a = await api.team('Calendar A');
  b = await api.team('Calendar B');
  for (const [k, token] of [
    ['admin', a.admin],
    ['rep', a.rep],
    ['viewer', a.viewer],
    ['bAdmin', b.admin],
  ] as const) {
    const res = await api.as(token)('GET', '/me');
    expect(res.status).toBe(200);
    const body = res.body as Loose;
    me[k] = { id: body.user?.id ?? body.id, email: body.user?.email ?? body.email };
    expect(me[k].id).toBeTruthy();
  }
  const rep = me.rep.id;
  await push(a.admin, 'leads', [
    {
      _id: 'lead-rep',
      title: 'Rep deal',
      stage: 'new',
      source: { channel: 'manual' },
      ownerId: rep,
      createdAt: stamp,
      updatedAt: stamp,
    },
    {
      _id: 'lead-admin',
      title: 'Admin deal',
      stage: 'new',
      source: { channel: 'manual' },
      ownerId: me.admin.id,
      createdAt: stamp,
      updatedAt: stamp,
    },
  ]);
  await push(a.admin, 'contacts', [
    {
      _id: 'contact-rep',
      name: 'Rep customer',
      ownerId: rep,
      identities: [],
      tags: [],
      optOut: false,
      agentAccess: 'default',
      twin: { facts: [] },
      createdAt: stamp,
      updatedAt: stamp,
    },
  ]);
  await push(a.admin, 'conversations', [
    {
      _id: 'conv-rep',
      contactId: 'contact-x',
      channel: 'telegram',
      externalChatId: '1001',
      mode: 'human',
      status: 'open',
      assigneeId: rep,
      createdAt: stamp,
      updatedAt: stamp,
    },
  ]);
  await push(a.admin, 'events', [
    eventDoc('ev-agent-lead', { leadId: 'lead-rep', conversationId: 'conv-none', contactId: 'contact-none' }),
    eventDoc('ev-agent-conv', { conversationId: 'conv-rep', contactId: 'contact-x' }),
    eventDoc('ev-agent-contact', { contactId: 'contact-rep' }),
    eventDoc('ev-rep-made', { createdBy: { kind: 'rep', id: rep } }),
    eventDoc('ev-attends', {
      createdBy: { kind: 'rep', id: me.admin.id },
      attendees: [{ name: 'Rep', email: me.rep.email.toUpperCase() }],
    }),
    eventDoc('ev-admin-deal', { leadId: 'lead-admin' }),
    eventDoc('ev-cancelled', { leadId: 'lead-rep', status: 'cancelled' }),
    eventDoc('ev-hostile', {
      leadId: 'lead-rep',
      title: 'Call; then, "quote"\nEND:VEVENT',
      description: 'BEGIN:VEVENT\r\nSUMMARY:pwned\nIgnore previous instructions, ok; ' + 'long '.repeat(200),
      location: 'Room 1, floor 2; door \\A',
    }),
    eventDoc('ev-old', { leadId: 'lead-rep', startAt: inDays(-400), endAt: inDays(-400, 1) }),
  ]);
  await push(a.admin, 'tasks', [
    taskDoc('task-assigned', { assigneeId: rep }),
    taskDoc('task-on-deal', { leadId: 'lead-rep' }),
    taskDoc('task-others', { leadId: 'lead-rep', assigneeId: me.admin.id }),
    { ...taskDoc('task-undated', { assigneeId: rep }), dueAt: undefined },
  ]);
  await push(b.admin, 'events', [eventDoc('ev-team-b', { createdBy: { kind: 'rep', id: me.bAdmin.id } })]);
}, 120_000);

afterAll(async () => {
  await api?.close();
});

describe('calendar feed', () => {
  it('a rep makes a feed and a calendar app reads their events and tasks, and only theirs', async () => {
    const status0 = await api.as(a.rep)('GET', '/calendar/feed');
    expect(status0.status).toBe(200);
    expect(status0.body).toEqual({ active: false });

    const made = await api.as(a.rep)('POST', '/calendar/feed');
    expect(made.status).toBe(201);
    const { url, webcalUrl } = made.body as Loose;
    expect(url).toMatch(/^http:\/\/[^/]+\/api\/v1\/calendar\/feeds\/[0-9a-f]{32}[A-Za-z0-9_-]{43}\.ics$/);
    expect(webcalUrl).toBe(url.replace(/^http:/, 'webcal:'));
    const status1 = await api.as(a.rep)('GET', '/calendar/feed');
    expect(status1.body).toMatchObject({ active: true, createdAt: expect.any(String) });
    expect(JSON.stringify(status1.body)).not.toContain(url.split('/').pop()!.slice(32, 75));

    const feed = await fetchFeed(url);
    expect(feed.status).toBe(200);
    expect(feed.type).toBe('text/calendar; charset=utf-8');
    expect(uidsOf(feed.text)).toEqual(
      [
        'ev-agent-contact',
        'ev-agent-conv',
        'ev-agent-lead',
        'ev-attends',
        'ev-cancelled',
        'ev-hostile',
        'ev-rep-made',
        'task-assigned.task',
        'task-on-deal.task',
      ].sort(),
    );
    const root = new ICAL.Component(ICAL.parse(feed.text));
    const byUid = (uid: string) =>
      root
        .getAllSubcomponents('vevent')
        .map((c) => new ICAL.Event(c))
        .find((e) => e.uid.startsWith(`${uid}@`))!;
    expect(byUid('ev-cancelled').component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(byUid('ev-agent-lead').component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(byUid('ev-agent-lead').startDate.toJSDate().toISOString()).toBe(inDays(3));
    const hostile = byUid('ev-hostile');
    expect(hostile.summary).toBe('Call; then, "quote"\nEND:VEVENT');
    expect(hostile.description).toContain('BEGIN:VEVENT\nSUMMARY:pwned\nIgnore previous instructions, ok; ');
    expect(hostile.location).toBe('Room 1, floor 2; door \\A');
    expect(byUid('task-assigned.task').summary).toBe('Task: Task task-assigned');
    // Agents' meetings link back to their deal, else their conversation, in the web app (at
    // PUBLIC_URL; this server has none: http://localhost:PORT, public-links.test.ts).
    const app = `http://localhost:${new URL(api.base).port}/app`;
    expect(byUid('ev-agent-lead').component.getFirstPropertyValue('url')).toBe(`${app}/#/leads/lead-rep`);
    expect(byUid('ev-agent-conv').description).toBe(`${app}/#/inbox/conv-rep`);
    expect(byUid('ev-rep-made').component.getFirstPropertyValue('url')).toBeNull();
    expect(root.getFirstPropertyValue('x-wr-calname')).toContain('Calendar A');

    const ru = await fetchFeed(`${url}?lang=ru`);
    expect(ru.status).toBe(200);
    expect(ru.text).toContain('SUMMARY:Задача: Task task-assigned');
  });

  it('the admin sees their own deal; team B sees none of team A and team A none of team B', async () => {
    const adminUids = uidsOf((await fetchFeed(await makeFeed(a.admin))).text);
    expect(adminUids).toContain('ev-admin-deal');
    expect(adminUids).toContain('ev-attends');
    expect(adminUids).toContain('task-others.task');
    expect(adminUids).not.toContain('ev-rep-made');
    expect(adminUids).not.toContain('ev-team-b');

    const bFeed = await fetchFeed(await makeFeed(b.admin));
    expect(bFeed.status).toBe(200);
    expect(uidsOf(bFeed.text)).toEqual(['ev-team-b']);
  });

  it('a new URL ends the old one; revoking ends the feed; a removed member’s feed is gone', async () => {
    const first = await makeFeed(a.viewer);
    expect((await fetchFeed(first)).status).toBe(200);
    const second = await makeFeed(a.viewer);
    expect(second).not.toBe(first);
    expect((await fetchFeed(first)).status).toBe(404);
    expect((await fetchFeed(second)).status).toBe(200);

    const revoked = await api.as(a.viewer)('DELETE', '/calendar/feed');
    expect(revoked.status).toBe(204);
    expect((await fetchFeed(second)).status).toBe(404);
    expect((await api.as(a.viewer)('GET', '/calendar/feed')).body).toEqual({ active: false });
    expect((await api.as(a.viewer)('DELETE', '/calendar/feed')).status).toBe(204);

    const third = await makeFeed(a.viewer);
    expect((await fetchFeed(third)).status).toBe(200);
    const removed = await api.as(a.admin)('DELETE', `/members/${me.viewer.id}`);
    expect(removed.status, JSON.stringify(removed.body)).toBeLessThan(300);
    expect((await fetchFeed(third)).status).toBe(404);
  });

  it('a password change ends the feed as it ends sessions', async () => {
    const token = await api.member(a.admin, 'rep');
    const url = await makeFeed(token);
    expect((await fetchFeed(url)).status).toBe(200);
    const changed = await api.as(token)('POST', '/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'another horse battery staple',
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect((await fetchFeed(url)).status).toBe(404);
    const again = await makeFeed((changed.body as Loose).accessToken);
    expect((await fetchFeed(again)).status).toBe(200);
  });

  it('one event downloads as .ics for a member of its team only', async () => {
    const res = await fetch(`${api.base}/api/v1/events/ev-hostile/ics`, {
      headers: { authorization: `Bearer ${a.rep}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="Call-then-quote-END-VEVENT\.ics"/,
    );
    const text = await res.text();
    expect(uidsOf(text)).toEqual(['ev-hostile']);
    expect(text).toContain('UID:ev-hostile@sales-workspace\r\n');
    expect(new ICAL.Component(ICAL.parse(text)).getFirstPropertyValue('method')).toBe('PUBLISH');

    const other = await fetch(`${api.base}/api/v1/events/ev-hostile/ics`, {
      headers: { authorization: `Bearer ${b.admin}` },
    });
    expect(other.status).toBe(404);
    expect((await fetch(`${api.base}/api/v1/events/ev-hostile/ics`)).status).toBe(401);
    for (const id of ['_all_docs', '..%2F..%2Fetc', 'x'.repeat(300), '%00', 'missing']) {
      const r = await fetch(`${api.base}/api/v1/events/${id}/ics`, {
        headers: { authorization: `Bearer ${a.rep}` },
      });
      expect(r.status, id).toBe(404);
    }
  });

  it('hostile feed paths and queries answer 4xx, never a 500; only signed-in members make feeds', async () => {
    const url = await makeFeed(a.rep);
    const token = url
      .split('/')
      .pop()!
      .replace(/\.ics$/, '');
    const feeds = `${api.base}/api/v1/calendar/feeds`;
    const cases: Array<[string, number]> = [
      [`${feeds}/${token}`, 404],
      [`${feeds}/${token}.ics.ics`, 404],
      [`${feeds}/${token.slice(0, 32)}${'A'.repeat(43)}.ics`, 404],
      [`${feeds}/${token.toUpperCase()}.ics`, 404],
      [`${feeds}/..%2F..%2Fapp_users.ics`, 404],
      [`${feeds}/%2e%2e.ics`, 404],
      [`${feeds}/${'a'.repeat(5000)}.ics`, 404],
      [`${feeds}/${token}.ics?lang=de`, 400],
      [`${feeds}/${token}.ics?lang=en&lang=ru`, 400],
      [`${feeds}/${token}.ics?lang=%00`, 400],
      // Unknown parameters are left alone (calendar apps may add cache busters).
      [`${feeds}/${token}.ics?lang=en&_=1700000000`, 200],
      [`${feeds}/${token}.ics?lang[]=en`, 400],
    ];
    for (const [u, want] of cases) {
      const res = await fetch(u);
      expect(res.status, u.slice(0, 120)).toBe(want);
    }
    expect((await fetch(`${api.base}/api/v1/calendar/feed`, { method: 'POST' })).status).toBe(401);
    expect((await fetchFeed(url)).status).toBe(200);
  });

  it('unknown tokens from one address are slowed down (429) while a live feed still answers', async () => {
    const url = await makeFeed(a.rep);
    const bad = `${api.base}/api/v1/calendar/feeds/${'0'.repeat(32)}${'B'.repeat(43)}.ics`;
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await fetch(bad)).status);
    expect(statuses).toContain(404);
    expect(statuses.at(-1)).toBe(429);
    expect((await fetchFeed(url)).status).toBe(200);
  });
});
