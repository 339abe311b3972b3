// The server's look at the knowledge sources devices push through the sync gateway: a rep's offline
// upload (its original in `files`, maybe chunks cut on the device) or a Q&A pair (a source and its
// chunk, no file). The gateway stores every source a device creates as `pending` (the access table's
// stamp rule), and this follower of the team's pending sources indexes each one nobody took up within
// `graceMs` (the API, the packs and the website crawl index theirs at once): measured by what is stored
// and held against the plan (knowledge-ingest.ts), so one over the plan's knowledge size ends `failed`
// with the plan's reason, kept, and none of its chunks is searched (knowledge-gate.ts). A run takes the
// source only while it is still pending (a compare-and-swap), so of several server processes one runs
// it. A source whose file or chunks have not arrived yet is looked at again, less and less often, for
// about an hour; each start looks at every pending source again (the feed is read from its start).
import type { Logger } from 'pino';
import type { Store } from '../context';
import { createChangeFollower } from '../store/feeds/change-follower';
import { ingestKnowledgeSource, type IngestDeps, type IngestOutcome } from './knowledge-ingest';

export type KnowledgeIntake = { close(): Promise<void> };

/** Looks at a source waiting for its content this often at most (about an hour in all). */
const MAX_LOOKS = 64;

export function startKnowledgeIntake(opts: {
  store: Store;
  teamId: string;
  log: Logger;
  /** The parser, retry bound and plan (default: the default parser, no plan). */
  deps?: IngestDeps;
  /** How long a new pending source is left to whoever made it. */
  graceMs?: number;
  /** The first wait for content that has not arrived; doubled each time, up to a minute. */
  retryMs?: number;
}): KnowledgeIntake {
  const { store, teamId, log } = opts;
  const graceMs = opts.graceMs ?? 3_000;
  const retryMs = opts.retryMs ?? 5_000;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let closed = false;
  /** One source at a time: a device's many offline uploads are not all read into memory at once. */
  let running: Promise<void> = Promise.resolve();

  /** Looks at the source in `ms`, unless a look is planned already. */
  function plan(sourceId: string, ms: number, looks: number) {
    if (closed || timers.has(sourceId) || looks >= MAX_LOOKS) return;
    const timer = setTimeout(() => {
      timers.delete(sourceId);
      running = running.then(() => look(sourceId, looks));
    }, ms);
    timer.unref?.();
    timers.set(sourceId, timer);
  }

  /** Indexes the source if it is still pending; one whose content has not arrived waits longer. */
  async function look(sourceId: string, looks: number): Promise<void> {
    if (closed) return;
    const again = () => plan(sourceId, Math.min(60_000, retryMs * 2 ** looks), looks + 1);
    let outcome: IngestOutcome;
    try {
      outcome = await ingestKnowledgeSource(store, teamId, sourceId, log, opts.deps, undefined, {
        status: 'pending',
      });
    } catch (err) {
      log.warn({ err, teamId, sourceId }, 'indexing a pushed knowledge source failed; will retry');
      return again();
    }
    if (outcome.status === 'waiting') again();
  }

  const follower = createChangeFollower<{ kind?: string }>({
    server: store.server,
    dbName: store.dbName(teamId, 'knowledge_sources'),
    log,
    selector: { status: 'pending' },
    handle: async (changes) => {
      // A website is crawled on its schedule (website-crawl.ts), not indexed as a file.
      for (const c of changes) if (!c.deleted && c.doc?.kind !== 'website') plan(c.id, graceMs, 0);
    },
  });
  follower.start();

  return {
    async close() {
      closed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await follower.stop();
      await running;
    },
  };
}
