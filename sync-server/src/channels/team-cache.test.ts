// The per-team read cache of the channels' webhooks: fresh reads are kept, stale or invalidated ones
// read again, and a failed read is dropped so the next call reads again.
import { describe, expect, it } from 'vitest';
import { createTeamCache } from './team-cache';

describe('team cache', () => {
  it('keeps a read for refreshMs, then reads again; invalidate reads again at once', async () => {
    let t = 0;
    const cache = createTeamCache<number>({ refreshMs: 100, now: () => t });
    let reads = 0;
    const get = () => cache.fresh('a') ?? cache.keep('a', Promise.resolve(++reads));
    expect(await get()).toBe(1);
    t = 99;
    expect(await get()).toBe(1);
    t = 100;
    expect(await get()).toBe(2);
    expect(await cache.kept('a')).toBe(2);
    cache.invalidate('a');
    expect(cache.fresh('a')).toBeUndefined();
    expect(await get()).toBe(3);
    expect(cache.fresh('b')).toBeUndefined();
  });

  it('drops a failed read, so the next call reads again', async () => {
    const cache = createTeamCache<number>({ refreshMs: 1000, now: () => 0 });
    await expect(cache.keep('a', Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect(cache.fresh('a')).toBeUndefined();
    expect(cache.kept('a')).toBeUndefined();
  });
});
