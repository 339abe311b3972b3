// Follows a CouchDB database's changes feed in batches and hands each batch to a handler, saving the
// position (checkpoint) only after the handler finished: the feed is an outbox, so after a crash or a
// restart every change after the last checkpoint is handled again and none is skipped. Handlers must
// therefore be idempotent. The checkpoint is written at most once a `checkpointMs` (and at stop), not
// after every batch: at a message a second each batch holds one change, and a write per batch was a
// fifth of all store requests; a crash then re-reads at most that much more. The saves fall on a grid
// of `checkpointMs` (5 s, as CouchDB's replicator checkpoints), the same for every follower of the
// process, so their checkpoints leave together as one write (the system database's coalescing
// scope), not one CouchDB commit each (issue 36). At the end of the feed
// the follower holds one continuous request on Apache CouchDB (continuous-changes.ts) and long-polls
// the embedded store; the long-poll is bounded on our side too (express-pouchdb ignores `timeout` when
// nothing changes), and stop() ends either at once.
import { setTimeout as delay } from 'node:timers/promises';
import type { DocumentScope, ServerScope } from 'nano';
import type { Logger } from 'pino';
import { boundedRequest, RequestBoundExpired } from '../abortable';
import { statusOf } from '../couch-errors';
import {
  FeedEnded,
  liveFeedOf,
  type ChangesBatch,
  type ContinuousFeed,
  type LiveFeed,
} from './continuous-changes';
import { joinSharedFeed } from './shared-feed';

export type Change<T = Record<string, unknown>> = {
  id: string;
  seq: string;
  deleted?: boolean;
  doc?: T & { _id: string; _rev: string };
};

export type CheckpointDoc = { _id: string; _rev?: string; since: string; updatedAt: string };

export type ChangeFollower = {
  start(): void;
  stop(): Promise<void>;
  readonly since: string;
  /** Resolves once the follower has read to the end of the feed (as it was then) the first time. */
  readonly caughtUp: Promise<void>;
};

type ChangesResponse = ChangesBatch;

/** Waits `ms`, or less when `signal` aborts; leaves no listener on the signal either way. */
const sleep = (ms: number, signal: AbortSignal) => delay(ms, undefined, { signal }).catch(() => undefined);

export type ChangeFollowerOptions<T> = {
  server: ServerScope;
  /** The database to follow. */
  dbName: string;
  /**
   * Where the position is kept, and under which id (one per follower and process role). Without it the
   * position lives in memory and each start reads the feed from the beginning (for in-memory indexes).
   */
  checkpoints?: DocumentScope<CheckpointDoc>;
  checkpointId?: string;
  /** Read when `checkpointId` has no doc yet (the id it had before, e.g. per process). */
  legacyCheckpointId?: string;
  /** Where to start when there is no checkpoint at all (default '0': the beginning of the feed). */
  initialSince?: string;
  handle: (changes: Change<T>[]) => Promise<void>;
  log: Logger;
  batchSize?: number;
  /** Long-poll bound; the feed answers sooner when something changes. */
  pollMs?: number;
  /** Back-off after an error, doubled up to 30 s. */
  retryMs?: number;
  /** Batches handled at once (polling goes on meanwhile); 1 handles them strictly one after another. */
  maxInFlight?: number;
  /** The checkpoint is saved at most this often, on a grid of this step (and when stopping); default 5 s. */
  checkpointMs?: number;
  /**
   * Only changes whose doc matches this Mango selector (CouchDB's `filter=_selector`): the follower
   * is not woken by the others. The position still moves past them.
   */
  selector?: Record<string, unknown>;
  /**
   * After a batch that did not fill `batchSize`, wait this long before asking again: changes that
   * come in a stream are then read several at a time, with fewer requests and less work for the
   * store (every write wakes each waiting long-poll), at the cost of this much latency.
   */
  settleMs?: number;
  /**
   * How the follower waits once it has read to the end (continuous-changes.ts): one continuous request
   * for any number of changes, or a long-poll per batch. Default: continuous on Apache CouchDB,
   * long-poll on the embedded store (liveFeedOf).
   */
  live?: LiveFeed;
};

/** Where the follower is: the saved position, and how far every change has been handled. */
type Position = {
  /** The saved position (where a restart begins). */
  readonly since: string;
  /** Every change before it has been handled (saved or not yet). */
  handled: string;
  load(): Promise<void>;
  /** Saves `handled` now (`force`) or once `checkpointMs` passed since the last save; one at a time. */
  persist(force: boolean): Promise<void>;
};

/** The follower's position, kept in `opts.checkpoints` under `checkpointId` (or in memory only). */
function checkpointPosition<T>(opts: ChangeFollowerOptions<T>): Position {
  const checkpointMs = opts.checkpointMs ?? 5_000;
  const checkpointId = opts.checkpointId ?? `cp:${opts.dbName}`;
  let since = '0';
  let checkpointRev: string | undefined;
  let saving: Promise<void> = Promise.resolve();
  let savedAt = 0;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let started = false;

  async function read(id: string): Promise<CheckpointDoc | undefined> {
    try {
      return await opts.checkpoints!.get(id);
    } catch (e) {
      if (statusOf(e) !== 404) throw e;
      return undefined;
    }
  }

  async function save(next: string): Promise<void> {
    if (!opts.checkpoints) {
      since = next;
      return;
    }
    const doc: CheckpointDoc = { _id: checkpointId, since: next, updatedAt: new Date().toISOString() };
    for (let attempt = 1; ; attempt++) {
      if (checkpointRev) doc._rev = checkpointRev;
      else delete doc._rev;
      try {
        checkpointRev = (await opts.checkpoints.insert(doc)).rev;
        break;
      } catch (e) {
        if (statusOf(e) !== 409 || attempt >= 5) throw e;
        // Another process of the team wrote the shared checkpoint: take its revision and write ours
        // (every process moves it only past changes that are handled, by whichever process).
        checkpointRev = (await read(checkpointId))?._rev;
      }
    }
    since = next;
  }

  const position: Position = {
    get since() {
      return since;
    },
    handled: '0',
    async load() {
      // In memory only: the first start begins where it is told to (or at the beginning), a restart
      // where the last run stopped.
      if (!opts.checkpoints) {
        if (!started) since = opts.initialSince ?? since;
        started = true;
      } else {
        const doc = await read(checkpointId);
        if (doc) {
          since = doc.since;
          checkpointRev = doc._rev;
        } else {
          checkpointRev = undefined;
          const legacy = opts.legacyCheckpointId ? await read(opts.legacyCheckpointId) : undefined;
          since = legacy?.since ?? opts.initialSince ?? since;
        }
      }
      position.handled = since;
    },
    persist(force) {
      const run = saving.then(async () => {
        if (position.handled === since) return;
        // The next point of the grid, at least a step after the last save.
        const now = Date.now();
        const due = Math.max(savedAt + checkpointMs, now);
        const wait = Math.ceil(due / checkpointMs) * checkpointMs - now;
        if (!force && wait > 0) {
          saveTimer ??= setTimeout(() => {
            saveTimer = undefined;
            position
              .persist(true)
              .catch((err: unknown) =>
                opts.log.warn({ err, db: opts.dbName }, 'saving the changes checkpoint failed; will retry'),
              );
          }, wait);
          return;
        }
        clearTimeout(saveTimer);
        saveTimer = undefined;
        await save(position.handled);
        savedAt = Date.now();
      });
      saving = run.catch(() => undefined);
      return run;
    },
  };
  return position;
}

/**
 * Reads of the feed from a position: with a selector, CouchDB's `filter=_selector`. Until the follower
 * has read to the end, plain reads of a batch each (so an idle database's follower is caught up at
 * once, not after a long-poll's wait); then, on a continuous feed, one request held open
 * (continuous-changes.ts), opened again from the follower's position when it failed or the follower
 * went back to its checkpoint; on a long-poll feed, a long-poll per batch, bounded here too
 * (store/abortable.ts: a stop ends the wait at once).
 */
function feedReader<T>(opts: ChangeFollowerOptions<T>, batchSize: number, pollMs: number) {
  const changes = (qs: Record<string, unknown>, signal: AbortSignal) =>
    opts.server.request({
      db: opts.dbName,
      path: '_changes',
      ...(opts.selector
        ? { method: 'POST', qs: { ...qs, filter: '_selector' }, body: { selector: opts.selector } }
        : { method: 'GET', qs }),
      signal,
    } as never) as Promise<ChangesResponse>;
  const plain = (from: string, signal: AbortSignal) =>
    boundedRequest(
      (bound) => changes({ since: from, limit: batchSize, include_docs: true }, bound),
      signal,
      pollMs + 2_000,
    );

  async function longPoll(from: string, signal: AbortSignal): Promise<ChangesResponse> {
    const qs = { since: from, limit: batchSize, include_docs: true };
    try {
      return await boundedRequest(
        (bound) => changes({ ...qs, feed: 'longpoll', timeout: pollMs }, bound),
        signal,
        pollMs + 2_000,
      );
    } catch (e) {
      if (!(e instanceof RequestBoundExpired)) throw e;
      // Our own bound fired while nothing changed: an empty batch, not an error. With a selector,
      // changes may have gone by that did not match: a plain read moves the position past them.
      return opts.selector ? await plain(from, signal) : { results: [], last_seq: from };
    }
  }

  let live: ContinuousFeed | undefined;
  let atEnd = false;
  return {
    async read(from: string, signal: AbortSignal): Promise<ChangesResponse> {
      if (live && (live.done || live.at !== from)) {
        live.close();
        live = undefined;
      }
      if (!live) {
        if (!atEnd) {
          const batch = await plain(from, signal);
          atEnd = batch.results.length < batchSize;
          return batch;
        }
        if ((opts.live ?? (await liveFeedOf(opts.server))) === 'longpoll') return longPoll(from, signal);
        // The process's one continuous feed of the database, shared with its other followers.
        live = joinSharedFeed({
          server: opts.server,
          dbName: opts.dbName,
          since: from,
          ...(opts.selector ? { selector: opts.selector } : {}),
          heartbeatMs: Math.min(pollMs, 10_000),
          maxQueued: Math.max(1_000, 10 * batchSize),
          catchUp: (since) => plain(since, signal),
          batchSize,
          signal,
        });
      }
      return live.read(batchSize, pollMs);
    },
    close() {
      live?.close();
      live = undefined;
    },
  };
}

/** A batch being handled: the feed position at its end, and how many changes it handed over. */
type InFlight = { end: string; count: number; settled: boolean; failed: unknown; done: Promise<void> };

export function createChangeFollower<T = Record<string, unknown>>(
  opts: ChangeFollowerOptions<T>,
): ChangeFollower {
  const batchSize = opts.batchSize ?? 100;
  const pollMs = opts.pollMs ?? 10_000;
  const maxInFlight = Math.max(1, opts.maxInFlight ?? 1);
  const position = checkpointPosition(opts);
  let running: Promise<void> | undefined;
  let stopper = new AbortController();
  let markCaughtUp = () => {};
  const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));

  /** A batch's changes (design docs, Mango indexes, are not data), handed to the handler. */
  function handleBatch(batch: ChangesResponse): InFlight {
    const changes = batch.results
      .filter((r) => !r.id.startsWith('_design/'))
      .map((r) => ({ ...r, seq: String(r.seq) })) as Change<T>[];
    const entry: InFlight = {
      end: String(batch.last_seq),
      count: changes.length,
      settled: false,
      failed: undefined,
      done: Promise.resolve(),
    };
    entry.done = (changes.length > 0 ? opts.handle(changes) : Promise.resolve()).then(
      () => void (entry.settled = true),
      (e: unknown) => void ((entry.settled = true), (entry.failed = e ?? new Error('handler failed'))),
    );
    return entry;
  }

  /**
   * Polls ahead while up to `maxInFlight` batches are being handled; the checkpoint moves only to the
   * end of the newest batch whose predecessors are all handled (a low watermark). After a failed batch
   * the feed is read again from the checkpoint: handlers are idempotent, so re-reading is safe.
   */
  async function loop(signal: AbortSignal): Promise<void> {
    let backoff = 0;
    const feed = feedReader(opts, batchSize, pollMs);
    /** Whether the checkpoint was read: it is read in the loop, so a failure is tried again as the feed's are. */
    let loaded = false;
    let at = position.since;
    const inFlight: InFlight[] = [];

    async function advance(): Promise<void> {
      while (inFlight[0]?.settled && !inFlight[0].failed) position.handled = inFlight.shift()!.end;
      await position.persist(false);
      if (inFlight[0]?.failed) {
        const failure = inFlight[0].failed;
        await Promise.allSettled(inFlight.map((b) => b.done));
        inFlight.length = 0;
        at = position.handled;
        throw failure;
      }
    }

    while (!signal.aborted) {
      try {
        if (!loaded) {
          // The store busy, or closed under a stop: retried below, never a rejection nobody waits for.
          await position.load();
          at = position.since;
          loaded = true;
        }
        // Full: wait for the oldest batch (the checkpoint can only move past it). Waiting on any
        // batch would spin on the ones already done while the oldest still runs.
        while (inFlight.length >= maxInFlight && !signal.aborted) {
          await inFlight[0]!.done;
          await advance();
        }
        if (signal.aborted) break;
        const batch = await feed.read(at, signal);
        if (signal.aborted) break;
        await advance();
        // express-pouchdb ends a long-poll that timed out with an empty body: nothing changed.
        if ((batch as unknown) === '') {
          markCaughtUp();
          continue;
        }
        if (!Array.isArray(batch?.results))
          throw new Error(`unexpected _changes answer: ${JSON.stringify(batch).slice(0, 200)}`);
        const entry = handleBatch(batch);
        at = entry.end;
        inFlight.push(entry);
        if (maxInFlight === 1) {
          await entry.done;
          await advance();
        }
        if (entry.count < batchSize) {
          if (maxInFlight === 1) markCaughtUp();
          else void entry.done.then(() => inFlight.every((b) => !b.failed) && markCaughtUp());
          if (entry.count > 0 && opts.settleMs) await sleep(opts.settleMs, signal);
        }
        backoff = 0;
      } catch (e) {
        if (signal.aborted) break;
        at = position.handled;
        backoff = Math.min(30_000, backoff ? backoff * 2 : (opts.retryMs ?? 500));
        // A database not there (yet, or dropped by a restore a moment ago) is waited for quietly, and
        // so is a continuous feed that CouchDB ended (it does when the database is dropped).
        const level = statusOf(e) === 404 || e instanceof FeedEnded ? 'debug' : 'warn';
        opts.log[level]({ err: e, db: opts.dbName, backoffMs: backoff }, 'changes feed failed; retrying');
        await sleep(backoff, signal);
      }
    }
    // Stopping: what is being handled finishes (or lets go); the checkpoint keeps what completed.
    feed.close();
    await Promise.allSettled(inFlight.map((b) => b.done));
    await advance().catch(() => undefined);
    await position
      .persist(true)
      .catch((err: unknown) =>
        opts.log.warn({ err, db: opts.dbName }, 'saving the changes checkpoint at stop failed'),
      );
  }

  return {
    get since() {
      return position.since;
    },
    caughtUp,
    start() {
      if (running) return;
      stopper = new AbortController();
      running = loop(stopper.signal).finally(() => {
        running = undefined;
      });
    },
    async stop() {
      stopper.abort();
      await running;
    },
  };
}
