// The docs of a team collection (contacts, conversations) that its agent runs and deliveries touched
// lately, kept current from the collection's changes feed: a returning customer's run, and planning
// the follow-up of the answer it sent, read the contact and the conversation from memory instead of
// asking the store again (two reads of each per customer message before; issue 36). The feed costs
// one request held open on Apache CouchDB (continuous-changes.ts).
//
// When a cached doc can be trusted, as a store read a moment earlier could:
// - The feed starts at the database's end (`since=now`) and nothing is cached before it has read
//   there once: every change after that reaches the cache, a few milliseconds after it is stored.
// - A doc read from the store while changes to it arrive (`load`) keeps the newest of them.
// - This process's own writes go in as written (`remember`), cached before or not: the feed was
//   reading when they were made, and a change of the doc it brought before they go in (another
//   writer's, a moment after ours) is kept aside for that (the last few thousand changes); a
//   revision never replaces a newer one.
// A run writes on the revision it read; when the store has a newer one (a change the feed had not
// brought yet), the write is refused and merged as before (port-writes.ts). Bounded: the docs used
// least recently go first.
import type { Logger } from 'pino';
import type { Store, TeamCollection } from '../../context';
import { revisionGeneration, type Stored } from '../couch-docs';
import { copyDoc } from '../copy-doc';
import { createChangeFollower } from './change-follower';

type Raw = Stored<Record<string, unknown>>;

export type RecentDocs = {
  /** Whether the feed has read to the database's end once: until then nothing is cached. */
  readonly ready: boolean;
  /** The doc as last known (a copy), or undefined when not cached. */
  get(id: string): Raw | undefined;
  /** Whether the doc is cached. */
  has(id: string): boolean;
  /** A doc this process just wrote, as written (once the feed is ready; else nothing is kept). */
  remember(raw: Raw): void;
  /**
   * The doc as cached (a copy); not cached: read through `read` and cached, with the changes that
   * arrived meanwhile.
   */
  load(id: string, read: () => Promise<Raw | undefined>): Promise<Raw | undefined>;
  readonly size: number;
  close(): Promise<void>;
};

export function startRecentDocs(opts: {
  store: Store;
  teamId: string;
  collection: TeamCollection;
  log: Logger;
  max?: number;
}): RecentDocs {
  const max = opts.max ?? 5_000;
  /** Least recently used first. */
  const docs = new Map<string, Raw>();
  /** The changes that arrived while a doc was being read, by id. */
  const loading = new Map<string, Raw[]>();
  /** The feed's last changes of any doc, cached or not, oldest first: what a write may have missed. */
  const lately = new Map<string, Raw>();
  const maxLately = 2_000;
  let ready = false;

  /** Keeps `raw` unless the cache holds a newer revision of it. */
  function put(raw: Raw): void {
    const known = docs.get(raw._id);
    if (known && revisionGeneration(known._rev) > revisionGeneration(raw._rev)) return;
    docs.delete(raw._id);
    docs.set(raw._id, raw);
    while (docs.size > max) docs.delete(docs.keys().next().value!);
  }

  const follower = createChangeFollower<Record<string, unknown>>({
    server: opts.store.server,
    dbName: opts.store.dbName(opts.teamId, opts.collection),
    initialSince: 'now',
    log: opts.log,
    batchSize: 500,
    handle: async (changes) => {
      for (const c of changes) {
        const change = c.doc ?? { _id: c.id, _rev: '0', _deleted: true };
        loading.get(c.id)?.push(change);
        lately.delete(c.id);
        lately.set(c.id, c.deleted ? { _id: c.id, _rev: c.doc?._rev ?? '0', _deleted: true } : change);
        if (lately.size > maxLately) lately.delete(lately.keys().next().value!);
        if (!docs.has(c.id)) continue;
        if (c.deleted || !c.doc) docs.delete(c.id);
        else put(copyDoc(c.doc));
      }
    },
  });
  follower.start();
  void follower.caughtUp.then(() => void (ready = true));

  /** The doc as last known (a copy, now the most recently used), or undefined. */
  function get(id: string): Raw | undefined {
    const doc = docs.get(id);
    if (!doc) return undefined;
    docs.delete(id);
    docs.set(id, doc);
    return copyDoc(doc);
  }

  return {
    get ready() {
      return ready;
    },
    get size() {
      return docs.size;
    },
    get,
    has: (id) => docs.has(id),
    remember(raw) {
      if (!ready) return;
      const later = lately.get(raw._id);
      if (later && revisionGeneration(later._rev) >= revisionGeneration(raw._rev)) {
        // The feed brought this revision or a later one already: that one is current.
        if ((later as { _deleted?: boolean })._deleted) docs.delete(raw._id);
        else put(copyDoc(later));
        return;
      }
      put(copyDoc(raw));
    },
    async load(id, read) {
      const cached = get(id);
      if (cached) return cached;
      if (!ready || loading.has(id)) return read();
      const arrived: Raw[] = [];
      loading.set(id, arrived);
      try {
        const raw = await read();
        // A change that came while the doc was read is as new as the read, or newer: the newest is
        // kept and answered; after a deletion among them the doc is not cached.
        if (!raw || arrived.some((d) => (d as { _deleted?: boolean })._deleted)) return raw;
        const newest = [raw, ...arrived].reduce((a, b) =>
          revisionGeneration(b._rev) > revisionGeneration(a._rev) ? b : a,
        );
        put(copyDoc(newest));
        return copyDoc(newest);
      } finally {
        loading.delete(id);
      }
    },
    close: () => follower.stop(),
  };
}
