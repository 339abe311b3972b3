// One continuous `_changes` request per database per process, shared by every follower of that
// database that has read to its end (on Apache CouchDB; the embedded store shares its long-polls
// itself: store/embedded-couch-changes.ts). A team's messages have several followers in a process
// (the agents, each channel's outbox, the demo guard); each held a continuous feed of its own, so
// every message write woke each of them in CouchDB, which read the doc once per feed and matched it
// against each feed's selector. Shared, CouchDB reads each change once for the process, and each
// follower's selector is matched here (PouchDB's own Mango matcher, as the embedded store does).
//
// A follower joins with its position. The first one's position opens the feed; a follower joining a
// feed already under way first reads what came between its position and now with plain reads (its
// selector applied by CouchDB), and then the shared rows that came since it joined, less those it has
// already seen at the same or a newer revision: nothing is skipped, nothing handed over twice at the
// join, and a doc never goes back to an older revision. A follower that lets its rows pile up (more
// than `maxQueued`) is dropped from the feed and joins again from where it was, as after any failure;
// when the feed fails, ends (the database dropped) or falls silent, every follower is told and joins
// a new one. The last follower to leave closes it.
import type { ServerScope } from 'nano';
import { matchesSelector } from 'pouchdb-selector-core';
import {
  openContinuousFeed,
  wakeup,
  type ChangeRow,
  type ChangesBatch,
  type ContinuousFeed,
} from './continuous-changes';

type Selector = Record<string, unknown>;

/** Reads the changes after `since` (one batch, the follower's selector applied by the store). */
export type CatchUpRead = (since: string) => Promise<ChangesBatch>;

export type SharedFeedOptions = {
  server: ServerScope;
  dbName: string;
  /** The follower's position: it gets every change after it. */
  since: string;
  selector?: Selector;
  heartbeatMs: number;
  /** Rows waiting to be read before the follower is dropped from the feed (it joins again). */
  maxQueued: number;
  /** The follower's plain read, for what came before it joined a feed already under way. */
  catchUp: CatchUpRead;
  batchSize: number;
  /** Ends the follower's part (the follower stops). */
  signal: AbortSignal;
};

/** A row with its doc, as the shared feed reads them (`include_docs`). */
type DocRow = Omit<ChangeRow, 'doc'> & { doc?: { _rev?: string } & Record<string, unknown> };

type Member = {
  push(rows: readonly DocRow[]): void;
  fail(e: unknown): void;
};

type Hub = { members: Set<Member>; feed: ContinuousFeed; stopper: AbortController };

const hubs = new WeakMap<ServerScope, Map<string, Hub>>();

/** A revision's generation (`3-abc` → 3), 0 when unknown. */
const generation = (rev: unknown) => (typeof rev === 'string' ? Number.parseInt(rev, 10) || 0 : 0);

/** Reads the hub's feed and hands each batch to every member, until it fails or the last one leaves. */
async function pump(dbName: string, hub: Hub, byDb: Map<string, Hub>, heartbeatMs: number): Promise<void> {
  try {
    while (hub.members.size > 0) {
      const batch = await hub.feed.read(500, heartbeatMs);
      for (const m of [...hub.members]) m.push(batch.results as DocRow[]);
    }
  } catch (e) {
    for (const m of [...hub.members]) m.fail(e);
  } finally {
    if (byDb.get(dbName) === hub) byDb.delete(dbName);
    hub.stopper.abort();
  }
}

/** Joins (or opens) the process's shared continuous feed of `dbName`: a ContinuousFeed of one's own. */
export function joinSharedFeed(o: SharedFeedOptions): ContinuousFeed {
  let found = hubs.get(o.server);
  if (!found) hubs.set(o.server, (found = new Map()));
  const byDb = found;
  const existing = byDb.get(o.dbName);
  const rows: DocRow[] = [];
  let at = o.since;
  let failure: unknown;
  const news = wakeup();
  const notify = news.notify;
  /** Joined a feed under way: what came before is read first (`catchingUp`), then these are dropped. */
  let catchingUp = existing !== undefined;
  const seen = new Map<string, number>();
  const member: Member = {
    push(batch) {
      if (failure !== undefined) return;
      rows.push(...batch);
      if (rows.length > o.maxQueued) {
        const behind = rows.length;
        rows.length = 0;
        member.fail(new Error(`${o.dbName}: a follower fell ${behind} changes behind the shared feed`));
      }
      notify();
    },
    fail(e) {
      failure ??= e;
      leave();
      notify();
    },
  };

  let hub = existing;
  if (!hub) {
    const stopper = new AbortController();
    const feed = openContinuousFeed({
      server: o.server,
      dbName: o.dbName,
      since: o.since,
      heartbeatMs: o.heartbeatMs,
      maxBuffered: 1_000,
      signal: stopper.signal,
    });
    hub = { members: new Set(), feed, stopper };
    byDb.set(o.dbName, hub);
    hub.members.add(member);
    void pump(o.dbName, hub, byDb, o.heartbeatMs);
  } else hub.members.add(member);
  const joined = hub;

  function leave() {
    joined.members.delete(member);
    o.signal.removeEventListener('abort', onStop);
    if (joined.members.size > 0) return;
    // The last one out: the next follower opens a new feed from its own position, and closing this
    // one ends the pump's wait at once.
    if (byDb.get(o.dbName) === joined) byDb.delete(o.dbName);
    joined.feed.close();
  }
  const onStop = () => member.fail(new Error(`${o.dbName}'s changes feed closed`));
  o.signal.addEventListener('abort', onStop, { once: true });
  if (o.signal.aborted) onStop();

  const matches = (row: DocRow) => {
    if (!o.selector) return true;
    if (!row.doc || row.deleted) return false;
    return matchesSelector(row.doc, o.selector);
  };

  /** What came between the follower's position and its joining, in the store's own batches. */
  async function catchUpBatch(): Promise<ChangesBatch> {
    const batch = await o.catchUp(at);
    for (const r of batch.results as DocRow[]) {
      const gen = generation(r.doc?._rev);
      if (gen > (seen.get(r.id) ?? 0)) seen.set(r.id, gen);
    }
    if (batch.results.length < o.batchSize) catchingUp = false;
    at = String(batch.last_seq);
    return { results: batch.results, last_seq: at };
  }

  return {
    get at() {
      return at;
    },
    get done() {
      return failure !== undefined;
    },
    async read(max, waitMs) {
      if (catchingUp && failure === undefined) return catchUpBatch();
      const deadline = Date.now() + waitMs;
      for (;;) {
        const out: DocRow[] = [];
        let taken = 0;
        while (taken < rows.length && out.length < max) {
          const row = rows[taken++]!;
          at = String(row.seq);
          const gen = generation(row.doc?._rev);
          // Read already (by the catch-up) at this revision or a newer one.
          if (seen.size > 0 && gen > 0 && gen <= (seen.get(row.id) ?? 0)) continue;
          if (matches(row)) out.push(row);
        }
        rows.splice(0, taken);
        if (out.length > 0 || (taken > 0 && rows.length === 0))
          return { results: out as ChangeRow[], last_seq: at };
        if (failure !== undefined) throw failure;
        const left = deadline - Date.now();
        if (left <= 0) return { results: [], last_seq: at };
        await news.wait(left);
      }
    },
    close() {
      member.fail(new Error(`${o.dbName}'s changes feed closed`));
    },
  };
}

/** The followers on each shared feed this process holds now, by database (tests and diagnostics). */
export function sharedFeedMembers(server: ServerScope): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [db, hub] of hubs.get(server) ?? []) out[db] = hub.members.size;
  return out;
}
