// A client replica built like the desktop's (desktop/src/renderer/data/database.ts and replication.ts):
// RxDB with memory storage instead of IndexedDB, the shared schemas and migrations, the field-level
// merge (`fieldMergeConflictHandler`) as conflict handler, and live `replicateCouchDB` through the
// gateway with the desktop's batch sizes. Its fetch adds the bearer token and turns error answers into
// thrown errors with the same `throwOnErrorStatus` (shared/src/sync) the desktop's replication uses.
// Without that, one 503 answer to a long-poll ends RxDB's live pull for good (scenario 3b found it).
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { collections } from '@app/shared/schemas';
import { fieldMergeConflictHandler, throwOnErrorStatus } from '@app/shared/sync';

addRxPlugin(RxDBMigrationSchemaPlugin);

export type ReplicaName = 'leads' | 'contacts';

export type DesktopReplica = {
  db: RxDatabase;
  local: Record<ReplicaName, RxCollection>;
  replications: RxCouchDBReplicationState<unknown>[];
  close(): Promise<void>;
};

let opened = 0;

export async function openDesktopReplica(opts: {
  url: string;
  token: string;
  names: readonly ReplicaName[];
  deviceId: string;
  /** Wraps each request (an offline switch); default: plain fetch. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  retryTime?: number;
}): Promise<DesktopReplica> {
  const db = await createRxDatabase({
    name: `faults${Date.now()}${opened++}`,
    storage: getRxStorageMemory(),
  });
  const created = await db.addCollections(
    Object.fromEntries(
      opts.names.map((n) => [
        n,
        {
          schema: collections[n].schema as never,
          migrationStrategies: collections[n].migrations as never,
          conflictHandler: fieldMergeConflictHandler(collections[n], opts.deviceId) as never,
        },
      ]),
    ),
  );
  const send = opts.fetch ?? ((url: string, init: RequestInit) => fetch(url, init));
  const replicationFetch = ((url: string, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    headers.set('Authorization', `Bearer ${opts.token}`);
    return send(String(url), { ...init, headers }).then(throwOnErrorStatus);
  }) as typeof fetch;
  const replications = opts.names.map(
    (name) =>
      replicateCouchDB({
        replicationIdentifier: `faults-${name}-${opts.url}-${opts.deviceId}`,
        collection: (created as unknown as Record<ReplicaName, RxCollection>)[name],
        url: `${opts.url}/sync/${name}/`,
        fetch: replicationFetch,
        live: true,
        retryTime: opts.retryTime ?? 5_000,
        pull: { batchSize: 200, heartbeat: 25_000 },
        push: { batchSize: 100 },
      }) as RxCouchDBReplicationState<unknown>,
  );
  return {
    db,
    local: created as unknown as Record<ReplicaName, RxCollection>,
    replications,
    async close() {
      await Promise.all(replications.map((r) => r.cancel()));
      await db.close();
    },
  };
}
