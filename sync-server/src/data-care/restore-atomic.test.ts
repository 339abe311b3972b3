// A restore changes nothing unless it finishes (issue 60): a file the check passes but the store would
// refuse, a bad line at the end of a large file, a failure or a kill at any step before the commit point
// leave the team's data as it was; after it, recovery finishes the restore. On the real embedded store.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApiTestServer, type ApiTestServer, type Loose, type TestTeam } from '../../test/api-kit';
import { dump, seed } from '../../test/data-care-seed';
import { tempDir } from '../../test/helpers';
import type { Store } from '../context';
import { parseBackup, restoreTeam, type RestoreOptions } from './restore';
import { listJobs, restoredCollections, stagingDbName, STALE_MS } from './restore-job';
import { recoverRestores } from './restore-swap';

let t: ApiTestServer;
let team: TestTeam;
const quiet = { info: () => undefined, warn: () => undefined };

async function backupBytes(token: string): Promise<Buffer> {
  const res = await fetch(`${t.base}/api/v1/admin/backup`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function restore(body: Buffer) {
  const res = await fetch(`${t.base}/api/v1/admin/restore?confirm=replace`, {
    method: 'POST',
    headers: { authorization: `Bearer ${team.admin}`, 'content-type': 'application/gzip' },
    body,
  });
  return { status: res.status, body: (await res.json()) as Loose };
}

const linesOf = (bytes: Buffer) => gunzipSync(bytes).toString('utf8').trim().split('\n');

/** The file with each doc line passed through `edit` (and the end line's counts left as they are). */
function edited(bytes: Buffer, edit: (line: Loose) => Loose | undefined): Buffer {
  const out = linesOf(bytes).map((l) => {
    const line = JSON.parse(l) as Loose;
    return JSON.stringify(line.type === 'doc' ? (edit(line) ?? line) : line);
  });
  return gzipSync(out.join('\n') + '\n');
}

/** The store, but its bulk writes holding the doc `id` fail. */
function refusing(store: Store, id: string): Store {
  const server = new Proxy(store.server, {
    get(target, key, receiver) {
      if (key !== 'use') return Reflect.get(target, key, receiver) as unknown;
      return (name: string) =>
        new Proxy(target.use(name), {
          get(db, k, r) {
            if (k !== 'bulk') return Reflect.get(db, k, r) as unknown;
            return (body: { docs: { _id?: string }[] }, ...rest: unknown[]) => {
              if (body.docs.some((d) => d._id === id)) return Promise.reject(new Error('disk full'));
              return (db.bulk as (...a: unknown[]) => Promise<unknown>)(body, ...rest);
            };
          },
        });
    },
  });
  return Object.create(store, { server: { value: server } }) as Store;
}

/** A log that keeps each step's generation (to find the restore's databases by name). */
function stepLog() {
  const generations = new Set<string>();
  const steps: string[] = [];
  const keep = (at: unknown, message: string) => {
    const g = (at as { generation?: string }).generation;
    if (g) generations.add(g);
    steps.push(message);
  };
  const log = { info: keep, warn: keep } as unknown as NonNullable<RestoreOptions['log']>;
  return { generations, steps, log };
}

/** Which of the restore's databases of these generations exist. */
async function restoreDbs(store: Store, teamId: string, generations: Iterable<string>): Promise<string[]> {
  const found: string[] = [];
  for (const generation of generations) {
    for (const c of restoredCollections) {
      const name = stagingDbName(store, { teamId, generation }, c);
      if (
        await store.server.db.get(name).then(
          () => true,
          () => false,
        )
      )
        found.push(name);
    }
  }
  return found;
}

/** The team's data as a restore must leave it (the audit log aside, which a restore keeps). */
async function data(teamId: string) {
  const { activity: _a, ...rest } = await dump(t.server.store, teamId);
  return rest;
}

beforeAll(async () => {
  t = await startApiTestServer();
  team = await t.team('Atomic restore');
  await seed(t.server.store, team.teamId);
}, 60_000);
afterAll(() => t?.close());

describe('a restore is all or nothing', () => {
  it('refuses a doc line without _rev (or with a tombstone) with 400, before touching anything', async () => {
    const before = await dump(t.server.store, team.teamId);
    const bytes = await backupBytes(team.admin);
    const cases = [
      (l: Loose) => (l.doc._id === 'other' ? { ...l, doc: { ...l.doc, _rev: undefined } } : undefined),
      (l: Loose) => (l.doc._id === 'other' ? { ...l, doc: { ...l.doc, _rev: '0-abc' } } : undefined),
      (l: Loose) => (l.doc._id === 'other' ? { ...l, doc: { ...l.doc, _deleted: true } } : undefined),
      (l: Loose) =>
        l.doc._id === 'other' ? { ...l, doc: { ...l.doc, _revisions: { start: 9, ids: ['x'] } } } : undefined,
    ];
    for (const edit of cases) {
      const res = await restore(edited(bytes, edit));
      expect({ status: res.status, code: res.body.error?.code }).toEqual({
        status: 400,
        code: 'validation-failed',
      });
    }
    expect(await dump(t.server.store, team.teamId)).toEqual(before);
    expect((await data(team.teamId)).contacts).toHaveLength(2);
  });

  it('leaves the team as it was when the store refuses the last line of a large file', async () => {
    const store = t.server.store;
    const before = await dump(store, team.teamId);
    const lines = linesOf(await backupBytes(team.admin));
    const other = lines.map((l) => JSON.parse(l) as Loose).find((l) => l.doc?._id === 'other')!;
    const contacts = Array.from({ length: 400 }, (_, i) =>
      JSON.stringify({ ...other, doc: { ...other.doc, _id: `bulk-${i}`, _rev: '1-aa', name: `Bulk ${i}` } }),
    );
    // The last doc, valid, is refused by the store (as a full disk would refuse it).
    const refused = JSON.stringify({
      type: 'doc',
      collection: 'files',
      doc: {
        _id: 'file-last',
        _rev: '1-bb',
        kind: 'attachment',
        fileName: 'x.txt',
        _attachments: { 'x.txt': { content_type: 'text/plain', data: 'YQ==' } },
      },
    });
    const end = JSON.parse(lines.at(-1)!) as Loose;
    end.counts.contacts += contacts.length;
    end.counts.files += 1;
    const body = gzipSync([...lines.slice(0, -1), ...contacts, refused, JSON.stringify(end)].join('\n'));
    const seen = stepLog();
    const backup = await parseBackup(body);
    await expect(
      restoreTeam(refusing(store, 'file-last'), team.teamId, backup, { log: seen.log }),
    ).rejects.toThrow(/disk full/);
    expect(seen.steps).toContain('restore: new databases created');
    expect(await dump(store, team.teamId)).toEqual(before);
    expect(seen.generations.size).toBe(1);
    expect(await restoreDbs(store, team.teamId, seen.generations)).toEqual([]);
    expect(await listJobs(store)).toEqual([]);
  }, 30_000);

  it('leaves the team as it was after a kill or a failure at any step before the commit point, and finishes after it', async () => {
    const store = t.server.store;
    const teamId = team.teamId;
    const backup = await parseBackup(await backupBytes(team.admin));
    await restoreTeam(store, teamId, backup);
    const restored = await data(teamId);
    // Every step before the commit point. After it, the swap is done again from its start whichever step
    // it stopped at (restore-swap.ts), so a kill is tried at its first step, with the team's databases
    // dropped and empty, and in the cleanup; a failure (not a kill) once on each side.
    const steps = [
      'restore recorded',
      'new databases created',
      'docs written',
      'restore committed',
      'team marked as restoring',
      'docs copied',
      'restore databases dropped',
    ];
    const committed = steps.indexOf('team marked as restoring');
    const runs = [
      ...steps.map((stop, i) => ({ stop, i, how: 'kill' as const })),
      { stop: 'docs written', i: 2, how: 'fail' as const },
      { stop: 'team marked as restoring', i: committed, how: 'fail' as const },
    ];
    const later = { now: () => Date.now() + STALE_MS + 1 };
    for (const { stop, i, how } of runs) {
      {
        const label = `${how} before "${stop}"`;

        // The team changed since the backup: a restore cut short before its commit keeps the change.
        await store
          .teamDb(teamId, 'contacts')
          .insert({ ...restoredContact(restored), _id: `later-${i}-${how}` });
        const before = await data(teamId);
        const seen = stepLog();
        let reached = false;
        const beforeStep = (name: string) => {
          if (name !== stop) return;
          reached = true;
          if (how === 'fail') throw new Error('injected');
          return new Promise<void>(() => undefined); // never goes on: the process is gone
        };
        const running = restoreTeam(store, teamId, backup, { log: seen.log, beforeStep });
        if (how === 'kill') {
          let failed: unknown;
          void running.catch((e: unknown) => (failed = e));
          await vi.waitFor(() => expect(reached || failed !== undefined, label).toBe(true), 30_000);
          expect(failed, label).toBeUndefined();
          // A later start (or another process, a minute on) takes the journal up.
          await recoverRestores(store, quiet, later);
        } else {
          await expect(running, label).rejects.toThrow(i < committed ? /injected/ : /finished automatically/);
          await recoverRestores(store, quiet);
        }
        expect(await data(teamId), label).toEqual(i < committed ? before : restored);
        expect(await listJobs(store), label).toEqual([]);
        expect(await restoreDbs(store, teamId, seen.generations), label).toEqual([]);
        const marks = (await store.systemDb('app_teams').get(teamId)) as Loose;
        expect(marks.restoring, label).toBeUndefined();
      }
    }
  }, 120_000);

  it('stops a restore that stalled past its journal being taken up, before it touches the team again', async () => {
    const store = t.server.store;
    const teamId = team.teamId;
    const backup = await parseBackup(await backupBytes(team.admin));
    let wake = () => {};
    let reached = false;
    const stalled = restoreTeam(store, teamId, backup, {
      beforeStep: (name) => {
        if (name !== 'databases dropped') return;
        reached = true;
        return new Promise<void>((resolve) => (wake = resolve));
      },
    });
    void stalled.catch(() => undefined);
    await vi.waitFor(() => expect(reached).toBe(true), 30_000);
    await recoverRestores(store, quiet, { now: () => Date.now() + STALE_MS + 1 });
    await store
      .teamDb(teamId, 'contacts')
      .insert({ ...restoredContact(await data(teamId)), _id: 'after-recovery' });
    const after = await data(teamId);
    wake();
    await expect(stalled).rejects.toMatchObject({ code: 'store-unavailable' });
    expect(await data(teamId)).toEqual(after);
    expect(await listJobs(store)).toEqual([]);
  }, 60_000);

  it('finishes a restore whose process was killed (SIGKILL) with the databases of the team dropped', async () => {
    const store = t.server.store;
    const killed = await t.team('Killed restore');
    await seed(store, killed.teamId);
    const bytes = await backupBytes(killed.admin);
    await store
      .teamDb(killed.teamId, 'contacts')
      .insert({ ...restoredContact(await data(killed.teamId)), _id: 'later' });
    const dir = tempDir('restore-kill-');
    const file = `${dir.path}/backup.ndjson.gz`;
    writeFileSync(file, bytes);
    const prefix = store.systemDbName('app_runtime').slice(0, -'app_runtime'.length);
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(new URL('../../test/restore-child.ts', import.meta.url)),
        store.couchUrl,
        prefix,
        killed.teamId,
        file,
        'docs copied',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise((ok) => child.on('exit', ok));
    await vi.waitFor(() => expect(out).toContain('step: docs copied'), 60_000);
    child.kill('SIGKILL');
    await exited;
    // Killed with the team marked restoring and its databases (but the audit log) dropped and empty.
    expect((await store.systemDb('app_teams').get(killed.teamId)) as Loose).toHaveProperty('restoring');
    expect((await data(killed.teamId)).contacts).toEqual([]);
    await recoverRestores(store, quiet, { now: () => Date.now() + STALE_MS + 1 });
    const contacts = (await data(killed.teamId)).contacts as Loose[];
    expect(contacts.map((c) => c._id).sort()).toEqual(['other', 'zina']);
    expect((await store.systemDb('app_teams').get(killed.teamId)) as Loose).not.toHaveProperty('restoring');
    expect(await listJobs(store)).toEqual([]);
    dir.remove();
  }, 90_000);
});

/** The fields of a contact (any) of the restored data, for a new one. */
function restoredContact(restored: Record<string, unknown[]>) {
  const { _id: _i, _rev: _r, files: _f, ...fields } = restored.contacts![0] as Loose;
  return fields as Record<string, unknown>;
}

describe('what a restore takes from the file', () => {
  it('brings knowledge sources back to be indexed, measured by the stored bytes, and rewrites no audit entry', async () => {
    const store = t.server.store;
    const other = await t.team('Restored sources');
    await seed(store, other.teamId);
    const at = '2026-03-02T10:15:00.000Z';
    // As a device could have declared it: ready, 1 byte (the stored original is 19).
    await store.teamDb(other.teamId, 'knowledge_sources').insert({
      _id: 'kb',
      title: 'Prices',
      kind: 'pdf',
      fileDocId: 'file-kb',
      size: 1,
      status: 'ready',
      attempts: 2,
      chunkCount: 3,
      contentHash: 'sha256-x',
      createdAt: at,
      updatedAt: at,
    });
    const bytes = await backupBytes(other.admin);
    // The team's audit log goes on after the backup; the file's own entries are rewritten or added to.
    await store.teamDb(other.teamId, 'activity').insert({
      ...((await store.teamDb(other.teamId, 'activity').get('act-zina')) as Loose),
      _id: 'act-after',
      _rev: undefined,
    });
    const activityBefore = (await dump(store, other.teamId)).activity as Loose[];
    // The file rewrites an entry the team has (at a later revision) and brings one the team lacks.
    const lines = linesOf(
      edited(bytes, (l) =>
        l.collection === 'activity' ? { ...l, doc: { ...l.doc, name: 'forged', _rev: '9-ff' } } : undefined,
      ),
    );
    const entry0 = JSON.parse(lines.find((l) => l.includes('"collection":"activity"'))!) as Loose;
    const brought = {
      ...entry0,
      doc: { ...entry0.doc, _id: 'act-from-file', name: 'from_file', _rev: '1-ab' },
    };
    const end = JSON.parse(lines.at(-1)!) as Loose;
    end.counts.activity += 1;
    const forged = gzipSync([...lines.slice(0, -1), JSON.stringify(brought), JSON.stringify(end)].join('\n'));
    const res = await fetch(`${t.base}/api/v1/admin/restore?confirm=replace`, {
      method: 'POST',
      headers: { authorization: `Bearer ${other.admin}`, 'content-type': 'application/gzip' },
      body: forged,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Loose).restored).toMatchObject({ knowledge_sources: 1, activity: 2 });

    const source = (await store.teamDb(other.teamId, 'knowledge_sources').get('kb')) as Loose;
    expect(source).toMatchObject({ status: 'pending', size: '%PDF-1.4 price list'.length });
    expect(source.attempts).toBeUndefined();
    const activity = (await dump(store, other.teamId)).activity as Loose[];
    // Kept as they were (no 'forged' name, no revision 9), the missing one added, the restore noted.
    expect(activity.filter((a) => activityBefore.some((b) => b._id === a._id))).toEqual(activityBefore);
    expect(activity.find((a) => a._id === 'act-from-file')).toMatchObject({
      name: 'from_file',
      _rev: '1-ab',
    });
    expect(activity).toHaveLength(activityBefore.length + 2);
    const entry = activity.find((a) => String(a._id).startsWith('restore-'))!;
    expect(entry).toMatchObject({ role: 'runtime', kind: 'step', name: 'restore', status: 'ok' });
    expect(JSON.parse(entry.output as string)).toMatchObject({
      fromTeamId: other.teamId,
      restored: { contacts: 2, knowledge_sources: 1 },
    });
  }, 30_000);
});
