// Backup -> restore round trips against the real embedded store (attachments and revisions included),
// and restores that must change nothing because the file is bad.
import { gzipSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApiTestServer, type ApiTestServer, type Loose, type TestTeam } from '../../test/api-kit';
import { parseBackup, restoreTeam } from './restore';
import { dump, seed } from '../../test/data-care-seed';

let t: ApiTestServer;
let team: TestTeam;

async function backupBytes(token: string): Promise<Buffer> {
  const res = await fetch(`${t.base}/api/v1/admin/backup`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/gzip');
  return Buffer.from(await res.arrayBuffer());
}

async function restore(token: string, body: Buffer, query = '?confirm=replace') {
  const res = await fetch(`${t.base}/api/v1/admin/restore${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/gzip' },
    body,
  });
  return { status: res.status, body: (await res.json()) as Loose };
}

beforeAll(async () => {
  t = await startApiTestServer();
  team = await t.team('Data care');
  await seed(t.server.store, team.teamId);
});
afterAll(() => t?.close());

describe('backup and restore', () => {
  it('round-trips every database with revisions and attachments, into a new team and the same one', async () => {
    const store = t.server.store;
    const before = await dump(store, team.teamId);
    const bytes = await backupBytes(team.admin);
    const lines = gunzipSync(bytes).toString('utf8').trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ type: 'header', teamId: team.teamId, version: 1 });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({
      type: 'end',
      counts: { contacts: 2, files: 2, messages: 3 },
    });

    const newTeam = 'tmrestored01';
    await restoreTeam(store, newTeam, await parseBackup(bytes));
    // The audit log gains the file's entries it lacks, and one for the restore (restore-swap.ts).
    const { activity: newLog = [], ...newData } = await dump(store, newTeam);
    const { activity: oldLog = [], ...oldData } = before;
    expect(newData).toEqual(oldData);
    expect(newLog.slice(0, oldLog.length)).toEqual(oldLog);
    expect(newLog.slice(oldLog.length)).toEqual([
      expect.objectContaining({ name: 'restore', role: 'runtime' }),
    ]);
    await store.dropTeam(newTeam);

    // Change the team, then restore it from the file: it is back as it was.
    await t.as(team.rep)('POST', '/contacts', { id: 'added-later', name: 'Later' });
    await t.as(team.rep)('DELETE', '/contacts/other');
    expect((await t.as(team.rep)('GET', '/contacts/other')).status).toBe(404);
    const res = await restore(team.admin, bytes);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      teamId: team.teamId,
      fromTeamId: team.teamId,
      restored: { contacts: 2, files: 2 },
    });
    const { activity: log = [], ...data } = await dump(store, team.teamId);
    expect(data).toEqual(oldData);
    // The team's own audit log is kept, with the restore noted.
    expect(log.slice(0, oldLog.length)).toEqual(oldLog);
    expect(log.slice(oldLog.length)).toEqual([expect.objectContaining({ name: 'restore' })]);
    expect((await t.as(team.rep)('GET', '/contacts/added-later')).status).toBe(404);
    expect((await t.as(team.rep)('POST', '/contacts', { name: 'After restore' })).status).toBe(201);
  });

  it('checks the whole file before touching anything', async () => {
    const bytes = await backupBytes(team.admin);
    const before = await dump(t.server.store, team.teamId);
    const lines = gunzipSync(bytes).toString('utf8').trim().split('\n');
    const badDoc = lines
      // A stage id no pipeline could have (stages are a team's own ids since pipelines).
      .map((l) => (l.includes('"other-lead"') ? l.replace('"stage":"new"', '"stage":"Maybe!"') : l))
      .join('\n');
    const cases: [Buffer, string, number, string][] = [
      [Buffer.from('not gzip'), '?confirm=replace', 422, 'file-unreadable'],
      [gzipSync(lines.slice(0, -1).join('\n')), '?confirm=replace', 422, 'file-unreadable'],
      [gzipSync(lines.slice(1).join('\n')), '?confirm=replace', 422, 'file-unreadable'],
      [gzipSync(badDoc), '?confirm=replace', 400, 'validation-failed'],
      [
        gzipSync(
          '{"type":"header","format":"sales-workspace-backup","version":1}\n{"type":"doc","collection":"_users","doc":{"_id":"x"}}\n',
        ),
        '?confirm=replace',
        400,
        'validation-failed',
      ],
      [bytes, '', 400, 'validation-failed'],
      [
        gzipSync(lines.map((l) => l.replace('"kind":"knowledge"', '"kind":"knowledge","evil":1')).join('\n')),
        '?confirm=replace',
        400,
        'validation-failed',
      ],
      [Buffer.alloc(0), '?confirm=replace', 422, 'file-unreadable'],
    ];
    for (const [body, query, status, code] of cases) {
      const res = await restore(team.admin, body, query);
      expect({ status: res.status, code: res.body.error?.code }).toEqual({ status, code });
    }
    expect((await restore(team.rep, bytes)).status).toBe(403);
    expect(await dump(t.server.store, team.teamId)).toEqual(before);
  });

  it('logs each step of a restore, and warns of a step still running after 10 s, naming it', async () => {
    const store = t.server.store;
    const bytes = await backupBytes(team.admin);
    let letGo = () => {};
    const held = new Promise<void>((resolve) => (letGo = resolve));
    // The store as it is, but the drop of the databases waits until the test lets it go.
    const slowStore = Object.create(store) as typeof store;
    slowStore.dropTeam = async (teamId) => {
      await held;
      return store.dropTeam(teamId);
    };
    const info: string[] = [];
    const warn: string[] = [];
    const log = {
      info: (_: unknown, message: string) => info.push(message),
      warn: (_: unknown, message: string) => warn.push(message),
    } as unknown as NonNullable<Parameters<typeof restoreTeam>[3]>['log'];
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const restoring = restoreTeam(slowStore, 'tmslowrestore', await parseBackup(bytes), { log });
      // The file first goes into the restore's own databases (on CouchDB: seconds to create them).
      await vi.waitFor(() => expect(info.at(-1)).toEqual('restore: team marked as restoring'), 30_000);
      vi.advanceTimersByTime(10_000);
      expect(warn).toEqual(['restore: still before "databases dropped"']);
      letGo();
      await restoring;
    } finally {
      vi.useRealTimers();
    }
    expect(info).toEqual([
      'restore: restore recorded',
      'restore: new databases created',
      'restore: docs written',
      'restore: restore committed',
      'restore: team marked as restoring',
      'restore: databases dropped',
      'restore: databases created',
      'restore: docs copied',
      'restore: server fields reset',
      'restore: restore noted in the audit log',
      'restore: team handed over',
      'restore: restore databases dropped',
    ]);
    expect(warn).toHaveLength(1);
    await store.dropTeam('tmslowrestore');
  });
});
