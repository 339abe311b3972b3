// Group commit against the real embedded store: callers get exactly the answers their own requests
// would have had (docs, 404s, revisions, 409s, bulk rows), fewer requests reach the store, and one
// caller's bad doc never fails another's write.
import nano, { type DocumentScope } from 'nano';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers';
import { coalescingScope, type CoalescingOptions } from './coalescing-scope';
import { statusOf } from './couch-errors';
import { startEmbeddedCouch, type EmbeddedCouch } from './embedded-couch';

type Doc = { _id: string; _rev?: string; n?: number; _deleted?: boolean; [k: string]: unknown };

let couch: EmbeddedCouch;
const dir = tempDir('coalescing-');
/** The requests that reached the store, as `METHOD path`. */
const seen: string[] = [];

beforeAll(async () => {
  couch = await startEmbeddedCouch({
    dataDir: dir.path,
    adminPassword: 'pw',
    log: pino({ level: 'silent' }),
    mode: 'inline',
  });
});
afterAll(async () => {
  await couch.close();
  dir.remove();
});

/** A fresh database and a coalescing scope on it; the scope's requests are counted in `seen`. */
async function freshDb(
  name: string,
  options: CoalescingOptions = { maxInFlight: 1 },
): Promise<DocumentScope<Doc>> {
  const server = nano({
    url: couch.url,
    log: (entry: unknown) => {
      const e = entry as { method?: string; uri?: string; url?: string } | undefined;
      if (e?.method)
        seen.push(`${e.method.toUpperCase()} ${new URL(e.uri ?? e.url ?? '', 'http://x').pathname}`);
    },
  });
  await server.db.create(name);
  seen.length = 0;
  return coalescingScope(server.use<Doc>(name), options);
}

const outcome = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ value }),
    (e: unknown) => ({ status: statusOf(e), error: (e as { error?: string }).error }),
  );

describe('coalescingScope', () => {
  it('answers a lone request as it is, then sends the ones that waited as one batch', async () => {
    const db = await freshDb('lone');
    const first = db.insert({ _id: 'd0', n: 0 });
    // The next turn of the event loop: the first has gone, alone.
    await new Promise((r) => setImmediate(r));
    const writes = [
      await first,
      ...(await Promise.all(Array.from({ length: 5 }, (_, n) => db.insert({ _id: `d${n + 1}`, n: n + 1 })))),
    ];
    expect(writes.map((w) => w.id)).toEqual(['d0', 'd1', 'd2', 'd3', 'd4', 'd5']);
    expect(writes.every((w) => w.ok && /^1-/.test(w.rev))).toBe(true);
    // The first went alone; the five that waited for it went together.
    expect(seen.filter((s) => s.startsWith('POST'))).toEqual(['POST /lone', 'POST /lone/_bulk_docs']);

    seen.length = 0;
    const reads = await Promise.all(['d0', 'd1', 'nope', 'd2'].map((id) => outcome(db.get(id))));
    expect(reads[0]).toMatchObject({ value: { _id: 'd0', n: 0 } });
    expect(reads[1]).toMatchObject({ value: { _id: 'd1', n: 1 } });
    expect(reads[2]).toEqual({ status: 404, error: 'not_found' });
    expect(reads[3]).toMatchObject({ value: { _id: 'd2', n: 2 } });
    // Asked in one turn of the event loop: one request for all four.
    expect(seen).toEqual(['POST /lone/_all_docs']);
    seen.length = 0;
    expect((await db.get('d3')).n).toBe(3);
    expect(seen).toEqual(['GET /lone/d3']);
  });

  it('gives each writer its own answer: a conflict to the stale one, a 404 for a deleted doc', async () => {
    const db = await freshDb('conflicts');
    const first = await db.insert({ _id: 'a', n: 1 });
    await db
      .insert({ _id: 'gone', n: 1 })
      .then((r) => db.insert({ _id: 'gone', _rev: r.rev, _deleted: true }));
    const [, stale, fresh, create] = await Promise.all([
      outcome(db.get('a')), // goes alone; the others wait and go together
      outcome(db.insert({ _id: 'a', n: 2 })), // no revision: a conflict
      outcome(db.insert({ _id: 'b', n: 1 })),
      outcome(db.get('gone')),
    ]);
    expect(stale).toEqual({ status: 409, error: 'conflict' });
    expect(fresh).toMatchObject({ value: { ok: true, id: 'b' } });
    expect(create).toEqual({ status: 404, error: 'not_found' });
    expect((await db.get('a')).n).toBe(1);
    // Two writes of one doc never share a batch, so each is checked against the revision it names.
    const [x, y] = await Promise.all([
      outcome(db.insert({ _id: 'a', _rev: first.rev, n: 3 })),
      outcome(db.insert({ _id: 'a', _rev: first.rev, n: 4 })),
    ]);
    expect([x, y].filter((o) => 'value' in o)).toHaveLength(1);
    expect([x, y].filter((o) => 'status' in o && o.status === 409)).toHaveLength(1);
  });

  it("merges small bulks and hands each caller its own rows; one caller's bad doc fails only its write", async () => {
    const db = await freshDb('bulks');
    const calls = await Promise.all([
      db.bulk({ docs: [{ _id: 'p1' }] }),
      db.bulk({ docs: [{ _id: 'q1' }, { _id: 'q2' }] }),
      db.bulk({ docs: [{ _id: 'r1' }, { _id: 'q1' }] }), // q1 again: waits for the next batch, then conflicts
    ]);
    expect(calls[0]).toMatchObject([{ id: 'p1', ok: true }]);
    expect(calls[1]).toMatchObject([
      { id: 'q1', ok: true },
      { id: 'q2', ok: true },
    ]);
    expect(calls[2]).toMatchObject([
      { id: 'r1', ok: true },
      { id: 'q1', error: 'conflict' },
    ]);

    // A doc the store refuses (a reserved `_` field) refuses the whole batch: each goes again alone,
    // and only the bad one fails (with the store's own answer for it).
    const [bad, good, alsoGood] = await Promise.all([
      outcome(db.insert({ _id: 'lead-in' })),
      outcome(db.insert({ _id: 'bad', _nonsense: 1 })),
      outcome(db.insert({ _id: 'good', n: 1 })),
    ]).then(([, b, g]) => Promise.all([b, g, outcome(db.get('good'))]));
    expect(bad).toMatchObject({ error: 'doc_validation' });
    expect(good).toMatchObject({ value: { ok: true, id: 'good' } });
    expect(alsoGood).toMatchObject({ value: { _id: 'good', n: 1 } });
  });

  it('sends inserts and small bulks that waited for a write as one _bulk_docs, each caller its own answer', async () => {
    // The default: one write out per database, reads two.
    const db = await freshDb('mixed', {});
    const first = db.insert({ _id: 'm0' });
    await new Promise((r) => setImmediate(r));
    const [one, bulk, stale, two] = await Promise.all([
      db.insert({ _id: 'm1', n: 1 }),
      db.bulk({ docs: [{ _id: 'm2' }, { _id: 'm3' }] }),
      outcome(db.insert({ _id: 'm0', n: 9 })), // no revision: a conflict, in its own row
      db.insert({ _id: 'm4', n: 4 }),
    ]);
    await first;
    expect(one).toMatchObject({ ok: true, id: 'm1' });
    expect(bulk).toMatchObject([
      { id: 'm2', ok: true },
      { id: 'm3', ok: true },
    ]);
    expect(stale).toEqual({ status: 409, error: 'conflict' });
    expect(two).toMatchObject({ ok: true, id: 'm4' });
    // The first alone; the inserts and the bulk that waited for it together.
    expect(seen.filter((x) => x.startsWith('POST'))).toEqual(['POST /mixed', 'POST /mixed/_bulk_docs']);
  });

  it('passes calls with options and special docs straight through', async () => {
    const db = await freshDb('through', { maxInFlight: 0 });
    await db.insert({ _id: '_local/x', n: 1 });
    await db.insert({ n: 2 } as Doc, 'named');
    expect((await db.get('named', { revs_info: true }))._revs_info).toHaveLength(1);
    expect((await db.get('_local/x')).n).toBe(1);
    expect(seen.some((s) => s.includes('_bulk_docs') || s.includes('_all_docs'))).toBe(false);
  });
});
