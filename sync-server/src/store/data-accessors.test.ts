// The data module's accessors added for proposals/, integrations/, auth/ and data-care/ (issue 63),
// on the real (embedded) store: create-if-free on a team's collection, a query's docs with their
// revisions (written back on them: a stale one is a conflict).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '@app/shared/errors';
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

describe('teamData findItems', () => {
  it('answers each selected doc with its revision; a write on it lands once, a second is a conflict', async () => {
    const products = teamData(testStore.store, team).products;
    await products.bulk([{ doc: product('q1', 5) }, { doc: product('q2', 50) }]);
    const found = await products.findItems({ selector: { sku: { $in: ['Q1', 'Q2'] } }, limit: 10 });
    const q1 = found.find((i) => i.doc.id === 'q1');
    expect(found.map((i) => i.doc.id).sort()).toEqual(['q1', 'q2']);
    expect(q1?.rev).toMatch(/^1-/);
    await products.save({ ...q1!.doc, name: 'renamed' }, q1!.rev);
    const stale = await products.save({ ...q1!.doc, name: 'again' }, q1!.rev).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(DomainError);
    expect((stale as DomainError).code).toBe('conflict');
    expect((await products.get('q1'))?.name).toBe('renamed');
  });
});
