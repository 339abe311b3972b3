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

/** What the badge says, as a dictionary key and its arguments (pure, so the wording is tested). */
export type SyncLabel =
  | { key: 'sync.online' | 'sync.error' | 'sync.updating' }
  | { key: 'sync.offline' | 'sync.sending'; n: number }
  | { key: 'sync.syncing'; pct: number };

/**
 * The percentage is the first pull's: once every collection has it, later pulls and pushes are
 * "sending N changes" or "updating", never "Syncing… 100%" (issue 64 item 9: the badge stuck there
 * while the periodic collections pulled every 10 s). Below 100% a rounded 100 shows as 99.
 */
export function syncLabel(s: SyncSummary): SyncLabel {
  if (s.state === 'online') return { key: 'sync.online' };
  if (s.state === 'offline') return { key: 'sync.offline', n: s.pending };
  if (s.state === 'error') return { key: 'sync.error' };
  if (s.progress < 1) return { key: 'sync.syncing', pct: Math.min(99, Math.round(s.progress * 100)) };
  return s.pending > 0 ? { key: 'sync.sending', n: s.pending } : { key: 'sync.updating' };
}

/**
 * The collections still on their first pull since start: a screen listing one of them says
 * "loading", not "nothing here" (issue 64 item 9: the inbox said "No conversations match" during the
 * first sync). Offline or failed, nothing more is coming, so nothing is waited for.
 */
export function firstPullWaiting(online: boolean, collections: Record<string, CollectionSyncState>): string[] {
  if (!online) return [];
  return Object.entries(collections)
    .filter(([, s]) => !s.initialDone && !s.error)
    .map(([name]) => name);
}
