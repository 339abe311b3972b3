// Task and calendar adapters, webhook tools and their SSRF guard, against a fake HTTP server on
// loopback (node:http, port 0) that records what each API received.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDocs } from '../../schemas/fixtures';
import { createRunLog } from '../activity-log';
import { createCustomerScope } from '../customer-scope';
import { createMemoryStore } from '../../testing/memory-store';
import { fixedClock } from '../ports';
import { createTaskTool, scheduleEventTool } from './action-tools';
import { googleCalendarAdapter, toIcs } from './calendar';
import ICAL from 'ical.js';
import { executeToolCall, toolSet } from './executor';
import { asanaTaskAdapter, notionTaskAdapter, trelloTaskAdapter } from './task-adapters';
import type { ToolContext } from './types';
import { checkUrl, isPrivateAddress } from './ssrf-guard';
import { webhookTool } from './webhook-tool';

type Seen = { method: string; url: string; headers: IncomingMessage['headers']; body: string };
const seen: Seen[] = [];
let base = '';
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
    res.setHeader('content-type', 'application/json');
    const url = req.url!;
    if (url.startsWith('/v1/pages'))
      return res.end(JSON.stringify({ id: 'page-1', url: 'https://notion.so/page-1' }));
    if (url.startsWith('/api/1.0/tasks'))
      return res.end(JSON.stringify({ data: { gid: '42', permalink_url: 'https://app.asana.com/0/42' } }));
    if (url.startsWith('/1/cards'))
      return res.end(JSON.stringify({ id: 'card-7', url: 'https://trello.com/c/7' }));
    if (url.startsWith('/calendar/v3/'))
      return res.end(JSON.stringify({ id: 'gev-1', htmlLink: 'https://calendar.google.com/e/1' }));
    if (url.startsWith('/redirect')) {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' });
      return res.end();
    }
    if (url.startsWith('/hook')) return res.end(JSON.stringify({ ok: true, echo: body || url }));
    res.writeHead(404);
    res.end('{}');
  });
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function context(): Promise<ToolContext> {
  const store = createMemoryStore('t');
  await store.put('contacts', sampleDocs.contacts);
  await store.put('conversations', sampleDocs.conversations);
  await store.put('leads', sampleDocs.leads);
  let n = 0;
  return {
    scope: createCustomerScope(store, {
      contactId: 'contact-1',
      conversationId: 'conversation-1',
      leadId: 'lead-1',
    }),
    now: new Date('2026-03-02T10:00:00.000Z'),
    runId: 'run-1',
    messageId: 'message-1',
    role: 'answer',
    log: createRunLog({ store, clock: fixedClock('2026-03-02T10:00:00.000Z'), runId: 'run-1' }),
    newId: (p) => `${p}-${++n}`,
    requestHandoff() {},
  };
}

describe('task adapters', () => {
  it('creates a Notion page, an Asana task and a Trello card over their HTTP APIs', async () => {
    const task = { title: 'Send proposal', description: 'Team plan', dueAt: '2026-03-03T10:00:00.000Z' };
    const notion = await notionTaskAdapter({ token: 'secret_n', databaseId: 'db1', baseUrl: base }).create(
      task,
    );
    const asana = await asanaTaskAdapter({ token: 'secret_a', projectId: 'p1', baseUrl: base }).create(task);
    const trello = await trelloTaskAdapter({ key: 'k', token: 't', listId: 'l1', baseUrl: base }).create(
      task,
    );
    expect([notion, asana, trello]).toEqual([
      { provider: 'notion', externalId: 'page-1', url: 'https://notion.so/page-1' },
      { provider: 'asana', externalId: '42', url: 'https://app.asana.com/0/42' },
      { provider: 'trello', externalId: 'card-7', url: 'https://trello.com/c/7' },
    ]);
    const n = seen.find((s) => s.url === '/v1/pages')!;
    expect(n.headers.authorization).toBe('Bearer secret_n');
    expect(n.headers['notion-version']).toBe('2022-06-28');
    expect(JSON.parse(n.body)).toMatchObject({
      parent: { database_id: 'db1' },
      properties: { Name: { title: [{ text: { content: 'Send proposal' } }] } },
    });
    expect(JSON.parse(seen.find((s) => s.url === '/api/1.0/tasks')!.body)).toEqual({
      data: {
        name: 'Send proposal',
        projects: ['p1'],
        notes: 'Team plan',
        due_at: '2026-03-03T10:00:00.000Z',
      },
    });
    const t = new URL(base + seen.find((s) => s.url.startsWith('/1/cards'))!.url);
    expect(Object.fromEntries(t.searchParams)).toMatchObject({
      idList: 'l1',
      name: 'Send proposal',
      key: 'k',
      token: 't',
    });
  });

  it('create_task mirrors to the tracker and stores the link; schedule_event goes to Google and makes an ICS', async () => {
    const ctx = await context();
    const tools = toolSet([
      createTaskTool(asanaTaskAdapter({ token: 'x', projectId: 'p', baseUrl: base })),
      scheduleEventTool(googleCalendarAdapter({ accessToken: 'g', baseUrl: base })),
    ]);
    const allowed = new Set(['create_task', 'schedule_event']);
    const task = await executeToolCall(
      { id: '1', name: 'create_task', arguments: '{"title":"Call back"}' },
      tools,
      allowed,
      ctx,
    );
    expect(task).toMatchObject({ ok: true, result: { external: { provider: 'asana', externalId: '42' } } });
    const ev = await executeToolCall(
      {
        id: '2',
        name: 'schedule_event',
        arguments: '{"title":"Demo","startAt":"2026-03-05T12:00:00Z","durationMinutes":45}',
      },
      tools,
      allowed,
      ctx,
    );
    expect(ev.ok).toBe(true);
    const google = JSON.parse(seen.find((s) => s.url === '/calendar/v3/calendars/primary/events')!.body);
    expect(google).toMatchObject({
      summary: 'Demo',
      start: { dateTime: '2026-03-05T12:00:00.000Z' },
      end: { dateTime: '2026-03-05T12:45:00.000Z' },
      attendees: [{ email: 'anna@romashka.example' }],
    });
    const past = await executeToolCall(
      { id: '3', name: 'schedule_event', arguments: '{"title":"Old","startAt":"2020-01-01T00:00:00Z"}' },
      tools,
      allowed,
      ctx,
    );
    expect(past).toMatchObject({ ok: false, code: 'internal-error' });
    const bad = await executeToolCall(
      { id: '4', name: 'create_task', arguments: '{"title":""}' },
      tools,
      allowed,
      ctx,
    );
    expect(bad).toMatchObject({ ok: false, code: 'tool-arguments-invalid' });
    expect(seen.filter((s) => s.url.startsWith('/api/1.0/tasks'))).toHaveLength(2);
  });

  it('writes a valid ICS event', () => {
    const ics = toIcs({ ...sampleDocs.events, title: 'Demo; call, with Anna' }, '2026-03-02T10:00:00.000Z');
    expect(ics).toContain('SUMMARY:Demo\\; call\\, with Anna\r\n');
    // Read back as a calendar app reads it (ical.js), in the event's own zone (Europe/Moscow).
    const root = new ICAL.Component(ICAL.parse(ics));
    for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    try {
      const event = new ICAL.Event(root.getFirstSubcomponent('vevent')!);
      expect(event.uid).toBe('event-1@sales-workspace');
      expect(event.summary).toBe('Demo; call, with Anna');
      expect(event.startDate.zone?.tzid).toBe('Europe/Moscow');
      expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-05T12:00:00.000Z');
      expect(event.attendees[0]!.getParameter('cn')).toBe('Анна Петрова');
      const stamp = event.component.getFirstPropertyValue('dtstamp') as ICAL.Time;
      expect(stamp.toJSDate().toISOString()).toBe('2026-03-02T10:00:00.000Z');
    } finally {
      ICAL.TimezoneService.reset();
    }
  });
});

describe('webhook tools', () => {
  const hook = (url: string, extra: Partial<Parameters<typeof webhookTool>[0]> = {}) =>
    webhookTool(
      {
        name: 'check_stock',
        description: 'Stock of a product',
        parameters: {
          type: 'object',
          properties: { sku: { type: 'string', pattern: '^[A-Z0-9-]+$' } },
          required: ['sku'],
          additionalProperties: false,
        },
        url,
        method: 'POST',
        headers: { 'x-api-key': 'hook-secret' },
        ...extra,
      },
      { allowHosts: ['127.0.0.1'] },
    );

  it('validates arguments first, then calls the configured URL with its headers', async () => {
    const ctx = await context();
    const tool = hook(`${base}/hook/{sku}`);
    const tools = toolSet([tool]);
    const allowed = new Set(['check_stock']);
    const before = seen.length;
    const bad = await executeToolCall(
      { id: '1', name: 'check_stock', arguments: '{"sku":"../admin"}' },
      tools,
      allowed,
      ctx,
    );
    expect(bad).toMatchObject({ ok: false, code: 'tool-arguments-invalid' });
    expect(seen.length).toBe(before);
    const ok = await executeToolCall(
      { id: '2', name: 'check_stock', arguments: '{"sku":"AB-1"}' },
      tools,
      allowed,
      ctx,
    );
    expect(ok).toMatchObject({ ok: true, result: { ok: true } });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/hook/AB-1' });
    expect(seen.at(-1)!.headers['x-api-key']).toBe('hook-secret');
    const logged = ctx.log.docs.at(-1)!;
    expect(JSON.stringify(ctx.log.docs)).not.toContain('hook-secret');
    expect(logged.status).toBe('ok');
  });

  it('refuses private hosts unless allowed, and never follows redirects', async () => {
    const ctx = await context();
    const internal = webhookTool({
      name: 'x',
      description: 'x',
      parameters: { type: 'object' },
      url: `${base}/hook`,
    });
    await expect(internal.execute({}, ctx)).rejects.toThrow(/private/);
    await expect(hook(`${base}/redirect`).execute({ sku: 'A' }, ctx)).rejects.toThrow(/Redirects/);
    for (const u of [
      'http://localhost/x',
      'http://[::1]/',
      'http://169.254.169.254/latest',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://10.1.2.3/',
      'http://metadata.google.internal/',
      'file:///etc/passwd',
      'http://user:pw@example.com/',
    ]) {
      await expect(checkUrl(new URL(u))).rejects.toThrow();
    }
    await expect(checkUrl(new URL('https://api.example.com/x'))).resolves.toBeUndefined();
    await expect(
      checkUrl(new URL('https://rebind.example.com/'), { lookup: async () => ['192.168.1.5'] }),
    ).rejects.toThrow(/resolves/);
    expect(isPrivateAddress('172.20.0.1')).toBe(true);
    expect(isPrivateAddress('8.8.8.8')).toBe(false);
  });
});
