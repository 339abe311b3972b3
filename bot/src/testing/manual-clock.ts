// A clock for tests that only moves when told to (inject it into the sender or rate limiter).
import type { Clock } from '../sender/clock';

export type ManualClock = Clock & {
  /** Moves time forward, waking every sleeper whose time came, in order. */
  advance(ms: number): Promise<void>;
  /** Sleepers waiting now. */
  sleepers(): number;
};

export function createManualClock(start = Date.UTC(2026, 0, 1)): ManualClock {
  let now = start;
  let sleepers: Array<{ at: number; wake: () => void }> = [];
  const flush = () => new Promise<void>((r) => setImmediate(r));
  return {
    now: () => now,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const entry = { at: now + Math.max(0, ms), wake: resolve };
        sleepers.push(entry);
        signal?.addEventListener(
          'abort',
          () => {
            sleepers = sleepers.filter((s) => s !== entry);
            reject(signal.reason);
          },
          { once: true },
        );
      });
    },
    async advance(ms) {
      const target = now + ms;
      for (;;) {
        await flush();
        const due = sleepers.filter((s) => s.at <= target).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        now = Math.max(now, due.at);
        sleepers = sleepers.filter((s) => s !== due);
        due.wake();
      }
      now = target;
      await flush();
    },
    sleepers: () => sleepers.length,
  };
}
