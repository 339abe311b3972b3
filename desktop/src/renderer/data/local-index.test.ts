// The projection index on the real local database (RxDB on dexie over fake-indexeddb) with its rows
// stored in IndexedDB: rows follow inserts, moves and deletes as change events arrive, and a restart
// reads the stored rows and then only what was written since (a row the database no longer matches
// would show it, had everything been read again).
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { LeadDoc } from '@app/shared/schemas';
import { sampleDocs } from '../test/sample-docs';
import { openDatabase, type AppDatabase } from './database';
import { leadRow, leadRowCodec, type LeadRow } from './list-indexes';
import { createLocalIndex, indexedDbRowStore, type LocalIndex, type RowChange } from './local-index';

const lead = (id: string, patch: Partial<LeadDoc> = {}): LeadDoc => ({
  ...structuredClone(sampleDocs.leads),
  id,
  title: `Deal ${id}`,
  ...patch,
});

const open: { db?: AppDatabase; index?: LocalIndex<LeadRow> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.index?.close();
    await o.db?.remove();
  }
});

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe('local projection index', () => {
  it('follows inserts, stage moves and deletes through change events, telling each row before and after', async () => {
    const db = await openDatabase(`ix${Date.now()}a`, 'device-1');
    await db.leads.bulkInsert([lead('l1', { stage: 'new' }), lead('l2', { stage: 'new', pipelineId: undefined })]);
    const index = createLocalIndex({
      collection: db.leads as never,
      name: 'test',
      project: leadRow,
      store: indexedDbRowStore(db.name),
      persistDelayMs: 10,
    });
    open.push({ db, index });
    const seen: RowChange<LeadRow>[][] = [];
    index.subscribe((c) => seen.push([...c]));
    await index.ready;
    expect(index.isReady).toBe(true);
    expect([...index.rows.keys()].sort()).toEqual(['l1', 'l2']);
    // A deal with no pipeline runs in the default one; its row says so.
    expect(index.rows.get('l2')?.pipelineId).toBe('default');

    // A move made elsewhere arrives as a write to the local database (replication writes the same way).
    const doc = await db.leads.findOne('l1').exec();
    await doc!.incrementalPatch({ stage: 'won' });
    await until(() => index.rows.get('l1')?.stage === 'won');
    const move = seen.flat().find((c) => c.id === 'l1' && c.after?.stage === 'won');
    expect(move?.before?.stage).toBe('new');

    await (await db.leads.findOne('l2').exec())!.remove();
    await until(() => !index.rows.has('l2'));
    expect(seen.flat().some((c) => c.id === 'l2' && c.before && !c.after)).toBe(true);
  });

  it('restarts from the stored rows and reads only what was written since their checkpoint', async () => {
    const db = await openDatabase(`ix${Date.now()}b`, 'device-1');
    open.push({ db });
    await db.leads.bulkInsert([lead('l1'), lead('l2'), lead('l3')]);
    const store = indexedDbRowStore(db.name);
    const first = createLocalIndex({ collection: db.leads as never, name: 'test', project: leadRow, store, persistDelayMs: 5 });
    await first.ready;
    // Stored soon after a catch-up that changed rows.
    await until(() => first.rows.size === 3);
    await new Promise((r) => setTimeout(r, 50));
    first.close();

    // The stored row of l3 is altered by hand: if the restart read every deal again it would be fixed.
    const stored = (await store.get('leads:' + db.leads.schema.version + ':test')) as {
      rows: [string, LeadRow][];
    };
    const l3 = stored.rows.find(([id]) => id === 'l3')!;
    l3[1] = { ...l3[1], title: 'untouched since' };
    await store.put('leads:' + db.leads.schema.version + ':test', stored);

    // Written while no index was open (another tab, a crash before the rows were stored).
    await (await db.leads.findOne('l1').exec())!.incrementalPatch({ stage: 'proposal' });
    await db.leads.insert(lead('l4'));

    const second = createLocalIndex({ collection: db.leads as never, name: 'test', project: leadRow, store });
    open.push({ index: second });
    await second.ready;
    expect(second.rows.get('l1')?.stage).toBe('proposal');
    expect(second.rows.has('l4')).toBe(true);
    expect(second.rows.get('l3')?.title).toBe('untouched since');
    expect(second.rows.size).toBe(4);
  });

  it('builds again when the stored rows do not add up to the collection', async () => {
    const db = await openDatabase(`ix${Date.now()}d`, 'device-1');
    await db.leads.bulkInsert([lead('l1'), lead('l2')]);
    const store = indexedDbRowStore(db.name);
    const key = 'leads:' + db.leads.schema.version + ':test';
    const first = createLocalIndex({
      collection: db.leads as never,
      name: 'test',
      project: leadRow,
      store,
      persistDelayMs: 5,
    });
    open.push({ db });
    await first.ready;
    await until(() => first.rows.size === 2);
    await new Promise((r) => setTimeout(r, 50));
    first.close();
    // As if a database of the same name had held a deal this one never had: its checkpoint is current.
    const checkpoint = ((await store.get(key)) as { checkpoint: unknown }).checkpoint;
    await store.put(key, {
      checkpoint,
      rows: [...first.rows, ['ghost', leadRow(lead('ghost') as never)]],
    });
    const second = createLocalIndex({ collection: db.leads as never, name: 'test', project: leadRow, store });
    open.push({ index: second });
    const told: number[] = [];
    second.subscribe((c) => told.push(c.length));
    await second.ready;
    expect([...second.rows.keys()].sort()).toEqual(['l1', 'l2']);
    // Listeners start over (an empty list) rather than apply changes to rows they no longer match.
    expect(told).toContain(0);
  });

  it('stores rows as columns through a codec and reads them back as they were', async () => {
    const db = await openDatabase(`ix${Date.now()}e`, 'device-1');
    open.push({ db });
    const bare = lead('l2', { title: 'Tab\u001fseparated', score: { value: 7, reasons: [] } });
    delete (bare as Partial<LeadDoc>).value;
    delete (bare as Partial<LeadDoc>).company;
    delete (bare as Partial<LeadDoc>).probability;
    await db.leads.bulkInsert([lead('l1', { probability: 40 }), bare, lead('l3', { title: '' + 'Ω deal' })]);
    const store = indexedDbRowStore(db.name);
    const options = { collection: db.leads as never, name: 'cols', project: leadRow, store, codec: leadRowCodec };
    const first = createLocalIndex({ ...options, persistDelayMs: 5 });
    await first.ready;
    await new Promise((r) => setTimeout(r, 50));
    first.close();
    const stored = (await store.get('leads:' + db.leads.schema.version + ':cols')) as Record<string, unknown>;
    expect(stored.rows).toBeUndefined();
    expect(stored.columns).toBeDefined();

    const second = createLocalIndex(options);
    open.push({ index: second });
    await second.ready;
    const want = (await db.leads.find().exec()).map((d) => leadRow(d.toJSON() as never));
    expect(want).toHaveLength(3);
    for (const row of want) expect(second.rows.get(row.id)).toEqual(row);
    expect(second.rows.get('l2')?.value).toBeUndefined();
    expect(second.rows.get('l2')?.title).toBe('Tab\u001fseparated');
    expect(second.rows.get('l1')?.probability).toBe(40);
  });

  it('builds again when the rows were stored for another database of the same name', async () => {
    const db = await openDatabase(`ix${Date.now()}f`, 'device-1');
    open.push({ db });
    await db.leads.bulkInsert([lead('l1'), lead('l2')]);
    const store = indexedDbRowStore(db.name);
    const key = 'leads:' + db.leads.schema.version + ':tok';
    const base = { collection: db.leads as never, name: 'tok', project: leadRow, store };
    const first = createLocalIndex({ ...base, token: Promise.resolve('db-a'), persistDelayMs: 5 });
    await first.ready;
    await new Promise((r) => setTimeout(r, 50));
    first.close();
    // A row the database does not hold, and the same count: only the token tells them apart.
    const stored = (await store.get(key)) as { rows: [string, LeadRow][]; token: string };
    expect(stored.token).toBe('db-a');
    stored.rows[0] = ['ghost', leadRow(lead('ghost') as never)];
    await store.put(key, stored);

    const same = createLocalIndex({ ...base, token: Promise.resolve('db-a') });
    await same.ready;
    expect(same.rows.has('ghost')).toBe(true);
    same.close();
    const other = createLocalIndex({ ...base, token: Promise.resolve('db-b') });
    open.push({ index: other });
    await other.ready;
    expect([...other.rows.keys()].sort()).toEqual(['l1', 'l2']);
  });

  it('reads a first build in pages', async () => {
    const db = await openDatabase(`ix${Date.now()}c`, 'device-1');
    await db.leads.bulkInsert(Array.from({ length: 25 }, (_, i) => lead(`l${i}`, { score: { value: i, reasons: [] } })));
    const index = createLocalIndex({
      collection: db.leads as never,
      name: 'test',
      project: leadRow,
      store: indexedDbRowStore(db.name),
      pageSize: 7,
    });
    open.push({ db, index });
    await index.ready;
    expect(index.rows.size).toBe(25);
    expect(index.rows.get('l24')?.score).toEqual({ value: 24 });
  });
});
