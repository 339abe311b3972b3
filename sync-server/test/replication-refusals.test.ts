// A rep's RxDB replication (memory storage, replicateCouchDB, the desktop's field-level merge) meets
// docs the gateway refuses one by one: with `createPushRefusals` (as the desktop's SyncEngine uses
// it) the refused change is not retried in a loop nor left pending; the local copy goes back to the
// server's version (or away, when the server has none), the caller is told, and the allowed docs of
// the same push are written.
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDocs } from '@app/shared/fixtures';
import { collections, type CollectionName } from '@app/shared/schemas';
import {
  createPushRefusals,
  fieldMergeConflictHandler,
  throwOnErrorStatus,
  type PushRefusals,
  type Refusal,
} from '@app/shared/sync';
import { startApiTestServer, type ApiTestServer, type TestTeam } from './api-kit';
import { until } from './helpers';

addRxPlugin(RxDBMigrationSchemaPlugin);

let t: ApiTestServer;
let team: TestTeam;
let db: RxDatabase;
const replications: RxCouchDBReplicationState<unknown>[] = [];

beforeAll(async () => {
  t = await startApiTestServer();
  team = await t.team('Refusals');
  db = await createRxDatabase({ name: `refusals${Date.now()}`, storage: getRxStorageMemory() });
  await db.addCollections(
    Object.fromEntries(
      (['agent_settings', 'messages'] as const).map((n) => [
        n,
        {
          schema: collections[n].schema as never,
          migrationStrategies: collections[n].migrations as never,
          conflictHandler: fieldMergeConflictHandler(collections[n], 'rep-device') as never,
        },
      ]),
    ),
  );
}, 60_000);
afterAll(async () => {
  await Promise.all(replications.map((r) => r.cancel()));
  await db?.close();
  await t?.close();
}, 30_000);

/** The rep's replication of one collection, wired like the desktop's SyncEngine. */
function replicate(name: CollectionName) {
  const collection = db.collections[name] as RxCollection;
  const url = `${t.base}/sync/${name}/`;
  const refused: Refusal[] = [];
  const bulkIds: string[] = [];
  const authed = async (input: string, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${team.rep}`);
    if (input.includes('_bulk_docs')) {
      const body = JSON.parse(String(init?.body)) as { docs: { _id: string }[] };
      bulkIds.push(...body.docs.map((d) => d._id));
    }
    return throwOnErrorStatus(await fetch(input, { ...init, headers }));
  };
  const refusals: PushRefusals = createPushRefusals({
    url,
    collection: collection as never,
    onRefused: (r) => refused.push(...r),
  });
  const state = replicateCouchDB({
    replicationIdentifier: `refusals-${name}-${t.base}`,
    collection,
    url,
    live: true,
    fetch: refusals.wrap(authed) as typeof fetch,
    pull: { batchSize: 100, heartbeat: 10_000 },
    push: { batchSize: 100, modifier: (d) => refusals.modifier(d) },
    retryTime: 300,
  });
  replications.push(state as RxCouchDBReplicationState<unknown>);
  const errors: unknown[] = [];
  state.error$.subscribe((e) => errors.push(e));
  return { collection, state, refused, bulkIds, errors, refusals };
}

const admin = (method: string, path: string, body?: unknown) => t.as(team.admin)(method, path, body);
const serverDoc = (name: CollectionName, id: string) =>
  t.server.store
    .teamDb(team.teamId, name)
    .get(id)
    .catch(() => null) as Promise<Record<string, unknown> | null>;

describe('docs the gateway refuses, pushed by RxDB', () => {
  it("puts a rep's edit of the admin's agent profile back, once, and tells", async () => {
    const created = await admin('POST', '/agent-settings', {
      id: 'agent-admin',
      name: 'Admin profile',
      instructions: 'Never change leads.',
      allowedTools: ['search_knowledge'],
      isDefault: true,
    });
    expect(created.status).toBe(201);
    const rep = replicate('agent_settings');
    await rep.state.awaitInitialReplication();
    const local = await rep.collection.findOne('agent-admin').exec();
    expect(local?.get('instructions')).toBe('Never change leads.');

    await local!.incrementalPatch({ instructions: 'Do what customers ask.', allowedTools: ['update_lead'] });
    // A profile of the rep's own, which the server has never had.
    await rep.collection.insert({ ...sampleDocs.agent_settings, id: 'agent-rep', isDefault: true });

    await until(async () => rep.refused.length === 2);
    await until(
      async () =>
        (await rep.collection.findOne('agent-admin').exec())?.get('instructions') === 'Never change leads.',
    );
    await until(async () => (await rep.collection.findOne('agent-rep').exec()) === null);
    await rep.refusals.settled();
    await rep.state.awaitInSync();
    expect(rep.refused.map((r) => r.id).sort()).toEqual(['agent-admin', 'agent-rep']);
    expect(rep.refused[0]!.reason).toContain('admin role');

    // Not retried: each was pushed once, and the put-back was not pushed at all.
    await new Promise((r) => setTimeout(r, 1500));
    expect(rep.bulkIds.sort()).toEqual(['agent-admin', 'agent-rep']);
    expect(rep.errors).toEqual([]);
    expect((await serverDoc('agent_settings', 'agent-admin'))?.instructions).toBe('Never change leads.');
    expect(await serverDoc('agent_settings', 'agent-rep')).toBeNull();
    expect((await rep.collection.findOne('agent-admin').exec())?.get('allowedTools')).toEqual([
      'search_knowledge',
    ]);

    // The replication goes on: the admin's next change still arrives.
    expect((await admin('PATCH', '/agent-settings/agent-admin', { name: 'Renamed' })).status).toBe(200);
    await until(async () => (await rep.collection.findOne('agent-admin').exec())?.get('name') === 'Renamed');
  });

  it('writes the allowed docs of the same push and drops only the refused one', async () => {
    const rep = replicate('messages');
    await rep.state.awaitInitialReplication();
    const base = { ...sampleDocs.messages, createdAt: new Date().toISOString() };
    await rep.collection.bulkInsert([
      {
        ...base,
        id: 'rep-out',
        direction: 'outbound',
        author: { kind: 'rep' },
        // A member's outbound message goes out pending (access policy: only the server marks it sent).
        delivery: { status: 'pending' },
      },
      { ...base, id: 'rep-forged', direction: 'inbound' },
    ]);
    await until(async () => rep.refused.length === 1);
    expect(rep.refused[0]).toMatchObject({ id: 'rep-forged', reason: expect.stringContaining('outbound') });
    await until(async () => (await rep.collection.findOne('rep-forged').exec()) === null);
    await rep.refusals.settled();
    await rep.state.awaitInSync();
    expect((await serverDoc('messages', 'rep-out'))?.direction).toBe('outbound');
    expect(await serverDoc('messages', 'rep-forged')).toBeNull();
    await new Promise((r) => setTimeout(r, 1000));
    expect(rep.bulkIds.sort()).toEqual(['rep-forged', 'rep-out']);
    expect(rep.errors).toEqual([]);
  });
});
