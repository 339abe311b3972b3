// The data module's accessors added for proposals/, integrations/, auth/ and data-care/ (issue 63),
// on the real (embedded) store: create-if-free on a team's collection, a query's docs with their
// revisions (written back on them: a stale one is a conflict); on a system database, whole docs by
// a selector, the first few by prefix, deletions in one request, the doc count and the changes feed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '@app/shared/errors';
import { startTestStore, type TestStore } from '../../test/helpers';
import { asCollectionDoc } from './collections';
import { systemDocs, teamData } from './data';
import { storeFile } from './stored-files';

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

type Note = { _id: string; _rev?: string; type: 'note'; group: string; n: number };

describe('systemDocs (auth and feeds)', () => {
  const notes = () => systemDocs<Note>(testStore.store, 'app_runtime');
  const note = (id: string, group: string, n: number): Note => ({ _id: id, type: 'note', group, n });

  it('selects whole docs, reads the first by prefix and deletes many in one request', async () => {
    for (const [id, n] of [
      ['n:a:1', 1],
      ['n:a:2', 2],
      ['n:a:3', 3],
    ] as const)
      await notes().put(note(id, 'a', n));
    expect(
      (await notes().select({ type: 'note', group: 'a', n: { $gte: 2 } })).map((d) => d.n).sort(),
    ).toEqual([2, 3]);
    const two = await notes().withPrefix('n:a:', 2);
    expect(two.map((d) => d._id)).toEqual(['n:a:1', 'n:a:2']);
    await notes().removeAll(two.map((d) => ({ _id: d._id, _rev: d._rev! })));
    expect((await notes().withPrefix('n:a:')).map((d) => d._id)).toEqual(['n:a:3']);
    expect(await notes().total()).toBeGreaterThanOrEqual(1);
    expect(await notes().create(note('n:c:1', 'c', 1))).toMatch(/^1-/);
    const again = await notes()
      .create(note('n:c:1', 'c', 2))
      .catch((e: unknown) => e);
    expect((again as DomainError).code).toBe('conflict');
    const first = (await notes().get('n:c:1'))!;
    expect(await notes().claim({ ...first, n: 5 })).toMatch(/^2-/);
    expect(await notes().claim({ ...first, n: 6 })).toBeUndefined();
    expect((await notes().get('n:c:1'))?.n).toBe(5);
  });

  it('answers the changes after a position: new docs with their bodies, deletions without', async () => {
    const from = await notes().position();
    const rev = await notes().put(note('n:f:1', 'f', 1));
    await notes().put(note('n:f:2', 'f', 2));
    await notes().remove('n:f:1', rev!);
    const seen = new Map<string, { deleted: boolean; n?: number }>();
    let at = from;
    for (;;) {
      const { changes, next } = await notes().changesSince(at, 1);
      for (const c of changes) seen.set(c.id, { deleted: c.deleted, ...(c.doc ? { n: c.doc.n } : {}) });
      at = next;
      if (changes.length < 1) break;
    }
    expect(seen.get('n:f:1')).toEqual({ deleted: true });
    expect(seen.get('n:f:2')).toEqual({ deleted: false, n: 2 });
    expect((await notes().changesSince(at, 10)).changes).toEqual([]);
  });
});

describe('teamData files originalLength', () => {
  it("answers the original's recorded length without its bytes, and undefined without one", async () => {
    const files = teamData(testStore.store, team).files;
    await storeFile(
      testStore.store.teamDb(team, 'files'),
      'len1',
      { kind: 'doc' },
      Buffer.alloc(2048, 7),
      'application/pdf',
    );
    await files.save({ id: 'len2', kind: 'doc' });
    expect(await files.originalLength('len1')).toBe(2048);
    expect(await files.originalLength('len2')).toBeUndefined();
    expect(await files.originalLength('none')).toBeUndefined();
  });
});
