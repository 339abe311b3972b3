// Follows a CouchDB database's changes feed in batches and hands each batch to a handler, saving the
// position (checkpoint) only after the handler finished: the feed is an outbox, so after a crash or a
// restart every change after the last checkpoint is handled again and none is skipped. Handlers must
// therefore be idempotent. The long-poll is bounded on our side too (express-pouchdb ignores `timeout`
// when nothing changes), and stop() aborts it at once.
import type { DocumentScope, ServerScope } from 'nano';
import type { Logger } from 'pino';

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

type ChangesResponse = {
  results: Array<{ id: string; seq: string | number; deleted?: boolean; doc?: never }>;
  last_seq: string | number;
};

const statusOf = (e: unknown) => (e as { statusCode?: number } | undefined)?.statusCode;
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((ok) => {
    const t = setTimeout(ok, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), ok()), { once: true });
  });

export function createChangeFollower<T = Record<string, unknown>>(opts: {
  server: ServerScope;
  /** The database to follow. */
  dbName: string;
  /**
   * Where the position is kept, and under which id (one per follower and process role). Without it the
   * position lives in memory and each start reads the feed from the beginning (for in-memory indexes).
   */
  checkpoints?: DocumentScope<CheckpointDoc>;
  checkpointId?: string;
  handle: (changes: Change<T>[]) => Promise<void>;
  log: Logger;
  batchSize?: number;
  /** Long-poll bound; the feed answers sooner when something changes. */
  pollMs?: number;
  /** Back-off after an error, doubled up to 30 s. */
  retryMs?: number;
}): ChangeFollower {
  const batchSize = opts.batchSize ?? 100;
  const pollMs = opts.pollMs ?? 10_000;
  const checkpointId = opts.checkpointId ?? `cp:${opts.dbName}`;
  let since = '0';
  let checkpointRev: string | undefined;
  let running: Promise<void> | undefined;
  let stopper = new AbortController();
  let markCaughtUp = () => {};
  const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));

  async function loadCheckpoint(): Promise<void> {
    if (!opts.checkpoints) return;
    try {
      const doc = await opts.checkpoints.get(checkpointId);
      since = doc.since;
      checkpointRev = doc._rev;
    } catch (e) {
      if (statusOf(e) !== 404) throw e;
    }
  }

  async function saveCheckpoint(next: string): Promise<void> {
    if (!opts.checkpoints) {
      since = next;
      return;
    }
    const doc: CheckpointDoc = { _id: checkpointId, since: next, updatedAt: new Date().toISOString() };
    if (checkpointRev) doc._rev = checkpointRev;
    try {
      checkpointRev = (await opts.checkpoints.insert(doc)).rev;
    } catch (e) {
      if (statusOf(e) !== 409) throw e;
      // Someone else wrote our checkpoint (a second process with the same id): take theirs and retry.
      await loadCheckpoint();
      doc._rev = checkpointRev;
      checkpointRev = (await opts.checkpoints.insert(doc)).rev;
    }
    since = next;
  }

  async function poll(signal: AbortSignal): Promise<ChangesResponse> {
    const bound = AbortSignal.any([signal, AbortSignal.timeout(pollMs + 2_000)]);
    try {
      return (await opts.server.request({
        db: opts.dbName,
        path: '_changes',
        method: 'GET',
        qs: {
          feed: 'longpoll',
          since,
          limit: batchSize,
          include_docs: true,
          timeout: pollMs,
          heartbeat: false,
        },
        signal: bound,
      } as never)) as ChangesResponse;
    } catch (e) {
      // Our own bound fired while nothing changed: an empty batch, not an error.
      if (!signal.aborted && bound.aborted) return { results: [], last_seq: since };
      throw e;
    }
  }

  async function loop(signal: AbortSignal): Promise<void> {
    let backoff = 0;
    await loadCheckpoint();
    while (!signal.aborted) {
      try {
        const batch = await poll(signal);
        if (signal.aborted) break;
        // express-pouchdb ends a long-poll that timed out with an empty body: nothing changed.
        if ((batch as unknown) === '') {
          markCaughtUp();
          continue;
        }
        if (!Array.isArray(batch?.results))
          throw new Error(`unexpected _changes answer: ${JSON.stringify(batch).slice(0, 200)}`);
        // Design docs (Mango indexes) are not data.
        const changes = batch.results
          .filter((r) => !r.id.startsWith('_design/'))
          .map((r) => ({ ...r, seq: String(r.seq) })) as Change<T>[];
        if (changes.length > 0) await opts.handle(changes);
        const next = String(batch.last_seq);
        if (next !== since) await saveCheckpoint(next);
        if (changes.length < batchSize) markCaughtUp();
        backoff = 0;
      } catch (e) {
        if (signal.aborted) break;
        backoff = Math.min(30_000, backoff ? backoff * 2 : (opts.retryMs ?? 500));
        opts.log.warn({ err: e, db: opts.dbName, backoffMs: backoff }, 'changes feed failed; retrying');
        await sleep(backoff, signal);
      }
    }
  }

  return {
    get since() {
      return since;
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
