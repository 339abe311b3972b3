// Long-polled `_changes` of the embedded store (embedded-couch-changes.ts): CouchDB's answers (what
// is there at once, the first matching change, an answered timeout that moves past what the selector
// skipped, `limit`, deletions, bad selectors), and one read per change however many requests wait.
import leveldown from 'leveldown';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeClient, tempDir } from '../../test/helpers';
import { startEmbeddedCouch, type EmbeddedCouch } from './embedded-couch';
import type { LevelDownFactory } from './fail-stop-leveldown';

const log = pino({ level: 'silent' });

/** leveldown counting the reads of single keys (a change read is its doc's metadata, then its body). */
function countingLeveldown() {
  const counts = { gets: 0 };
  const factory = ((location: string) => {
    const db = leveldown(location) as unknown as Record<string, (...args: unknown[]) => unknown>;
    const get = db._get!;
    db._get = function (this: unknown, ...args: unknown[]) {
      counts.gets += 1;
      return get.apply(this, args);
    };
    return db;
  }) as unknown as LevelDownFactory;
  const base = leveldown as unknown as LevelDownFactory;
  Object.assign(factory, { destroy: base.destroy.bind(base), repair: base.repair.bind(base) });
  return { factory, counts };
}

type Answer = { status: number; body: { results: Array<Record<string, unknown>>; last_seq: number } };

describe('long-polled _changes of the embedded store', () => {
  const dir = tempDir('couch-longpoll-');
  const level = countingLeveldown();
  let couch: EmbeddedCouch;
  let store: ReturnType<typeof storeClient>;

  const call = (method: string, path: string, body?: unknown, signal?: AbortSignal) =>
    store.call<Answer['body']>(method, path, body, signal ? { signal } : {}) as Promise<Answer>;
  const longpoll = (db: string, qs: string, selector?: Record<string, unknown>, signal?: AbortSignal) =>
    selector
      ? call('POST', `/${db}/_changes?feed=longpoll&filter=_selector&${qs}`, { selector }, signal)
      : call('GET', `/${db}/_changes?feed=longpoll&${qs}`, undefined, signal);
  const updateSeq = async (db: string) =>
    Number(((await call('GET', `/${db}`)).body as unknown as { update_seq: number }).update_seq);
  /** Settles within `ms`, or is still waiting (undefined). */
  const within = <T>(p: Promise<T>, ms: number) =>
    Promise.race([p, new Promise<undefined>((r) => setTimeout(() => r(undefined), ms))]);

  beforeAll(async () => {
    couch = await startEmbeddedCouch({
      dataDir: dir.path,
      adminPassword: 'longpoll pw',
      log,
      leveldown: level.factory,
    });
    store = storeClient(couch.url);
    for (const db of ['lp1', 'lp2', 'lp3', 'lp4']) expect((await call('PUT', `/${db}`)).status).toBe(201);
  });
  afterAll(async () => {
    await couch.close();
    dir.remove();
  });

  it('answers at once with the changes already there, as the plain feed does', async () => {
    await call('PUT', '/lp1/a1', { kind: 'a' });
    await call('PUT', '/lp1/b1', { kind: 'b' });
    await call('PUT', '/lp1/a2', { kind: 'a' });
    const plain = await call('POST', '/lp1/_changes?filter=_selector&since=0&include_docs=true', {
      selector: { kind: 'a' },
    });
    const long = await longpoll('lp1', 'since=0&include_docs=true', { kind: 'a' });
    expect(long.status).toBe(200);
    expect(long.body).toEqual(plain.body);
    expect(long.body.results.map((r) => r.id)).toEqual(['a1', 'a2']);
    // `limit`: the first changes, and last_seq at the last one given.
    const two = await longpoll('lp1', 'since=0&limit=2');
    expect(two.body.results.map((r) => r.id)).toEqual(['a1', 'b1']);
    expect(two.body.last_seq).toBe(two.body.results[1]!.seq);
    expect(two.body.results[0]!.doc).toBeUndefined();
  });

  it('waits for the first change its selector matches, and is not woken by the others', async () => {
    const since = await updateSeq('lp2');
    const waiting = longpoll('lp2', `since=${since}&include_docs=true&timeout=20000`, { kind: 'a' });
    await new Promise((r) => setTimeout(r, 200));
    await call('PUT', '/lp2/skip1', { kind: 'b' });
    await call('PUT', '/lp2/skip2', { kind: 'b' });
    expect(await within(waiting, 300)).toBeUndefined();
    const put = await call('PUT', '/lp2/hit', { kind: 'a', n: 1 });
    const answer = await waiting;
    expect(answer.status).toBe(200);
    expect(answer.body.results).toHaveLength(1);
    expect(answer.body.results[0]).toMatchObject({ id: 'hit', doc: { _id: 'hit', kind: 'a', n: 1 } });
    expect(answer.body.results[0]!.changes).toEqual([{ rev: (put.body as unknown as { rev: string }).rev }]);
    expect(answer.body.last_seq).toBe(answer.body.results[0]!.seq);
    expect(answer.body.last_seq).toBe(since + 3);
  });

  it('answers a wait that timed out, with last_seq past the changes its selector skipped', async () => {
    const since = await updateSeq('lp3');
    const waiting = longpoll(
      'lp3',
      `since=${since}&timeout=700`,
      { kind: 'never' },
      AbortSignal.timeout(5_000),
    );
    await new Promise((r) => setTimeout(r, 150));
    await call('PUT', '/lp3/other', { kind: 'b' });
    const answer = await waiting;
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ results: [], last_seq: since + 1 });
  });

  it('hands a deletion to a wait without a selector', async () => {
    const put = await call('PUT', '/lp3/gone', { kind: 'x' });
    const since = await updateSeq('lp3');
    const waiting = longpoll('lp3', `since=${since}&include_docs=true&timeout=10000`);
    await new Promise((r) => setTimeout(r, 150));
    await call('DELETE', `/lp3/gone?rev=${(put.body as unknown as { rev: string }).rev}`);
    const answer = await waiting;
    expect(answer.body.results).toHaveLength(1);
    expect(answer.body.results[0]).toMatchObject({ id: 'gone', deleted: true, doc: { _deleted: true } });
  });

  it('refuses a selector it cannot read with a 400, and stays up', async () => {
    expect((await call('POST', '/lp3/_changes?feed=longpoll&filter=_selector', { nope: 1 })).status).toBe(
      400,
    );
    expect(
      (await call('POST', '/lp3/_changes?feed=longpoll&filter=_selector', { selector: [1] })).status,
    ).toBe(400);
    const bad = await call('POST', '/lp3/_changes?feed=longpoll&filter=_selector&since=0', {
      selector: { kind: { $nosuch: 1 } },
    });
    expect(bad.status).toBe(400);
    expect((await call('GET', '/lp3')).status).toBe(200);
  });

  it('reads each change once, however many requests wait on the database', async () => {
    const gets = async (waiters: number) => {
      const since = await updateSeq('lp4');
      const controller = new AbortController();
      // Waiting requests of several followers, each with a selector of its own that the write misses.
      const waiting = Array.from({ length: waiters }, (_, i) =>
        longpoll(
          'lp4',
          `since=${since}&include_docs=true&timeout=20000`,
          { follower: i },
          controller.signal,
        ).catch(() => undefined),
      );
      await new Promise((r) => setTimeout(r, 300));
      const before = level.counts.gets;
      for (let k = 0; k < 10; k++) await call('PUT', `/lp4/w${waiters}-${k}`, { follower: -1 });
      await new Promise((r) => setTimeout(r, 300));
      const spent = level.counts.gets - before;
      controller.abort();
      await Promise.all(waiting);
      return spent / 10;
    };
    const one = await gets(1);
    const twelve = await gets(12);
    // Through express-pouchdb every waiting request re-read each change (twelve ≈ 12 × one's reads).
    expect(twelve).toBeLessThan(one + 2);
  });

  it('answers a wait on a database that is deleted, and serves the database made again', async () => {
    expect((await call('PUT', '/lp5')).status).toBe(201);
    await call('PUT', '/lp5/old', { kind: 'a' });
    const since = await updateSeq('lp5');
    const waiting = longpoll('lp5', `since=${since}&timeout=20000`, undefined, AbortSignal.timeout(10_000));
    await new Promise((r) => setTimeout(r, 200));
    expect((await call('DELETE', '/lp5')).status).toBe(200);
    const answer = await waiting;
    expect(answer.status).toBe(200);
    expect(answer.body.results).toEqual([]);
    expect((await call('PUT', '/lp5')).status).toBe(201);
    const again = longpoll('lp5', 'since=0&include_docs=true&timeout=10000');
    await new Promise((r) => setTimeout(r, 200));
    await call('PUT', '/lp5/new', { kind: 'b' });
    expect((await again).body.results.map((r) => r.id)).toEqual(['new']);
  });
});
