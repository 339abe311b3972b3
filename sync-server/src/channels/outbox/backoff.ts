// The one backoff of the channels: how long a message waits before its next try (the outbox), and how
// long a channel's own connection waits after a failure (Telegram's webhook registration). Doubles from
// `baseMs` at each attempt up to `maxMs`; `jitter` (0..1) is the share of each delay that is random, so
// many messages failing at once do not come back at once.
export type RetryPolicy = {
  /** The wait after the first failed attempt. */
  baseMs: number;
  maxMs: number;
  /** 0..1: 0.5 waits between half and all of the delay. */
  jitter: number;
  /** Attempts before the message is marked failed. */
  maxAttempts: number;
};

export const defaultRetryPolicy: RetryPolicy = {
  baseMs: 500,
  maxMs: 30_000,
  jitter: 0.5,
  maxAttempts: 100,
};

/** The wait after `attempt` (1 = the first) failed. */
export function backoffMs(
  attempt: number,
  policy: Pick<RetryPolicy, 'baseMs' | 'maxMs' | 'jitter'>,
  random: () => number = Math.random,
): number {
  const full = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(40, Math.max(0, attempt - 1)));
  return Math.round(full * (1 - policy.jitter + policy.jitter * random()));
}
