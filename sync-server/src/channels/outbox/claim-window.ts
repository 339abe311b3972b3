// Claim windows: a transport whose rate limit paces its sends (Telegram: 30 in any 1020 ms,
// bot/src/sender/rate-limiter.ts; a burst past that waits for its turn) tells the outbox when each
// message's turn comes (`reserve`), and the outbox claims the message at the start of the window of
// `windowMs` that holds its turn, together with every other message whose turn falls in it: their
// claims leave in one turn of the event loop, as one `_bulk_docs` (store/claim-write.ts). Claimed a
// claim each alone, 34 ms apart, each was a CouchDB commit of its own (issue 36). A claim
// is then `sending` at most a window before its send, never while its message queues for long.

/** The time the windows are on (the outbox's real timers; tests: a manual clock). */
export type WindowClock = {
  now(): number;
  /** Resolves after `ms`. */
  sleep(ms: number): Promise<void>;
};

export const realWindowClock: WindowClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** The claim window's length, when the outbox is not told another. */
export const CLAIM_WINDOW_MS = 250;

/**
 * `wait(turnAt, signal)`: resolves at the start of the window that holds `turnAt` (at once when that
 * has come), one timer per window, so that all it wakes go on in the same turn of the event loop;
 * rejects with the signal's reason when it aborts first.
 */
export function claimWindows(windowMs: number, clock: WindowClock = realWindowClock) {
  const windows = new Map<number, Promise<void>>();
  return function wait(turnAt: number, signal: AbortSignal): Promise<void> {
    if (windowMs <= 0) return Promise.resolve();
    const start = Math.floor(turnAt / windowMs) * windowMs;
    const ms = start - clock.now();
    if (ms <= 0) return Promise.resolve();
    let woken = windows.get(start);
    if (!woken) {
      woken = clock.sleep(ms).finally(() => windows.delete(start));
      windows.set(start, woken);
    }
    return untilAborted(woken, signal);
  };
}

/** `p`, or the signal's reason once it aborts first. */
function untilAborted(p: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    void p.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
