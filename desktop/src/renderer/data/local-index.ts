// A projection index over one collection: a compact row per document (only the fields a list shows,
// sorts or sums), kept in memory and in IndexedDB beside the storage checkpoint it is current to.
// Why not an RxDB index: the board sorts by score (descending) and groups by pipeline, and both fields
// are optional. IndexedDB leaves a document out of a compound index when a field of it is missing, and
// RxDB serves no descending sort from an index (it reads the whole range and sorts), so an indexed
// query per column would miss deals or read the whole stage. Here a cold start reads one stored value
// (the rows) and then only the documents written since its checkpoint, through the storage's own
// `_meta.lwt` index, so 50,000 deals open as fast as 500. The same catch-up runs on every change event
// (local edits, replication, other tabs), so rows stay live without knowing a document's old state.
import {
  getChangedDocumentsSince,
  normalizeMangoQuery,
  now,
  prepareQuery,
  type RxCollection,
} from 'rxdb';

export type Checkpoint = { id: string; lwt: number };

/** Where rows and their checkpoint are kept between starts. */
export type RowStore = {
  get(key: string): Promise<unknown>;
  put(key: string, value: unknown): Promise<void>;
};

/** Which rows changed in one catch-up: `before` undefined = new, `after` undefined = deleted. */
export type RowChange<R> = { id: string; before?: R | undefined; after?: R | undefined };

export type LocalIndex<R> = {
  readonly rows: ReadonlyMap<string, R>;
  /** Bumped after each catch-up that changed rows. */
  readonly version: number;
  /** Resolves when the stored rows are loaded and caught up with the database. */
  readonly ready: Promise<void>;
  readonly isReady: boolean;
  subscribe(listener: (changes: readonly RowChange<R>[]) => void): () => void;
  /** Catches up now (tests and callers that must see their own write at once). */
  refresh(): Promise<void>;
  close(): void;
};

export type LocalIndexOptions<R> = {
  collection: RxCollection;
  /** Part of the stored key: bump it when `project` changes, so old rows are rebuilt. */
  name: string;
  project(doc: Record<string, unknown>): R;
  store: RowStore;
  /** Documents read per catch-up page. */
  pageSize?: number;
  /** How long small catch-ups wait before the rows are stored again. */
  persistDelayMs?: number;
  /**
   * How the rows are stored (default: as they are, `[id, row]` pairs). A codec that packs them into
   * a few columns is read back several times quicker: structured clone is slow at many small objects.
   */
  codec?: RowCodec<R>;
  /**
   * The database's own token (RxDB's `storageToken`): rows stored for another database of the same
   * name (removed and made again) are built again instead of read.
   */
  token?: Promise<string>;
};

export type RowCodec<R> = {
  encode(rows: ReadonlyMap<string, R>): unknown;
  /** The rows in `encoded`; undefined when it is not this codec's (stored by another version). */
  decode(encoded: unknown): Iterable<readonly [string, R]> | undefined;
};

type Stored<R> = { checkpoint: Checkpoint | null; rows?: [string, R][]; columns?: unknown; token?: string };

export function createLocalIndex<R>(options: LocalIndexOptions<R>): LocalIndex<R> {
  const { collection, project, store, codec } = options;
  const pageSize = options.pageSize ?? 2000;
  const persistDelayMs = options.persistDelayMs ?? 1000;
  const key = `${collection.name}:${collection.schema.version}:${options.name}`;
  const rows = new Map<string, R>();
  const listeners = new Set<(changes: readonly RowChange<R>[]) => void>();
  let checkpoint: Checkpoint | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let resetPending = false;
  let loaded = false;
  let closed = false;
  let persistTimer: ReturnType<typeof setTimeout> | undefined;
  let token: string | undefined;
  /** Whether listeners were told since the stored rows were read (load tells them once if not). */
  let told = false;
  const primary = collection.schema.primaryPath as string;

  /** Stores the rows with their checkpoint; a failure only means the next start reads more. */
  const persist = async () => {
    if (persistTimer) clearTimeout(persistTimer);
    persistTimer = undefined;
    if (closed) return;
    const value: Stored<R> = codec
      ? { checkpoint, columns: codec.encode(rows), ...(token === undefined ? {} : { token }) }
      : { checkpoint, rows: [...rows], ...(token === undefined ? {} : { token }) };
    await store.put(key, value).catch(() => undefined);
  };
  const schedulePersist = (delay: number) => {
    if (persistTimer) clearTimeout(persistTimer);
    persistTimer = setTimeout(() => void persist(), delay);
  };

  /**
   * A first build reads pages of the primary key (the changes feed's `_meta.lwt` query is far slower
   * for a whole collection), then takes a checkpoint a second before it began: documents written
   * while the pages were read (the same clock stamps them) are read again by the catch-up after it.
   */
  const build = async () => {
    const schema = collection.schema.jsonSchema;
    const startedAt = now();
    rows.clear();
    let last = '';
    for (;;) {
      const query = prepareQuery(
        schema,
        normalizeMangoQuery(schema, {
          selector: { [primary]: { $gt: last }, _deleted: { $eq: false } },
          sort: [{ [primary]: 'asc' }],
          limit: pageSize,
        } as never),
      );
      const { documents } = await collection.storageInstance.query(query);
      for (const doc of documents as Record<string, unknown>[]) rows.set(doc[primary] as string, project(doc));
      if (documents.length < pageSize || closed) break;
      last = (documents[documents.length - 1] as Record<string, unknown>)[primary] as string;
    }
    checkpoint = { id: '', lwt: startedAt - 1000 };
  };

  /**
   * Reads every document written since the checkpoint and applies it to the rows. `rebuilt`: the rows
   * were dropped first, so listeners are told to start over (an empty list) instead of each change.
   */
  const catchUp = async (rebuilt = false) => {
    if (checkpoint === null) {
      await build();
      rebuilt = true;
    }
    const changes: RowChange<R>[] = [];
    for (;;) {
      const page = await getChangedDocumentsSince(collection.storageInstance, pageSize, checkpoint ?? undefined);
      for (const doc of page.documents as Record<string, unknown>[]) {
        const id = doc[primary] as string;
        const before = rows.get(id);
        if (doc._deleted) {
          if (before === undefined) continue;
          rows.delete(id);
          changes.push({ id, before });
        } else {
          const after = project(doc);
          rows.set(id, after);
          changes.push({ id, before, after });
        }
      }
      if (page.documents.length) checkpoint = page.checkpoint as Checkpoint;
      if (page.documents.length < pageSize || closed) break;
    }
    if ((changes.length || rebuilt) && !closed) {
      // A large catch-up (a first build, a big sync) is stored before anyone is told: a window closed
      // right after it shows must not leave the next start to read every document again.
      if (changes.length > pageSize || rebuilt) await persist();
      else schedulePersist(persistDelayMs);
      index.version++;
      // Caught up with the database: the rows are what it holds (a count check may follow, see load).
      index.isReady = true;
      told = true;
      for (const l of listeners) l(rebuilt ? [] : changes);
    }
  };

  /** One catch-up at a time; changes during one are read by one more. */
  const refresh = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          const rebuild = resetPending;
          resetPending = false;
          if (rebuild) {
            rows.clear();
            checkpoint = null;
          }
          await catchUp(rebuild);
        } while (again && !closed);
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const load = async () => {
    const [found, ours] = await Promise.all([
      store.get(key).catch(() => undefined) as Promise<Stored<R> | undefined>,
      options.token?.catch(() => undefined),
    ]);
    token = ours;
    // Rows stored for another database of this name are not read (built again below).
    const stored = found && found.token === token ? found : undefined;
    const list = stored && (codec ? codec.decode(stored.columns) : stored.rows);
    if (stored && list) {
      for (const [id, row] of list) rows.set(id, row);
      checkpoint = stored.checkpoint;
    }
    loaded = true;
    told = false;
    await refresh();
    index.isReady = true;
    if (!told && !closed) {
      // Stored rows with nothing to catch up notify nobody: tell the screens they are there.
      index.version++;
      for (const l of listeners) l([]);
    }
    // The screens show the rows from here; should they not add up to the collection (a database
    // deleted and made again under the same name without a token to tell), they are dropped and
    // built again, and the listeners start over. The count waits for the screen's first reads.
    const count = await collection.count().exec();
    if (count !== rows.size && !closed) {
      resetPending = true;
      await refresh();
    }
  };

  // Changes before the stored rows are in are read by the first catch-up of `load`.
  const sub = collection.$.subscribe(() => loaded && void refresh());
  const index = {
    rows,
    version: 0,
    isReady: false,
    ready: Promise.resolve(),
    subscribe(listener: (changes: readonly RowChange<R>[]) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    refresh,
    close() {
      closed = true;
      sub.unsubscribe();
      if (persistTimer) {
        clearTimeout(persistTimer);
        persistTimer = undefined;
      }
    },
  };
  index.ready = load();
  return index;
}

/** Rows kept in a small IndexedDB database of their own beside the RxDB one (structured clone, no JSON). */
export function indexedDbRowStore(dbName: string, idb: IDBFactory = indexedDB): RowStore {
  let opened: Promise<IDBDatabase> | null = null;
  const open = () =>
    (opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = idb.open(`${dbName}__rows`, 1);
      req.onupgradeneeded = () => req.result.createObjectStore('rows');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('rows store did not open'));
    }));
  const run = async <T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>) => {
    const db = await open();
    return new Promise<T>((resolve, reject) => {
      const req = fn(db.transaction('rows', mode).objectStore('rows'));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('rows store request failed'));
    });
  };
  return {
    get: (key) => run('readonly', (s) => s.get(key)),
    put: async (key, value) => void (await run('readwrite', (s) => s.put(value, key))),
  };
}

/** Rows in memory only (tests; a device without IndexedDB builds them at every start). */
export function memoryRowStore(): RowStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (key) => structuredClone(data.get(key)),
    put: async (key, value) => void data.set(key, structuredClone(value)),
  };
}
