// Whose name a customer sees on a rep's reply is the server's word, not the device's: the gateway
// stamps the author of every outbound rep message a member creates with that member's own user id,
// whatever the client sent (another member's id, none), through `_bulk_docs` (live and replicated
// with new_edits=false) and a single-doc PUT. Stamped, not refused: the message is kept. Later
// updates keep the stored author; agents' and customers' messages are left as they are.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from './helpers';
import {
  conversationDoc,
  messageDoc,
  startApiTestServer,
  type ApiTestServer,
  type Loose,
  type TestTeam,
} from './api-kit';

let t: ApiTestServer;
let team: TestTeam;
const ids = { admin: '', rep: '' };
const conv = 'conv:stamp:1';

const outbound = (id: string, author: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  messageDoc(id, conv, {
    direction: 'outbound',
    author,
    text: 'We will call you today.',
    delivery: { status: 'pending', attempts: 0 },
    ...extra,
  });

const bulk = (token: string, docs: Record<string, unknown>[], newEdits?: false) =>
  call(t.base, 'POST', '/sync/messages/_bulk_docs', {
    token,
    body: newEdits === false ? { docs, new_edits: false } : { docs },
  });
const stored = async (id: string) =>
  (
    (await call(t.base, 'POST', '/sync/messages/_all_docs', {
      token: team.admin,
      body: { keys: [id], include_docs: true },
    })) as { body: { rows: { doc: Record<string, unknown> & { _rev: string; author: Loose } }[] } }
  ).body.rows[0]!.doc;

beforeAll(async () => {
  t = await startApiTestServer();
  team = await t.team('Stamp');
  for (const who of ['admin', 'rep'] as const) {
    const me = (await t.as(team[who])('GET', '/me')).body as Loose;
    ids[who] = me.user?.id ?? me.id;
    expect(ids[who]).toBeTruthy();
  }
  expect(ids.rep).not.toBe(ids.admin);
  const made = await call(t.base, 'POST', '/sync/conversations/_bulk_docs', {
    token: team.admin,
    body: { docs: [conversationDoc(conv, 'contact-1')] },
  });
  expect(made.status).toBe(201);
}, 60_000);
afterAll(() => t?.close());

describe("the author of a rep's outbound message", () => {
  it('is the pushing rep, not the member the client named, in _bulk_docs', async () => {
    const res = await bulk(team.rep, [
      outbound('m-forged', { kind: 'rep', id: ids.admin, name: 'Boss' }),
      outbound('m-no-id', { kind: 'rep', name: 'Anna' }),
      outbound('m-own', { kind: 'rep', id: ids.rep, name: 'Anna' }),
    ]);
    expect(res.status).toBe(201);
    expect((res.body as Loose[]).map((r) => r.ok)).toEqual([true, true, true]);
    for (const id of ['m-forged', 'm-no-id', 'm-own']) {
      const doc = await stored(id);
      expect(doc.author.id, id).toBe(ids.rep);
      expect(doc.author.kind, id).toBe('rep');
    }
  });

  it('is the pushing rep through a single-doc PUT and a replication push (new_edits=false)', async () => {
    const put = await call(t.base, 'PUT', '/sync/messages/m-put', {
      token: team.rep,
      body: outbound('m-put', { kind: 'rep', id: ids.admin }),
    });
    expect(put.status).toBe(201);
    expect((await stored('m-put')).author.id).toBe(ids.rep);

    const replicated = await bulk(
      team.rep,
      [
        {
          ...outbound('m-replicated', { kind: 'rep', id: ids.admin, name: 'Boss' }),
          _rev: '1-0123456789abcdef0123456789abcdef',
          _revisions: { start: 1, ids: ['0123456789abcdef0123456789abcdef'] },
        },
      ],
      false,
    );
    expect(replicated.status).toBe(201);
    expect(replicated.body).toEqual([]);
    expect((await stored('m-replicated')).author.id).toBe(ids.rep);
  });

  it("is the admin's own when an admin writes one; an update keeps the stored author", async () => {
    expect((await bulk(team.admin, [outbound('m-admin', { kind: 'rep', id: ids.rep })])).status).toBe(201);
    expect((await stored('m-admin')).author.id).toBe(ids.admin);

    // The admin edits the rep's message: it stays the rep's (author cannot change on update).
    const repMessage = await stored('m-forged');
    const edit = await bulk(team.admin, [{ ...repMessage, text: 'We will call you tomorrow.' }]);
    expect((edit.body as Loose[])[0].ok).toBe(true);
    const edited = await stored('m-forged');
    expect(edited.text).toBe('We will call you tomorrow.');
    expect(edited.author.id).toBe(ids.rep);
  });

  it("refuses other authors: an agent's or the system's message is written by the server alone", async () => {
    for (const kind of ['agent', 'system']) {
      const forged = await bulk(team.admin, [outbound(`m-${kind}`, { kind, id: 'profile-1', name: 'AI' })]);
      expect((forged.body as Loose[])[0], kind).toMatchObject({ error: 'forbidden' });
      expect(await stored(`m-${kind}`), kind).toBeFalsy();
    }
  });
});
