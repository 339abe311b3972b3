// Leases and the changes follower against the real embedded CouchDB-compatible store on loopback
// (or Apache CouchDB with TEST_COUCHDB_URL).
import nano, { type DocumentScope, type ServerScope } from 'nano';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCouch, type TestCouch } from '../../../test/helpers';
import { createChangeFollower, type Change, type CheckpointDoc } from './change-follower';
import { liveFeedOf, type LiveFeed } from './continuous-changes';
import { createLeases, type LeaseDoc } from '../leases';

const log = pino({ level: 'silent' });
let couch: TestCouch;
let server: ServerScope;
/** This test's name of a database (prefixed on a shared CouchDB). */
const n = (name: string) => `${couch.prefix}${name}`;

beforeAll(async () => {
  couch = await startTestCouch('runtime-', log);
  server = nano(couch.url);
  await server.db.create(n('leases'));
  await server.db.create(n('feed'));
  await server.db.create(n('checkpoints'));
});

afterAll(async () => {
  await couch.close();
});

describe('leases', () => {
  it('lets exactly one of many concurrent holders win, until release or expiry', async () => {
    let clock = 1_000_000;
    const db = server.use<LeaseDoc>(n('leases'));
    const instances = Array.from({ length: 8 }, (_, i) =>
      createLeases({ db, instanceId: `server-${i}`, ttlMs: 30_000, now: () => clock }),
    );
    const results = await Promise.all(instances.map((l) => l.acquire('conv-1')));
    const winners = results.filter((r) => r !== null);
    expect(winners).toHaveLength(1);
    const lease = winners[0]!;
    const w = results.indexOf(lease);
    const others = instances.filter((_, i) => i !== w);

    expect(await others[0]!.acquire('conv-1')).toBeNull();
    expect(await others[0]!.acquire('conv-2')).not.toBeNull();

    clock += 10_000;
    expect(await instances[w]!.renew(lease)).not.toBeNull();
    clock += 25_000;
    expect(await others[1]!.acquire('conv-1')).toBeNull(); // renewed: still held

    await instances[w]!.release(lease);
    const next = await others[1]!.acquire('conv-1');
    expect(next).not.toBeNull();

    clock += 31_000; // the new holder crashed: its lease expires
    const takeover = await Promise.all(others.slice(2).map((l) => l.acquire('conv-1')));
    expect(takeover.filter((r) => r !== null)).toHaveLength(1);
    expect(await others[1]!.renew(next!)).toBeNull(); // the old holder learns it lost the lease
  });

  it('gives a restarted process its own lease back at once, and nobody else', async () => {
    const db = server.use<LeaseDoc>(n('leases'));
    const before = createLeases({ db, instanceId: 'host-8080', ttlMs: 60_000 });
    expect(await before.acquire('bot:team')).not.toBeNull();
    // killed -9: no release. The same instance comes back:
    const after = createLeases({ db, instanceId: 'host-8080', ttlMs: 60_000 });
    const stranger = createLeases({ db, instanceId: 'host-8081', ttlMs: 60_000 });
    expect(await stranger.acquire('bot:team')).toBeNull();
    expect(await after.acquire('bot:team')).not.toBeNull();
    expect(await stranger.acquire('bot:team')).toBeNull();
  });
});

describe('lease continuity', () => {
  it('tells whether anyone else held the key since this process let it go', async () => {
    await server.db.create(n('leases_unbroken'));
    const db = server.use<LeaseDoc>(n('leases_unbroken'));
    const a = createLeases({ db, instanceId: 'a', ttlMs: 60_000 });
    const b = createLeases({ db, instanceId: 'b', ttlMs: 60_000 });
    const first = (await a.acquire('conv'))!;
    expect(first.unbroken).toBe(true); // nobody ever held it
    await a.release(first);
    const again = (await a.acquire('conv'))!;
    expect(again.unbroken).toBe(true); // as a left it
    await a.release(again);
    await b.release((await b.acquire('conv'))!);
    expect((await a.acquire('conv'))!.unbroken).toBe(false); // b held it meanwhile
  });
});

describe('changes follower', () => {
  it('hands every change over once per checkpoint, resumes after a stop, and skips nothing', async () => {
    const feed = server.use<{ n: number }>(n('feed'));
    const checkpoints = server.use<CheckpointDoc>(n('checkpoints')) as DocumentScope<CheckpointDoc>;
    const seen: number[] = [];
    const follower = () =>
      createChangeFollower<{ n: number }>({
        server,
        dbName: n('feed'),
        checkpoints,
        checkpointId: 'cp:test',
        log,
        batchSize: 7,
        pollMs: 300,
        handle: async (changes: Change<{ n: number }>[]) => {
          for (const c of changes) if (c.doc) seen.push(c.doc.n);
        },
      });

    await feed.bulk({ docs: Array.from({ length: 20 }, (_, n) => ({ _id: `d${n}`, n })) });
    const first = follower();
    first.start();
    await waitFor(() => seen.length === 20);
    await first.stop();

    // Written while nobody follows: picked up from the checkpoint, not from the start.
    await feed.bulk({ docs: Array.from({ length: 15 }, (_, i) => ({ _id: `e${i}`, n: 100 + i })) });
    const second = follower();
    second.start();
    await waitFor(() => seen.length === 35);
    // A live change while following.
    await feed.insert({ _id: 'live', n: 999 });
    await waitFor(() => seen.includes(999));
    await second.stop();

    // In feed order, which on a sharded CouchDB interleaves the shards: the first 20 are 0-19.
    expect(seen.slice(0, 20).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, n) => n));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(36);
  });

  it('retries a batch whose handler failed instead of skipping it', async () => {
    await server.db.create(n('feed2'));
    const feed = server.use<{ n: number }>(n('feed2'));
    await feed.bulk({
      docs: [
        { _id: 'a', n: 1 },
        { _id: 'b', n: 2 },
      ],
    });
    let failures = 2;
    const handled: string[] = [];
    const follower = createChangeFollower({
      server,
      dbName: n('feed2'),
      checkpoints: server.use<CheckpointDoc>(n('checkpoints')),
      checkpointId: 'cp:retry',
      log,
      pollMs: 300,
      retryMs: 20,
      handle: async (changes) => {
        if (failures-- > 0) throw new Error('handler down');
        handled.push(...changes.map((c) => c.id));
      },
    });
    follower.start();
    await waitFor(() => handled.length === 2);
    await follower.stop();
    expect(handled.sort()).toEqual(['a', 'b']);
  });

  it('leaves no listeners behind on its stop signal, batch after batch', async () => {
    await server.db.create(n('settle'));
    const db = server.use<Record<string, unknown>>(n('settle'));
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    let batches = 0;
    const follower = createChangeFollower({
      server,
      dbName: n('settle'),
      log,
      settleMs: 1,
      handle: async () => void batches++,
    });
    follower.start();
    for (let i = 0; i < 15; i++) {
      await db.insert({ _id: `d${i}` });
      await waitFor(() => batches === i + 1);
    }
    await follower.stop();
    process.off('warning', onWarning);
    // Each settle pause once added an abort listener that stayed until stop: a leak, and Node's
    // "11 abort listeners added to [AbortSignal]" warning.
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('stops promptly even while the long-poll waits on an idle feed', async () => {
    await server.db.create(n('idle'));
    const follower = createChangeFollower({
      server,
      dbName: n('idle'),
      checkpoints: server.use<CheckpointDoc>(n('checkpoints')),
      checkpointId: 'cp:idle',
      log,
      pollMs: 60_000,
      handle: async () => {},
    });
    follower.start();
    await new Promise((r) => setTimeout(r, 200));
    const t0 = Date.now();
    await follower.stop();
    expect(Date.now() - t0).toBeLessThan(2_000);
  });
});

describe('changes follower at the end of the feed', () => {
  /** A nano client of the test's store that counts its `_changes` requests. */
  function countingServer() {
    const counted = { changes: 0 };
    const s = nano({
      url: couch.url,
      log: (e: unknown) => {
        const r = e as { method?: unknown; url?: unknown };
        if (typeof r.method === 'string' && typeof r.url === 'string' && r.url.includes('/_changes'))
          counted.changes++;
      },
    });
    return { s, counted };
  }

  it('holds one continuous request on Apache CouchDB and long-polls the embedded store', async () => {
    const info = (await server.info()) as { couchdb?: unknown };
    expect(await liveFeedOf(server)).toBe(info.couchdb === 'Welcome' ? 'continuous' : 'longpoll');
  });

  for (const live of ['continuous', 'longpoll'] as LiveFeed[])
    it(`${live}: hands over what matches its selector, burst after burst, and goes on after a restart`, async () => {
      const name = n(`live_${live}`);
      await server.db.create(name);
      const db = server.use<{ n: number; kind: string }>(name);
      const { s, counted } = countingServer();
      const seen: number[] = [];
      const follower = () =>
        createChangeFollower<{ n: number; kind: string }>({
          server: s,
          dbName: name,
          checkpoints: server.use<CheckpointDoc>(n('checkpoints')),
          checkpointId: `cp:live:${live}`,
          log,
          live,
          batchSize: 4,
          pollMs: 400,
          selector: { kind: 'wanted' },
          handle: async (changes) => {
            for (const c of changes) if (c.doc) seen.push(c.doc.n);
          },
        });
      await db.bulk({ docs: Array.from({ length: 6 }, (_, i) => ({ n: i, kind: 'wanted' })) });
      const first = follower();
      first.start();
      await first.caughtUp;
      await waitFor(() => seen.length === 6);
      const atEnd = counted.changes;
      // Five bursts while it waits at the end: each wanted doc once, the others never.
      for (let burst = 0; burst < 5; burst++) {
        await db.bulk({
          docs: [10, 11, 12].map((k) => ({ n: burst * 100 + k, kind: k === 11 ? 'other' : 'wanted' })),
        });
        await waitFor(() => seen.length === 6 + 2 * (burst + 1));
      }
      const live5 = counted.changes - atEnd;
      await first.stop();
      // Written while stopped: the next follower goes on from the checkpoint.
      await db.insert({ n: 999, kind: 'wanted' });
      const second = follower();
      second.start();
      await waitFor(() => seen.includes(999));
      await second.stop();
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((x) => x % 100 === 11)).toEqual([]);
      expect(seen).toHaveLength(17);
      // Long-poll: a request per burst at least; continuous: the one request held open.
      if (live === 'continuous') expect(live5).toBeLessThanOrEqual(1);
      else expect(live5).toBeGreaterThanOrEqual(5);
    });
});

async function waitFor(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('changes follower with batches in flight', () => {
  it('keeps reading while batches run, checkpoints only past completed ones, and re-reads after a failure', async () => {
    await server.db.create(n('feed3'));
    const feed = server.use<{ n: number }>(n('feed3'));
    await feed.bulk({
      docs: Array.from({ length: 30 }, (_, n) => ({ _id: `d${String(n).padStart(2, '0')}`, n })),
    });
    const handled = new Set<number>();
    /**
     * Docs handled in batches read after the follower took the failure in (it logs it, once every
     * batch then in flight has settled, and reads again from the checkpoint up to the end). Batches
     * read before it may still finish after the failing one threw, so the handler's own order does
     * not tell a re-read from them.
     */
    const afterFailure = new Set<number>();
    let failuresSeen = 0;
    const watchingLog = Object.assign(Object.create(log) as typeof log, {
      warn: (obj: unknown, msg?: string) => void (msg === 'changes feed failed; retrying' && failuresSeen++),
    });
    let failOnce = true;
    let concurrent = 0;
    let maxConcurrent = 0;
    const follower = createChangeFollower<{ n: number }>({
      server,
      dbName: n('feed3'),
      checkpoints: server.use<CheckpointDoc>(n('checkpoints')),
      checkpointId: 'cp:inflight',
      log: watchingLog,
      batchSize: 5,
      pollMs: 300,
      retryMs: 20,
      maxInFlight: 4,
      handle: async (changes) => {
        const reread = failuresSeen > 0;
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await new Promise((r) => setTimeout(r, 50));
        concurrent--;
        if (failOnce && changes.some((c) => c.doc?.n === 12)) {
          failOnce = false;
          throw new Error('transient');
        }
        for (const c of changes) if (c.doc) handled.add(c.doc.n);
        if (reread) for (const c of changes) if (c.doc) afterFailure.add(c.doc.n);
      },
    });
    follower.start();
    // Every doc handled, and the re-read after the failure has reached the end of the feed (stopping
    // earlier would rightly leave the checkpoint where the re-read was).
    await waitFor(() => handled.size === 30 && afterFailure.has(29));
    await follower.stop();
    expect(maxConcurrent).toBeGreaterThan(1);
    const cp = await server.use<CheckpointDoc>(n('checkpoints')).get('cp:inflight');
    const info = await feed.info();
    // CouchDB's sequences are opaque past their number (and differ per read on a cluster).
    expect(parseInt(String(cp.since), 10)).toBe(parseInt(String(info.update_seq), 10));
  });
});
