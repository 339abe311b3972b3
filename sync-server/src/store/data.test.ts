// The data module (data.ts) on the real (embedded) store: a team's collections write and page typed
// docs with conflicts as 409 DomainErrors, system docs read-modify-write on their revision even when
// two writers meet, prefix reads and counts, typed queries, and the files' stored bytes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '@app/shared/errors';
import { startTestStore, type TestStore } from '../../test/helpers';
import { asCollectionDoc } from './collections';
import { storeFile } from './stored-files';
import { systemDocs, teamData } from './data';

let testStore: TestStore;
const team = 'datamod';

beforeAll(async () => {
  testStore = await startTestStore('datamod');
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
const price = (p: { prices: { amount: number }[] } | null | undefined) => p?.prices[0]?.amount;

describe('teamData', () => {
  it('saves a new doc, then over its revision; a stale revision or a second create is a conflict', async () => {
    const products = teamData(testStore.store, team).products;
    const rev = await products.save(product('a1', 10));
    const rev2 = await products.save({ ...product('a1', 12) }, rev);
    expect(rev2).not.toBe(rev);
    expect(price(await products.get('a1'))).toBe(12);
    for (const write of [products.save(product('a1', 13), rev), products.save(product('a1', 14))]) {
      const err = await write.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe('conflict');
    }
    await products.remove('a1', rev2);
    expect(await products.get('a1')).toBeNull();
  });

  it('writes many docs in one request, each with its own outcome, and pages them in id order', async () => {
    const products = teamData(testStore.store, team).products;
    const first = await products.bulk([{ doc: product('b1', 1) }, { doc: product('b2', 2) }]);
    expect(first.map((r) => [r.id, Boolean(r.rev), r.error])).toEqual([
      ['b1', true, undefined],
      ['b2', true, undefined],
    ]);
    const again = await products.bulk([{ doc: product('b2', 5) }, { doc: product('b3', 3) }]);
    expect(again.map((r) => r.error ?? 'ok')).toEqual(['conflict', 'ok']);
    const page = await products.scan({ limit: 2, match: (p) => (price(p) ?? 0) >= 2 });
    expect(page.items.map((i) => [i.doc.id, price(i.doc)])).toEqual([
      ['b2', 2],
      ['b3', 3],
    ]);
    expect(page.done).toBe(false);
    const rest = await products.scan({ limit: 2, after: page.last ?? undefined });
    expect(rest.items).toEqual([]);
    expect(rest.done).toBe(true);
    const b1 = first[0]!;
    await products.bulk([{ doc: product('b1', 1), rev: b1.rev!, deleted: true }]);
    expect(await products.get('b1')).toBeNull();
  });

  it('counts the bytes of the files store, and 0 for a team not set up', async () => {
    const files = testStore.store.teamDb(team, 'files');
    await storeFile(files, 'f1', { kind: 'doc' }, Buffer.alloc(1500, 1), 'application/octet-stream');
    await storeFile(files, 'f2', { kind: 'doc' }, Buffer.from('hello'), 'text/plain', 1000);
    expect(await teamData(testStore.store, team).files.attachmentBytes()).toBe(1505);
    expect(await teamData(testStore.store, 'no-such-team').files.attachmentBytes()).toBe(0);
    const files2 = teamData(testStore.store, team).files;
    expect((await files2.original('f2')).toString('utf8')).toBe('hello');
    expect((await files2.get('f1'))?.doc).toEqual({ id: 'f1', kind: 'doc' });
    expect(await files2.get('nope')).toBeNull();
  });
});

type Counter = { _id: string; _rev?: string; type: 'counter'; group: string; n: number };

describe('systemDocs', () => {
  const counters = () => systemDocs<Counter>(testStore.store, 'app_runtime');

  it('updates on the revision: two writers side by side both land', async () => {
    const bump = (c: Counter | null): Counter => ({
      _id: 'c:x:1',
      type: 'counter',
      group: 'x',
      n: (c?.n ?? 0) + 1,
    });
    await Promise.all([
      counters().update('c:x:1', bump),
      counters().update('c:x:1', bump),
      counters().update('c:x:1', bump),
    ]);
    expect((await counters().get('c:x:1'))?.n).toBe(3);
    const unchanged = await counters().update('c:x:1', () => undefined);
    expect(unchanged?.n).toBe(3);
  });

  it('answers null for a missing doc and for a write that lost to another', async () => {
    expect(await counters().get('c:none')).toBeNull();
    const rev = await counters().put({ _id: 'c:y:1', type: 'counter', group: 'y', n: 1 });
    expect(rev).toMatch(/^1-/);
    expect(await counters().put({ _id: 'c:y:1', type: 'counter', group: 'y', n: 2 })).toBeNull();
    expect(await counters().put({ _id: 'c:y:1', _rev: rev!, type: 'counter', group: 'y', n: 2 })).toMatch(
      /^2-/,
    );
  });

  it('reads and counts by id prefix, and selects fields by a query', async () => {
    await counters().put({ _id: 'c:y:2', type: 'counter', group: 'y', n: 7 });
    expect((await counters().withPrefix('c:y:')).map((c) => [c._id, c.n])).toEqual([
      ['c:y:1', 2],
      ['c:y:2', 7],
    ]);
    expect(await counters().countWithPrefix('c:y:')).toBe(2);
    expect(await counters().countWithPrefix('c:z:')).toBe(0);
    const found = await counters().find({ type: 'counter', group: 'y', n: { $gt: 5 } }, ['_id', 'n']);
    expect(found).toEqual([{ _id: 'c:y:2', n: 7 }]);
    const y2 = await counters().get('c:y:2');
    await counters().remove('c:y:2', y2!._rev!);
    expect(await counters().get('c:y:2')).toBeNull();
  });
});
