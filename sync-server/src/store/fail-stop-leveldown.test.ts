// The embedded store's LevelDB wrapper on a handle that is closing or closed: every call answers
// "Database is not open", and an iterator finds nothing (leveldown itself would hand each to LevelDB,
// whose handle is gone, and the process would die of a segmentation fault: a test worker did, when a
// request outlived its store).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { failStopLeveldown } from './fail-stop-leveldown';

type Cb = (err?: Error | null, value?: unknown) => void;
type Level = {
  status: string;
  open(cb: Cb): void;
  close(cb: Cb): void;
  get(key: string, cb: Cb): void;
  put(key: string, value: string, cb: Cb): void;
  del(key: string, cb: Cb): void;
  batch(): { put(k: string, v: string): unknown; write(cb: Cb): void };
  batch(ops: { type: 'put'; key: string; value: string }[], cb: Cb): void;
  iterator(): { next(cb: Cb): void; end(cb: Cb): void };
};

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const call = (f: (cb: Cb) => void) =>
  new Promise<unknown>((ok, fail) => f((err, value) => (err ? fail(err) : ok(value))));

async function openLevel(): Promise<Level> {
  const dir = mkdtempSync(join(tmpdir(), 'fail-stop-'));
  dirs.push(dir);
  const { leveldown } = failStopLeveldown({ onFault: () => undefined });
  const db = leveldown(join(dir, 'db')) as unknown as Level;
  await call((cb) => db.open(cb));
  await call((cb) => db.put('a', '1', cb));
  return db;
}

/** Each kind of call on `db`, and how it ended: its error's message, or whether it found anything. */
async function everyCall(db: Level): Promise<Record<string, string>> {
  const calls = {
    get: call((cb) => db.get('a', cb)),
    put: call((cb) => db.put('b', '2', cb)),
    del: call((cb) => db.del('a', cb)),
    batch: call((cb) => db.batch([{ type: 'put', key: 'c', value: '3' }], cb)),
    chained: call((cb) => {
      const batch = db.batch();
      batch.put('d', '4');
      batch.write(cb);
    }),
    iterator: call((cb) => db.iterator().next(cb)),
  };
  const ended = await Promise.allSettled(Object.values(calls));
  return Object.fromEntries(
    Object.keys(calls).map((name, i) => {
      const end = ended[i]!;
      if (end.status === 'rejected') return [name, (end.reason as Error).message];
      return [name, end.value === undefined ? 'nothing' : 'found'];
    }),
  );
}

const refusedEverywhere = {
  get: 'Database is not open',
  put: 'Database is not open',
  del: 'Database is not open',
  batch: 'Database is not open',
  chained: 'Database is not open',
  iterator: 'nothing', // an iterator of a closed handle finds nothing (an error would go uncaught)
};

describe('the store LevelDB wrapper on a closed handle', () => {
  it('answers every call made after the close with "Database is not open", and the process lives', async () => {
    const db = await openLevel();
    await call((cb) => db.close(cb));
    expect(db.status).toBe('closed');
    expect(await everyCall(db)).toEqual(refusedEverywhere);
  });

  it('answers calls made while the close is under way, and lets the reads before it finish', async () => {
    const db = await openLevel();
    const before = call((cb) => db.get('a', cb));
    const closed = call((cb) => db.close(cb));
    expect(db.status).toBe('closing');
    const during = everyCall(db);
    await expect(before).resolves.toEqual(Buffer.from('1'));
    expect(await during).toEqual(refusedEverywhere);
    await closed;
  });
});
