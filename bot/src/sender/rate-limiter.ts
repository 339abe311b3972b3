// A per-bot scheduler for Telegram's published limits: about 1 message/s per chat, 20/min per group,
// about 30/s per bot. A chat's limit is a token bucket kept as GCRA state (the "theoretical arrival
// time"), so a reservation is O(1). The sender keeps one message per chat in flight, so a chat's state
// has one user at a time. The bot-wide limit, shared by all chats, is a sliding window: at most
// `burst` sends in any `burst × intervalMs` (30 in 1020 ms), so a burst of first replies to different
// customers goes at once (issue 65: paced 34 ms apart, the 20th of 20 waited 650 ms while the bot sent
// nothing else), and a longer one is held to 30 a second all the same.
import type { Clock } from './clock';

/** One bucket: a message every `intervalMs`, up to `burst` at once after a quiet spell. */
export type Bucket = { intervalMs: number; burst: number };

export type RateLimits = {
  /** Private chats (positive ids). Telegram: about 1 message per second. */
  perChat: Bucket;
  /** Groups and channels (negative ids, @usernames). Telegram: 20 messages per minute. */
  perGroup: Bucket;
  /**
   * The whole bot. Telegram: about 30 messages per second. A sliding window: at most `burst` sends in
   * any `burst × intervalMs`.
   */
  global: Bucket;
};

export const telegramLimits: RateLimits = {
  perChat: { intervalMs: 1000, burst: 1 },
  perGroup: { intervalMs: 3000, burst: 1 },
  global: { intervalMs: 34, burst: 30 },
};

/** Negative ids are groups, supergroups and channels; `@name` is a public channel or group. */
export const isGroupChat = (chatId: string | number): boolean =>
  typeof chatId === 'number' ? chatId < 0 : /^(-|@)/.test(chatId);

type Gcra = { tat: number };

const earliest = (state: Gcra, bucket: Bucket, now: number) =>
  Math.max(now, state.tat - (bucket.burst - 1) * bucket.intervalMs);

const take = (state: Gcra, bucket: Bucket, at: number) => {
  state.tat = Math.max(state.tat, at) + bucket.intervalMs;
};

/**
 * At most `bucket.burst` slots in any `burst × intervalMs`: the times of the last `burst` slots taken
 * (a ring, oldest at `next`), each slot at or after the one before.
 */
class SlidingWindow {
  private readonly times: number[] = [];
  private next = 0;

  constructor(private readonly bucket: Bucket) {}

  /** The earliest slot at or after `now`. */
  earliest(now: number): number {
    const burst = Math.max(1, this.bucket.burst);
    const { intervalMs } = this.bucket;
    if (this.times.length < burst) return Math.max(now, this.times.at(-1) ?? now);
    const last = this.times[(this.next + burst - 1) % burst]!;
    return Math.max(now, last, this.times[this.next]! + burst * intervalMs);
  }

  take(at: number): void {
    const burst = Math.max(1, this.bucket.burst);
    if (this.times.length < burst) this.times.push(at);
    else {
      this.times[this.next] = at;
      this.next = (this.next + 1) % burst;
    }
  }
}

export class RateLimiter {
  private readonly chats = new Map<string, Gcra>();
  private readonly global: SlidingWindow;

  constructor(
    private readonly limits: RateLimits,
    private readonly clock: Clock,
  ) {
    this.global = new SlidingWindow(limits.global);
  }

  private bucketFor(chatId: string | number): Bucket {
    return isGroupChat(chatId) ? this.limits.perGroup : this.limits.perChat;
  }

  private stateFor(chatId: string | number): Gcra {
    const key = String(chatId);
    let state = this.chats.get(key);
    if (!state) {
      if (this.chats.size > 10_000) this.prune();
      state = { tat: 0 };
      this.chats.set(key, state);
    }
    return state;
  }

  /**
   * Waits for the chat's next slot, then for the bot's. The bot-wide slot is taken only once the chat
   * is due, so a chat that waits (its 1/s, or a 429 pause) never holds up the other chats.
   */
  async acquire(chatId: string | number, signal?: AbortSignal): Promise<void> {
    const at = await this.acquireSlot(chatId, signal);
    const now = this.clock.now();
    if (at > now) await this.clock.sleep(at - now, signal);
  }

  /**
   * Waits for the chat's next slot and takes the bot's next one, which is `at` (the clock's time,
   * now or later): the caller sends at `at`, and may prepare meanwhile (the outbox claims the message).
   */
  async acquireSlot(chatId: string | number, signal?: AbortSignal): Promise<number> {
    const bucket = this.bucketFor(chatId);
    const chat = this.stateFor(chatId);
    for (;;) {
      const now = this.clock.now();
      const chatAt = earliest(chat, bucket, now);
      if (chatAt > now) {
        // Loop after the sleep: a 429 may have pushed the chat's slot further meanwhile.
        await this.clock.sleep(chatAt - now, signal);
        continue;
      }
      const at = this.global.earliest(now);
      this.global.take(at);
      take(chat, bucket, at);
      return at;
    }
  }

  /** Telegram said "retry after": nothing more goes to this chat before `ms` from now. */
  pauseChat(chatId: string | number, ms: number): void {
    const chat = this.stateFor(chatId);
    const bucket = this.bucketFor(chatId);
    // The next reservation then lands at now + ms exactly.
    chat.tat = Math.max(chat.tat, this.clock.now() + ms + (bucket.burst - 1) * bucket.intervalMs);
  }

  private prune(): void {
    const now = this.clock.now();
    for (const [key, state] of this.chats) if (state.tat < now) this.chats.delete(key);
  }
}
