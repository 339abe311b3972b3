// Fixed-window attempt counters with bounded memory (oldest keys evicted first). Per process: with N
// servers behind a load balancer the effective limit is up to N times higher, which is acceptable
// for slowing down password guessing; a shared limiter would need a shared store.
export type RateLimiter = {
  /** Milliseconds to wait if `key` is over its limit (`max`, default the limiter's own), else 0. */
  blockedFor(key: string, max?: number): number;
  hit(key: string): void;
  reset(key: string): void;
  readonly size: number;
};

export function createRateLimiter(opts: {
  max: number;
  windowMs: number;
  maxKeys?: number;
  now?: () => number;
}): RateLimiter {
  const now = opts.now ?? Date.now;
  const maxKeys = opts.maxKeys ?? 10_000;
  const entries = new Map<string, { count: number; start: number }>();
  const current = (key: string) => {
    const e = entries.get(key);
    if (e && now() - e.start >= opts.windowMs) {
      entries.delete(key);
      return undefined;
    }
    return e;
  };
  return {
    get size() {
      return entries.size;
    },
    blockedFor(key, max = opts.max) {
      const e = current(key);
      return e && e.count >= max ? Math.max(1, opts.windowMs - (now() - e.start)) : 0;
    },
    hit(key) {
      const e = current(key);
      if (e) {
        e.count++;
        return;
      }
      if (entries.size >= maxKeys) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      entries.set(key, { count: 1, start: now() });
    },
    reset(key) {
      entries.delete(key);
    },
  };
}
