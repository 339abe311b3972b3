// A rep's edit of a linked task or event reaches the service, end to end through a real sync server
// with its runtime: the admin configures the service through the API, the task or event is linked to
// an item of the loopback fake (test/fake-services.ts, each API's documented shape), a rep edits the
// doc through the sync gateway as the desktop's replication does, and the fake receives the update
// (method, path, body). A failing service is retried with backoff (one update arrives, Activity shows
// the failure, the local doc keeps the rep's values); what the periodic poll reads is not pushed back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityDoc, CalendarEventDoc, TaskDoc } from '@app/shared/schemas';
import type { RunningServer } from '../src/server';
import { pushLocalEdit } from '../src/integrations/external-push';
import { pino } from 'pino';
import {
  ASANA_TOKEN,
  GITHUB_TOKEN,
  GOOGLE_CLIENT,
  NOTION_TOKEN,
  TRELLO_KEY,
  TRELLO_TOKEN,
  startFakeServices,
  type FakeServices,
  type SeenRequest,
} from './fake-services';
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
let fakes: FakeServices;
let server: RunningServer;
let admin: Session;
let rep: Session;

beforeAll(async () => {
  dir = tempDir('external-push-');
  fakes = await startFakeServices();
  server = await startTestServer(
    dir.path,
    {},
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
        pushBackoffMs: 1_000,
        googleTokenUrl: `${fakes.url}/token`,
      },
    },
  );
  admin = await register(server.url, 'Pushes');
  const invite = await api('POST', '/members/invite', { email: uniqueEmail('rep'), role: 'rep' });
  rep = await acceptInvite(server.url, invite.body);
}, 60_000);

afterAll(async () => {
  await server?.close();
  await fakes?.close();
  dir?.remove();
});

function api(method: string, path: string, body?: unknown) {
  return call(server.url, method, `/api/v1${path}`, { token: admin.accessToken, ...(body ? { body } : {}) });
}

const at = '2026-11-20T10:00:00.000Z';
let seq = 0;

/** A task or event as an agent leaves it after the copy: linked, `synced` with the service. */
async function linked<T extends TaskDoc | CalendarEventDoc>(
  collection: 'tasks' | 'events',
  doc: T,
): Promise<T> {
  const fields =
    collection === 'tasks' ? ['title', 'dueAt', 'status'] : ['title', 'startAt', 'endAt', 'status'];
  const values = doc as Record<string, unknown>;
  const synced = Object.fromEntries(fields.flatMap((f) => (values[f] ? [[f, values[f]]] : [])));
  const full = { ...doc, external: { ...doc.external!, syncedAt: at, synced } };
  const { id, ...rest } = full;
  await server.store.teamDb(admin.team.id, collection).insert({ ...rest, _id: id } as never);
  return full;
}

function task(
  provider: NonNullable<TaskDoc['external']>['provider'],
  externalId: string,
  extra: Partial<TaskDoc> = {},
) {
  return linked<TaskDoc>('tasks', {
    id: `task-push-${++seq}`,
    title: 'Send the proposal',
    status: 'open',
    createdBy: { kind: 'agent', name: 'answer' },
    createdAt: at,
    updatedAt: at,
    external: { provider, externalId, syncedAt: at },
    ...extra,
  });
}

/** The rep's edit as the desktop replicates it: the doc with the fields changed and stamped. */
async function repEdits(collection: 'tasks' | 'events', id: string, change: Record<string, unknown>) {
  const got = await call(server.url, 'GET', `/sync/${collection}/${encodeURIComponent(id)}`, {
    token: rep.accessToken,
  });
  expect(got.status).toBe(200);
  const now = new Date().toISOString();
  const stamps = Object.fromEntries(Object.keys(change).map((f) => [f, now]));
  const doc = {
    ...got.body,
    ...change,
    updatedAt: now,
    fieldUpdatedAt: { ...got.body.fieldUpdatedAt, ...stamps },
  };
  const res = await call(server.url, 'POST', `/sync/${collection}/_bulk_docs`, {
    token: rep.accessToken,
    body: { docs: [doc] },
  });
  expect(res.status).toBe(201);
  expect(res.body[0], JSON.stringify(res.body)).toMatchObject({ ok: true });
}

async function stored<T>(collection: 'tasks' | 'events' | 'activity', id: string): Promise<T> {
  const raw = (await server.store.teamDb(admin.team.id, collection).get(id)) as Record<string, unknown>;
  return { ...raw, id } as T;
}

const requests = (method: string, path: string) =>
  fakes.seen.filter((r) => r.method === method && r.path === path);
const arrived = (method: string, path: string, count = 1): Promise<SeenRequest[]> =>
  eventually(async () => {
    const seen = requests(method, path);
    return seen.length >= count ? seen : undefined;
  }, 20_000);

async function activity(name: string, status: string, taskId: string) {
  return eventually(async () => {
    const rows = await server.store.teamDb(admin.team.id, 'activity').list({ include_docs: true });
    return rows.rows
      .map((r) => r.doc as unknown as ActivityDoc)
      .find((a) => a.name === name && a.status === status && a.runId === `external-push:${taskId}`);
  }, 20_000);
}

/** The push went and was recorded: `synced` holds the rep's value, no push is pending. */
const settled = (collection: 'tasks' | 'events', id: string, field: string, value: string) =>
  eventually(async () => {
    const doc = await stored<TaskDoc>(collection, id);
    const synced = doc.external?.synced as Record<string, string> | undefined;
    return synced?.[field] === value && !doc.external?.push ? doc : undefined;
  }, 20_000);

describe("a rep's edit of a linked item reaches the service", () => {
  it('Notion: done in the app is the page Done (PATCH /v1/pages/<id>); no echo after the poll reads a change', async () => {
    expect(
      (await api('PUT', '/integrations/notion', { databaseId: 'db-1', token: NOTION_TOKEN })).status,
    ).toBe(200);
    fakes.notionPages.set('page-push-1', { archived: false, status: 'Not started' });
    fakes.notionPages.set('page-push-2', { archived: false, status: 'Not started' });
    const one = await task('notion', 'page-push-1');
    const two = await task('notion', 'page-push-2');

    await repEdits('tasks', one.id, { status: 'done' });
    const [patch] = await arrived('PATCH', '/v1/pages/page-push-1');
    expect(patch!.headers.authorization).toBe(`Bearer ${NOTION_TOKEN}`);
    expect(patch!.headers['notion-version']).toBe('2022-06-28');
    expect(patch!.json).toEqual({ properties: { Status: { status: { name: 'Done' } } } });
    expect(fakes.notionPages.get('page-push-1')!.status).toBe('Done');
    const done = await settled('tasks', one.id, 'status', 'done');
    expect(done.status).toBe('done');
    expect(JSON.parse((await activity('external-notion-push', 'ok', one.id)).input!)).toMatchObject({
      changes: { status: 'done' },
    });

    // The page of the second task is archived in Notion: the poll brings it home, and does not push it back.
    fakes.notionPages.get('page-push-2')!.archived = true;
    await api('PUT', '/integrations/notion', { databaseId: 'db-1' });
    await eventually(async () =>
      (await stored<TaskDoc>('tasks', two.id)).status === 'cancelled' ? true : undefined,
    );
    const polled = await stored<TaskDoc>('tasks', two.id);
    expect(polled.external?.synced?.status).toBe('cancelled');
    // A later edit of the first task, pushed: the follower has passed the poll's write by then.
    await repEdits('tasks', one.id, { title: 'Send the signed proposal' });
    const [renamed] = await arrived('PATCH', '/v1/pages/page-push-1', 2).then((r) => r.slice(1));
    expect(renamed!.json).toEqual({
      properties: { Name: { title: [{ text: { content: 'Send the signed proposal' } }] } },
    });
    expect(requests('PATCH', '/v1/pages/page-push-2')).toHaveLength(0);
    // Nor does the push's own record of the title go out again.
    await settled('tasks', one.id, 'title', 'Send the signed proposal');
    expect(requests('PATCH', '/v1/pages/page-push-1')).toHaveLength(2);
  }, 90_000);

  it('Asana: done and renamed in the app is PUT /api/1.0/tasks/<gid> with completed and name', async () => {
    expect((await api('PUT', '/integrations/asana', { projectId: '1201', token: ASANA_TOKEN })).status).toBe(
      200,
    );
    fakes.asanaTasks.set('1200000777', { completed: false });
    const t = await task('asana', '1200000777');
    await repEdits('tasks', t.id, { status: 'done', title: 'Call Anna back' });
    const [put] = await arrived('PUT', '/api/1.0/tasks/1200000777');
    expect(put!.headers.authorization).toBe(`Bearer ${ASANA_TOKEN}`);
    expect(put!.json).toEqual({ data: { name: 'Call Anna back', completed: true } });
    expect(fakes.asanaTasks.get('1200000777')!.completed).toBe(true);
    await settled('tasks', t.id, 'status', 'done');
  }, 60_000);

  it('Trello: cancelled and a new due date in the app is PUT /1/cards/<id> with closed and due', async () => {
    const saved = await api('PUT', '/integrations/trello', {
      listId: 'L1',
      key: TRELLO_KEY,
      token: TRELLO_TOKEN,
    });
    expect(saved.status).toBe(200);
    const t = await task('trello', '5fcard77', { dueAt: '2026-11-25T09:00:00.000Z' });
    await repEdits('tasks', t.id, { status: 'cancelled', dueAt: '2026-11-27T09:00:00.000Z' });
    const [put] = await arrived('PUT', '/1/cards/5fcard77');
    await settled('tasks', t.id, 'status', 'cancelled');
    // The query carries the fields (Trello's documented form).
    const line = new URLSearchParams(put!.query);
    expect(line.get('key')).toBe(TRELLO_KEY);
    expect(line.get('token')).toBe(TRELLO_TOKEN);
    expect(line.get('closed')).toBe('true');
    expect(line.get('due')).toBe('2026-11-27T09:00:00.000Z');
    expect(line.has('dueComplete')).toBe(false);
  }, 60_000);

  it("GitHub Projects: done in the app sets the item's Status to Done (updateProjectV2ItemFieldValue)", async () => {
    const saved = await api('PUT', '/integrations/github', {
      projectId: 'PVT_kwDOfake',
      token: GITHUB_TOKEN,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    fakes.githubItems.set('PVTI_push1', { archived: false, status: 'Todo' });
    const t = await task('github', 'PVTI_push1');
    await repEdits('tasks', t.id, { status: 'done' });
    await settled('tasks', t.id, 'status', 'done');
    const calls = requests('POST', '/graphql').map(
      (r) => r.json as { query: string; variables: Record<string, string> },
    );
    const set = calls.find((c) => c.query.includes('updateProjectV2ItemFieldValue'))!;
    expect(set.variables).toEqual({
      projectId: 'PVT_kwDOfake',
      itemId: 'PVTI_push1',
      fieldId: 'PVTSSF_fake',
      optionId: 'opt-done',
    });
    expect(fakes.githubItems.get('PVTI_push1')!.status).toBe('Done');
    // Then cancelled: the item is archived.
    await repEdits('tasks', t.id, { status: 'cancelled' });
    await settled('tasks', t.id, 'status', 'cancelled');
    expect(fakes.githubItems.get('PVTI_push1')!.archived).toBe(true);
  }, 60_000);

  it('two processes seeing the same edit: one push (claimed on the doc at its revision)', async () => {
    // Notion is not the team's tracker now (GitHub was saved last): only the two callers below push.
    const t = await task('notion', 'page-two-procs');
    const db = server.store.teamDb<Record<string, unknown>>(admin.team.id, 'tasks');
    const current = await db.get(t.id);
    await db.insert({ ...current, status: 'done' });
    const { _rev: rev, _id: id, ...rest } = await db.get(t.id);
    const read = { doc: { ...rest, id } as unknown as TaskDoc, rev };
    const updates: string[] = [];
    const notion = {
      provider: 'notion' as const,
      create: () => Promise.reject(new Error('not used')),
      check: () => Promise.resolve({ ok: true as const, detail: '' }),
      state: () => Promise.resolve({ status: 'open' as const }),
      async update(id: string, change: { status?: string }) {
        updates.push(`${id}:${change.status}`);
        await new Promise((ok) => setTimeout(ok, 50));
      },
    };
    const log = pino({ level: 'silent' });
    const opts = { store: server.store, teamId: admin.team.id, log, task: notion };
    await Promise.all([pushLocalEdit(opts, 'tasks', read), pushLocalEdit(opts, 'tasks', read)]);
    expect(updates).toEqual(['page-two-procs:done']);
    const after = await stored<TaskDoc>('tasks', t.id);
    expect(after.external?.synced?.status).toBe('done');
    expect(after.external?.push).toBeUndefined();
  }, 30_000);

  it('Google Calendar: a moved event is PATCHed; a 500 is retried (one update), shown in Activity; the local doc kept', async () => {
    const oauth = {
      clientId: GOOGLE_CLIENT.id,
      clientSecret: GOOGLE_CLIENT.secret,
      refreshToken: GOOGLE_CLIENT.refresh,
    };
    expect((await api('PUT', '/integrations/google', oauth)).status).toBe(200);
    fakes.googleEvents.set('gevpush1', {
      status: 'confirmed',
      start: '2026-11-26T10:00:00.000Z',
      end: '2026-11-26T10:30:00.000Z',
    });
    const event = await linked<CalendarEventDoc>('events', {
      id: `event-push-${++seq}`,
      title: 'Intro call',
      startAt: '2026-11-26T10:00:00.000Z',
      endAt: '2026-11-26T10:30:00.000Z',
      status: 'scheduled',
      createdBy: { kind: 'agent', name: 'answer' },
      createdAt: at,
      updatedAt: at,
      external: { provider: 'google', externalId: 'gevpush1', syncedAt: at },
    });
    const path = '/calendar/v3/calendars/primary/events/gevpush1';
    fakes.failNext('PATCH', path, 500, 2);
    await repEdits('events', event.id, {
      startAt: '2026-11-26T14:00:00.000Z',
      endAt: '2026-11-26T14:30:00.000Z',
    });
    await arrived('PATCH', path);
    const failure = await activity('external-google-push', 'error', event.id);
    expect(failure.error).toContain('500');
    const pending = await eventually(async () => {
      const e = await stored<CalendarEventDoc>('events', event.id);
      return e.external?.push?.attempts === 1 ? e : undefined;
    });
    expect(pending).toMatchObject({ startAt: '2026-11-26T14:00:00.000Z', status: 'scheduled' });
    expect(pending.external?.push).toMatchObject({
      status: 'pending',
      error: expect.stringContaining('500'),
    });

    // Meanwhile the event is cancelled and moved to noon in Google. The periodic pass (here: the
    // admin saves the settings) tries the push again (a 500 again), then reads the event: the
    // cancellation comes home (the rep did not change the status), the rep's time stays (the rep
    // changed it: the rep wins for that field).
    Object.assign(fakes.googleEvents.get('gevpush1')!, {
      status: 'cancelled',
      start: '2026-11-26T12:00:00.000Z',
    });
    await new Promise((ok) => setTimeout(ok, 1_100)); // the first backoff (1 s)
    await api('PUT', '/integrations/google', {});
    await arrived('PATCH', path, 2);
    const meanwhile = await eventually(async () => {
      const e = await stored<CalendarEventDoc>('events', event.id);
      return e.status === 'cancelled' && e.external?.push?.attempts === 2 ? e : undefined;
    });
    expect(meanwhile.startAt).toBe('2026-11-26T14:00:00.000Z');
    expect(meanwhile.external?.synced).toMatchObject({
      status: 'cancelled',
      startAt: '2026-11-26T10:00:00.000Z',
    });

    // The next pass after the backoff (2 s): the rep's time goes out, only the time.
    await new Promise((ok) => setTimeout(ok, 2_100));
    await api('PUT', '/integrations/google', {});
    const [, , retried] = await arrived('PATCH', path, 3);
    expect(retried!.json).toEqual({
      start: { dateTime: '2026-11-26T14:00:00.000Z' },
      end: { dateTime: '2026-11-26T14:30:00.000Z' },
    });
    expect(fakes.googleEvents.get('gevpush1')).toMatchObject({
      start: '2026-11-26T14:00:00.000Z',
      status: 'cancelled',
    });
    const after = await settled('events', event.id, 'startAt', '2026-11-26T14:00:00.000Z');
    expect(after).toMatchObject({ status: 'cancelled', startAt: '2026-11-26T14:00:00.000Z' });
    expect(await activity('external-google-push', 'ok', event.id)).toBeDefined();
    // One update went through; the cancellation read from Google is not sent back.
    await new Promise((ok) => setTimeout(ok, 500));
    expect(requests('PATCH', path)).toHaveLength(3);
  }, 90_000);
});
