// RxDB 17 (memory storage) with replicateCouchDB through the gateway: 1,000 docs pushed by one client
// and pulled by another, live changes both ways, and a refused doc that does not stop the rest of
// its batch.
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { collections } from '@app/shared/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { CORE, call, register, startTestServer, tempDir, type Session } from './helpers';

addRxPlugin(RxDBMigrationSchemaPlugin);

let server: RunningServer;
let s: Session;
const dir = tempDir();
const dbs: RxDatabase[] = [];
const replications: RxCouchDBReplicationState<unknown>[] = [];

beforeAll(async () => {
  server = await startTestServer(dir.path, CORE);
  s = await register(server.url);
});
afterAll(async () => {
  await Promise.all(replications.map((r) => r.cancel()));
  await Promise.all(dbs.map((d) => d.close()));
  await server.close();
  dir.remove();
}, 30_000);

const at = '2026-03-02T10:15:00.000Z';
const lead = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  contactId: 'contact-1',
  title: `Lead ${id}`,
  stage: 'new',
  source: { channel: 'manual' },
  createdAt: at,
  updatedAt: at,
  ...extra,
});

async function client(name: string): Promise<RxCollection> {
  const db = await createRxDatabase({
    name: `${name}${Date.now()}${dbs.length}`,
    storage: getRxStorageMemory(),
  });
  dbs.push(db);
  const created = await db.addCollections({
    leads: {
      schema: collections.leads.schema as never,
      migrationStrategies: collections.leads.migrations as never,
    },
  });
  return created.leads!;
}

function replicate(collection: RxCollection, live = true) {
  const state = replicateCouchDB({
    replicationIdentifier: `leads-${server.url}-${collection.database.name}`,
    collection,
    url: `${server.url}/sync/leads/`,
    live,
    fetch: (url, init) => {
      const headers = new Headers(init?.headers);
      headers.set('Authorization', `Bearer ${s.accessToken}`);
      return fetch(url, { ...init, headers });
    },
    pull: { batchSize: 200, heartbeat: 10_000 },
    push: { batchSize: 200 },
    retryTime: 500,
  });
  replications.push(state as RxCouchDBReplicationState<unknown>);
  return state;
}

async function until(check: () => Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}

describe('RxDB replicateCouchDB through /sync', () => {
  let a: RxCollection;
  let b: RxCollection;

  it('pushes 1,000 docs from one client and pulls them into another', async () => {
    a = await client('rxa');
    await a.bulkInsert(Array.from({ length: 1000 }, (_, i) => lead(`rx-${String(i).padStart(4, '0')}`)));
    const ra = replicate(a);
    await ra.awaitInitialReplication();
    await ra.awaitInSync();
    const all = await call(server.url, 'GET', '/sync/leads/_all_docs', { token: s.accessToken });
    expect(all.body.rows.filter((r: { id: string }) => !r.id.startsWith('_design/'))).toHaveLength(1000);

    b = await client('rxb');
    const rb = replicate(b);
    await rb.awaitInitialReplication();
    expect(await b.count().exec()).toBe(1000);
    const one = await b.findOne('rx-0999').exec();
    expect(one?.get('title')).toBe('Lead rx-0999');
  });

  it('carries live changes both ways', async () => {
    await a.insert(lead('rx-live', { title: 'From A' }));
    await until(async () => (await b.findOne('rx-live').exec())?.get('title') === 'From A');
    const doc = await b.findOne('rx-live').exec();
    await doc!.incrementalPatch({ title: 'Edited on B', stage: 'qualified' });
    await until(async () => (await a.findOne('rx-live').exec())?.get('stage') === 'qualified');
  });

  it('writes the valid docs of a batch that holds a refused doc', async () => {
    // A client without schema checks (or an old one) pushes an invalid doc beside valid ones.
    const c = await client('rxc');
    await c.bulkInsert([lead('rx-ok-1'), lead('rx-bad', { title: '' }), lead('rx-ok-2')]);
    await c.storageInstance.bulkWrite(
      [
        {
          document: {
            ...lead('rx-bad-2'),
            stage: 'maybe',
            _deleted: false,
            _rev: '1-a',
            _meta: { lwt: Date.now() },
            _attachments: {},
          } as never,
        },
      ],
      'test',
    );
    const rc = replicate(c);
    const errors: unknown[] = [];
    rc.error$.subscribe((e) => errors.push(e));
    await until(async () => {
      const all = await call(server.url, 'POST', '/sync/leads/_all_docs', {
        token: s.accessToken,
        body: { keys: ['rx-ok-1', 'rx-ok-2', 'rx-bad', 'rx-bad-2'] },
      });
      return all.body.rows.filter((r: { value?: unknown }) => r.value).length === 2;
    });
    const bad = await call(server.url, 'GET', '/sync/leads/rx-bad-2', { token: s.accessToken });
    expect(bad.status).toBe(404);
    // The live replication of the other clients goes on.
    await a.insert(lead('rx-after', { title: 'After the refusal' }));
    await until(async () => (await b.findOne('rx-after').exec()) !== null);
    expect(errors.length).toBeGreaterThan(0);
  });
});
