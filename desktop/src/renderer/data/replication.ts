// Two-way replication of every collection with the sync gateway (`/sync/<collection>/`).
// A browser opens at most 6 HTTP/1.1 connections per host, and every live collection holds one open
// long-poll. With 6 live collections nothing else (pushes, first pulls, the API) could get through, so
// only 4 keep a long-poll (what reps watch live); the rest replicate every 10 s, right after a local
// write, and whenever a live collection receives changes (an inbound message usually brings agent
// activity, twin and task updates with it): a cheap multiplexing of change hints over the live feeds. Replication retries by itself after errors and restarts when the
// network comes back. Docs the server refuses one by one (the role may not write them) are put back as
// the server has them instead of being retried for ever, and `refused$` says so (shared/src/sync).
import { BehaviorSubject, Subject } from 'rxjs';
import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import {
  localCollectionNames as collectionNames,
  type LocalCollectionName as CollectionName,
} from './local-collections';
import { HISTORY_HEADER } from '@app/shared/billing';
import { createPushRefusals, type PushRefusals, type Refusal } from '@app/shared/sync';
import type { FetchLike } from './auth';
import type { AppDatabase } from './database';
import {
  PendingWrites,
  isNetworkError,
  firstPullWaiting,
  summarizeSync,
  throwOnErrorStatus,
  type CollectionSyncState,
  type SyncSummary,
} from './sync-status';

/** Collections with an open long-poll: at most 4, leaving 2 of the browser's 6 connections free. */
export const liveCollections: readonly CollectionName[] = ['conversations', 'messages', 'leads', 'activity'];
export const periodicCollections = collectionNames.filter((c) => !liveCollections.includes(c));
export const periodicIntervalMs = 10_000;
const hintDelayMs = 800;

type Replication = RxCouchDBReplicationState<unknown>;

/**
 * Collections whose gateway answers say how much history the team's plan shows, in days or `all`
 * (sync-server's gateway/history.ts). Their replications are named after it, so that when it grows
 * (a larger plan) the device pulls them again from the start and gets what it was not shown before.
 */
export const historyCollections: readonly CollectionName[] = ['conversations', 'messages'];

/** The replication's name: per server, and for history collections per history shown. */
export function replicationIdOf(name: CollectionName, serverUrl: string, history: string): string {
  const base = `couchdb-${name}-${serverUrl}`;
  // `all` keeps the name replications had before plans, so nothing is pulled again for it.
  return historyCollections.includes(name) && history !== 'all' ? `${base}-history-${history}` : base;
}

/** Local changes the server refused, put back as the server has them. */
export type RefusedChanges = { collection: CollectionName; refusals: Refusal[] };

export class SyncEngine {
  readonly summary$ = new BehaviorSubject<SyncSummary>({ state: 'syncing', pending: 0, progress: 0, received: 0 });
  /** The collections still on their first pull (none before start, or with sync off). */
  readonly waiting$ = new BehaviorSubject<readonly string[]>([]);
  readonly pending = new PendingWrites(globalThis.localStorage);
  readonly refused$ = new Subject<RefusedChanges>();
  /** Per collection, kept across the periodic restarts (a put-back may be pushed by the next run). */
  private readonly refusals = new Map<CollectionName, PushRefusals>();
  private readonly states: Record<string, CollectionSyncState> = {};
  private readonly replications = new Map<CollectionName, Replication>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private hintTimer: ReturnType<typeof setTimeout> | undefined;
  private online = globalThis.navigator?.onLine ?? true;
  private stopped = false;
  /** Aborted when the browser goes offline, so hanging long-polls cannot deliver stale state late. */
  private inflight = new AbortController();
  /** The history the server last said it shows (HISTORY_HEADER), kept across starts. */
  private history: string;

  constructor(
    private readonly db: AppDatabase,
    private readonly serverUrl: string,
    private readonly authFetch: FetchLike,
  ) {
    this.history = globalThis.localStorage?.getItem(this.historyKey) ?? 'all';
  }

  private get historyKey() {
    return `sw.history:${this.serverUrl}`;
  }

  /**
   * Every gateway answer names the history the plan shows: when it is not the one the history
   * collections' replications are named after, they start again under the new name (a full pull of
   * what is shown).
   */
  private noteHistory(res: Response) {
    const shown = res.headers.get(HISTORY_HEADER);
    if (!shown || shown === this.history || this.stopped) return;
    this.history = shown;
    globalThis.localStorage?.setItem(this.historyKey, shown);
    setTimeout(() => {
      for (const name of historyCollections) {
        const old = this.replications.get(name);
        if (!old || this.stopped) continue;
        void old.cancel().then(() => {
          if (!this.stopped) this.startOne(name, liveCollections.includes(name));
        });
      }
    }, 0);
  }

  start() {
    for (const name of collectionNames) {
      this.states[name] = { active: false, initialDone: false, pending: this.pending.count(name), received: 0 };
      this.startOne(name, liveCollections.includes(name));
    }
    this.timer = setInterval(() => this.refreshPeriodic(), periodicIntervalMs);
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    this.emit();
  }

  /** Records a local write so the status bar can count it as pending until pushed. */
  notePendingWrite(collection: CollectionName, id: string) {
    this.pending.add(collection, id);
    this.patch(collection, { pending: this.pending.count(collection) });
    if (!liveCollections.includes(collection)) this.hint();
  }

  /** Runs the periodic collections soon (debounced): after local writes and live changes. */
  private hint() {
    // Debounced, but a steady stream of live changes must not postpone it forever.
    if (this.hintTimer) return;
    this.hintTimer = setTimeout(() => {
      this.hintTimer = undefined;
      this.refreshPeriodic();
    }, hintDelayMs);
  }

  /** Pulls and pushes everything now (the "sync now" button, and when the network returns). */
  syncNow() {
    for (const name of collectionNames) {
      const rep = this.replications.get(name);
      if (liveCollections.includes(name)) rep?.reSync();
      else this.restartPeriodic(name);
    }
  }

  async stop() {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.hintTimer);
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    await Promise.all([...this.replications.values()].map((r) => r.cancel()));
    this.replications.clear();
  }

  private refusalsOf(name: CollectionName): PushRefusals {
    let refusals = this.refusals.get(name);
    if (!refusals) {
      refusals = createPushRefusals({
        url: `${this.serverUrl}/sync/${name}/`,
        collection: this.db.collections[name] as never,
        onRefused: (list) => {
          this.pending.sent(name, list.map((r) => r.id));
          this.patch(name, { pending: this.pending.count(name) });
          this.refused$.next({ collection: name, refusals: list });
        },
        onError: (err) => this.patch(name, { error: String((err as Error)?.message ?? err).slice(0, 200) }),
      });
      this.refusals.set(name, refusals);
    }
    return refusals;
  }

  private startOne(name: CollectionName, live: boolean) {
    const refusals = this.refusalsOf(name);
    const fetchOnce = (input: string, init?: RequestInit) =>
      this.authFetch(input, { ...init, signal: this.inflight.signal }).then((res) => {
        this.noteHistory(res);
        return throwOnErrorStatus(res);
      });
    const wrapped = refusals.wrap(fetchOnce);
    const rep = replicateCouchDB({
      replicationIdentifier: replicationIdOf(name, this.serverUrl, this.history),
      collection: this.db.collections[name] as never,
      url: `${this.serverUrl}/sync/${name}/`,
      fetch: ((input: RequestInfo | URL, init?: RequestInit) => wrapped(String(input), init)) as typeof fetch,
      live,
      retryTime: 5000,
      waitForLeadership: true,
      pull: { batchSize: 200, heartbeat: 25_000 },
      push: { batchSize: 100, modifier: (doc) => refusals.modifier(doc) },
    }) as Replication;
    this.replications.set(name, rep);
    rep.active$.subscribe((active) => this.patch(name, { active }));
    rep.received$.subscribe(() => {
      this.online = true;
      if (this.states[name]?.error) this.patch(name, { error: undefined });
      if (live) this.hint();
      this.patch(name, { received: (this.states[name]?.received ?? 0) + 1 });
    });
    rep.sent$.subscribe((doc) => {
      const id = (doc as { id?: string }).id;
      this.online = true;
      if (id) this.pending.sent(name, [id]);
      this.patch(name, { pending: this.pending.count(name), error: undefined });
    });
    rep.error$.subscribe((err) => {
      const e = err as { message?: string; code?: string; parameters?: { errors?: unknown[]; error?: unknown } };
      const detail = JSON.stringify(e.parameters?.errors ?? e.parameters?.error ?? '');
      const message = String(e.message ?? err);
      if (isNetworkError(message) || isNetworkError(detail) || /abort/i.test(detail)) {
        this.online = false;
        this.emit();
      } else if (e.code === 'RC_STREAM' || message.includes('RC_STREAM')) {
        // A failed long-poll (timeouts are normal for them): RxDB retries it by itself.
      } else {
        this.patch(name, { error: message.slice(0, 200) });
      }
    });
    void rep.awaitInitialReplication().then(
      () => {
        this.online = globalThis.navigator?.onLine ?? true;
        this.patch(name, { initialDone: true, error: undefined });
      },
      () => undefined,
    );
  }

  private restartPeriodic(name: CollectionName) {
    const old = this.replications.get(name);
    if (old && !old.isStopped()) return;
    if (this.stopped) return;
    this.startOne(name, false);
  }

  private refreshPeriodic() {
    for (const name of periodicCollections) this.restartPeriodic(name);
  }

  private readonly onOnline = () => {
    this.online = true;
    for (const name of collectionNames) if (this.states[name]?.error) this.patch(name, { error: undefined });
    this.emit();
    this.syncNow();
  };

  private readonly onOffline = () => {
    this.online = false;
    this.inflight.abort();
    this.inflight = new AbortController();
    this.emit();
  };

  private patch(name: CollectionName, patch: Partial<CollectionSyncState>) {
    const prev = this.states[name] ?? { active: false, initialDone: false, pending: 0, received: 0 };
    this.states[name] = { ...prev, ...patch };
    if ('error' in patch && patch.error === undefined) delete this.states[name].error;
    this.emit();
  }

  private emit() {
    this.summary$.next(summarizeSync(this.online, this.states));
    const waiting = firstPullWaiting(this.online, this.states);
    if (waiting.join() !== this.waiting$.value.join()) this.waiting$.next(waiting);
  }
}
