// Tasks and calendar events through the admin API of a real sync server (embedded store, loopback):
// create, read, patch and delete as a rep, the server's stamps (createdBy, createdAt, updatedAt,
// fieldUpdatedAt) and the same doc through the sync gateway the desktop replicates from; every list
// filter, page by page; a viewer refused writes by the access table, and a rep what a field rule of it
// would refuse (as the gateway refuses it); another team's ids answer 404;
// malformed bodies and filters answer a readable 4xx; and the OpenAPI document lists the routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldRules } from '@app/shared/access';
import {
  conversationDoc,
  startApiTestServer,
  type ApiTestServer,
  type Loose,
  type TestTeam,
} from './api-kit';
import { call } from './helpers';

let api: ApiTestServer;
/** Team A holds the docs the list filters are asked about; team B the rest of the tests' docs. */
let a: TestTeam;
let b: TestTeam;
type Who = { id: string; email: string };
const me: Record<'aAdmin' | 'aRep' | 'aViewer' | 'bAdmin' | 'bRep', Who> = {} as never;
/** Each team's contact, its deals (the rep's and the admin's) and a conversation. */
const refs = { a: { contact: '', repLead: '', adminLead: '' }, b: { contact: '', repLead: '' } };

async function whoIs(token: string): Promise<Who> {
  const body = (await api.as(token)('GET', '/me')).body as Loose;
  return { id: body.user?.id ?? body.id, email: body.user?.email ?? body.email };
}

async function created(token: string, path: string, body: Record<string, unknown>): Promise<Loose> {
  const res = await api.as(token)('POST', path, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Every id a list answers for `query`, following `nextCursor` two items at a time. */
async function listIds(token: string, path: string, query = ''): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = `${path}?limit=2${query ? `&${query}` : ''}${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await api.as(token)('GET', page);
    expect(res.status, `${page}: ${JSON.stringify(res.body)}`).toBe(200);
    const body = res.body as Loose;
    ids.push(...body.items.map((i: { id: string }) => i.id));
    cursor = body.nextCursor;
  } while (cursor);
  expect(new Set(ids).size).toBe(ids.length);
  return ids.sort();
}

async function seedTeam(team: TestTeam, rep: Who, admin: Who) {
  const contact = await created(team.rep, '/contacts', { name: 'Ann Petrova', ownerId: rep.id });
  const repLead = await created(team.rep, '/leads', {
    title: 'Pilot',
    contactId: contact.id,
    ownerId: rep.id,
  });
  const adminLead = await created(team.admin, '/leads', { title: 'Renewal', ownerId: admin.id });
  const conv = await call(api.base, 'PUT', `/sync/conversations/conv-${team.teamId}`, {
    token: team.admin,
    body: conversationDoc(`conv-${team.teamId}`, contact.id),
  });
  expect(conv.status, JSON.stringify(conv.body)).toBe(201);
  return { contact: contact.id as string, repLead: repLead.id as string, adminLead: adminLead.id as string };
}

beforeAll(async () => {
  api = await startApiTestServer();
  a = await api.team('Tasks A');
  b = await api.team('Tasks B');
  me.aAdmin = await whoIs(a.admin);
  me.aRep = await whoIs(a.rep);
  me.aViewer = await whoIs(a.viewer);
  me.bAdmin = await whoIs(b.admin);
  me.bRep = await whoIs(b.rep);
  for (const who of Object.values(me)) expect(who.id).toBeTruthy();
  refs.a = await seedTeam(a, me.aRep, me.aAdmin);
  refs.b = await seedTeam(b, me.bRep, me.bAdmin);
}, 60_000);
afterAll(() => api?.close());

const conversationOf = (team: TestTeam) => `conv-${team.teamId}`;

describe('tasks', () => {
  it('a rep creates, reads, changes and deletes one; the server signs and stamps it', async () => {
    const rep = api.as(b.rep);
    const task = await created(b.rep, '/tasks', {
      title: 'Call Ann about the pilot',
      dueAt: '2026-04-01T09:00:00.000Z',
      priority: 'high',
      assigneeId: me.bRep.id,
      contactId: refs.b.contact,
      leadId: refs.b.repLead,
    });
    expect(task).toMatchObject({
      status: 'open',
      createdBy: { kind: 'rep', id: me.bRep.id },
      assigneeId: me.bRep.id,
      rev: expect.stringMatching(/^1-/),
    });
    expect(task.id).toMatch(/^task/);
    expect(task.createdAt).toBe(task.updatedAt);
    expect(Object.keys(task.fieldUpdatedAt)).toEqual(
      expect.arrayContaining(['title', 'dueAt', 'assigneeId', 'createdBy']),
    );

    expect((await rep('GET', `/tasks/${task.id}`)).body).toEqual(task);
    // The desktop replicates from the gateway: the same doc, in CouchDB's shape.
    const synced = await call(api.base, 'GET', `/sync/tasks/${task.id}`, { token: b.admin });
    expect(synced.status).toBe(200);
    expect(synced.body).toMatchObject({ _id: task.id, title: task.title, createdBy: task.createdBy });

    const done = await rep('PATCH', `/tasks/${task.id}`, { status: 'done', description: 'Called' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', description: 'Called', createdBy: task.createdBy });
    expect(done.body.fieldUpdatedAt.status).toBeDefined();
    expect(done.body.updatedAt >= task.updatedAt).toBe(true);
    const stale = await rep('PATCH', `/tasks/${task.id}`, { status: 'open' }, { 'if-match': task.rev });
    expect(stale.status).toBe(409);
    const cleared = await rep('PATCH', `/tasks/${task.id}`, { description: null });
    expect(cleared.body.description).toBeUndefined();

    expect((await rep('DELETE', `/tasks/${task.id}`)).status).toBe(204);
    expect((await rep('GET', `/tasks/${task.id}`)).status).toBe(404);
    expect((await call(api.base, 'GET', `/sync/tasks/${task.id}`, { token: b.admin })).status).toBe(404);
  });

  it("lets a rep write a task assigned to another member (the access table allows reps the team's tasks)", async () => {
    const task = await created(b.rep, '/tasks', { title: 'For the admin', assigneeId: me.bAdmin.id });
    const moved = await api.as(b.rep)('PATCH', `/tasks/${task.id}`, { dueAt: '2026-04-02T09:00:00Z' });
    expect(moved.status).toBe(200);
    expect((await api.as(b.rep)('DELETE', `/tasks/${task.id}`)).status).toBe(204);
  });

  it('would refuse a rep what a field rule of the access table refused, as the gateway does', async () => {
    // No rule binds reps to their own tasks today; with one in the shared table, the API and the gateway
    // refuse the same writes (the server runs in this process, so it reads this table).
    const admins = await created(b.admin, '/tasks', { title: "The admin's", assigneeId: me.bAdmin.id });
    fieldRules.tasks = [
      {
        roles: ['rep'],
        ops: ['create', 'update', 'delete'],
        self: ['assigneeId'],
        because: 'a rep writes only their own tasks',
      },
    ];
    try {
      const rep = api.as(b.rep);
      const refused = [
        await rep('POST', '/tasks', { title: 'For the admin', assigneeId: me.bAdmin.id }),
        await rep('PATCH', `/tasks/${admins.id}`, { title: 'Taken over' }),
        await rep('DELETE', `/tasks/${admins.id}`),
      ];
      for (const res of refused) {
        expect(res.status).toBe(403);
        expect(res.body.error.message).toContain("tasks.assigneeId must be the caller's own user id");
      }
      const viaSync = await call(api.base, 'PUT', '/sync/tasks/task-for-admin', {
        token: b.rep,
        body: {
          title: 'For the admin',
          status: 'open',
          assigneeId: me.bAdmin.id,
          createdBy: { kind: 'rep' },
          createdAt: admins.createdAt,
          updatedAt: admins.createdAt,
        },
      });
      expect(viaSync.status).toBe(403);
      expect((await api.as(b.admin)('GET', `/tasks/${admins.id}`)).body.rev).toBe(admins.rev);
      const own = await rep('POST', '/tasks', { title: 'Mine', assigneeId: me.bRep.id });
      expect(own.status).toBe(201);
    } finally {
      delete fieldRules.tasks;
    }
  });

  it('lists by owner (assignee), status, deal, contact, conversation, due range and text, page by page', async () => {
    const { contact, repLead, adminLead } = refs.a;
    const seed = [
      {
        id: 'task-call',
        title: 'Call about the pilot',
        assigneeId: me.aRep.id,
        leadId: repLead,
        contactId: contact,
        dueAt: '2026-04-01T09:00:00Z',
      },
      {
        id: 'task-send',
        title: 'Send the proposal',
        description: 'Pricing PDF',
        status: 'done',
        assigneeId: me.aAdmin.id,
        leadId: adminLead,
        dueAt: '2026-04-10T09:00:00Z',
      },
      { id: 'task-chat', title: 'Reply in the chat', conversationId: conversationOf(a) },
      {
        id: 'task-later',
        title: 'Check back',
        status: 'cancelled',
        assigneeId: me.aRep.id,
        contactId: contact,
        dueAt: '2026-05-01T00:00:00+03:00',
      },
    ];
    for (const task of seed) await created(a.admin, '/tasks', task);
    const list = (query = '') => listIds(a.viewer, '/tasks', query);

    expect(await list()).toEqual(['task-call', 'task-chat', 'task-later', 'task-send']);
    expect(await list(`owner=${me.aRep.id}`)).toEqual(['task-call', 'task-later']);
    expect(await list(`owner=${me.aAdmin.id}`)).toEqual(['task-send']);
    expect(await list(`owner=${me.aViewer.id}`)).toEqual([]);
    expect(await list('status=open')).toEqual(['task-call', 'task-chat']);
    expect(await list('status=done')).toEqual(['task-send']);
    expect(await list(`leadId=${repLead}`)).toEqual(['task-call']);
    expect(await list(`contactId=${contact}`)).toEqual(['task-call', 'task-later']);
    expect(await list(`conversationId=${conversationOf(a)}`)).toEqual(['task-chat']);
    // Both ends included; a task without a due time is in no range.
    expect(await list('dueFrom=2026-04-01T09:00:00Z&dueTo=2026-04-10T09:00:00Z')).toEqual([
      'task-call',
      'task-send',
    ]);
    expect(await list('dueFrom=2026-04-05')).toEqual(['task-later', 'task-send']);
    expect(await list('dueTo=2026-04-05')).toEqual(['task-call']);
    // 2026-05-01T00:00+03:00 is 2026-04-30T21:00Z.
    expect(await list('dueFrom=2026-04-30T20:00:00Z&dueTo=2026-04-30T22:00:00Z')).toEqual(['task-later']);
    expect(await list('q=pdf')).toEqual(['task-send']);
    expect(await list(`owner=${me.aRep.id}&status=open`)).toEqual(['task-call']);
    expect(await list(`updatedSince=2100-01-01`)).toEqual([]);
  });
});

describe('events', () => {
  it('a rep creates, reads, changes and deletes one; the server signs and stamps it', async () => {
    const rep = api.as(b.rep);
    const event = await created(b.rep, '/events', {
      title: 'Demo',
      startAt: '2026-04-02T10:00:00.000Z',
      endAt: '2026-04-02T11:00:00.000Z',
      location: 'Office',
      attendees: [{ name: 'Ann', email: 'ann@example.com', contactId: refs.b.contact }],
      leadId: refs.b.repLead,
    });
    expect(event).toMatchObject({ status: 'scheduled', createdBy: { kind: 'rep', id: me.bRep.id } });
    expect(event.id).toMatch(/^event/);
    expect(event.fieldUpdatedAt.startAt).toBe(event.createdAt);
    expect((await rep('GET', `/events/${event.id}`)).body).toEqual(event);
    const synced = await call(api.base, 'GET', `/sync/events/${event.id}`, { token: b.admin });
    expect(synced.body).toMatchObject({ _id: event.id, title: 'Demo', startAt: event.startAt });
    // The .ics download reads the same doc.
    expect((await rep('GET', `/events/${event.id}/ics`)).body).toContain('SUMMARY:Demo');

    const moved = await rep('PATCH', `/events/${event.id}`, {
      startAt: '2026-04-03T10:00:00.000Z',
      endAt: '2026-04-03T11:30:00.000Z',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ startAt: '2026-04-03T10:00:00.000Z', location: 'Office' });
    const backwards = await rep('PATCH', `/events/${event.id}`, { endAt: '2026-04-03T09:00:00.000Z' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toContain('endAt: must not be before startAt');
    const cancelled = await rep('PATCH', `/events/${event.id}`, { status: 'cancelled' });
    expect(cancelled.body.status).toBe('cancelled');

    expect((await rep('DELETE', `/events/${event.id}`)).status).toBe(204);
    expect((await rep('GET', `/events/${event.id}`)).status).toBe(404);
  });

  it("lists by owner (the member's calendar), status, deal, contact, conversation, start range and text", async () => {
    const { contact, repLead, adminLead } = refs.a;
    const hour = (day: string, h: number) => `2026-04-${day}T${String(h).padStart(2, '0')}:00:00.000Z`;
    // Made by the rep, about the admin's deal: in both calendars.
    await created(a.rep, '/events', {
      id: 'event-demo',
      title: 'Demo',
      startAt: hour('02', 10),
      endAt: hour('02', 11),
      location: 'Office',
      leadId: adminLead,
    });
    // Booked by an agent about the rep's deal, replicated in as the runtime writes it.
    const agent = await call(api.base, 'PUT', '/sync/events/event-agent', {
      token: a.admin,
      body: {
        title: 'Intro call',
        startAt: hour('03', 10),
        endAt: hour('03', 11),
        status: 'scheduled',
        leadId: repLead,
        createdBy: { kind: 'agent', name: 'answer' },
        createdAt: hour('01', 0),
        updatedAt: hour('01', 0),
      },
    });
    expect(agent.status, JSON.stringify(agent.body)).toBe(201);
    // Made by the admin; the rep attends it (e-mail in another case).
    await created(a.admin, '/events', {
      id: 'event-attend',
      title: 'Workshop',
      status: 'cancelled',
      startAt: hour('20', 9),
      endAt: hour('20', 12),
      contactId: contact,
      attendees: [{ name: 'Rep', email: me.aRep.email.toUpperCase() }],
    });
    await created(a.admin, '/events', {
      id: 'event-chat',
      title: 'Follow-up',
      startAt: '2026-05-01T09:00:00Z',
      endAt: '2026-05-01T09:30:00Z',
      conversationId: conversationOf(a),
    });
    const list = (query = '') => listIds(a.viewer, '/events', query);

    expect(await list()).toEqual(['event-agent', 'event-attend', 'event-chat', 'event-demo']);
    expect(await list(`owner=${me.aRep.id}`)).toEqual(['event-agent', 'event-attend', 'event-demo']);
    expect(await list(`owner=${me.aAdmin.id}`)).toEqual(['event-attend', 'event-chat', 'event-demo']);
    expect(await list(`owner=${me.aViewer.id}`)).toEqual([]);
    expect(await list('status=cancelled')).toEqual(['event-attend']);
    expect(await list('status=scheduled')).toEqual(['event-agent', 'event-chat', 'event-demo']);
    expect(await list(`leadId=${repLead}`)).toEqual(['event-agent']);
    expect(await list(`contactId=${contact}`)).toEqual(['event-attend']);
    expect(await list(`conversationId=${conversationOf(a)}`)).toEqual(['event-chat']);
    expect(await list(`from=${hour('02', 10)}&to=${hour('03', 10)}`)).toEqual(['event-agent', 'event-demo']);
    expect(await list('from=2026-04-15')).toEqual(['event-attend', 'event-chat']);
    expect(await list('to=2026-04-02T09:59:59Z')).toEqual([]);
    expect(await list('q=office')).toEqual(['event-demo']);
    expect(await list(`q=${encodeURIComponent(me.aRep.email)}`)).toEqual(['event-attend']);
    expect(await list(`owner=${me.aRep.id}&status=scheduled&from=2026-04-03`)).toEqual(['event-agent']);
  });
});

describe.each(['tasks', 'events'] as const)('%s: who may, and whose', (path) => {
  const body = (title: string) =>
    path === 'tasks' ? { title } : { title, startAt: '2026-04-02T10:00:00Z', endAt: '2026-04-02T11:00:00Z' };

  it('a viewer reads but may not create, change or delete (the access table)', async () => {
    const doc = await created(b.admin, `/${path}`, body('Kept'));
    const viewer = api.as(b.viewer);
    expect((await viewer('GET', `/${path}/${doc.id}`)).status).toBe(200);
    expect((await viewer('GET', `/${path}`)).status).toBe(200);
    for (const [method, at, payload] of [
      ['POST', `/${path}`, body('Mine')],
      ['PATCH', `/${path}/${doc.id}`, { title: 'Changed' }],
      ['DELETE', `/${path}/${doc.id}`, undefined],
    ] as const) {
      const res = await viewer(method, at, payload);
      expect(res.status, `${method} ${at}`).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'role-forbidden' });
      expect(res.body.error.message).toContain(`A viewer may not`);
    }
    expect((await viewer('GET', `/${path}/${doc.id}`)).body).toMatchObject({ title: 'Kept', rev: doc.rev });
  });

  it("answers 404 for another team's ids and refuses links to another team's docs", async () => {
    const theirs = await created(a.admin, `/${path}`, body("Team A's"));
    const other = api.as(b.admin);
    for (const [method, payload] of [
      ['GET', undefined],
      ['PATCH', { title: 'Taken' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await other(method, `/${path}/${theirs.id}`, payload);
      expect(res.status, method).toBe(404);
      expect(res.body.error.message).toContain('was not found');
    }
    expect((await api.as(a.viewer)('GET', `/${path}/${theirs.id}`)).body.title).toBe("Team A's");

    const links = [
      [{ leadId: refs.a.repLead }, 'lead-not-found'],
      [{ contactId: refs.a.contact }, 'contact-not-found'],
      [{ conversationId: conversationOf(a) }, 'conversation-not-found'],
    ] as const;
    for (const [link, code] of links) {
      const res = await other('POST', `/${path}`, { ...body('Linked'), ...link });
      expect(res.status, code).toBe(404);
      expect(res.body.error.code).toBe(code);
    }
    if (path === 'tasks') {
      const res = await other('POST', '/tasks', { title: 'Theirs', assigneeId: me.aRep.id });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('assigneeId');
    }
    expect(await listIds(b.admin, `/${path}`, 'q=Linked')).toEqual([]);
  });

  it('answers malformed or oversized bodies with a readable 4xx, never a 500', async () => {
    const doc = await created(b.rep, `/${path}`, body('Original'));
    const rep = api.as(b.rep);
    const bad: [string, string, unknown, number, RegExp][] = [
      ['POST', `/${path}`, {}, 400, /title/],
      ['POST', `/${path}`, body('x'.repeat(501)), 400, /title/],
      ['POST', `/${path}`, { ...body('Bad status'), status: 'maybe' }, 400, /status/],
      ['POST', `/${path}`, { ...body('Extra'), colour: 'red' }, 400, /colour|additional/],
      ['POST', `/${path}`, [body('In an array')], 400, /body|object/i],
      [
        'POST',
        `/${path}`,
        { ...body('Signed'), createdBy: { kind: 'agent' } },
        400,
        /createdBy: set by the server/,
      ],
      ['POST', `/${path}`, { ...body('Stamped'), updatedAt: '2026-01-01T00:00:00Z' }, 400, /updatedAt/],
      [
        'POST',
        `/${path}`,
        { ...body('Linked'), external: { provider: 'google', externalId: 'x' } },
        400,
        /external/,
      ],
      [
        'POST',
        `/${path}`,
        { ...body('Dated'), [path === 'tasks' ? 'dueAt' : 'startAt']: 'tomorrow' },
        400,
        /At/,
      ],
      ['POST', `/${path}`, { ...body('Huge'), description: 'x'.repeat(2_000_000) }, 413, /./],
      [
        'PATCH',
        `/${path}/${doc.id}`,
        { createdBy: { kind: 'rep', id: me.bAdmin.id } },
        400,
        /createdBy: cannot be changed/,
      ],
      [
        'PATCH',
        `/${path}/${doc.id}`,
        { externalSync: { provider: 'google', status: 'failed', attempts: 1 } },
        400,
        /externalSync/,
      ],
      ['PATCH', `/${path}/${doc.id}`, { id: 'another' }, 400, /id: cannot be changed/],
      ['PATCH', `/${path}/${doc.id}`, { title: '' }, 400, /title/],
      ['PATCH', `/${path}/${doc.id}`, { status: null }, 400, /status/],
    ];
    for (const [method, at, payload, status, message] of bad) {
      const res = await rep(method, at, payload);
      const what = `${method} ${JSON.stringify(payload).slice(0, 80)}`;
      expect(res.status, `${what}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(status);
      expect(res.body.error.message, what).toMatch(message);
    }
    const raw = await call(api.base, 'POST', `/api/v1/${path}`, { token: b.rep, raw: '{"title": "unclosed' });
    expect(raw.status).toBe(400);
    expect(raw.body.error.code).toBe('invalid-json');
    expect((await rep('GET', `/${path}/${doc.id}`)).body).toMatchObject({ title: 'Original', rev: doc.rev });
  });

  it('answers bad filter values with a 400 that names the filter', async () => {
    const [from, to] = path === 'tasks' ? ['dueFrom', 'dueTo'] : ['from', 'to'];
    const bad: [string, RegExp][] = [
      ['status=maybe', /status/],
      [`${from}=not-a-date`, new RegExp(from)],
      [`${to}=2026-13-45`, new RegExp(to)],
      [`${from}=2026-05-01&${to}=2026-04-01`, new RegExp(`${from}: must not be after ${to}`)],
      ['limit=0', /limit/],
      ['limit=1000', /limit/],
      ['owner[a]=1', /owner/],
      ['leadId=', /leadId/],
      ['tag=vip', /tag|Unrecognized/],
      ['channel=telegram', /channel|Unrecognized/],
      ['cursor=%%%', /cursor/],
    ];
    for (const [query, message] of bad) {
      const res = await api.as(b.viewer)('GET', `/${path}?${query}`);
      expect(res.status, `${query}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error.message, query).toMatch(message);
    }
  });
});

describe('the OpenAPI document', () => {
  it('lists the task and event routes with their filters and the least role each needs', async () => {
    const doc = (await (await fetch(`${api.base}/api/v1/openapi.json`)).json()) as Loose;
    for (const path of ['tasks', 'events']) {
      const list = doc.paths[`/api/v1/${path}`];
      const one = doc.paths[`/api/v1/${path}/{id}`];
      expect(list.get['x-required-role']).toBe('viewer');
      expect(list.post['x-required-role']).toBe('rep');
      expect(one.get['x-required-role']).toBe('viewer');
      expect(one.patch['x-required-role']).toBe('rep');
      expect(one.delete['x-required-role']).toBe('rep');
      expect(list.post.requestBody.content['application/json'].schema.required).toContain('title');
      const params = list.get.parameters.map((p: { name: string }) => p.name);
      const range = path === 'tasks' ? ['dueFrom', 'dueTo'] : ['from', 'to'];
      expect(params).toEqual(
        expect.arrayContaining(['limit', 'cursor', 'q', 'owner', 'status', 'leadId', 'contactId', ...range]),
      );
      expect(params).not.toContain('tag');
      expect(params).not.toContain('channel');
    }
  });
});
