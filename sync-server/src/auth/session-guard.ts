// Ends a member's access at once when they are removed, their role or team changes or their password
// changes: each user doc has a token version (`tokenVersion`), every access token carries the version
// it was signed with (`ver`), and a token older than its user's version, or of a removed user, is
// refused (401 `token-revoked`) by every request of the API and the /sync gateway, and the gateway's
// waiting long-polls are ended.
//
// The check is a map lookup: this process keeps user -> version in memory. It learns a bump it made
// itself at once (`bumped`), and the bumps of other server processes from the `app_users` changes
// feed, read every `pollMs` (1 s): a token revoked through another process works there for at most
// about `pollMs` more. A user seen for the first time is read from the store once. Should the feed
// not have been read for `maxStaleMs` (5 s: the store is down, or slow), nothing in the map is
// trusted and each request reads its user's doc itself (concurrent requests of a user share a read;
// a store that does not answer fails the request), so the bound holds whatever the feed does.
//
// Nobody signed in, nothing read: while no session has been checked for `idleMs` (10 s) and no
// long-poll watches one, the feed is not read (a read a second per server process, for a bot that
// answers customers alone, doubled by a second process: issue 65). The next check then finds the map
// stale, reads its user's doc itself and starts reading the feed again from where it stopped.
import type { Logger } from 'pino';
import { DomainError } from '@app/shared/errors';
import type { Store } from '../context';
import { systemDocs, type FeedPosition } from '../store/data';
import { tokenVersionOf, userDocId, type UserDoc } from './docs';

export type SessionGuard = {
  /** Throws 401 `token-revoked` when a token of `version` no longer holds for the user. */
  check(userId: string, version: number): void | Promise<void>;
  /** This process raised the user's version (or removed them): refuse older tokens from now on. */
  bumped(userId: string, version: number, removed?: boolean): void;
  /** Calls `onRevoked` once the user's tokens of `version` stop holding; answers the unsubscribe. */
  watch(userId: string, version: number, onRevoked: () => void): () => void;
  /** Whether the feed was read within `maxStaleMs`, so that checks answer from memory. */
  readonly fresh: boolean;
  /** Starts following the feed (the server calls it once the store is set up). */
  start(): void;
  close(): Promise<void>;
};

export type SessionGuardOptions = {
  store: Store;
  log?: Logger;
  pollMs?: number;
  maxStaleMs?: number;
  /** The feed is not read while no session was checked for this long and none is watched. */
  idleMs?: number;
  /** Users remembered at most (the least recently changed are forgotten first). */
  maxEntries?: number;
  now?: () => number;
};

type Entry = { version: number; removed: boolean; at: number };
type Watcher = { version: number; onRevoked: () => void };

const revoked = () =>
  new DomainError(
    'token-revoked',
    'This session ended (the member was removed, or their role or password changed); sign in again',
  );

const holds = (e: Entry, version: number) => !e.removed && version >= e.version;

/** The users' versions this process knows and the long-polls watching them. */
function createVersionBook(maxEntries: number) {
  const entries = new Map<string, Entry>();
  const watchers = new Map<string, Set<Watcher>>();

  /** Versions only rise and removal is final, so merging keeps the newest of both. */
  function merge(userId: string, next: Entry): Entry {
    const old = entries.get(userId);
    const merged: Entry = old
      ? {
          version: Math.max(old.version, next.version),
          removed: old.removed || next.removed,
          at: Math.max(old.at, next.at),
        }
      : next;
    entries.delete(userId);
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
    entries.set(userId, merged);
    if (!old || merged.version > old.version || (merged.removed && !old.removed)) notify(userId, merged);
    return merged;
  }

  function notify(userId: string, e: Entry) {
    const set = watchers.get(userId);
    if (!set) return;
    for (const w of [...set]) {
      if (holds(e, w.version)) continue;
      set.delete(w);
      w.onRevoked();
    }
    if (set.size === 0) watchers.delete(userId);
  }

  /** Calls `onRevoked` once the user's version passes `version`; answers the unsubscribe. */
  function watch(userId: string, version: number, onRevoked: () => void): () => void {
    const known = entries.get(userId);
    if (known && !holds(known, version)) {
      onRevoked();
      return () => undefined;
    }
    const w: Watcher = { version, onRevoked };
    let set = watchers.get(userId);
    if (!set) watchers.set(userId, (set = new Set()));
    set.add(w);
    return () => {
      set.delete(w);
      if (set.size === 0 && watchers.get(userId) === set) watchers.delete(userId);
    };
  }

  return { entries, merge, watch, watched: () => watchers.size > 0 };
}

export function createSessionGuard(opts: SessionGuardOptions): SessionGuard {
  const pollMs = opts.pollMs ?? 1000;
  const maxStaleMs = opts.maxStaleMs ?? 5000;
  const idleMs = opts.idleMs ?? 10_000;
  const now = opts.now ?? Date.now;
  const db = () => systemDocs<UserDoc>(opts.store, 'app_users');
  const { entries, merge, watch, watched } = createVersionBook(opts.maxEntries ?? 100_000);
  const reading = new Map<string, Promise<Entry>>();
  /** When the feed's starting point was taken: entries read before it may have missed a bump. */
  let base: number | undefined;
  /** When the last complete read of the feed began: everything until then is in the map. */
  let syncedAt: number | undefined;
  let since: FeedPosition | undefined;
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> | undefined;
  let closed = false;
  let failing = false;
  /** Started, and reading the feed (not idle). */
  let started = false;
  let following = false;
  /** When a session was last checked or watched. */
  let usedAt = now();

  const fresh = () => base !== undefined && syncedAt !== undefined && now() - syncedAt <= maxStaleMs;
  const trusted = (e: Entry) => fresh() && e.at >= base!;

  const entryOf = (doc: UserDoc | undefined, at: number): Entry =>
    doc?.type === 'user'
      ? { version: tokenVersionOf(doc), removed: Boolean(doc.disabledAt), at }
      : { version: 0, removed: true, at };

  function read(userId: string): Promise<Entry> {
    let pending = reading.get(userId);
    if (!pending) {
      const at = now();
      pending = db()
        .get(userDocId(userId))
        .then((doc) => entryOf(doc ?? undefined, at))
        .then((e) => merge(userId, e))
        .finally(() => reading.delete(userId));
      reading.set(userId, pending);
    }
    return pending;
  }

  async function pollOnce(): Promise<void> {
    const started = now();
    if (since === undefined) {
      since = await db().position();
      base = started;
    } else {
      for (;;) {
        const { changes, next } = await db().changesSince(since, 500);
        for (const row of changes) {
          if (!row.id.startsWith('user:')) continue;
          merge(row.id.slice('user:'.length), entryOf(row.doc, started));
        }
        since = next;
        if (changes.length < 500) break;
      }
    }
    syncedAt = started;
    if (failing) opts.log?.info('reading the users feed again');
    failing = false;
  }

  /** A session is checked or watched: the feed is read again if it was let rest. */
  function used() {
    usedAt = now();
    if (started && !following && !closed) schedule(0);
  }

  function schedule(delay: number) {
    if (closed) return;
    // Nobody checked a session lately and none is watched: the feed rests until one is (used()).
    if (delay > 0 && !watched() && now() - usedAt > idleMs) {
      following = false;
      return;
    }
    following = true;
    timer = setTimeout(() => {
      polling = pollOnce()
        .catch((e: unknown) => {
          if (!failing)
            opts.log?.warn({ err: e }, 'cannot read the users feed; checking sessions in the store');
          failing = true;
        })
        .finally(() => {
          polling = undefined;
          schedule(pollMs);
        });
    }, delay);
    timer.unref();
  }

  return {
    get fresh() {
      return fresh();
    },
    check(userId, version) {
      used();
      const known = entries.get(userId);
      if (known && trusted(known)) {
        if (!holds(known, version)) throw revoked();
        return;
      }
      return read(userId).then((e) => {
        if (!holds(e, version)) throw revoked();
      });
    },
    bumped(userId, version, removed = false) {
      merge(userId, { version, removed, at: now() });
    },
    watch(userId, version, onRevoked) {
      used();
      return watch(userId, version, onRevoked);
    },
    start() {
      if (started || closed) return;
      started = true;
      usedAt = now();
      schedule(0);
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      await polling;
    },
  };
}
