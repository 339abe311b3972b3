// The data module's accessors added for proposals/, integrations/, auth/ and data-care/ (issue 63),
// on the real (embedded) store: create-if-free on a team's collection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStore, type TestStore } from '../../test/helpers';
import { asCollectionDoc } from './collections';
import { teamData } from './data';

let testStore: TestStore;
const team = 'dataacc';

beforeAll(async () => {
  testStore = await startTestStore('dataacc');
  await testStore.store.ensureTeam(team);
}, 60_000);

afterAll(async () => testStore.close());

const product = (id: string, price: number) =>
  asCollectionDoc('products', {
    id,
    sku: id.toUpperCase(),
    name: `P ${id}`,
    prices: [{ currency: 'RUB', amount: price }],
  });

describe('teamData create', () => {
  it('creates a doc once: a second create with its id writes nothing and answers false', async () => {
    const products = teamData(testStore.store, team).products;
    expect(await products.create(product('c1', 10))).toBe(true);
    expect(await products.create(product('c1', 99))).toBe(false);
    expect((await products.get('c1'))?.prices[0]?.amount).toBe(10);
  });
});
