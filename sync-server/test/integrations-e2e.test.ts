// Integrations end to end through a real sync server with the agent runtime on, the real `openai`
// SDK against a fake model that calls the tool the customer asks for, and fake services on loopback
// that answer as their documented APIs do (test/fake-services.ts). An admin configures each one
// through the API; a web chat customer's message makes the agent call it; the external call arrives
// (method, path, headers, body); the local task or event links the external item; Activity shows the
// call with its arguments, result and time. A failing service is retried, the local task is kept, and
// the copy goes out once the service is back.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeCompletion, startFakeOpenAi, type FakeOpenAi } from '@app/shared/testing';
import type { ActivityDoc, CalendarEventDoc, TaskDoc } from '@app/shared/schemas';
import type { RunningServer } from '../src/server';
import {
  ASANA_TOKEN,
  GOOGLE_CLIENT,
  GITHUB_TOKEN,
  TRELLO_KEY,
  TRELLO_TOKEN,
  GOOGLE_TOKEN,
  NOTION_TOKEN,
  WEBHOOK_KEY,
  startFakeServices,
  type FakeServices,
} from './fake-services';
import type { AuthContext } from '../src/context';
import {
  acceptInvite,
  call,
  eventually,
  register,
  startTestServer,
  tempDir,
  uniqueEmail,
  type Session,
} from './helpers';

let dir: ReturnType<typeof tempDir>;
let llm: FakeOpenAi;
let fakes: FakeServices;
let server: RunningServer;
let admin: Session;
let widgetKey: string;

type Msg = { role: string; content: string | null };
type Tool = { function: { name: string } };

/** The tool a customer's words ask for, if the agent was offered it. */
function toolFor(text: string, offered: string[]): { name: string; args: unknown } | undefined {
  const inAnHour = new Date(Date.now() + 26 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const wanted: Array<[RegExp, string, unknown]> = [
    [/proposal task/, 'create_task', { title: 'Send the proposal', description: 'Asked in web chat' }],
    [/book a call/, 'schedule_event', { title: 'Intro call', startAt: inAnHour, durationMinutes: 30 }],
    [/catalogue lookup/, 'get_price', { sku: 'CRM-TEAM' }],
    [/warehouse/, 'inventory__check_stock', { sku: 'CRM-TEAM' }],
    [/local shelf/, 'local__check_stock', { sku: 'CRM-BIZ' }],
  ];
  const hit = wanted.find(([re, name]) => re.test(text) && offered.includes(name));
  return hit ? { name: hit[1], args: hit[2] } : undefined;
}

beforeAll(async () => {
  dir = tempDir('integrations-');
  fakes = await startFakeServices();
  llm = await startFakeOpenAi((req) => {
    const msgs = req.body.messages as Msg[];
    const first = String(msgs[0]?.content ?? '');
    if (first.startsWith('Classify'))
      return { body: fakeCompletion({ content: '{"intent":"other","confidence":0.9}' }) };
    if (!Array.isArray(req.body.tools)) return { body: fakeCompletion({ content: '{"facts":[]}' }) };
    const last = msgs[msgs.length - 1]!;
    if (last.role === 'tool') return { body: fakeCompletion({ content: 'Done.' }) };
    const offered = (req.body.tools as Tool[]).map((t) => t.function.name);
    const tool = toolFor(String(last.content), offered);
    if (!tool) return { body: fakeCompletion({ content: 'How can I help?' }) };
    return {
      body: fakeCompletion({
        toolCalls: [{ id: `c-${tool.name}`, name: tool.name, arguments: JSON.stringify(tool.args) }],
      }),
    };
  });
  // The operator's stdio MCP server (the demo inventory, run by tsx), in the server's own config file.
  const demo = fileURLToPath(new URL('../../shared/src/testing/mcp-demo-server.ts', import.meta.url));
  writeFileSync(
    join(dir.path, 'mcp-servers.json'),
    JSON.stringify({
      servers: [
        {
          name: 'local',
          command: process.execPath,
          args: ['--import', 'tsx', demo, '--stdio'],
          teams: ['*'],
        },
      ],
    }),
  );
  server = await startTestServer(
    dir.path,
    { LLM_BASE_URL: llm.baseURL, LLM_API_KEY: 'test-key', LLM_MODEL: 'obedient' },
    {
      integrations: {
        allowHosts: ['127.0.0.1'],
        baseUrls: {
          notion: fakes.url,
          asana: fakes.url,
          trello: fakes.url,
          github: fakes.url,
          google: fakes.url,
        },
        retryEveryMs: 0,
        googleTokenUrl: `${fakes.url}/token`,
      },
    },
  );
  admin = await register(server.url, 'Integrations');
  const widget = await api('POST', '/channels/webchat', {});
  widgetKey = widget.body.key as string;
  await allowTools();
}, 60_000);

afterAll(async () => {
  await server?.close();
  await llm?.close();
  await fakes?.close();
  dir?.remove();
});

const api = (method: string, path: string, body?: unknown) =>
  call(server.url, method, `/api/v1${path}`, { token: admin.accessToken, ...(body ? { body } : {}) });

let visitors = 0;
async function customerSays(text: string): Promise<void> {
  const visitorId = `v_${String(++visitors).padStart(20, '0')}`;
  const sent = await fetch(`${server.url}/webchat/v1/${widgetKey}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ visitorId, clientMessageId: `m${visitors}`, text }),
  });
  expect(sent.status).toBe(202);
}

async function docs<T>(collection: 'tasks' | 'events' | 'activity'): Promise<T[]> {
  const rows = await server.store.teamDb(admin.team.id, collection).list({ include_docs: true });
  return rows.rows.map((r) => ({ ...(r.doc as object), id: r.id }) as T);
}

const toolCall = (name: string, status = 'ok') =>
  eventually(
    async () => (await docs<ActivityDoc>('activity')).find((a) => a.name === name && a.status === status),
    45_000,
  );

/** The team's default profile allows the built-in tools and those the admin is about to define. */
async function allowTools(): Promise<void> {
  const tools = (await api('GET', '/tools')).body as { builtin: string[] };
  const created = await api('POST', '/agent-settings', {
    id: 'agent-int',
    name: 'Integrations',
    allowedTools: [...tools.builtin, 'get_price', 'inventory__check_stock', 'local__check_stock'],
    isDefault: true,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
}

describe('integrations configured by an admin and used by the agent', () => {
  it('Notion: settings sealed, a connection test, a customer asks, the task links the Notion page', async () => {
    const bad = await api('PUT', '/integrations/notion', { databaseId: 'db1' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('token');
    const saved = await api('PUT', '/integrations/notion', { databaseId: 'db-sales-1', token: NOTION_TOKEN });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({
      kind: 'notion',
      configured: true,
      enabled: true,
      secretsSet: ['token'],
    });
    expect(JSON.stringify(saved.body)).not.toContain(NOTION_TOKEN);
    const raw = await server.store.systemDb('app_channels').get(`integration:${admin.team.id}:notion`);
    expect(JSON.stringify(raw)).not.toContain(NOTION_TOKEN);

    expect((await api('POST', '/integrations/notion/test', {})).body).toEqual({
      ok: true,
      detail: 'Notion database "Sales tasks"',
    });
    const wrong = await api('POST', '/integrations/notion/test', {
      databaseId: 'db-sales-1',
      token: 'wrong-token-123',
    });
    expect(wrong.status).toBe(200);
    expect(wrong.body).toMatchObject({ ok: false });
    expect(wrong.body.error).toContain('API token is invalid.');

    await customerSays('Please make a proposal task for me');
    const activity = await toolCall('create_task');
    const page = fakes.seen.find((r) => r.method === 'POST' && r.path === '/v1/pages')!;
    expect(page.headers.authorization).toBe(`Bearer ${NOTION_TOKEN}`);
    expect(page.headers['notion-version']).toBe('2022-06-28');
    expect(page.json).toMatchObject({
      parent: { database_id: 'db-sales-1' },
      properties: { Name: { title: [{ text: { content: 'Send the proposal' } }] } },
    });
    const task = (await docs<TaskDoc>('tasks')).find((t) => t.title === 'Send the proposal')!;
    expect(task.external).toMatchObject({
      provider: 'notion',
      url: expect.stringMatching(/^https:\/\/www\.notion\.so\/page-/),
    });
    expect(JSON.parse(activity.input!)).toMatchObject({ title: 'Send the proposal' });
    expect(JSON.parse(activity.output!)).toMatchObject({ taskId: task.id, external: { provider: 'notion' } });
    expect(activity.durationMs).toBeGreaterThanOrEqual(0);
  }, 90_000);

  it('a failing service is retried, the local task kept, the copy sent once the service is back', async () => {
    // Down until the test says it is back: the runtime's retry passes (every pass here) fail meanwhile.
    fakes.failNext('POST', '/v1/pages', 503, 1_000);
    const before = fakes.seen.filter((r) => r.path === '/v1/pages').length;
    await customerSays('One more proposal task please');
    const failed = await toolCall('external-notion', 'error');
    expect(failed.error).toContain('503');
    expect(fakes.seen.filter((r) => r.path === '/v1/pages').length - before).toBeGreaterThanOrEqual(3);
    const pending = await eventually(async () =>
      (await docs<TaskDoc>('tasks')).find((t) => t.externalSync?.status === 'pending'),
    );
    expect(pending).toMatchObject({ title: 'Send the proposal', externalSync: { provider: 'notion' } });
    expect(pending.externalSync!.attempts).toBeGreaterThanOrEqual(3);
    expect(pending.external).toBeUndefined();

    // The service is back; the runtime's retry pass (here: the admin saves the settings again) sends it.
    fakes.recover('POST', '/v1/pages');
    await api('PUT', '/integrations/notion', { databaseId: 'db-sales-1' });
    const linked = await eventually(async () => {
      const t = (await docs<TaskDoc>('tasks')).find((d) => d.id === pending.id);
      return t?.external ? t : undefined;
    }, 30_000);
    expect(linked.externalSync).toBeUndefined();
    expect(linked.external).toMatchObject({ provider: 'notion' });
    expect(await toolCall('external-notion-retry')).toMatchObject({ status: 'ok' });
  }, 90_000);

  it('an update coming back: a page marked Done in Notion makes the local task done', async () => {
    const task = (await docs<TaskDoc>('tasks')).find((t) => t.external?.provider === 'notion')!;
    expect(task.status).toBe('open');
    fakes.notionPages.get(task.external!.externalId)!.status = 'Done';
    // The runtime's periodic pass (here: the admin saves the settings again) reads the page.
    await api('PUT', '/integrations/notion', { databaseId: 'db-sales-1' });
    const done = await eventually(async () => {
      const t = (await docs<TaskDoc>('tasks')).find((d) => d.id === task.id);
      return t?.status === 'done' ? t : undefined;
    }, 30_000);
    expect(done.fieldUpdatedAt?.status).toBe(done.updatedAt);
    const read = fakes.seen.find(
      (r) => r.method === 'GET' && r.path === `/v1/pages/${task.external!.externalId}`,
    );
    expect(read?.headers.authorization).toBe(`Bearer ${NOTION_TOKEN}`);
    expect(await toolCall('external-notion-update')).toMatchObject({ status: 'ok' });
  }, 60_000);

  it('GitHub Projects: a draft issue through GraphQL; GraphQL errors read as a failed test', async () => {
    const unknown = await api('POST', '/integrations/github/test', {
      projectId: 'PVT_nope',
      token: GITHUB_TOKEN,
    });
    expect(unknown.body).toMatchObject({ ok: false });
    expect(unknown.body.error).toContain('NOT_FOUND');
    const badToken = await api('POST', '/integrations/github/test', {
      projectId: 'PVT_kwDOfake',
      token: 'ghp_wrong_0123456',
    });
    expect(badToken.body.error).toContain('Bad credentials');
    const saved = await api('PUT', '/integrations/github', {
      projectId: 'PVT_kwDOfake',
      token: GITHUB_TOKEN,
    });
    expect(saved.status).toBe(200);
    expect((await api('POST', '/integrations/github/test', {})).body).toEqual({
      ok: true,
      detail: 'GitHub project "Sales board"',
    });

    await customerSays('A proposal task for my team too');
    const graphql = await eventually(async () =>
      fakes.seen.find(
        (r) => r.path === '/graphql' && String(r.json?.query).includes('addProjectV2DraftIssue'),
      ),
    );
    expect(graphql.method).toBe('POST');
    expect(graphql.headers.authorization).toBe(`Bearer ${GITHUB_TOKEN}`);
    expect(graphql.json?.variables).toMatchObject({ projectId: 'PVT_kwDOfake', title: 'Send the proposal' });
    const task = await eventually(async () =>
      (await docs<TaskDoc>('tasks')).find((t) => t.external?.provider === 'github'),
    );
    expect(task.external).toMatchObject({
      externalId: expect.stringMatching(/^PVTI_/),
      url: 'https://github.com/orgs/acme/projects/1',
    });
  }, 90_000);

  it('Asana and Trello: a task each, linked, after the connection test', async () => {
    const wrong = await api('POST', '/integrations/asana/test', {
      projectId: '1201',
      token: 'not-the-token-123',
    });
    expect(wrong.body).toEqual({ ok: false, error: expect.stringContaining('Not Authorized') });
    expect((await api('PUT', '/integrations/asana', { projectId: '1201', token: ASANA_TOKEN })).status).toBe(
      200,
    );
    expect((await api('POST', '/integrations/asana/test', {})).body).toEqual({
      ok: true,
      detail: 'Asana project "Sales pipeline"',
    });
    await customerSays('Please file a proposal task in Asana');
    const asanaTask = await eventually(async () =>
      (await docs<TaskDoc>('tasks')).find((t) => t.external?.provider === 'asana'),
    );
    expect(asanaTask.external?.url).toMatch(/^https:\/\/app\.asana\.com\/0\/1201\//);
    const created = fakes.seen.find((r) => r.method === 'POST' && r.path === '/api/1.0/tasks')!;
    expect(created.headers.authorization).toBe(`Bearer ${ASANA_TOKEN}`);
    expect(created.json).toMatchObject({ data: { name: 'Send the proposal', projects: ['1201'] } });

    const bad = await api('POST', '/integrations/trello/test', {
      listId: 'L1',
      key: TRELLO_KEY,
      token: 'wrong-token-123',
    });
    expect(bad.body).toEqual({ ok: false, error: expect.stringContaining('invalid token') });
    const saved = await api('PUT', '/integrations/trello', {
      listId: 'L1',
      key: TRELLO_KEY,
      token: TRELLO_TOKEN,
    });
    expect(saved.body).toMatchObject({ secretsSet: ['key', 'token'] });
    await customerSays('And a proposal task on the Trello board');
    const card = await eventually(async () =>
      (await docs<TaskDoc>('tasks')).find((t) => t.external?.provider === 'trello'),
    );
    expect(card.external?.url).toMatch(/^https:\/\/trello\.com\/c\//);
    const post = fakes.seen.find((r) => r.method === 'POST' && r.path === '/1/cards')!;
    expect(post).toBeDefined();
  }, 90_000);

  it('Google Calendar: the event links the Google event, after a 503 retried in the call', async () => {
    const oauth = { clientId: GOOGLE_CLIENT.id, clientSecret: GOOGLE_CLIENT.secret };
    expect(
      (await api('PUT', '/integrations/google', { clientId: GOOGLE_CLIENT.id })).body.error.message,
    ).toContain('refreshToken');
    const revoked = await api('POST', '/integrations/google/test', {
      ...oauth,
      refreshToken: '1//revoked-token',
    });
    expect(revoked.body).toEqual({
      ok: false,
      error: expect.stringContaining('invalid_grant: Token has been expired'),
    });
    const saved = await api('PUT', '/integrations/google', { ...oauth, refreshToken: GOOGLE_CLIENT.refresh });
    expect(saved.body).toMatchObject({ settings: { calendarId: 'primary', clientId: GOOGLE_CLIENT.id } });
    expect(saved.body.secretsSet).toEqual(['refreshToken', 'clientSecret']);
    expect(JSON.stringify(saved.body)).not.toContain(GOOGLE_CLIENT.secret);
    expect((await api('POST', '/integrations/google/test', {})).body).toEqual({
      ok: true,
      detail: 'Google calendar "Sales calls"',
    });
    fakes.failNext('POST', '/calendar/v3/calendars/primary/events', 503, 1);
    await customerSays('Can we book a call tomorrow?');
    const event = await eventually(
      async () => (await docs<CalendarEventDoc>('events')).find((e) => e.external?.provider === 'google'),
      45_000,
    );
    expect(event.external?.url).toMatch(/^https:\/\/www\.google\.com\/calendar\/event\?eid=gev/);
    const posts = fakes.seen.filter(
      (r) => r.method === 'POST' && r.path === '/calendar/v3/calendars/primary/events',
    );
    expect(posts).toHaveLength(2);
    expect(posts[1]!.headers.authorization).toBe(`Bearer ${GOOGLE_TOKEN}`);
    expect(posts[1]!.json).toMatchObject({ summary: 'Intro call', start: { dateTime: event.startAt } });
    // The access token came from the refresh token, at Google's token endpoint, as a form.
    const exchange = fakes.seen.find(
      (r) =>
        r.path === '/token' && new URLSearchParams(r.body).get('refresh_token') === GOOGLE_CLIENT.refresh,
    )!;
    expect(exchange.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(exchange.body))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: GOOGLE_CLIENT.refresh,
      client_id: GOOGLE_CLIENT.id,
      client_secret: GOOGLE_CLIENT.secret,
    });
  }, 90_000);

  it('an update coming back: an event cancelled in Google Calendar is cancelled here', async () => {
    const event = (await docs<CalendarEventDoc>('events')).find((e) => e.external?.provider === 'google')!;
    fakes.googleEvents.get(event.external!.externalId)!.status = 'cancelled';
    await api('PUT', '/integrations/google', {});
    const cancelled = await eventually(async () => {
      const e = (await docs<CalendarEventDoc>('events')).find((d) => d.id === event.id);
      return e?.status === 'cancelled' ? e : undefined;
    }, 30_000);
    expect(cancelled.startAt).toBe(event.startAt);
  }, 60_000);

  it('a webhook tool defined by the admin: validated, SSRF-checked, header sealed, called by the agent', async () => {
    const tool = {
      name: 'get_price',
      description: 'The price of a product by SKU',
      parameters: {
        type: 'object',
        properties: { sku: { type: 'string', pattern: '^[A-Z0-9-]+$' } },
        required: ['sku'],
      },
      url: `${fakes.url}/hooks/price/{sku}`,
      method: 'GET',
      headers: { 'X-Api-Key': WEBHOOK_KEY },
    };
    for (const [patch, says] of [
      [{ parameters: { type: 'object', properties: { sku: { type: 'nope' } } } }, 'parameters'],
      [{ parameters: { type: 'string' } }, 'parameters'],
      [{ url: 'http://169.254.169.254/latest/meta-data' }, 'url'],
      [{ url: 'http://10.1.2.3/x' }, 'url'],
      [{ url: 'http://localhost:8080/x' }, 'url'],
      [{ url: 'http://[::ffff:127.0.0.2]/x' }, 'url'],
      [{ url: 'http://{sku}.example.com/x' }, 'url'],
      [{ url: 'file:///etc/passwd' }, 'url'],
      [{ name: 'create_task' }, 'name'],
    ] as const) {
      const refused = await api('POST', '/tools/webhooks', { ...tool, ...patch });
      expect(refused.status, JSON.stringify(patch)).toBe(400);
      expect(refused.body.error.message).toContain(says);
    }
    const created = await api('POST', '/tools/webhooks', tool);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: 'get_price', headerNames: ['X-Api-Key'] });
    expect((await api('POST', '/tools/webhooks', tool)).status).toBe(409);
    const listed = await api('GET', '/tools/webhooks');
    expect(JSON.stringify(listed.body)).not.toContain(WEBHOOK_KEY);

    await customerSays('Hello, please run the catalogue lookup for me');
    const activity = await toolCall('get_price');
    const hit = fakes.seen.find((r) => r.path === '/hooks/price/CRM-TEAM')!;
    expect(hit.method).toBe('GET');
    expect(hit.headers['x-api-key']).toBe(WEBHOOK_KEY);
    expect(JSON.parse(activity.input!)).toEqual({ sku: 'CRM-TEAM' });
    expect(JSON.parse(activity.output!)).toMatchObject({ price: { amount: 4900, currency: 'RUB' } });
    expect(activity.output).not.toContain(WEBHOOK_KEY);
  }, 90_000);

  it('an MCP server over Streamable HTTP added by the admin: its tool called by the agent', async () => {
    expect((await api('POST', '/tools/mcp', { name: 'inventory', url: 'http://localhost/mcp' })).status).toBe(
      400,
    );
    const added = await api('POST', '/tools/mcp', { name: 'inventory', url: `${fakes.url}/mcp` });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.check).toEqual({ ok: true, tools: ['inventory__check_stock', 'inventory__fail'] });
    // The HTTP server's tools, then those of the server's own stdio server (its config file).
    expect((await api('GET', '/tools')).body.mcp).toEqual([
      'inventory__check_stock',
      'inventory__fail',
      'local__check_stock',
      'local__fail',
    ]);
    // There is no way to define an stdio server through the API.
    expect(
      (await api('POST', '/tools/mcp', { name: 'shell', command: 'sh', url: `${fakes.url}/mcp` })).status,
    ).toBe(400);

    await customerSays('Hello, please ask the warehouse for me');
    const activity = await toolCall('inventory__check_stock');
    expect(JSON.parse(activity.input!)).toEqual({ sku: 'CRM-TEAM' });
    expect(activity.output).toContain('120');
  }, 90_000);

  it('a rep is refused every integration route (the access table), and sees the tool names', async () => {
    const auth: AuthContext = {
      userId: admin.user.id,
      teamId: admin.team.id,
      role: 'admin',
      email: admin.user.email,
    };
    const rep = await acceptInvite(
      server.url,
      await server.members.invite(auth, { email: uniqueEmail('rep'), role: 'rep' }),
    );
    const as = (method: string, path: string, body?: unknown) =>
      call(server.url, method, `/api/v1${path}`, { token: rep.accessToken, ...(body ? { body } : {}) });
    for (const [method, path, body] of [
      ['GET', '/integrations'],
      ['GET', '/integrations/notion'],
      ['PUT', '/integrations/notion', { databaseId: 'x', token: 'stolen-token-123' }],
      ['POST', '/integrations/notion/test', {}],
      ['DELETE', '/integrations/google'],
      ['GET', '/tools/webhooks'],
      ['POST', '/tools/webhooks', { name: 'x' }],
      ['DELETE', '/tools/webhooks/get_price'],
      ['GET', '/tools/mcp'],
      ['POST', '/tools/mcp/inventory/test'],
    ] as const) {
      const res = await as(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe('role-forbidden');
    }
    expect((await as('GET', '/tools')).body.webhooks).toEqual(['get_price']);
  }, 60_000);

  it('a removed webhook tool is gone from the agents at once', async () => {
    expect((await api('DELETE', '/tools/webhooks/get_price')).status).toBe(204);
    expect((await api('DELETE', '/tools/webhooks/get_price')).status).toBe(404);
    const before = fakes.seen.filter((r) => r.path.startsWith('/hooks/price/')).length;
    const llmCalls = llm.requests.length;
    await customerSays('Hello again, please run the catalogue lookup once more');
    // The model was asked without the tool, so it answered in words.
    await eventually(async () => {
      const offered = llm.requests
        .slice(llmCalls)
        .flatMap((r) => ((r.body.tools as Tool[] | undefined) ?? []).map((t) => t.function.name));
      return offered.includes('create_task') ? offered : undefined;
    });
    const offered = llm.requests.slice(llmCalls).flatMap((r) => (r.body.tools as Tool[] | undefined) ?? []);
    expect(offered.map((t) => t.function.name)).not.toContain('get_price');
    expect(fakes.seen.filter((r) => r.path.startsWith('/hooks/price/')).length).toBe(before);
  }, 60_000);

  it("an MCP server over stdio from the server's config file: its tool called by the agent", async () => {
    // Its tools are listed for the Agents screen with the others.
    expect((await api('GET', '/tools')).body.mcp).toContain('local__check_stock');
    await customerSays('Hello, please look at the local shelf for me');
    const activity = await toolCall('local__check_stock');
    expect(JSON.parse(activity.input!)).toEqual({ sku: 'CRM-BIZ' });
    expect(activity.output).toContain('"inStock\\":7');
  }, 60_000);
});
