// The typed collections (collections.ts) on the real store: each read answers the domain's doc (`id`,
// none of CouchDB's own fields), a missing doc is null or a 404 DomainError, a query selects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '@app/shared/errors';
import { startTestStore, type TestStore } from '../../test/helpers';
import { storedAsDoc, teamCollection } from './collections';

let testStore: TestStore;
const team = 'typed';

beforeAll(async () => {
  testStore = await startTestStore('collections');
  await testStore.store.ensureTeam(team);
  const db = testStore.store.teamDb(team, 'products');
  await db.insert({ _id: 'p1', sku: 'A-1', name: 'Chair', price: 10 } as never);
  await db.insert({ _id: 'p2', sku: 'B-2', name: 'Table', price: 30 } as never);
}, 60_000);

afterAll(async () => testStore.close());

describe('teamCollection', () => {
  const products = () => teamCollection(testStore.store, team, 'products');

  it('reads every doc and one doc as the domain types them', async () => {
    const all = await products().all();
    expect(all.map((p) => [p.id, p.sku])).toEqual([
      ['p1', 'A-1'],
      ['p2', 'B-2'],
    ]);
    const one = await products().get('p2');
    expect(one).toMatchObject({ id: 'p2', name: 'Table' });
    expect(one).not.toHaveProperty('_id');
    expect(one).not.toHaveProperty('_rev');
  });

  it('answers null, or a 404 with the code asked for, for a doc that is not there', async () => {
    expect(await products().get('nope')).toBeNull();
    const err = await products()
      .getOr404('nope', 'not-found', 'Product')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).message).toBe("Product 'nope' was not found");
  });

  it('answers the docs a query selects', async () => {
    const found = await products().find({ selector: { price: { $gt: 20 } } });
    expect(found.map((p) => p.id)).toEqual(['p2']);
  });

  it('reads a stored doc of a feed as its collection type', () => {
    expect(storedAsDoc('products', { _id: 'p3', _rev: '1-a', sku: 'C' })).toEqual({ id: 'p3', sku: 'C' });
  });
});
