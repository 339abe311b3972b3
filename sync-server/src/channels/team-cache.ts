// A channel's per-team values read from the store (its settings, its bot), kept for `refreshMs` and read
// again once that has passed (a change made through another process) or after `invalidate` (a change
// made here). A failed read is not kept: the next call reads again. At most MAX_CACHED teams are kept,
// the least recently read going first. Telegram's webhooks and VK's callbacks keep theirs here.
const MAX_CACHED = 10_000;

export type TeamCache<E> = {
  /** The team's kept read while it is fresh; undefined: read it again. */
  fresh(teamId: string): Promise<E> | undefined;
  /** The team's kept read, fresh or not (the one a new read replaces). */
  kept(teamId: string): Promise<E> | undefined;
  /** Keeps the team's new read (answered back). */
  keep(teamId: string, entry: Promise<E>): Promise<E>;
  /** The team's next call reads again. */
  invalidate(teamId: string): void;
};

export function createTeamCache<E>(opts: { refreshMs?: number; now?: () => number }): TeamCache<E> {
  const refreshMs = opts.refreshMs ?? 10_000;
  const now = opts.now ?? Date.now;
  const cache = new Map<string, { at: number; entry: Promise<E> }>();
  return {
    fresh(teamId) {
      const cached = cache.get(teamId);
      return cached && now() - cached.at < refreshMs ? cached.entry : undefined;
    },
    kept: (teamId) => cache.get(teamId)?.entry,
    keep(teamId, entry) {
      cache.delete(teamId);
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
      cache.set(teamId, { at: now(), entry });
      entry.catch(() => {
        if (cache.get(teamId)?.entry === entry) cache.delete(teamId);
      });
      return entry;
    },
    invalidate(teamId) {
      const cached = cache.get(teamId);
      if (cached) cached.at = -Infinity;
    },
  };
}
