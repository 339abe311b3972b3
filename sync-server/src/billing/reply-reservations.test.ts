// The AI-reply limit across processes (reply-reservations.ts) on a real CouchDB: two billing
// instances (two server processes) asked at once at the edge of a limited plan let exactly the
// limit through; a reservation given back (a hand-off) or left unused past its time frees its
// reply; the paused reason is in the conversation's language.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCouch, type TestCouch } from '../../test/helpers';
import { createCouchStore, type CouchStore } from '../store/couch-store';
import { createBilling, withLimits } from './policy';
import { countAiReplies } from './usage';

let couch: TestCouch;
let store: CouchStore;
const log = pino({ level: 'silent' });

beforeAll(async () => {
  couch = await startTestCouch('billing-cas-');
  store = createCouchStore({ url: couch.url, log, ...(couch.prefix ? { prefix: couch.prefix } : {}) });
  await store.setup();
});
afterAll(async () => {
  await store.close();
  await couch.close();
});

const processOf = (reservationMs = 60_000) =>
  createBilling({
    store,
    now: () => new Date(),
    options: {
      defaultPlan: 'free',
      graceDays: 7,
      providers: [],
      limits: withLimits({ free: { aiReplies: 5 } }),
    },
    flushMs: 3_600_000,
    reservationMs,
    log,
  });

describe('the AI-reply limit across processes', () => {
  it('lets exactly the limit through when two processes are asked at once', async () => {
    const [a, b] = [processOf(), processOf()];
    // Two replies counted before (written), then 12 customers at once, half on each process.
    await a.countAiReply('cas1', 'pa');
    await a.countAiReply('cas1', 'pa');
    await a.flush();
    const asked = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).aiRepliesPaused('cas1', i % 3 ? 'en' : 'ru')),
    );
    const let_through = asked.filter((why) => why === undefined).length;
    expect(let_through).toBe(3);
    const reasons = asked.filter((why): why is string => why !== undefined);
    expect(reasons.some((r) => /AI replies this month are used up/.test(r))).toBe(true);
    expect(reasons.some((r) => /ИИ-ответы тарифа «Бесплатный» на этот месяц закончились/.test(r))).toBe(true);
    expect(await countAiReplies(store, 'cas1', new Date())).toBe(5);
    // The replies sent use their reservations: counted once, nothing more written.
    for (const [i, why] of asked.entries())
      if (why === undefined) await (i % 2 ? a : b).countAiReply('cas1', i % 2 ? 'pa' : 'pb');
    await Promise.all([a.flush(), b.flush()]);
    expect(await countAiReplies(store, 'cas1', new Date())).toBe(5);
    await Promise.all([a.close(), b.close()]);
  });

  it('gives back a reservation no reply came of (a hand-off)', async () => {
    const a = processOf();
    for (let i = 0; i < 5; i++) expect(await a.aiRepliesPaused('cas2')).toBeUndefined();
    expect(await a.aiRepliesPaused('cas2')).toMatch(/used up/);
    await a.releaseAiReply('cas2');
    expect(await countAiReplies(store, 'cas2', new Date())).toBe(4);
    expect(await a.aiRepliesPaused('cas2')).toBeUndefined();
    for (let i = 0; i < 3; i++) await a.countAiReply('cas2', 'pa');
    // Closing gives back the two still open; the three sent stay counted.
    await a.close();
    expect(await countAiReplies(store, 'cas2', new Date())).toBe(3);
  });

  it('gives back a reservation nobody used nor gave back after its time', async () => {
    const a = processOf(300);
    expect(await a.aiRepliesPaused('cas3')).toBeUndefined();
    expect(await a.aiRepliesPaused('cas3')).toBeUndefined();
    expect(await countAiReplies(store, 'cas3', new Date())).toBe(2);
    await expect.poll(() => countAiReplies(store, 'cas3', new Date()), { timeout: 5_000 }).toBe(0);
    // A reply sent after its reservation lapsed is still counted (by the process's own count).
    await a.countAiReply('cas3', 'pa');
    await a.close();
    expect(await countAiReplies(store, 'cas3', new Date())).toBe(1);
  });
});
