// A database's changes as one request held open (CouchDB's `feed=continuous`): CouchDB writes a JSON
// line per change as it happens, and a blank line every `heartbeat` ms while nothing does. A follower
// that long-polls asks again after every batch, so each change written cost every follower of the
// database a request (and CouchDB a new feed, its auth and its scan from `since`); held open, the feed
// costs one request for as long as it lasts. The rows are read in batches (`read`), the stream paused
// while enough wait to be read. A feed that falls silent (no row, no heartbeat for three heartbeats),
// ends, or fails is closed: the follower opens a new one from where it was.
import type { Readable } from 'node:stream';
import type { ServerScope } from 'nano';

/** A row of `_changes` (with `include_docs`). */
export type ChangeRow = { id: string; seq: string | number; deleted?: boolean; doc?: never };

export type ChangesBatch = { results: ChangeRow[]; last_seq: string | number };

/**
 * CouchDB ended the feed (its `last_seq` line, or the connection closed): no failure of its own, as
 * when the database was dropped (a restore); the follower opens another from where it was.
 */
export class FeedEnded extends Error {
  constructor(dbName: string) {
    super(`${dbName}'s changes feed ended`);
    this.name = 'FeedEnded';
  }
}

/** How a follower waits at the end of the feed: a long-poll per batch, or one continuous request. */
export type LiveFeed = 'longpoll' | 'continuous';

const detected = new WeakMap<ServerScope, Promise<LiveFeed>>();

/**
 * Continuous on Apache CouchDB (`GET /` says `"couchdb": "Welcome"`); long-poll on the embedded store,
 * whose long-polls of a database share one live feed (store/embedded-couch-changes.ts) while each
 * continuous request would be a PouchDB feed of its own. Asked once per server; a failed probe is not
 * kept (long-poll until the next one answers).
 */
export function liveFeedOf(server: ServerScope): Promise<LiveFeed> {
  let known = detected.get(server);
  if (!known) {
    known = Promise.resolve()
      .then(() => server.info())
      .then((info): LiveFeed =>
        (info as { couchdb?: unknown }).couchdb === 'Welcome' ? 'continuous' : 'longpoll',
      );
    detected.set(server, known);
    known.catch(() => detected.delete(server));
  }
  return known.catch((): LiveFeed => 'longpoll');
}

export type ContinuousFeed = {
  /** The feed position after the last row read (where a new feed would go on from). */
  readonly at: string;
  /** Failed, ended or closed: read no more from it. */
  readonly done: boolean;
  /**
   * Up to `max` rows that came; waits up to `waitMs` for the first (none by then: an empty batch at
   * the same position). Throws when the feed failed, ended or fell silent.
   */
  read(max: number, waitMs: number): Promise<ChangesBatch>;
  close(): void;
};

export type ContinuousFeedOptions = {
  server: ServerScope;
  dbName: string;
  since: string;
  /** CouchDB's `filter=_selector`: only rows whose doc matches. */
  selector?: Record<string, unknown>;
  heartbeatMs: number;
  /** The rows kept unread before the stream is paused. */
  maxBuffered: number;
  /** Ends the feed (the follower stops). */
  signal: AbortSignal;
};

/** A line of the feed: a change, the feed's end (`last_seq`), an error, or a heartbeat (empty). */
function parseLine(line: string): { row?: ChangeRow; end?: boolean; error?: Error } {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return { error: new Error(`unreadable line in the changes feed: ${line.slice(0, 120)}`) };
  }
  const o = (v ?? {}) as Record<string, unknown>;
  if (typeof o.id === 'string' && (typeof o.seq === 'string' || typeof o.seq === 'number'))
    return { row: o as ChangeRow };
  if ('last_seq' in o) return { end: true };
  return {
    error: new Error(
      `changes feed: ${String(o.error ?? 'error')}: ${String(o.reason ?? line.slice(0, 120))}`,
    ),
  };
}

/** A reader's wait for news: `wait(ms)` ends at the next `notify()`, or after `ms`. */
export function wakeup(): { notify(): void; wait(ms: number): Promise<void> } {
  let wake: (() => void) | undefined;
  return {
    notify() {
      const w = wake;
      wake = undefined;
      w?.();
    },
    wait: (ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      }),
  };
}

export function openContinuousFeed(o: ContinuousFeedOptions): ContinuousFeed {
  const stopper = new AbortController();
  const rows: ChangeRow[] = [];
  let at = o.since;
  let failure: unknown;
  let partial = '';
  let lastHeard = Date.now();
  const news = wakeup();
  const notify = news.notify;
  const qs = { feed: 'continuous', since: o.since, include_docs: true, heartbeat: o.heartbeatMs };
  const stream: Readable = o.server.request({
    db: o.dbName,
    path: '_changes',
    stream: true,
    signal: stopper.signal,
    ...(o.selector
      ? { method: 'POST', qs: { ...qs, filter: '_selector' }, body: { selector: o.selector } }
      : { method: 'GET', qs }),
  } as never) as never;

  // nano pipes the answer's body into the stream it returns without listening for the body's errors:
  // the body is taken from the 'pipe' event, and listened to, so that ending the feed never makes
  // the body fail with nobody listening (an abort would). Before the answer, an abort ends the wait.
  let body: Readable | undefined;
  let closed = false;
  stream.on('pipe', (source: Readable) => {
    body = source;
    source.on('error', (e: unknown) => fail(e));
    if (closed) source.destroy();
  });

  const fail = (e: unknown) => {
    failure ??= e;
    notify();
  };
  const close = () => {
    fail(new Error(`${o.dbName}'s changes feed closed`));
    if (closed) return;
    closed = true;
    o.signal.removeEventListener('abort', onStop);
    if (body) body.destroy();
    else stopper.abort();
    stream.destroy();
  };
  const onStop = () => close();
  o.signal.addEventListener('abort', onStop, { once: true });
  if (o.signal.aborted) close();

  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    lastHeard = Date.now();
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      const { row, end, error } = parseLine(line);
      if (row) rows.push(row);
      else if (end) fail(new FeedEnded(o.dbName));
      else fail(error);
    }
    if (rows.length >= o.maxBuffered) stream.pause();
    notify();
  });
  stream.on('error', fail);
  stream.on('end', () => fail(new FeedEnded(o.dbName)));

  return {
    get at() {
      return at;
    },
    get done() {
      return failure !== undefined;
    },
    async read(max, waitMs) {
      const deadline = Date.now() + waitMs;
      while (rows.length === 0 && failure === undefined) {
        const silent = Date.now() - lastHeard;
        if (silent > 3 * o.heartbeatMs) {
          fail(new Error(`${o.dbName}'s changes feed sent nothing for ${silent} ms`));
          break;
        }
        const left = deadline - Date.now();
        if (left <= 0) return { results: [], last_seq: at };
        await news.wait(Math.min(left, o.heartbeatMs));
      }
      // Rows that came before a failure are still good: they go first, the failure on the next read.
      if (rows.length > 0) {
        const batch = rows.splice(0, max);
        at = String(batch[batch.length - 1]!.seq);
        if (rows.length < o.maxBuffered && stream.isPaused()) stream.resume();
        return { results: batch, last_seq: at };
      }
      close();
      throw failure;
    },
    close,
  };
}
