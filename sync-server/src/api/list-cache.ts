// List pages as JSON text, cached per database and query and checked on every request against the
// database's state: `GET /db` (update_seq and doc_count, one small request) instead of an `_all_docs`
// read of the page's docs and a new JSON text. Any write anywhere (this process, another server, a
// desktop through the gateway) changes update_seq, so an answer is never older than the database was
// when the request came in. Requests that arrive together share one `GET /db` that starts after the
// last of them arrived; concurrent requests for a page that is not cached wait for one read.
import type { Store } from '../context';
import type { DbState as Db } from '../store/data';

export type ListCache = {
  /** The JSON text of a page: cached while `db` is unchanged, else `compute()`d (and cached). */
  page(db: Db, query: string, compute: () => Promise<unknown>): Promise<string>;
  readonly stats: { hits: number; misses: number };
};

type Entry = { state: string; json: string };
type DbState = Awaited<ReturnType<Db['info']>>;

export function createListCache(
  store: Pick<Store, 'incarnation'>,
  opts: { maxEntries?: number; maxBytes?: number } = {},
): ListCache {
  const maxEntries = opts.maxEntries ?? 1_000;
  const maxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
  /** In least-recently-used order (a Map keeps insertion order; a hit moves the entry to the end). */
  const entries = new Map<string, Entry>();
  const pending = new Map<string, Promise<string>>();
  let bytes = 0;
  const stats = { hits: 0, misses: 0 };
  /** Per database, the `GET /db` that has not started yet: requests arriving now join it. */
  const nextInfo = new Map<string, Promise<DbState>>();

  /** The database's state as of some moment after this call. */
  function stateOf(db: Db): Promise<DbState> {
    const name = db.name;
    let next = nextInfo.get(name);
    if (!next) {
      next = new Promise<void>((ok) => setImmediate(ok)).then(() => {
        nextInfo.delete(name);
        return db.info();
      });
      nextInfo.set(name, next);
    }
    return next;
  }

  function remember(key: string, entry: Entry): void {
    const old = entries.get(key);
    if (old) bytes -= old.json.length;
    entries.delete(key);
    entries.set(key, entry);
    bytes += entry.json.length;
    for (const [k, e] of entries) {
      if (entries.size <= maxEntries && bytes <= maxBytes) break;
      entries.delete(k);
      bytes -= e.json.length;
    }
  }

  return {
    stats,
    async page(db, query, compute) {
      const name = db.name;
      const key = `${name}\u0000${query}`;
      const before = store.incarnation(name);
      const info = await stateOf(db);
      // A drop (restore) under way or in between: the state read may belong to either copy.
      if (before % 2 === 1 || store.incarnation(name) !== before) {
        stats.misses++;
        return JSON.stringify(await compute());
      }
      const state = `${before}/${String(info.update_seq)}/${info.doc_count}`;
      const hit = entries.get(key);
      if (hit?.state === state) {
        stats.hits++;
        entries.delete(key);
        entries.set(key, hit);
        return hit.json;
      }
      stats.misses++;
      const flight = `${key}\u0000${state}`;
      let running = pending.get(flight);
      if (!running) {
        // Read after the state: the page is at least as new as the state it is filed under.
        running = compute()
          .then((page) => {
            const json = JSON.stringify(page);
            remember(key, { state, json });
            return json;
          })
          .finally(() => pending.delete(flight));
        pending.set(flight, running);
      }
      return running;
    },
  };
}
