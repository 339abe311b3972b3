// Leases in CouchDB: a document per key whose revision is the compare-and-swap. Writing a document
// with a stale `_rev` fails with 409 on one node; on a cluster a write counts only when it reached the
// write quorum (201, store/claim-write.ts), so of several server processes that race for one key
// exactly one wins. A lease expires, so a crashed holder's work
// is taken over after `ttlMs`. Expiry compares wall clocks: servers need synchronised clocks (NTP),
// and `ttlMs` must be far longer than any skew between them. The revision this process last wrote
// of a lease doc is remembered: taking the lease again first tries a write on it (one request, and
// it can only succeed if nobody wrote the doc since, i.e. it is still as we released it) and reads
// the doc only when that write conflicts.
import type { DocumentScope } from 'nano';
import { claimWrite } from './claim-write';
import { statusOf } from './couch-errors';

export type LeaseDoc = { _id: string; _rev?: string; holder: string; expiresAt: number; acquiredAt: number };

export type Lease = {
  readonly key: string;
  readonly holder: string;
  rev: string;
  expiresAt: number;
  /**
   * Nobody else held the key since this process last let it go (or nobody ever held it): whatever
   * this process remembers of the work under the key is still the whole story.
   */
  readonly unbroken: boolean;
};

export type Leases = {
  /** Takes the lease for `key`, or answers null when another holder has it and it has not expired. */
  acquire(key: string): Promise<Lease | null>;
  /** Extends a held lease; null when it was lost (expired and taken by another holder). */
  renew(lease: Lease): Promise<Lease | null>;
  /** Gives the lease up at once, so another holder need not wait for it to expire. */
  release(lease: Lease): Promise<void>;
  /**
   * Another holder's lease on `key` was live when an `acquire` here last read it (answered null for
   * it); false when that read found none, or no acquire of the key has read it.
   */
  heldElsewhere?(key: string, now?: number): boolean;
  /**
   * Some key's lease, as an acquire here last read it, is another live holder's: another server
   * process is at work (a team's bot it runs, a conversation).
   */
  othersLive?(now?: number): boolean;
};

export function createLeases(opts: {
  db: DocumentScope<LeaseDoc>;
  /**
   * Identifies this process; unique among live processes (e.g. host and port), and the same across its
   * restarts, so a restarted process takes back its own leases at once. Each acquisition adds a token.
   */
  instanceId: string;
  ttlMs: number;
  now?: () => number;
}): Leases {
  const now = opts.now ?? Date.now;
  const docId = (key: string) => `lease:${key}`;
  /** Lease doc id -> the revision this process wrote last when it let the lease go (bounded). */
  const released = new Map<string, string>();
  /** Lease doc id -> when another holder's lease that an acquire here read expires (bounded). */
  const othersUntil = new Map<string, number>();
  /** When the latest-ending lease of another holder that an acquire here read ends. */
  let othersEnd = 0;
  const remember = (id: string, rev: string) => {
    released.delete(id);
    if (released.size >= 10_000) released.delete(released.keys().next().value!);
    released.set(id, rev);
  };

  async function read(id: string): Promise<LeaseDoc | undefined> {
    try {
      return await opts.db.get(id);
    } catch (e) {
      if (statusOf(e) === 404) return undefined;
      throw e;
    }
  }

  /**
   * Writes the lease doc; null when another holder wrote it first, or (on a cluster) when only
   * copies that lag took the write (store/claim-write.ts).
   */
  async function write(doc: LeaseDoc): Promise<string | null> {
    return (await claimWrite(opts.db, doc)) ?? null;
  }

  return {
    async acquire(key) {
      const id = docId(key);
      const holder = `${opts.instanceId}/${globalThis.crypto.randomUUID()}`;
      // Still the revision we released at (or no doc at all): nobody holds it, take it in one write.
      // Not when the last read here found another holder: the doc has moved on, and that write could
      // only conflict. The doc is read first then (issue 65: a second process trying the team bot's
      // lease every few seconds paid a refused write and a read each time; now only the read).
      const known = released.get(id);
      released.delete(id);
      const quick = now();
      const taken = othersUntil.has(id)
        ? null
        : await write({
            _id: id,
            ...(known ? { _rev: known } : {}),
            holder,
            expiresAt: quick + opts.ttlMs,
            acquiredAt: quick,
          });
      if (taken) return { key, holder, rev: taken, expiresAt: quick + opts.ttlMs, unbroken: true };
      const current = await read(id);
      const t = now();
      // A live lease of another process wins. One of our own instance id was left by our previous
      // run (killed before it could release): instance ids are unique among live processes.
      if (current && current.expiresAt > t && !current.holder.startsWith(`${opts.instanceId}/`)) {
        othersUntil.delete(id);
        if (othersUntil.size >= 10_000) othersUntil.delete(othersUntil.keys().next().value!);
        othersUntil.set(id, current.expiresAt);
        othersEnd = Math.max(othersEnd, current.expiresAt);
        return null;
      }
      othersUntil.delete(id);
      const expiresAt = t + opts.ttlMs;
      const rev = await write({
        _id: id,
        ...(current?._rev ? { _rev: current._rev } : {}),
        holder,
        expiresAt,
        acquiredAt: t,
      });
      return rev ? { key, holder, rev, expiresAt, unbroken: false } : null;
    },

    heldElsewhere(key, at = now()) {
      return (othersUntil.get(docId(key)) ?? 0) > at;
    },

    othersLive(at = now()) {
      return othersEnd > at;
    },

    async renew(lease) {
      const t = now();
      const expiresAt = t + opts.ttlMs;
      const rev = await write({
        _id: docId(lease.key),
        _rev: lease.rev,
        holder: lease.holder,
        expiresAt,
        acquiredAt: t,
      });
      if (!rev) return null;
      lease.rev = rev;
      lease.expiresAt = expiresAt;
      return lease;
    },

    async release(lease) {
      // Expire it in place rather than delete: a deleted doc could be re-created by a holder that
      // read it before the deletion, and a tombstone's revision would not guard that create.
      const rev = await write({
        _id: docId(lease.key),
        _rev: lease.rev,
        holder: lease.holder,
        expiresAt: 0,
        acquiredAt: now(),
      });
      if (rev) remember(docId(lease.key), rev);
    },
  };
}
