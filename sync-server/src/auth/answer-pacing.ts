// Keeps an answer's timing from telling what happened: registration creates a team's databases when
// the e-mail is new and does nothing when it is taken, and both must look alike. `done(start)` after
// the slow branch learns how long it takes (a moving average); `pad(start)` after the fast branch
// waits until about as long has passed (with some spread, as the slow branch has).
export type AnswerPacer = {
  /** The slow branch finished: learn its duration. */
  done(startedAt: number): void;
  /** The fast branch finished: wait until about a slow branch's duration has passed since `startedAt`. */
  pad(startedAt: number): Promise<void>;
  /** The duration a padded answer aims at, before the spread (ms). */
  readonly typicalMs: number;
};

export function createAnswerPacer(opts: {
  /** Until the first slow branch is seen. */
  initialMs: number;
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}): AnswerPacer {
  const now = opts.now ?? performance.now.bind(performance);
  const random = opts.random ?? Math.random;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((ok) => setTimeout(ok, ms)));
  let typical = opts.initialMs;
  let seen = 0;
  return {
    get typicalMs() {
      return typical;
    },
    done(startedAt) {
      const took = Math.max(0, now() - startedAt);
      // The first few samples count fully, later ones as a moving average (a fifth each).
      seen++;
      typical = seen === 1 ? took : typical + (took - typical) / Math.min(seen, 5);
    },
    async pad(startedAt) {
      const target = typical * (0.85 + 0.3 * random());
      const wait = target - (now() - startedAt);
      if (wait > 0) await sleep(wait);
    },
  };
}
