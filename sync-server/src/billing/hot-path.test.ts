// What billing costs the agents per customer message (issue 36): nothing at the store on the
// self-hosting plan, one counter write per flush whatever the number of replies, the AI-reply limit
// still holding on a limited plan, and a plan changed by this process's routes in force at once.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCountingStore, type CountingStore } from '../../test/counting-store';
import type { CouchStore } from '../store/couch-store';
import { createBilling, withLimits } from './policy';
import { updateTeamPlan } from './team-plan';
import { countAiReplies } from './usage';

let counting: CountingStore;
let store: CouchStore;
const log = pino({ level: 'silent' });

beforeAll(async () => {
  counting = await startCountingStore('billing-hot-');
  store = counting.store;
}, 120_000);
afterAll(() => counting.close());

const billingOf = (defaultPlan: 'unlimited' | 'free', planTtlMs = 60_000) =>
  createBilling({
    store,
    now: () => new Date(),
    options: { defaultPlan, graceDays: 7, providers: [], limits: withLimits({ free: { aiReplies: 3 } }) },
    planTtlMs,
    flushMs: 3_600_000,
    log,
  });

describe('billing on the agents’ path', () => {
  it('costs no store request per message on Unlimited, and one write per flush', async () => {
    const billing = billingOf('unlimited');
    expect(await billing.aiRepliesPaused('hot1')).toBeUndefined(); // the plan read once
    const sent = await counting.requestsOf(async () => {
      for (let i = 0; i < 20; i++) {
        expect(await billing.aiRepliesPaused('hot1')).toBeUndefined();
        await billing.countAiReply('hot1', 'p1');
      }
    });
    expect(sent).toEqual([]);
    expect(await countAiReplies(store, 'hot1', new Date())).toBe(0);
    const flushed = await counting.requestsOf(() => billing.close());
    // The process's counter doc read and written once, for the 20 replies.
    expect(flushed).toHaveLength(2);
    expect(flushed.filter((r) => /^(post|put) /i.test(r))).toHaveLength(1);
    expect(await countAiReplies(store, 'hot1', new Date())).toBe(20);
    expect((await billing.report('hot1')).usage.aiReplies).toBe(20);
  });

  it('pauses the AI at a limited plan’s limit, counting what is not yet written', async () => {
    const billing = billingOf('free');
    const paused: (string | undefined)[] = [];
    for (let i = 0; i < 4; i++) {
      const why = await billing.aiRepliesPaused('hot2');
      paused.push(why);
      if (!why) await billing.countAiReply('hot2', 'p1');
    }
    expect(paused.slice(0, 3)).toEqual([undefined, undefined, undefined]);
    expect(paused[3]).toMatch(/AI replies this month are used up/);
    expect((await billing.report('hot2')).usage.aiReplies).toBe(3);
    // Another process (its own memory) reads what this one wrote.
    await billing.flush();
    const other = billingOf('free');
    expect(await other.aiRepliesPaused('hot2')).toMatch(/used up/);
    await Promise.all([billing.close(), other.close()]);
  });

  it('takes a plan changed here at once, and another process’s after its time in memory', async () => {
    const here = billingOf('free');
    const other = billingOf('free', 200);
    for (let i = 0; i < 3; i++) await here.countAiReply('hot3', 'p1');
    await here.flush();
    expect(await here.aiRepliesPaused('hot3')).toMatch(/used up/);
    expect(await other.aiRepliesPaused('hot3')).toMatch(/used up/);
    await updateTeamPlan(store, 'hot3', () => ({
      _id: '',
      type: 'billing-plan',
      teamId: 'hot3',
      plan: 'unlimited',
      source: 'operator',
      status: 'active',
      updatedAt: new Date().toISOString(),
    }));
    here.planChanged('hot3');
    expect(await here.aiRepliesPaused('hot3')).toBeUndefined();
    expect(await other.aiRepliesPaused('hot3')).toMatch(/used up/); // still the plan it read
    await new Promise((r) => setTimeout(r, 250));
    expect(await other.aiRepliesPaused('hot3')).toBeUndefined();
    await Promise.all([here.close(), other.close()]);
  });
});
