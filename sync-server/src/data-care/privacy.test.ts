// Privacy requests against the real embedded store: export one contact's data, and erase it so that
// nothing of it stays readable in any team database (live docs, changes feed, old revisions).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamCollections } from '../store/db-names';
import { startApiTestServer, type ApiTestServer, type Loose, type TestTeam } from '../../test/api-kit';
import { EMAIL, NAME, PHONE, seed } from '../../test/data-care-seed';

let t: ApiTestServer;
let team: TestTeam;

beforeAll(async () => {
  t = await startApiTestServer();
  team = await t.team('Data care');
  await seed(t.server.store, team.teamId);
});
afterAll(() => t?.close());

describe('privacy requests', () => {
  it("exports one contact's data as JSON", async () => {
    const res = await t.as(team.admin)('GET', '/privacy/contacts/zina/export');
    expect(res.status).toBe(200);
    expect(res.body.contact).toMatchObject({ id: 'zina', name: NAME });
    const ids = (k: string) => (res.body[k] as { id: string }[]).map((d) => d.id).sort();
    expect(ids('leads')).toEqual(['zina-lead']);
    expect(ids('conversations')).toEqual(['conv-zina']);
    expect(ids('messages')).toEqual(['msg-zina-1', 'msg-zina-2']);
    expect(ids('tasks')).toEqual(['task-zina']);
    expect(ids('events')).toEqual(['event-zina']);
    expect(ids('activity')).toEqual(['act-zina']);
    expect(ids('files')).toEqual(['file-zina']);
    expect((await t.as(team.rep)('GET', '/privacy/contacts/zina/export')).status).toBe(403);
    expect((await t.as(team.admin)('GET', '/privacy/contacts/nobody/export')).status).toBe(404);
  });

  it('erases the contact so that nothing of it is readable in any team database', async () => {
    const store = t.server.store;
    const erasedIds = [
      'zina',
      'zina-lead',
      'conv-zina',
      'msg-zina-1',
      'msg-zina-2',
      'task-zina',
      'event-zina',
      'act-zina',
      'file-zina',
    ];
    const oldRevs: { c: (typeof teamCollections)[number]; id: string; rev: string }[] = [];
    for (const c of teamCollections) {
      const changes = await store.teamDb(team.teamId, c).changes({ style: 'all_docs' } as never);
      for (const row of changes.results)
        for (const ch of row.changes)
          if (erasedIds.includes(row.id)) oldRevs.push({ c, id: row.id, rev: ch.rev });
      for (const id of erasedIds) {
        const doc = await store
          .teamDb(team.teamId, c)
          .get(id, { revs_info: true })
          .catch(() => null);
        for (const info of (doc as { _revs_info?: { rev: string }[] } | null)?._revs_info ?? [])
          oldRevs.push({ c, id, rev: info.rev });
      }
    }
    expect(oldRevs.length).toBeGreaterThan(erasedIds.length);

    const runtime = store.systemDb('app_runtime');
    await runtime.insert({
      _id: `lease:${team.teamId}:conv-zina`,
      holder: 'h1',
      expiresAt: 0,
      acquiredAt: 0,
    });
    await runtime.insert({
      _id: `lease:${team.teamId}:conv-other`,
      holder: 'h1',
      expiresAt: 0,
      acquiredAt: 0,
    });

    const res = await t.as(team.admin)('POST', '/privacy/contacts/zina/erase');
    expect(res.status).toBe(200);
    expect(res.body.erased).toEqual({
      contacts: 1,
      leads: 1,
      conversations: 1,
      messages: 2,
      tasks: 1,
      events: 1,
      activity: 1,
      files: 1,
    });

    const needles = [
      NAME,
      'Зинаида',
      PHONE,
      '9995550011',
      EMAIL,
      '9090',
      Buffer.from(`${NAME} ${PHONE}`).toString('base64'),
    ];
    for (const c of teamCollections) {
      const db = store.teamDb(team.teamId, c);
      const live = JSON.stringify((await db.list({ include_docs: true, attachments: true } as never)).rows);
      for (const n of [...needles, ...erasedIds.map((id) => `"${id}"`)])
        expect(live, `${c} live docs`).not.toContain(n);
      const changes = await db.changes({ include_docs: true, style: 'all_docs' } as never);
      for (const row of changes.results) {
        const text = JSON.stringify(row);
        for (const n of needles) expect(text, `${c} changes`).not.toContain(n);
        if (erasedIds.includes(row.id)) {
          expect(res.body.purged, 'a purged doc leaves no tombstone').toBe(false);
          expect(row.deleted).toBe(true);
          expect(Object.keys((row as Loose).doc ?? {}).sort()).toEqual(['_deleted', '_id', '_rev']);
        }
      }
    }
    for (const { c, id, rev } of oldRevs) {
      const old = await store
        .teamDb(team.teamId, c)
        .get(id, { rev })
        .catch((e: { statusCode?: number }) => e.statusCode);
      if (typeof old === 'number') expect(old).toBe(404);
      else for (const n of needles) expect(JSON.stringify(old), `${c}/${id}@${rev}`).not.toContain(n);
    }
    await expect(runtime.get(`lease:${team.teamId}:conv-zina`)).rejects.toMatchObject({ statusCode: 404 });
    expect((await runtime.get(`lease:${team.teamId}:conv-other`)).holder).toBe('h1');
    expect((await t.as(team.rep)('GET', '/contacts/other')).status).toBe(200);
    expect((await t.as(team.rep)('GET', '/leads/other-lead')).status).toBe(200);
    expect((await t.as(team.rep)('GET', '/conversations/conv-other/messages')).body.items).toHaveLength(1);
    expect(
      (await store.teamDb(team.teamId, 'files').attachment.get('file-kb', 'original')).toString(),
    ).toContain('%PDF');
    expect((await t.as(team.admin)('POST', '/privacy/contacts/zina/erase')).status).toBe(404);
  });
});
