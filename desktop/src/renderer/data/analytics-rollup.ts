// The device's analytics rollup (lib/analytics-rollup-state.ts): built once from the local database
// with progress shown, stored in an IndexedDB database of its own beside the app's (local to this
// device, never replicated), and kept current from each collection's changes since a checkpoint, the
// same way replication reads them (`getChangedDocumentsSince`: every change, deletions included,
// whether made here, replicated in, or written by another window while this one was closed). The
// Analytics screen reads it instead of every deal, conversation and message: opening the screen reads
// one record and the changes since it was stored.
import { useEffect, useMemo, useState } from 'react';
import { getChangedDocumentsSince, normalizeMangoQuery, prepareQuery, type RxStorageInstance } from 'rxdb';
import type { FactsView } from '../lib/analytics-facts';
import {
  ROLLUP_VERSION,
  RollupState,
  rollupCollections,
  type RollupCollection,
  type RollupRecord,
} from '../lib/analytics-rollup-state';
import type { AppDatabase } from './database';
import { useWorkspace } from './hooks';

type Checkpoint = unknown;
type Stored = {
  record: RollupRecord;
  checkpoints: Partial<Record<RollupCollection, Checkpoint>>;
  /** The local database's own token: a database removed and made again starts a new rollup. */
  token: string;
};

export type RollupStatus = {
  view: FactsView | undefined;
  /** While the rollup is first built: docs read so far of how many. */
  building?: { done: number; total: number } | undefined;
  error?: string | undefined;
};

/** Docs read per step (the page stays responsive between steps). */
const BATCH = 5000;
/**
 * The first build's checkpoint starts this long before the build did, so a doc written meanwhile
 * (here or in another window, its write begun before the build) behind the build's reading position
 * is read again after it (applying a doc twice changes nothing). Kept short: every doc written in it
 * is read again through the changes feed, the slower path.
 */
const BUILD_MARGIN_MS = 5_000;
/** Quiet time after a change before the rollup reads the changes. */
const SETTLE_MS = 300;
/** Quiet time after an update before the rollup is stored again. */
const SAVE_MS = 3000;

// ---- The store: one IndexedDB database per app database, one record ----

function openStore(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(`${name}-analytics-rollup`, 1);
    req.onupgradeneeded = () => req.result.createObjectStore('rollup');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('cannot open the analytics store'));
  });
}

function request<T>(store: IDBDatabase, mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    const tx = store.transaction('rollup', mode);
    const req = run(tx.objectStore('rollup'));
    tx.oncomplete = () => resolve(req.result as T);
    tx.onerror = () => reject(tx.error ?? new Error('analytics store failed'));
  });
}

// ---- The rollup of one database ----

class AnalyticsRollup {
  status: RollupStatus = { view: undefined };
  private state: RollupState | undefined;
  private checkpoints: Stored['checkpoints'] = {};
  private token = '';
  /** Undefined when IndexedDB refuses (private mode, quota): the rollup then lives in memory only. */
  private store: Promise<IDBDatabase | undefined> = Promise.resolve(undefined);
  private listeners = new Set<(s: RollupStatus) => void>();
  private subscriptions: { unsubscribe(): void }[] = [];
  private started = false;
  private stopped = false;
  private running: Promise<void> | undefined;
  private again = false;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly db: AppDatabase) {}

  subscribe(fn: (s: RollupStatus) => void): () => void {
    this.listeners.add(fn);
    fn(this.status);
    this.start();
    return () => this.listeners.delete(fn);
  }

  private publish(next: RollupStatus) {
    this.status = next;
    for (const fn of this.listeners) fn(next);
  }

  private start() {
    if (this.started) return;
    this.started = true;
    this.db.onClose.push(() => this.stop());
    this.store = openStore(this.db.name).catch(() => undefined);
    for (const name of rollupCollections) {
      // Any change is only a cue to read the changes since the checkpoint (the events' docs are not used).
      const changes: { subscribe(next: () => void): { unsubscribe(): void } } = this.db.collections[name].$;
      this.subscriptions.push(changes.subscribe(() => this.settle()));
    }
    void this.run(true);
  }

  private stop() {
    this.stopped = true;
    for (const s of this.subscriptions) s.unsubscribe();
    clearTimeout(this.settleTimer);
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      void this.save();
    }
  }

  private settle() {
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => void this.run(false), SETTLE_MS);
  }

  /** One catch-up at a time; a change during one asks for another after it. */
  private async run(first: boolean) {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        // A stored rollup shows at once; the changes since it was stored follow a moment later.
        if (first) {
          if (await this.load()) this.publish({ view: this.state!.view() });
          else await this.build();
        }
        do {
          this.again = false;
          const changed = await this.catchUp();
          if (this.stopped) return;
          const built = Boolean(this.status.building);
          if (changed || !this.status.view) this.publish({ view: this.state!.view() });
          // The first build is stored at once, whether or not anything changed while it ran (a
          // database written long before the build has no changes after it, and a build left unstored
          // would run again on every start); later updates when the changes settle.
          if (built) this.scheduleSave(0);
          else if (changed) this.scheduleSave(SAVE_MS);
        } while (this.again && !this.stopped);
      } catch (e) {
        if (!this.stopped) this.publish({ ...this.status, error: e instanceof Error ? e.message : String(e) });
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** Reads the stored rollup; answers false when it is to be built from every doc instead. */
  private async load(): Promise<boolean> {
    const idb = await this.store;
    const stored = idb
      ? await request<Stored | undefined>(idb, 'readonly', (s) => s.get('state')).catch(() => undefined)
      : undefined;
    this.token = await this.db.storageToken;
    if (stored?.record.version === ROLLUP_VERSION && stored.token === this.token) {
      this.state = RollupState.fromRecord(stored.record);
      this.checkpoints = stored.checkpoints;
      return true;
    }
    // First run on this device (or a new rollup version): built from every doc, with progress.
    this.state = new RollupState();
    this.checkpoints = {};
    const counts = await Promise.all(
      rollupCollections.map((n) =>
        this.db.collections[n]
          .count()
          .exec()
          .catch(() => 0),
      ),
    );
    this.publish({ view: undefined, building: { done: 0, total: counts.reduce((a, b) => a + b, 0) } });
    return false;
  }

  /**
   * The first build: every doc read in pages of the primary key (a plain index range, several times
   * quicker than reading the changes feed from its start), then the changes since it began.
   */
  private async build() {
    const since = Date.now() - BUILD_MARGIN_MS;
    await Promise.all(rollupCollections.map((name) => this.buildOne(name)));
    for (const name of rollupCollections) this.checkpoints[name] = { id: '', lwt: since };
  }

  private async buildOne(name: RollupCollection) {
    // One collection's storage, whichever it is (only the primary key `id` is read).
    // The one double cast outside the server's store/: RxDB types each collection's storage by its own
    // doc type, and a union of them takes no query; this reads ids only, which every collection has.
    // eslint-disable-next-line no-restricted-syntax
    const storage = this.db.collections[name].storageInstance as unknown as RxStorageInstance<
      { id: string },
      unknown,
      unknown
    >;
    let last = '';
    for (;;) {
      const query = prepareQuery(
        storage.schema,
        normalizeMangoQuery(storage.schema, { selector: { id: { $gt: last } }, sort: [{ id: 'asc' }], limit: BATCH }),
      );
      const { documents } = await storage.query(query);
      if (this.stopped) return;
      // Deleted docs are in the range too: applied as deletions of facts never made, they change nothing.
      this.state!.apply(name, documents);
      const b = this.status.building;
      if (b) this.publish({ view: undefined, building: { ...b, done: Math.min(b.total, b.done + documents.length) } });
      if (documents.length < BATCH) return;
      last = documents[documents.length - 1]!.id;
      await new Promise((r) => setTimeout(r, 0));
    }
  }

  /** Applies every change since the checkpoints; answers whether anything changed. */
  private async catchUp(): Promise<boolean> {
    // The collections side by side: on an ordinary open each answers "nothing new" from its index.
    const changed = await Promise.all(rollupCollections.map((name) => this.catchUpOne(name)));
    return changed.includes(true);
  }

  private async catchUpOne(name: RollupCollection): Promise<boolean> {
    const state = this.state!;
    let changed = false;
    const storage = this.db.collections[name].storageInstance as Parameters<typeof getChangedDocumentsSince>[0];
    for (;;) {
      const { documents, checkpoint } = await getChangedDocumentsSince(storage, BATCH, this.checkpoints[name]);
      if (this.stopped) return false;
      if (!documents.length) break;
      changed = true;
      const reread = state.apply(name, documents as Record<string, unknown>[]);
      for (const c of reread) {
        // Rare: a message a thread rests on was deleted or changed; its conversation is read again.
        const docs = await this.db.collections.messages.find({ selector: { conversationId: c } }).exec();
        state.rebuildThread(
          c,
          docs.map((d) => d.toJSON() as Record<string, unknown>),
        );
      }
      this.checkpoints[name] = checkpoint;
      const b = this.status.building;
      if (b) this.publish({ view: undefined, building: { ...b, done: Math.min(b.total, b.done + documents.length) } });
      if (documents.length < BATCH) break;
      // Let the page paint and handle input between steps of a long first build.
      await new Promise((r) => setTimeout(r, 0));
    }
    return changed;
  }

  private scheduleSave(ms: number) {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.save(), ms);
  }

  private async save() {
    this.saveTimer = undefined;
    if (!this.state) return;
    const stored: Stored = {
      record: this.state.toRecord(),
      checkpoints: { ...this.checkpoints },
      token: this.token,
    };
    // A rollup that cannot be stored is built again next time: never an error for the screen.
    const idb = await this.store;
    if (idb) await request(idb, 'readwrite', (s) => s.put(stored, 'state')).catch(() => undefined);
  }
}

const rollups = new WeakMap<AppDatabase, AnalyticsRollup>();

/** The analytics rollup of a database (one per database, kept while it is open). */
export function analyticsRollup(db: AppDatabase): AnalyticsRollup {
  let r = rollups.get(db);
  if (!r) rollups.set(db, (r = new AnalyticsRollup(db)));
  return r;
}

/** The rollup's facts for the Analytics screen (undefined while it is first built or read). */
export function useAnalyticsRollup(): RollupStatus {
  const ws = useWorkspace();
  const rollup = useMemo(() => analyticsRollup(ws.db), [ws]);
  const [status, setStatus] = useState(rollup.status);
  useEffect(() => rollup.subscribe(setStatus), [rollup]);
  return status;
}
