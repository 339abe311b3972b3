// The rate limiter on a manual clock: exact slot times for Telegram's limits.
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../testing/manual-clock';
import { RateLimiter, isGroupChat, telegramLimits } from './rate-limiter';

/** Acquires `n` slots for a chat one after another (as the sender does), recording their times. */
async function sendTimes(
  limiter: RateLimiter,
  clock: ReturnType<typeof createManualClock>,
  chatId: number,
  n: number,
) {
  const times: number[] = [];
  const run = (async () => {
    for (let i = 0; i < n; i++) {
      await limiter.acquire(chatId);
      times.push(clock.now());
    }
  })();
  return { times, run };
}

describe('RateLimiter', () => {
  it('spaces a private chat at 1 per second and a group at 20 per minute', async () => {
    const clock = createManualClock(0);
    const limiter = new RateLimiter(telegramLimits, clock);
    const priv = await sendTimes(limiter, clock, 42, 4);
    const group = await sendTimes(limiter, clock, -100500, 4);
    await clock.advance(20_000);
    await Promise.all([priv.run, group.run]);
    expect(priv.times).toEqual([0, 1000, 2000, 3000]);
    expect(group.times[0]).toBeLessThan(100);
    const gaps = group.times.slice(1).map((t, i) => t - group.times[i]!);
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(3000);
  });

  it('holds the whole bot near 30 messages per second across chats', async () => {
    const clock = createManualClock(0);
    const limiter = new RateLimiter(telegramLimits, clock);
    const times: number[] = [];
    const all = Array.from({ length: 90 }, (_, i) =>
      limiter.acquire(1000 + i).then(() => times.push(clock.now())),
    );
    await clock.advance(10_000);
    await Promise.all(all);
    times.sort((a, b) => a - b);
    // Any window of one second holds at most 30 sends.
    for (let i = 0; i + 30 < times.length; i++)
      expect(times[i + 30]! - times[i]!).toBeGreaterThanOrEqual(1000);
    expect(times.at(-1)).toBeLessThan(3100);
  });

  it('sends a burst of up to 30 chats at once, then no more than 30 in any 1020 ms (issue 65)', async () => {
    const clock = createManualClock(0);
    const limiter = new RateLimiter(telegramLimits, clock);
    // 20 customers' first replies: none waits for the others.
    const first = await Promise.all(Array.from({ length: 20 }, (_, i) => limiter.acquireSlot(2000 + i)));
    expect(first).toEqual(Array.from({ length: 20 }, () => 0));
    await clock.advance(500);
    const more = await Promise.all(Array.from({ length: 15 }, (_, i) => limiter.acquireSlot(3000 + i)));
    // Ten more fit the window now; the next five take the slots of the first burst's oldest, 1020 ms on.
    expect(more).toEqual([...Array.from({ length: 10 }, () => 500), 1020, 1020, 1020, 1020, 1020]);
    // The bot-wide sliding window: 60 slots later, still at most 30 in any 1020 ms.
    const later = await Promise.all(Array.from({ length: 60 }, (_, i) => limiter.acquireSlot(4000 + i)));
    const times = [...first, ...more, ...later].sort((a, b) => a - b);
    for (let i = 0; i + 30 < times.length; i++)
      expect(times[i + 30]! - times[i]!).toBeGreaterThanOrEqual(1020);
  });

  it('pauses one chat after a 429 without holding the others', async () => {
    const clock = createManualClock(0);
    const limiter = new RateLimiter(telegramLimits, clock);
    await limiter.acquire(1);
    limiter.pauseChat(1, 5000);
    let chat1At = -1;
    let chat2At = -1;
    const p1 = limiter.acquire(1).then(() => (chat1At = clock.now()));
    const p2 = limiter.acquire(2).then(() => (chat2At = clock.now()));
    await clock.advance(10_000);
    await Promise.all([p1, p2]);
    expect(chat1At).toBe(5000);
    expect(chat2At).toBeLessThan(100);
  });

  it('tells groups from private chats', () => {
    expect(isGroupChat(-100123)).toBe(true);
    expect(isGroupChat('@channel')).toBe(true);
    expect(isGroupChat('-42')).toBe(true);
    expect(isGroupChat(42)).toBe(false);
    expect(isGroupChat('42')).toBe(false);
  });
});
