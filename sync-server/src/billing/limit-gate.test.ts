// The team's limit gate (limit-gate.ts) on a real CouchDB: two gates (two server processes) run their
// work one after the other, never together; a gate whose holder died is taken over once it is
// `holdMs` old; one that cannot be had in time answers 409 `conflict`; work that fails lets go.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStore, type TestStore } from '../../test/helpers';
import { createLimitGate, gateDocId } from './limit-gate';

let t: TestStore;
const log = pino({ level: 'silent' });

beforeAll(async () => {
  t = await startTestStore('limit-gate-', log);
});
afterAll(async () => {
  await t.store.close();
  await t.close();
});

describe('limit gate', () => {
  it('runs the work of two processes one at a time, and lets go after work that failed', async () => {
    const other = t.another();
    const one = createLimitGate({ store: t.store, log });
    const two = createLimitGate({ store: other, log });
    let inside = 0;
    let most = 0;
    const work = (gate: typeof one) =>
      gate.hold('team-a', 'seats', async () => {
        most = Math.max(most, ++inside);
        await new Promise((r) => setTimeout(r, 20));
        inside--;
      });
    await Promise.all([work(one), work(two), work(one), work(two), work(one), work(two)]);
    expect(most).toBe(1);
    await expect(one.hold('team-a', 'seats', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    // Given back: the next one gets it at once.
    await expect(two.hold('team-a', 'seats', async () => 'next')).resolves.toBe('next');
    await other.close();
  });

  it("takes over a dead holder's gate once it expires, and refuses after waitMs", async () => {
    const db = t.store.systemDb<Record<string, unknown> & { _id: string }>('app_runtime');
    // Taken by a process that died: held until `until` (its holdMs after it took it).
    const until = Date.now() + 400;
    await db.insert({
      _id: gateDocId('team-b', 'channels'),
      holder: 'dead/1',
      expiresAt: until,
      acquiredAt: Date.now(),
    });
    const impatient = createLimitGate({ store: t.store, waitMs: 50, log });
    await expect(impatient.hold('team-b', 'channels', async () => 'in')).rejects.toMatchObject({
      code: 'conflict',
    });
    const patient = createLimitGate({ store: t.store, log });
    await expect(patient.hold('team-b', 'channels', async () => Date.now())).resolves.toBeGreaterThanOrEqual(
      until,
    );
  });
});
