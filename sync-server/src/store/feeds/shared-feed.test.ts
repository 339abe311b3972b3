// The process's shared continuous feed of a database against the test's store (embedded, or Apache
// CouchDB in the CouchDB pass): followers of one database hold one feed between them, each gets what
// its selector matches, in order and once; one that joins a feed under way while writes go on misses
// nothing and gets nothing twice; one that falls behind is dropped and told, the others go on; the
// last to leave closes the feed.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStore, until, type TestStore } from '../../../test/helpers';
import { createChangeFollower, type Change, type ChangeFollower } from './change-follower';
import { joinSharedFeed, sharedFeedMembers } from './shared-feed';

const log = pino({ level: 'silent' });
let t: TestStore;
let n = 0;

beforeAll(async () => {
  t = await startTestStore('shared-feed-', log);
});

afterAll(async () => {
  await t?.close();
});

type Doc = { kind: string; i: number };

/** A fresh team's messages database, and a writer of numbered docs of a kind. */
async function freshDb() {
  const team = `sf${++n}${Date.now().toString(36)}`;
  await t.store.ensureTeam(team);
  const db = t.store.teamDb<Doc>(team, 'messages');
  const dbName = t.store.dbName(team, 'messages');
  let i = 0;
  const write = async (kind: string, count = 1) => {
    for (let k = 0; k < count; k++) {
      const id = `${kind}-${String(i).padStart(4, '0')}`;
      await db.insert({ _id: id, kind, i: i++ } as never);
    }
  };
  return { db, dbName, write };
}

/** A follower on the shared continuous feed that records the ids handed to it. */
function follow(dbName: string, selector?: Record<string, unknown>, batchSize = 100) {
  const seen: string[] = [];
  const follower: ChangeFollower = createChangeFollower<Doc>({
    server: t.store.server,
    dbName,
    log,
    live: 'continuous',
    batchSize,
    ...(selector ? { selector } : {}),
    handle: async (changes: Change<Doc>[]) => {
      for (const c of changes) if (!c.id.startsWith('_design/')) seen.push(c.id);
    },
  });
  follower.start();
  return { seen, follower };
}

/** In the order written (the number after the kind). */
const sorted = (ids: string[]) => [...ids].sort((x, y) => x.slice(2).localeCompare(y.slice(2)));

describe('shared continuous feed', () => {
  it("holds one feed for a database's followers; each gets what its selector matches, in order, once", async () => {
    const { dbName, write } = await freshDb();
    const all = follow(dbName);
    const a = follow(dbName, { kind: 'a' });
    const b = follow(dbName, { kind: 'b' });
    await Promise.all([all, a, b].map((f) => f.follower.caughtUp));
    await until(() => sharedFeedMembers(t.store.server)[dbName] === 3);
    for (let k = 0; k < 10; k++) await write(k % 2 ? 'b' : 'a');
    await until(() => all.seen.length === 10 && a.seen.length === 5 && b.seen.length === 5);
    expect(a.seen).toEqual(all.seen.filter((id) => id.startsWith('a-')));
    expect(b.seen).toEqual(all.seen.filter((id) => id.startsWith('b-')));
    expect(new Set(all.seen).size).toBe(10);
    expect(all.seen).toEqual(sorted(all.seen));
    await Promise.all([all, a, b].map((f) => f.follower.stop()));
    expect(sharedFeedMembers(t.store.server)[dbName]).toBeUndefined();
  });

  it('a follower joining a feed under way, while writes go on, misses nothing and gets nothing twice', async () => {
    const { dbName, write } = await freshDb();
    const first = follow(dbName);
    await first.follower.caughtUp;
    await write('a', 12);
    // The late one starts from the beginning in small batches while more docs are written.
    const late = follow(dbName, undefined, 5);
    const writing = write('a', 25);
    await writing;
    await until(() => first.seen.length === 37 && late.seen.length >= 37);
    await until(() => sharedFeedMembers(t.store.server)[dbName] === 2);
    await write('a', 3);
    await until(() => first.seen.length === 40 && late.seen.length >= 40);
    expect(sorted(late.seen)).toEqual(sorted(first.seen));
    expect(late.seen).toHaveLength(40);
    await Promise.all([first, late].map((f) => f.follower.stop()));
  });

  it('drops a member that falls behind, and says so; the others go on', async () => {
    const { db, dbName, write } = await freshDb();
    const signal = new AbortController().signal;
    const since = String((await db.info()).update_seq);
    const open = (maxQueued: number) =>
      joinSharedFeed({
        server: t.store.server,
        dbName,
        since,
        heartbeatMs: 5_000,
        maxQueued,
        catchUp: () => Promise.reject(new Error('no catch-up expected')),
        batchSize: 100,
        signal,
      });
    const keeping = open(1_000);
    // Opened the feed: the second joins it, reading what came before through its catch-up read.
    const slow = joinSharedFeed({
      server: t.store.server,
      dbName,
      since,
      heartbeatMs: 5_000,
      maxQueued: 3,
      catchUp: async (since) => ({ results: [], last_seq: since }),
      batchSize: 100,
      signal,
    });
    expect(await slow.read(10, 10)).toEqual({ results: [], last_seq: since });
    await write('a', 6);
    const got: string[] = [];
    while (got.length < 6) got.push(...(await keeping.read(10, 5_000)).results.map((r) => r.id));
    expect(got).toHaveLength(6);
    await until(() => slow.done);
    await expect(slow.read(10, 10)).rejects.toThrow(/fell \d+ changes behind/);
    expect(sharedFeedMembers(t.store.server)[dbName]).toBe(1);
    keeping.close();
    expect(sharedFeedMembers(t.store.server)[dbName]).toBeUndefined();
  });
});
