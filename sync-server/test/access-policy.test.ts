// Who may do what, cell by cell: every collection x role (admin, rep, viewer) x operation (read,
// create, update, delete) through the sync gateway (single-doc GET/PUT/DELETE and `_bulk_docs`, where
// each refused doc gets its own `forbidden` row and the allowed ones of the same bulk are written) and
// through the admin API where it has a route, against a real server and its embedded store. The
// expectations are written out (access-expectations.ts) as the product means them;
// access-table.test.ts checks that the shared access table says the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDocs } from '@app/shared/fixtures';
import { startApiTestServer, type ApiTestServer, type TestTeam } from './api-kit';
import {
  expectedAccess,
  expectedServerAccess,
  type Collection,
  type Op,
  type Role,
} from './access-expectations';
import { call } from './helpers';

const roles: Role[] = ['admin', 'rep', 'viewer'];
const ops: Op[] = ['read', 'create', 'update', 'delete'];
const letter: Record<Op, string> = { read: 'r', create: 'c', update: 'u', delete: 'd' };
const collections = Object.keys(expectedAccess) as Collection[];

/** The cells a role may do, as `{op: true|false}`, from the letters above. */
const expectedRow = (c: Collection, role: Role) =>
  Object.fromEntries(ops.map((op) => [op, expectedAccess[c][role].includes(letter[op])]));

type Raw = Record<string, unknown>;
/** A valid doc of the collection in CouchDB's shape (a rep's outbound message for messages). */
function docOf(c: Collection, id: string, role?: Role): Raw {
  if (c === 'files') return { _id: id, fileName: 'notes.txt', kind: 'attachment' };
  const { id: _sample, ...rest } = sampleDocs[c] as Raw;
  // A rep's message is signed by its writer, as the desktop writes it (the gateway stamps it so
  // whatever was sent: gateway-author-stamp.test.ts); updates must leave the author as stored.
  const author = role ? { kind: 'rep', id: userIdOf(token(role)) } : { kind: 'rep' };
  const outbound = { direction: 'outbound', author, delivery: { status: 'pending' } };
  // A stage change is the writer's own (the caller's user id).
  const mine = role && c === 'stage_changes' ? { by: { kind: 'rep', id: userIdOf(token(role)) } } : {};
  return { _id: id, ...rest, ...(c === 'messages' ? outbound : {}), ...mine };
}
/** A seeded doc as stored (a message is its member's own). */
const seeded = (c: Collection, id: string, role: Role) =>
  c === 'messages' ? docOf(c, id, role) : docOf(c, id);
const userIdOf = (accessToken: string) =>
  (JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub;
/** A change of one field each collection's schema allows. */
const edits: Record<Collection, Raw> = {
  contacts: { name: 'Edited' },
  leads: { title: 'Edited' },
  conversations: { status: 'closed' },
  messages: { text: 'Edited' },
  knowledge_sources: { title: 'Edited' },
  knowledge_chunks: { text: 'Edited' },
  tasks: { title: 'Edited' },
  events: { title: 'Edited' },
  activity: { status: 'error' },
  agent_settings: { instructions: 'Edited' },
  pipelines: { name: 'Edited' },
  stage_changes: { to: 'won' },
  products: { name: 'Edited' },
  objections: { active: false },
  files: { fileName: 'edited.txt' },
};
const editedKey = (c: Collection) => Object.keys(edits[c])[0]!;

let t: ApiTestServer;
let team: TestTeam;
const token = (role: Role) => team[role];
/** The seeded docs' current revisions, by collection and id. */
const revs = new Map<string, string>();
const seedId = (c: Collection, role: Role, op: Op, via: string) => `${c}-${role}-${op}-${via}`.slice(0, 120);

beforeAll(async () => {
  t = await startApiTestServer();
  team = await t.team('Access');
  // Seeded straight into the store (the server's own writes), as the runtime writes activity.
  for (const c of collections) {
    const seeds = roles.flatMap((role) =>
      (['read', 'update', 'delete'] as Op[]).flatMap((op) =>
        ['put', 'bulk', 'api'].map((via) => ({ role, id: seedId(c, role, op, via) })),
      ),
    );
    // A message is the member's own (a rep edits only their own messages not yet sent).
    const docs = seeds.map(({ role, id }) =>
      c === 'knowledge_sources'
        ? { ...docOf(c, id), fileDocId: 'kfile-none' }
        : c === 'messages'
          ? docOf(c, id, role)
          : docOf(c, id),
    );
    const res = await t.server.store.teamDb(team.teamId, c).bulk({ docs: docs as never[] });
    for (const row of res) revs.set(`${c}/${row.id}`, row.rev!);
  }
  // The API's leads need their contact, its messages their conversation.
  await t.server.store.teamDb(team.teamId, 'contacts').insert(docOf('contacts', 'contact-1') as never);
}, 60_000);
afterAll(() => t?.close());

const stored = async (c: Collection, id: string) =>
  (await t.server.store
    .teamDb(team.teamId, c)
    .get(id)
    .catch(() => null)) as Raw | null;

/** What happened to a seeded or new doc in the store, as "allowed" (written) or not. */
async function effect(c: Collection, op: Op, id: string): Promise<boolean> {
  const now = await stored(c, id);
  if (op === 'create') return now !== null;
  if (op === 'delete') return now === null;
  return now?.[editedKey(c)] === edits[c][editedKey(c)];
}

/** A gateway answer as allowed (true), refused in CouchDB's shape (false), or its status otherwise. */
const couchVerdict = (
  res: { status: number; body: { error?: string; reason?: string } },
  okStatus: number,
) =>
  res.status === okStatus
    ? true
    : res.status === 403 && res.body.error === 'forbidden' && !!res.body.reason
      ? false
      : `HTTP ${res.status}`;

describe.each(collections)('%s through the gateway', (c) => {
  it.each(roles)('single-doc GET, PUT and DELETE as %s', async (role) => {
    const sync = (method: string, path: string, body?: unknown) =>
      call(t.base, method, `/sync/${c}/${path}`, { token: token(role), ...(body ? { body } : {}) });
    const answered: Record<string, unknown> = {};
    const written: Record<string, boolean> = {};

    const read = await sync('GET', seedId(c, role, 'read', 'put'));
    answered.read = read.status === 200 ? true : `HTTP ${read.status}`;
    written.read = answered.read === true;

    const newId = seedId(c, role, 'create', 'put');
    answered.create = couchVerdict(await sync('PUT', newId, docOf(c, newId, role)), 201);
    written.create = await effect(c, 'create', newId);

    const upId = seedId(c, role, 'update', 'put');
    const change = { ...seeded(c, upId, role), ...edits[c], _rev: revs.get(`${c}/${upId}`) };
    answered.update = couchVerdict(await sync('PUT', upId, change), 201);
    written.update = await effect(c, 'update', upId);

    const delId = seedId(c, role, 'delete', 'put');
    answered.delete = couchVerdict(await sync('DELETE', `${delId}?rev=${revs.get(`${c}/${delId}`)}`), 200);
    written.delete = await effect(c, 'delete', delId);

    expect(answered).toEqual(expectedRow(c, role));
    expect(written).toEqual(expectedRow(c, role));
  });

  it.each(roles)('_bulk_docs as %s: a row per doc, the allowed ones written', async (role) => {
    const newId = seedId(c, role, 'create', 'bulk');
    const upId = seedId(c, role, 'update', 'bulk');
    const delId = seedId(c, role, 'delete', 'bulk');
    const docs = [
      docOf(c, newId, role),
      { ...seeded(c, upId, role), ...edits[c], _rev: revs.get(`${c}/${upId}`) },
      { _id: delId, _rev: revs.get(`${c}/${delId}`), _deleted: true },
    ];
    const res = await call(t.base, 'POST', `/sync/${c}/_bulk_docs`, { token: token(role), body: { docs } });
    expect(res.status).toBe(201);
    const rows = res.body as { id: string; ok?: boolean; error?: string; reason?: string }[];
    expect(rows.map((r) => r.id)).toEqual([newId, upId, delId]);
    const rowVerdict = (r: (typeof rows)[number]) =>
      r.ok === true ? true : r.error === 'forbidden' && !!r.reason ? false : JSON.stringify(r);
    const { read: _read, ...want } = expectedRow(c, role);
    expect({
      create: rowVerdict(rows[0]!),
      update: rowVerdict(rows[1]!),
      delete: rowVerdict(rows[2]!),
    }).toEqual(want);
    expect({
      create: await effect(c, 'create', newId),
      update: await effect(c, 'update', upId),
      delete: await effect(c, 'delete', delId),
    }).toEqual(want);
  });
});

type ApiCall = [method: string, path: string, body?: unknown, raw?: string];
/** The API's routes per collection and operation (collections it has no route for are absent). */
const apiRoutes: Partial<Record<Collection, Partial<Record<Op, (role: Role) => ApiCall>>>> = {
  contacts: {
    read: (r) => ['GET', `/contacts/${seedId('contacts', r, 'read', 'api')}`],
    create: () => ['POST', '/contacts', { name: 'New' }],
    update: (r) => ['PATCH', `/contacts/${seedId('contacts', r, 'update', 'api')}`, edits.contacts],
    delete: (r) => ['DELETE', `/contacts/${seedId('contacts', r, 'delete', 'api')}`],
  },
  leads: {
    read: (r) => ['GET', `/leads/${seedId('leads', r, 'read', 'api')}`],
    create: () => ['POST', '/leads', { contactId: 'contact-1', title: 'New' }],
    update: (r) => ['PATCH', `/leads/${seedId('leads', r, 'update', 'api')}`, edits.leads],
    delete: (r) => ['DELETE', `/leads/${seedId('leads', r, 'delete', 'api')}`],
  },
  agent_settings: {
    read: (r) => ['GET', `/agent-settings/${seedId('agent_settings', r, 'read', 'api')}`],
    create: () => ['POST', '/agent-settings', { name: 'New', isDefault: true, instructions: 'Mine now' }],
    update: (r) => [
      'PATCH',
      `/agent-settings/${seedId('agent_settings', r, 'update', 'api')}`,
      edits.agent_settings,
    ],
    delete: (r) => ['DELETE', `/agent-settings/${seedId('agent_settings', r, 'delete', 'api')}`],
  },
  pipelines: {
    read: (r) => ['GET', `/pipelines/${seedId('pipelines', r, 'read', 'api')}`],
    create: () => [
      'POST',
      '/pipelines',
      { name: 'New', stages: [{ id: 'open', kind: 'open', probability: 10 }], currencies: ['USD'] },
    ],
    update: (r) => ['PATCH', `/pipelines/${seedId('pipelines', r, 'update', 'api')}`, edits.pipelines],
    delete: (r) => ['DELETE', `/pipelines/${seedId('pipelines', r, 'delete', 'api')}`],
  },
  tasks: {
    read: (r) => ['GET', `/tasks/${seedId('tasks', r, 'read', 'api')}`],
    create: () => ['POST', '/tasks', { title: 'New' }],
    update: (r) => ['PATCH', `/tasks/${seedId('tasks', r, 'update', 'api')}`, edits.tasks],
    delete: (r) => ['DELETE', `/tasks/${seedId('tasks', r, 'delete', 'api')}`],
  },
  events: {
    read: (r) => ['GET', `/events/${seedId('events', r, 'read', 'api')}`],
    create: () => [
      'POST',
      '/events',
      { title: 'New', startAt: '2026-04-02T10:00:00Z', endAt: '2026-04-02T11:00:00Z' },
    ],
    update: (r) => ['PATCH', `/events/${seedId('events', r, 'update', 'api')}`, edits.events],
    delete: (r) => ['DELETE', `/events/${seedId('events', r, 'delete', 'api')}`],
  },
  conversations: {
    read: (r) => ['GET', `/conversations/${seedId('conversations', r, 'read', 'api')}`],
  },
  messages: {
    read: (r) => ['GET', `/conversations/${seedId('conversations', r, 'read', 'api')}/messages`],
  },
  knowledge_sources: {
    read: (r) => ['GET', `/knowledge/sources/${seedId('knowledge_sources', r, 'read', 'api')}`],
    create: (r) => ['POST', '/knowledge/sources?fileName=notes.txt', undefined, `Notes of the ${r}: prices.`],
    update: (r) => ['POST', `/knowledge/sources/${seedId('knowledge_sources', r, 'update', 'api')}/reindex`],
    delete: (r) => ['DELETE', `/knowledge/sources/${seedId('knowledge_sources', r, 'delete', 'api')}`],
  },
};

describe.each(Object.keys(apiRoutes) as Collection[])('%s through the API', (c) => {
  it.each(roles)('as %s', async (role) => {
    const answered: Record<string, unknown> = {};
    const want: Record<string, boolean> = {};
    for (const op of ops) {
      const route = apiRoutes[c]![op];
      if (!route) continue;
      const [method, path, body, raw] = route(role);
      const res = await call(t.base, method, `/api/v1${path}`, {
        token: token(role),
        ...(body === undefined ? {} : { body }),
        ...(raw === undefined ? {} : { raw, headers: { 'content-type': 'text/plain' } }),
      });
      answered[op] =
        res.status >= 200 && res.status < 300
          ? true
          : res.status === 403 && res.body?.error?.code === 'role-forbidden'
            ? false
            : `HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
      want[op] = expectedRow(c, role)[op]!;
    }
    expect(answered).toEqual(want);
  });
});

describe('field rules and whole-request rules', () => {
  const rep = (method: string, path: string, body?: unknown) =>
    call(t.base, method, path, { token: team.rep, ...(body ? { body } : {}) });

  it('lets a rep write outbound messages only, and never change whose or where', async () => {
    const inbound = {
      ...docOf('messages', 'rep-forged-inbound'),
      direction: 'inbound',
      author: { kind: 'customer' },
    };
    const forged = await rep('PUT', '/sync/messages/rep-forged-inbound', inbound);
    expect(forged.status).toBe(403);
    expect(forged.body.reason).toContain("direction 'outbound'");

    // A customer's message, as the channels write it: a rep may not edit it.
    const customer = { ...inbound, _id: 'customer-said' };
    const saved = await t.server.store.teamDb(team.teamId, 'messages').insert(customer as never);
    const edited = await rep('PUT', '/sync/messages/customer-said', {
      ...customer,
      text: 'Edited',
      _rev: saved.rev,
    });
    expect(edited.status).toBe(403);
    expect((await stored('messages', 'customer-said'))?.text).toBe(sampleDocs.messages.text);

    const mine = await rep('PUT', '/sync/messages/rep-reply', docOf('messages', 'rep-reply', 'rep'));
    expect(mine.status).toBe(201);
    const moved = await rep('PUT', '/sync/messages/rep-reply', {
      ...docOf('messages', 'rep-reply', 'rep'),
      conversationId: 'another-conversation',
      _rev: mine.body.rev,
    });
    expect(moved.status).toBe(403);
    expect(moved.body.reason).toContain('conversationId');
    const fixed = await rep('PUT', '/sync/messages/rep-reply', {
      ...docOf('messages', 'rep-reply', 'rep'),
      text: 'Fixed a typo',
      _rev: mine.body.rev,
    });
    expect(fixed.status).toBe(201);
  });

  it("keeps an admin's sent message as it went out, and lets members post only as themselves", async () => {
    const admin = (method: string, path: string, body?: unknown) =>
      call(t.base, method, path, { token: team.admin, ...(body ? { body } : {}) });
    const db = t.server.store.teamDb(team.teamId, 'messages');
    // The admin's message, sent by the server's sender.
    const sent: Raw = {
      ...docOf('messages', 'admin-sent', 'admin'),
      author: { kind: 'rep', id: userIdOf(team.admin), name: 'Admin' },
      delivery: { status: 'sent', attempts: 1, sentAt: '2026-01-01T10:00:00.000Z' },
    };
    const saved = await db.insert(sent as never);
    // The attack: rewritten and set back to pending, it went out again signed with the admin's name.
    const rewritten = { ...sent, text: 'Pay to card 4276 0000 0000 0000', delivery: { status: 'pending' } };
    const put = await rep('PUT', '/sync/messages/admin-sent', { ...rewritten, _rev: saved.rev });
    expect(put.status).toBe(403);
    const bulk = await rep('POST', '/sync/messages/_bulk_docs', {
      docs: [{ ...rewritten, _rev: saved.rev }],
    });
    expect(bulk.body[0]).toMatchObject({ error: 'forbidden' });
    // Not the admin either: what went out stays as it went out.
    const own = await admin('PUT', '/sync/messages/admin-sent', { ...sent, text: 'Other', _rev: saved.rev });
    expect(own.status).toBe(403);
    expect(await stored('messages', 'admin-sent')).toMatchObject({
      text: sent.text,
      delivery: sent.delivery,
    });

    // Someone else's message waiting to go out: a rep may not edit it.
    const waiting = { ...sent, _id: 'admin-waiting', delivery: { status: 'pending' } };
    const w = await db.insert(waiting as never);
    const edit = await rep('PUT', '/sync/messages/admin-waiting', {
      ...waiting,
      text: 'Edited',
      _rev: w.rev,
    });
    expect(edit.status).toBe(403);

    // Posting as an agent or the system (the pushed doc as it is, nothing stamped): refused.
    for (const kind of ['agent', 'system']) {
      const forged = { ...docOf('messages', `forged-${kind}`), author: { kind, id: 'answer', name: 'AI' } };
      expect((await rep('PUT', `/sync/messages/forged-${kind}`, forged)).status, kind).toBe(403);
      expect(await stored('messages', `forged-${kind}`)).toBeNull();
    }

    // A failed message is sent again by a rep as it was written, on the gateway and the API alike.
    const failed: Raw = {
      ...sent,
      _id: 'admin-failed',
      delivery: { status: 'failed', attempts: 2, lastError: 'x' },
    };
    const f = await db.insert(failed as never);
    const conv = String(failed.conversationId);
    const retried = await rep('POST', `/api/v1/conversations/${conv}/messages/admin-failed/retry`);
    expect(retried.status).toBe(200);
    expect(await stored('messages', 'admin-failed')).toMatchObject({
      text: sent.text,
      delivery: { status: 'pending', attempts: 2 },
    });
    // The API's retry of a sent message is refused (the policy and the route agree).
    const again = await rep('POST', `/api/v1/conversations/${conv}/messages/admin-sent/retry`);
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect((await stored('messages', 'admin-sent'))?.delivery).toEqual(sent.delivery);
    void f;
  });

  it("refuses a rep's writes of the chunks of a source the server indexed", async () => {
    const sources = t.server.store.teamDb(team.teamId, 'knowledge_sources');
    const chunks = t.server.store.teamDb(team.teamId, 'knowledge_chunks');
    await sources.insert({ ...docOf('knowledge_sources', 'indexed-src'), status: 'ready' } as never);
    const chunk: Raw = { ...docOf('knowledge_chunks', 'indexed-src:0'), sourceId: 'indexed-src' };
    const c = await chunks.insert(chunk as never);
    // The attack: delete the indexed chunk and write it again with other text.
    const del = await rep('DELETE', `/sync/knowledge_chunks/indexed-src:0?rev=${c.rev}`);
    expect(del.status).toBe(403);
    const bulkDel = await rep('POST', '/sync/knowledge_chunks/_bulk_docs', {
      docs: [{ _id: 'indexed-src:0', _rev: c.rev, _deleted: true }],
    });
    expect(bulkDel.body[0]).toMatchObject({ error: 'forbidden' });
    const added = { ...chunk, _id: 'indexed-src:1', ordinal: 1, text: 'Everything is free today.' };
    expect((await rep('PUT', '/sync/knowledge_chunks/indexed-src:1', added)).status).toBe(403);
    expect(await stored('knowledge_chunks', 'indexed-src:0')).toMatchObject({ text: chunk.text });
    expect(await stored('knowledge_chunks', 'indexed-src:1')).toBeNull();

    // A pair a device adds (its source pending, or not pushed yet): its chunks go.
    await sources.insert({ ...docOf('knowledge_sources', 'device-qa'), status: 'pending' } as never);
    const qa = { ...chunk, _id: 'device-qa:0', sourceId: 'device-qa' };
    expect((await rep('PUT', '/sync/knowledge_chunks/device-qa:0', qa)).status).toBe(201);
    const early = { ...chunk, _id: 'not-yet:0', sourceId: 'not-yet' };
    expect((await rep('PUT', '/sync/knowledge_chunks/not-yet:0', early)).status).toBe(201);
    // The API deletes a source with its chunks as the server (the rep's DELETE of the source).
    const gone = await rep('DELETE', '/api/v1/knowledge/sources/indexed-src');
    expect(gone.status).toBe(204);
    expect(await stored('knowledge_chunks', 'indexed-src:0')).toBeNull();
  });

  it('refuses replication checkpoints to roles that may not write the collection', async () => {
    const put = (tok: string, c: string) =>
      call(t.base, 'PUT', `/sync/${c}/_local/cp-access`, { token: tok, body: { last_seq: '1' } });
    expect((await put(team.viewer, 'leads')).status).toBe(403);
    expect((await put(team.rep, 'activity')).status).toBe(403);
    expect((await put(team.rep, 'leads')).status).toBe(201);
  });
});

describe('contact merges (a server-only resource)', () => {
  it.each(roles)('POST /contacts/:id/merge, its preview and the split as %s', async (role) => {
    const seed = (id: string) =>
      t.server.store.teamDb(team.teamId, 'contacts').insert(docOf('contacts', id) as never);
    const kept = `merge-kept-${role}`;
    const from = `merge-from-${role}`;
    await seed(kept);
    await seed(from);
    const api = (method: string, path: string, body?: unknown) =>
      call(t.base, method, `/api/v1${path}`, { token: token(role), ...(body ? { body } : {}) });
    const preview = await api('GET', `/contacts/${kept}/merge?from=${from}`);
    const merge = await api('POST', `/contacts/${kept}/merge`, { from });
    const answered = {
      read: preview.status === 200 ? true : preview.body?.error?.code,
      create: merge.status === 200 ? true : merge.body?.error?.code,
    };
    const merged = (await stored('contacts', from))?.mergedInto === kept;
    expect(answered).toEqual(
      expectedServerAccess.contact_merges[role] === 'rc'
        ? { read: true, create: true }
        : { read: true, create: 'role-forbidden' },
    );
    expect(merged).toBe(expectedServerAccess.contact_merges[role].includes('c'));
    // Splitting them again is the same row's `create`.
    const split = await api('POST', `/contacts/${kept}/split`, { from });
    expect(split.status === 200 ? true : split.body?.error?.code).toEqual(
      expectedServerAccess.contact_merges[role] === 'rc' ? true : 'role-forbidden',
    );
    expect((await stored('contacts', from))?.mergedInto).toBeUndefined();
  });
});
