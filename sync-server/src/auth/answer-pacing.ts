// Keeps an answer's timing from telling what happened: registration creates a team's databases and an
// account when the e-mail is new and nothing when it is taken (accepting an invite: an account, or a
// move of the existing one). Both outcomes hash the password once, and both answer no sooner than one
// fixed budget after the request came in (SIGNUP_ANSWER_MS, set above the slowest outcome's time), so
// what an observer times is the budget, not the work. A moving average of the slow outcome (what this
// was before) lagged behind it, and the taken e-mail answered later than a new one.
// `createAnswerPacer` (that moving average) still paces password-reset requests.

/** SIGNUP_ANSWER_MS's default: well above a new team's 0.8-1.1 s on a busy two-core machine. */
export const defaultSignUpAnswerMs = 2_000;

/**
 * Waits until `budgetMs` have passed since `startedAt` (a `performance.now()` reading); answers how
 * far past the budget the work already was (0 when it finished within it).
 */
export async function answerNoSooner(
  startedAt: number,
  budgetMs: number,
  opts: { now?: () => number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<number> {
  const now = opts.now ?? (() => performance.now());
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((ok) => setTimeout(ok, ms)));
  const wait = budgetMs - (now() - startedAt);
  if (wait > 0) {
    // Timers may fire a little early (ms rounding): wait until the budget has surely passed.
    await sleep(Math.ceil(wait) + 1);
    return 0;
  }
  return -wait;
}

/** A pacer that learns the slow branch's duration and pads the fast one to it (password reset). */
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
