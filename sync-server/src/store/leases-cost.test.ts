// What trying a lease another process holds costs the store (issue 65): a second server process tries
// the team bot's lease every few seconds, and each try was a refused write and a read. Once a read here
// found another holder, a try reads the doc first: one request while the other holds it, and a
// released lease is taken with that read and one write.
import nano, { type DocumentScope } from 'nano';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestCouch, type TestCouch } from '../../test/helpers';
import { createLeases, type LeaseDoc } from './leases';

let couch: TestCouch;
let db: DocumentScope<LeaseDoc>;
const dbName = () => `${couch.prefix}lease_costs`;

beforeAll(async () => {
  couch = await startTestCouch('lease-costs-', pino({ level: 'silent' }));
  await nano(couch.url).db.create(dbName());
  db = nano(couch.url).use<LeaseDoc>(dbName());
});
afterAll(() => couch.close());
afterEach(() => vi.restoreAllMocks());

/** The requests `fn` sends to the leases database. */
async function requestsOf(counted: { n: number }, fn: () => Promise<unknown>): Promise<number> {
  const from = counted.n;
  await fn();
  return counted.n - from;
}

/** Counts the requests sent to the leases database (nano's reads and the claims' writes both go through fetch). */
function countingRequests(): { n: number } {
  const counted = { n: 0 };
  const fetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    if (String(input instanceof Request ? input.url : input).includes(encodeURIComponent(dbName())))
      counted.n++;
    return fetch(input, init);
  });
  return counted;
}

describe('trying a lease another process holds', () => {
  it('costs one read a try while the other holds it, and a read and a write to take it once released', async () => {
    const holder = createLeases({ db, instanceId: 'first', ttlMs: 20_000 });
    const held = await holder.acquire('bot:t:1');
    expect(held).not.toBeNull();
    const counted = countingRequests();
    const second = createLeases({ db, instanceId: 'second', ttlMs: 20_000 });
    // The first try learns of the holder (a refused write, then the read).
    expect(await requestsOf(counted, () => second.acquire('bot:t:1'))).toBe(2);
    expect(second.heldElsewhere?.('bot:t:1')).toBe(true);
    // Every later try while it is held: the read alone.
    for (let i = 0; i < 3; i++) {
      let got: unknown;
      expect(await requestsOf(counted, async () => (got = await second.acquire('bot:t:1')))).toBe(1);
      expect(got).toBeNull();
    }
    await holder.release(held!);
    let taken: Awaited<ReturnType<typeof second.acquire>> = null;
    expect(await requestsOf(counted, async () => (taken = await second.acquire('bot:t:1')))).toBe(2);
    expect(taken).not.toBeNull();
    expect(taken!.unbroken).toBe(false);
    // Held here now: the first process's try is refused as before.
    expect(await holder.acquire('bot:t:1')).toBeNull();
  });
});
