// RxDB itself must accept every collection schema (its dev-mode checks are stricter than JSON schema:
// indexed fields need bounds, top-level fields may not start with an underscore, ...).
import { describe, expect, it } from 'vitest';
import { addRxPlugin, createRxDatabase } from 'rxdb';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { collectionNames, collections } from './index';
import { sampleDocs } from './fixtures';

disableWarnings();
addRxPlugin(RxDBDevModePlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

const storage = () => wrappedValidateAjvStorage({ storage: getRxStorageMemory() });

describe('RxDB 17', () => {
  it('creates every collection from the shared schemas, and stores the samples; invalid docs are refused', async () => {
    const db = await createRxDatabase({
      name: `schemas${Date.now()}`,
      storage: storage(),
      ignoreDuplicate: true,
    });
    try {
      const created = await db.addCollections(
        Object.fromEntries(
          collectionNames.map((name) => [
            name,
            {
              schema: collections[name].schema as never,
              migrationStrategies: collections[name].migrations as never,
            },
          ]),
        ),
      );
      expect(Object.keys(created).sort()).toEqual([...collectionNames].sort());
      for (const name of collectionNames) {
        const doc = await created[name]!.insert(structuredClone(sampleDocs[name]) as never);
        expect(doc.primary).toBe(sampleDocs[name].id);
      }
      await expect(
        created.leads!.insert({ ...sampleDocs.leads, id: 'lead-bad', stage: 'Maybe!' } as never),
      ).rejects.toThrow();
    } finally {
      await db.remove();
    }
  });

  it('migrates a stored version-0 lead with the shared migration when the app opens version 1', async () => {
    const name = `migrate${Date.now()}`;
    const {
      score: _s,
      reasons: _r,
      ...v0Properties
    } = { ...collections.leads.schema.properties, reasons: null };
    const legacySchema = {
      ...collections.leads.schema,
      version: 0,
      properties: { ...v0Properties, score: { type: 'number' }, source: { type: 'string', maxLength: 20 } },
    };
    const oldDb = await createRxDatabase({ name, storage: storage(), ignoreDuplicate: true });
    const old = await oldDb.addCollections({ leads: { schema: legacySchema as never } });
    await old.leads!.insert({
      id: 'l0',
      contactId: 'c0',
      title: 'Legacy',
      stage: 'new',
      score: 55,
      source: 'telegram',
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
    } as never);
    await oldDb.close();

    const db = await createRxDatabase({ name, storage: storage(), ignoreDuplicate: true });
    try {
      const current = await db.addCollections({
        leads: {
          schema: collections.leads.schema as never,
          migrationStrategies: collections.leads.migrations as never,
        },
      });
      const doc = await current.leads!.findOne('l0').exec();
      expect(doc?.toJSON()).toMatchObject({ score: { value: 55 }, source: { channel: 'telegram' } });
    } finally {
      await db.remove();
    }
  });
});
