import { describe, expect, it } from 'vitest';
import {
  PendingWrites,
  firstPullWaiting,
  isNetworkError,
  summarizeSync,
  syncLabel,
  throwOnErrorStatus,
  type CollectionSyncState,
} from './sync-status';

const s = (over: Partial<CollectionSyncState> = {}): CollectionSyncState => ({
  active: false,
  initialDone: true,
  pending: 0,
  received: 0,
  ...over,
});

describe('sync status', () => {
  it('is offline with the pending count when the network is gone', () => {
    expect(summarizeSync(false, { leads: s({ pending: 2 }), messages: s({ pending: 1 }) })).toEqual({ state: 'offline', pending: 3 });
  });
  it('shows progress as the share of collections that finished their first pull', () => {
    expect(summarizeSync(true, { a: s(), b: s({ initialDone: false, active: true, received: 40 }) })).toEqual({
      state: 'syncing',
      pending: 0,
      progress: 0.5,
      received: 40,
    });
  });
  it('reports errors by collection and is online when all is quiet', () => {
    expect(summarizeSync(true, { leads: s({ error: 'HTTP 500' }) })).toEqual({ state: 'error', pending: 0, errors: ['leads: HTTP 500'] });
    expect(summarizeSync(true, { leads: s(), contacts: s() })).toEqual({ state: 'online', pending: 0 });
  });
  it('says a percentage only during the first pull, never "Syncing… 100%" (issue 64)', () => {
    const label = (...c: CollectionSyncState[]) => syncLabel(summarizeSync(true, Object.fromEntries(c.map((x, i) => [`c${i}`, x]))));
    expect(label(s(), s({ initialDone: false, active: true }))).toEqual({ key: 'sync.syncing', pct: 50 });
    // 199 of 200 collections pulled rounds to 100: it says 99 until the last one is in.
    const many = Array.from({ length: 200 }, (_, i) => s({ initialDone: i > 0 }));
    expect(label(...many)).toEqual({ key: 'sync.syncing', pct: 99 });
    // Every first pull done: a periodic pull running, or writes waiting to be sent.
    expect(label(s(), s({ active: true }))).toEqual({ key: 'sync.updating' });
    expect(label(s(), s({ pending: 3 }))).toEqual({ key: 'sync.sending', n: 3 });
    expect(label(s(), s())).toEqual({ key: 'sync.online' });
    expect(syncLabel({ state: 'offline', pending: 2 })).toEqual({ key: 'sync.offline', n: 2 });
  });
  it('lists the collections still on their first pull, none when offline or failed', () => {
    const c = { conversations: s({ initialDone: false }), leads: s(), activity: s({ initialDone: false, error: 'HTTP 500' }) };
    expect(firstPullWaiting(true, c)).toEqual(['conversations']);
    expect(firstPullWaiting(false, c)).toEqual([]);
    expect(firstPullWaiting(true, { leads: s() })).toEqual([]);
  });
  it('turns error answers into thrown errors, so replication retries instead of stopping', async () => {
    // Found by sync-server/bench/faults.ts: a 503 answer to a long-poll ended RxDB's live pull for good.
    const ok = new Response('{"results":[]}', { status: 200 });
    expect(await throwOnErrorStatus(ok)).toBe(ok);
    const down = new Response('{"error":{"code":"store-unavailable","message":"x"}}', { status: 503 });
    await expect(throwOnErrorStatus(down)).rejects.toThrow('HTTP 503 store-unavailable');
    await expect(throwOnErrorStatus(new Response('<html>', { status: 502 }))).rejects.toThrow('HTTP 502');
  });
  it('recognises network failures', () => {
    expect(isNetworkError('TypeError: Failed to fetch')).toBe(true);
    expect(isNetworkError('RxError: conflict')).toBe(false);
  });
  it('counts pending writes until sent, surviving a reload', () => {
    const mem = new Map<string, string>();
    const storage = { getItem: (k: string) => mem.get(k) ?? null, setItem: (k: string, v: string) => void mem.set(k, v) };
    const p = new PendingWrites(storage);
    p.add('leads', 'a');
    p.add('leads', 'b');
    p.add('leads', 'a');
    expect(p.count('leads')).toBe(2);
    expect(new PendingWrites(storage).count('leads')).toBe(2);
    p.sent('leads', ['a']);
    expect(p.count('leads')).toBe(1);
    expect(new PendingWrites({ getItem: () => '{bad', setItem: () => undefined }).count('leads')).toBe(0);
  });
});
