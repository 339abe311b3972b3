import { describe, expect, it } from 'vitest';
import { PendingWrites, isNetworkError, summarizeSync, throwOnErrorStatus, type CollectionSyncState } from './sync-status';

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
