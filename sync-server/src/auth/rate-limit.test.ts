import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit';

describe('rate limiter', () => {
  it('blocks after max hits within the window and forgets after it', () => {
    let now = 0;
    const rl = createRateLimiter({ max: 3, windowMs: 1000, now: () => now });
    for (let i = 0; i < 3; i++) rl.hit('k');
    expect(rl.blockedFor('k')).toBe(1000);
    now = 999;
    expect(rl.blockedFor('k')).toBe(1);
    now = 1000;
    expect(rl.blockedFor('k')).toBe(0);
  });

  it('keeps memory bounded by evicting the oldest keys', () => {
    const rl = createRateLimiter({ max: 1, windowMs: 60_000, maxKeys: 100 });
    for (let i = 0; i < 1000; i++) rl.hit(`k${i}`);
    expect(rl.size).toBe(100);
    expect(rl.blockedFor('k999')).toBeGreaterThan(0);
    expect(rl.blockedFor('k0')).toBe(0);
  });
});
