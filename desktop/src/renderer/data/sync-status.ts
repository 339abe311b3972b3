// What the status bar shows about replication, computed from each collection's state. Pure.

export type CollectionSyncState = {
  /** A pull or push is running right now. */
  active: boolean;
  /** The first full pull after start has finished. */
  initialDone: boolean;
  /** Local writes not yet acknowledged by the server. */
  pending: number;
  /** Docs received since start. */
  received: number;
  error?: string;
};

export type SyncSummary =
  | { state: 'offline'; pending: number }
  | { state: 'syncing'; pending: number; progress: number; received: number }
  | { state: 'error'; pending: number; errors: string[] }
  | { state: 'online'; pending: number };

export function summarizeSync(online: boolean, collections: Record<string, CollectionSyncState>): SyncSummary {
  const states = Object.values(collections);
  const pending = states.reduce((n, s) => n + s.pending, 0);
  if (!online) return { state: 'offline', pending };
  const errors = Object.entries(collections)
    .filter(([, s]) => s.error)
    .map(([name, s]) => `${name}: ${s.error}`);
  if (errors.length > 0) return { state: 'error', pending, errors };
  const done = states.filter((s) => s.initialDone).length;
  if (states.length === 0 || done < states.length || states.some((s) => s.active) || pending > 0) {
    return {
      state: 'syncing',
      pending,
      progress: states.length === 0 ? 0 : done / states.length,
      received: states.reduce((n, s) => n + s.received, 0),
    };
  }
  return { state: 'online', pending };
}

/** Error answers become thrown errors, so RxDB retries instead of stopping (see shared/src/sync). */
export { throwOnErrorStatus } from '@app/shared/sync';

/** Whether a replication error means "cannot reach the server" rather than a real failure. */
export function isNetworkError(message: string): boolean {
  return /failed to fetch|networkerror|network error|load failed|econnrefused|fetch failed|timed? ?out/i.test(message);
}

/** Tracks ids written locally until the replication reports them sent. */
export class PendingWrites {
  private readonly ids = new Map<string, Set<string>>();
  constructor(private readonly storage?: Pick<Storage, 'getItem' | 'setItem'>, private readonly key = 'sw.pending') {
    try {
      const raw = storage?.getItem(key);
      if (raw) for (const [c, list] of Object.entries(JSON.parse(raw) as Record<string, string[]>)) this.ids.set(c, new Set(list));
    } catch {
      /* a corrupt record only loses the count, never data */
    }
  }
  add(collection: string, id: string) {
    const set = this.ids.get(collection) ?? new Set<string>();
    set.add(id);
    this.ids.set(collection, set);
    this.save();
  }
  sent(collection: string, ids: readonly string[]) {
    const set = this.ids.get(collection);
    if (!set) return;
    ids.forEach((id) => set.delete(id));
    this.save();
  }
  count(collection: string): number {
    return this.ids.get(collection)?.size ?? 0;
  }
  private save() {
    this.storage?.setItem(this.key, JSON.stringify(Object.fromEntries([...this.ids].map(([c, s]) => [c, [...s]]))));
  }
}
