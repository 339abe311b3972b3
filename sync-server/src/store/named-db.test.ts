// Databases by name (named-db.ts) on the real (embedded) store: created and dropped, docs written at
// their own revisions and paged back in id order with their attachments inline, ids found present,
// and every leaf revision of a doc tombstoned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStore, type TestStore } from '../../test/helpers';
import { namedDb } from './named-db';

let testStore: TestStore;

beforeAll(async () => {
  testStore = await startTestStore('nameddb');
}, 60_000);

afterAll(async () => testStore.close());

describe('namedDb', () => {
  it('creates a database, writes docs at their revisions and pages them back with attachments', async () => {
    const db = namedDb(testStore.store, testStore.store.systemDbName('app_runtime') + '_named');
    await db.create();
    await db.create(); // there already: fine
    const data = Buffer.from('hello').toString('base64');
    const written = await db.writeAtRevisions([
      { _id: 'a', _rev: '3-aaa', n: 1 },
      { _id: 'b', _rev: '1-bbb', n: 2, _attachments: { original: { content_type: 'text/plain', data } } },
      { _id: 'c', _rev: '2-ccc', n: 3 },
    ]);
    expect(written.filter((r) => r.error)).toEqual([]);
    const first = await db.page(undefined, 2, true);
    expect(first.docs.map((d) => [d._id, d._rev])).toEqual([
      ['a', '3-aaa'],
      ['b', '1-bbb'],
    ]);
    expect((first.docs[1]!._attachments as Record<string, { data: string }>).original?.data).toBe(data);
    expect(first.more).toBe(true);
    const rest = await db.page(first.last, 2);
    expect(rest.docs.map((d) => d._id)).toEqual(['c']);
    expect(rest.more).toBe(false);
    expect([...(await db.present(['a', 'c', 'zz']))].sort()).toEqual(['a', 'c']);
    const tombs = await db.tombstone(['a', 'zz']);
    expect(Object.keys(tombs)).toEqual(['a']);
    expect((await db.page(undefined, 10)).docs.map((d) => d._id)).toEqual(['b', 'c']);
    await db.drop();
    await db.drop(); // gone already: fine
  });
});
