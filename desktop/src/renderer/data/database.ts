// The local database: RxDB 17 on IndexedDB (dexie), one collection per shared schema, migrations from
// the shared definitions and the field-level merge as every collection's conflict handler. Schema
// validation (ajv) and RxDB's dev-mode run only in development builds.
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { collections, type CollectionDocs } from '@app/shared/schemas';
import {
  localCollectionNames as collectionNames,
  type LocalCollectionName as CollectionName,
} from './local-collections';
import { fieldMergeConflictHandler } from '@app/shared/sync';

/** Each local collection's doc type: the shared collections' types, for those kept on the device. */
export type DocTypes = Pick<CollectionDocs, CollectionName>;

export type AppCollections = { [N in CollectionName]: RxCollection<DocTypes[N]> };
export type AppDatabase = RxDatabase<AppCollections>;

addRxPlugin(RxDBMigrationSchemaPlugin);

async function storage(): Promise<RxStorage<unknown, unknown>> {
  const dexie = getRxStorageDexie();
  if (!import.meta.env.DEV) return dexie;
  const [{ RxDBDevModePlugin, disableWarnings }, { wrappedValidateAjvStorage }] = await Promise.all([
    import('rxdb/plugins/dev-mode'),
    import('rxdb/plugins/validate-ajv'),
  ]);
  disableWarnings();
  addRxPlugin(RxDBDevModePlugin);
  return wrappedValidateAjvStorage({ storage: dexie });
}

/** A stable, filesystem-safe database name per server and user, so two accounts never mix. */
export function databaseName(serverUrl: string, userId: string): string {
  let h = 2166136261;
  for (const ch of `${serverUrl}|${userId}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return `sw_${h.toString(36)}`;
}

export async function openDatabase(name: string, deviceId: string): Promise<AppDatabase> {
  const db = await createRxDatabase<AppCollections>({
    name,
    storage: await storage(),
    multiInstance: true,
    eventReduce: true,
    closeDuplicates: true,
  });
  await db.addCollections(
    Object.fromEntries(
      collectionNames.map((n) => [
        n,
        {
          schema: collections[n].schema as never,
          migrationStrategies: collections[n].migrations as never,
          conflictHandler: fieldMergeConflictHandler(collections[n], deviceId) as never,
        },
      ]),
    ) as never,
  );
  return db;
}
