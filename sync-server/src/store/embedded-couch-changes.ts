// Long-polled `_changes` of the embedded store, read once per database for all who wait on it.
//
// Through express-pouchdb, each waiting long-poll is a live PouchDB feed of its own, and PouchDB
// answers every write by re-reading the changes since each feed's position: the doc's metadata
// and its body, once per waiting feed. The server keeps several feeds on a team's messages (the
// agents, the Telegram sender, the outbound feeds, the demo guard), so one message written cost
// several reads of it per feed. Here one live feed per database reads each change once and hands
// it to every waiting request whose `filter=_selector` it matches (PouchDB's own matcher).
//
// Semantics are CouchDB's `feed=longpoll`: changes after `since` that are already there are answered
// at once (a plain read); otherwise the first matching changes end the wait. Unlike express-pouchdb,
// a wait that times out is answered, as CouchDB does: no results and `last_seq` at the newest change
// seen, so a follower moves past the changes its selector skipped.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Change, Changes, Database } from 'pouchdb';
import { matchesSelector } from 'pouchdb-selector-core';
import { send, sendError } from './embedded-couch-http';

/** The query parameters this short way understands; any other sends the request the long way. */
const known = new Set(['feed', 'since', 'limit', 'include_docs', 'timeout', 'filter', 'heartbeat']);
/** CouchDB's default and longest wait (`[chttpd] changes_timeout` is 60 s by default). */
const DEFAULT_TIMEOUT_MS = 60_000;
/** A database's feed stays open this long after its last waiter, for the next poll. */
const IDLE_MS = 30_000;

type Selector = Record<string, unknown>;

type Waiter = {
  /** Changes after this seq are news to the request. */
  since: number;
  selector: Selector | undefined;
  /** Set while the request's own first read runs: changes that came meanwhile. */
  pending: Change[] | undefined;
  /** Ends the wait with no results once the request's `timeout` has passed. */
  timer?: ReturnType<typeof setTimeout>;
  answer(results: Change[], lastSeq: number): void;
};

type Tail = {
  /** Unset until the database's newest seq is known. */
  feed: Changes | undefined;
  /** Resolves once the feed reads from a known seq: every change after it comes through the feed. */
  ready: Promise<number>;
  /** Newest seq the feed has handed out (or started from). */
  seq: number;
  waiters: Set<Waiter>;
  idle: ReturnType<typeof setTimeout> | undefined;
  ended?: boolean;
};

export type LongpollChanges = {
  /** Answers `GET|POST /<db>/_changes?feed=longpoll…` and resolves true, or false without touching it. */
  route(
    req: IncomingMessage,
    res: ServerResponse,
    dbName: string,
    db: Database,
    query: URLSearchParams,
    body: () => Promise<unknown>,
  ): Promise<boolean>;
  /** Ends every feed and answers every waiting request (the store closes, or a database is gone). */
  close(dbName?: string): void;
};

const seqOf = (s: number | string) => (typeof s === 'number' ? s : Number.parseInt(String(s), 10));

function shape(change: Change, includeDocs: boolean): Change {
  const out: Change = { id: change.id, changes: change.changes, seq: seqOf(change.seq) };
  if (change.deleted) out.deleted = true;
  if (includeDocs && change.doc) out.doc = change.doc;
  return out;
}

function matches(change: Change, selector: Selector | undefined): boolean {
  if (!selector) return true;
  try {
    return matchesSelector(change.doc ?? { _id: change.id }, selector);
  } catch {
    return false;
  }
}

/** One live feed per database, shared by the requests that wait on it. */
type Tails = {
  /** The database's feed, started on first use. */
  tailOf(dbName: string, db: Database): Tail;
  /** A request is answered or gone; the feed idles out once nobody waits. */
  release(dbName: string, tail: Tail, w: Waiter): void;
  /** Ends the feeds of one database, or all. */
  close(dbName?: string): void;
};

function createTails(): Tails {
  const tails = new Map<string, Tail>();

  function endTail(dbName: string, tail: Tail) {
    if (tails.get(dbName) === tail) tails.delete(dbName);
    clearTimeout(tail.idle);
    if (tail.ended) return;
    tail.ended = true;
    tail.feed?.cancel();
    // Nothing more comes from this feed: each request gets what it has (the next poll reads again).
    // One still reading what was there has seen nothing past its `since` for sure.
    for (const w of [...tail.waiters]) w.answer([], w.pending ? w.since : Math.max(w.since, tail.seq));
  }

  function tailOf(dbName: string, db: Database): Tail {
    const known = tails.get(dbName);
    if (known) return known;
    let readyOk!: (seq: number) => void;
    let readyFail!: (e: unknown) => void;
    const ready = new Promise<number>((ok, fail) => {
      readyOk = ok;
      readyFail = fail;
    });
    // The feed starts at the database's newest seq, read before it listens (so none is skipped).
    const tail: Tail = { feed: undefined, ready, seq: 0, waiters: new Set(), idle: undefined };
    tails.set(dbName, tail);
    db.info().then(
      (info) => {
        if (tails.get(dbName) !== tail) return readyFail(new Error('closed'));
        tail.seq = seqOf(info.update_seq);
        tail.feed = db
          .changes({ live: true, since: tail.seq, include_docs: true, return_docs: false })
          .on('change', (change: Change) => onChange(tail, change))
          // Cancelled (the database was destroyed or closed) or broken: the next poll starts anew.
          .on('complete', () => endTail(dbName, tail))
          .on('error', () => endTail(dbName, tail));
        readyOk(tail.seq);
      },
      (e: unknown) => {
        tails.delete(dbName);
        readyFail(e);
      },
    );
    // A failed start is seen by the request that waits on it; nobody else is left waiting.
    ready.catch(() => undefined);
    return tail;
  }

  function onChange(tail: Tail, change: Change) {
    const seq = seqOf(change.seq);
    if (seq > tail.seq) tail.seq = seq;
    for (const w of [...tail.waiters]) {
      if (w.pending) {
        w.pending.push(change);
        continue;
      }
      if (seq > w.since && matches(change, w.selector)) w.answer([change], seq);
    }
  }

  function release(dbName: string, tail: Tail, w: Waiter) {
    tail.waiters.delete(w);
    if (tail.waiters.size > 0 || tails.get(dbName) !== tail) return;
    clearTimeout(tail.idle);
    tail.idle = setTimeout(() => {
      if (tail.waiters.size === 0) endTail(dbName, tail);
    }, IDLE_MS);
    tail.idle.unref?.();
  }

  return {
    tailOf,
    release,
    close(dbName) {
      for (const [name, tail] of [...tails]) if (dbName === undefined || name === dbName) endTail(name, tail);
    },
  };
}

/** The request's query, or undefined when this short way does not serve it (the long way does). */
function readQuery(req: IncomingMessage, query: URLSearchParams) {
  if (query.get('feed') !== 'longpoll') return undefined;
  for (const key of query.keys()) if (!known.has(key)) return undefined;
  const filter = query.get('filter');
  if (filter !== null && (filter !== '_selector' || req.method !== 'POST')) return undefined;
  if (filter === null && req.method !== 'GET') return undefined;
  const since = query.get('since') ?? '0';
  if (!/^\d{1,15}$/.test(since)) return undefined;
  const limitText = query.get('limit');
  const limit = limitText === null ? Infinity : Number(limitText);
  if (!(Number.isInteger(limit) ? limit >= 1 : limit === Infinity)) return undefined;
  const timeoutText = query.get('timeout');
  const timeout = timeoutText === null ? DEFAULT_TIMEOUT_MS : Number(timeoutText);
  if (!Number.isFinite(timeout) || timeout < 0) return undefined;
  const includeDocs = query.get('include_docs') === 'true';
  return { since: Number(since), limit, timeout, includeDocs, withSelector: filter === '_selector' };
}

/** The `filter=_selector` body's selector object, or undefined when the body has none. */
async function readSelector(body: () => Promise<unknown>): Promise<Selector | undefined> {
  let parsed: unknown;
  try {
    parsed = await body();
  } catch {
    parsed = undefined;
  }
  const s = (parsed as { selector?: unknown } | undefined)?.selector;
  if (typeof s !== 'object' || s === null || Array.isArray(s)) return undefined;
  return s as Selector;
}

/** A failed read as the error to send: PouchDB's matcher throws a plain Error on a selector it cannot read. */
function asRequestError(e: unknown): unknown {
  const status = (e as { status?: number }).status;
  return status ? e : Object.assign(new Error(String((e as Error).message ?? e)), { status: 400 });
}

export function createLongpollChanges(): LongpollChanges {
  const { tailOf, release, close } = createTails();

  return {
    async route(req, res, dbName, db, query, body) {
      const q = readQuery(req, query);
      if (!q) return false;
      const { limit, timeout, includeDocs } = q;
      let selector: Selector | undefined;
      if (q.withSelector) {
        selector = await readSelector(body);
        if (!selector) {
          send(req, res, 400, { error: 'bad_request', reason: 'filter=_selector needs a selector object' });
          return true;
        }
      }

      const tail = tailOf(dbName, db);
      clearTimeout(tail.idle);
      let done = false;
      const waiter: Waiter = {
        since: q.since,
        selector,
        pending: [],
        answer(results, lastSeq) {
          if (done) return;
          done = true;
          clearTimeout(waiter.timer);
          res.removeListener('close', onClose);
          release(dbName, tail, waiter);
          const shown = results.slice(0, limit);
          const last = shown.length < results.length ? seqOf(shown[shown.length - 1]!.seq) : lastSeq;
          send(req, res, 200, { results: shown.map((c) => shape(c, includeDocs)), last_seq: last });
        },
      };
      const onClose = () => {
        if (done) return;
        done = true;
        clearTimeout(waiter.timer);
        release(dbName, tail, waiter);
      };
      res.once('close', onClose);
      tail.waiters.add(waiter);
      try {
        await tail.ready;
        // What is there already: a plain read from `since`, PouchDB's own filter (after the feed
        // started, so any change the read does not see comes through the feed).
        const first = await db.changes({
          since: waiter.since,
          ...(limit === Infinity ? {} : { limit }),
          include_docs: includeDocs,
          ...(selector ? { selector } : {}),
        });
        if (done) return true;
        const read = first.results;
        if (read.length > 0) {
          waiter.answer(read, seqOf(first.last_seq));
          return true;
        }
        waiter.since = Math.max(waiter.since, seqOf(first.last_seq));
        const came = (waiter.pending ?? []).filter(
          (c) => seqOf(c.seq) > waiter.since && matches(c, selector),
        );
        waiter.pending = undefined;
        if (came.length > 0) {
          waiter.answer(came, seqOf(came[came.length - 1]!.seq));
          return true;
        }
      } catch (e) {
        if (done) return true;
        done = true;
        res.removeListener('close', onClose);
        release(dbName, tail, waiter);
        sendError(req, res, asRequestError(e));
        return true;
      }
      waiter.timer = setTimeout(() => waiter.answer([], Math.max(waiter.since, tail.seq)), timeout);
      return true;
    },
    close,
  };
}
