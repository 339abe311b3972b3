// The real local database (RxDB on dexie, over fake-indexeddb in Node): every shared schema opens, the
// field-level merge is every collection's conflict handler, and local edits stamp field times.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { localCollectionNames as collectionNames } from './local-collections';
import { sampleDocs } from '../test/sample-docs';
import { touchFields } from '@app/shared/sync';
import { databaseName, openDatabase } from './database';

describe('local database', () => {
  it('opens every collection, stores the samples and merges conflicts field by field', async () => {
    const db = await openDatabase(`test${Date.now()}`, 'device-1');
    try {
      expect(Object.keys(db.collections).sort()).toEqual([...collectionNames].sort());
      // Free RxDB's limit: at most 13 collections open; the objection library is read through the API.
      expect(Object.keys(db.collections).length).toBeLessThanOrEqual(13);
      expect(Object.keys(db.collections)).not.toContain('objections');
      for (const name of collectionNames) {
        await db.collections[name].insert(structuredClone(sampleDocs[name]) as never);
      }
      const base = { ...structuredClone(sampleDocs.leads), _deleted: false };
      const local = touchFields(base, { title: 'Local title' }, '2026-03-03T00:00:00.000Z');
      const remote = touchFields(base, { stage: 'won' }, '2026-03-03T00:00:01.000Z');
      const handler = db.leads.conflictHandler;
      expect(handler.isEqual(base as never, { ...base } as never, 'test')).toBe(true);
      const merged = await handler.resolve({ assumedMasterState: base as never, newDocumentState: local as never, realMasterState: remote as never }, 'test');
      expect(merged).toMatchObject({ title: 'Local title', stage: 'won' });
      await expect(db.leads.insert({ ...sampleDocs.leads, id: 'bad', stage: 'Maybe!' } as never)).rejects.toThrow();
    } finally {
      await db.remove();
    }
  });

  it('names databases per server and user', () => {
    expect(databaseName('http://a', 'u1')).toBe(databaseName('http://a', 'u1'));
    expect(databaseName('http://a', 'u1')).not.toBe(databaseName('http://b', 'u1'));
    expect(databaseName('http://a', 'u1')).toMatch(/^sw_[a-z0-9]+$/);
  });
});
