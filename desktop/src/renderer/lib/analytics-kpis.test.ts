// The dashboard's headline numbers: the previous period of the same length, each tile's change against
// it (relative for counts, money and times, points for shares), and "no figure" wherever the set a
// figure or its comparison would be computed from is empty.
import { describe, expect, it } from 'vitest';
import { defaultPipeline } from '@app/shared/schemas';
import type { Period } from './analytics';
import { conversationFact, emptyFacts, leadFact, type FactsView, type Thread } from './analytics-facts';
import { changeOf, headlineKpis, periodFigures, previousPeriod, type KpiKey } from './analytics-kpis';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-20T12:00:00.000Z');
const ago = (days: number) => new Date(NOW - days * DAY).toISOString();
const pipelines = [defaultPipeline()];

describe('previousPeriod', () => {
  it('is the same length just before, up to the start', () => {
    expect(previousPeriod({ from: ago(30) }, NOW)).toEqual({ from: ago(60), to: ago(30) });
    expect(previousPeriod({ from: ago(10), to: ago(3) }, NOW)).toEqual({ from: ago(17), to: ago(10) });
  });
  it('has nothing before all time or an empty period', () => {
    expect(previousPeriod({}, NOW)).toBeUndefined();
    expect(previousPeriod({ to: ago(3) }, NOW)).toBeUndefined();
    expect(previousPeriod({ from: ago(3), to: ago(3) }, NOW)).toBeUndefined();
  });
});

describe('changeOf', () => {
  it('is relative for counts and times, in points for shares', () => {
    expect(changeOf('count', 15, 10)).toEqual({ delta: 0.5, direction: 'up' });
    expect(changeOf('duration', 30_000, 60_000)).toEqual({ delta: -0.5, direction: 'down' });
    expect(changeOf('share', 0.5, 0.75)).toEqual({ delta: -0.25, direction: 'down' });
    expect(changeOf('money', 100, 100)).toEqual({ delta: 0, direction: 'flat' });
  });
  it('is none from nothing: a previous 0 count or no figure on either side', () => {
    expect(changeOf('count', 3, 0)).toBeUndefined();
    expect(changeOf('money', 3, 0)).toBeUndefined();
    expect(changeOf('share', 0.5, undefined)).toBeUndefined();
    expect(changeOf('duration', undefined, 1000)).toBeUndefined();
    // A share of 0 is a figure (none of 4 resolved), unlike a share of nothing.
    expect(changeOf('share', 0.5, 0)).toEqual({ delta: 0.5, direction: 'up' });
  });
});

describe('headlineKpis over facts', () => {
  const lead = (id: string, stage: string, days: number, amount = 0, currency = 'USD') =>
    leadFact({ id, stage, createdAt: ago(days), ...(amount ? { value: { amount, currency } } : {}) });
  const conv = (id: string, days: number, extra: Record<string, unknown> = {}) =>
    conversationFact({ id, channel: 'telegram', mode: 'ai', createdAt: ago(days), ...extra });
  /** A thread whose first customer message came `days` ago and was answered `replyMs` later. */
  const thread = (days: number, replyMs: number): Thread => {
    const inMs = NOW - days * DAY;
    return {
      byChannel: new Map([['telegram', { inMs, inId: 'in', outMs: inMs + replyMs, outId: 'out' }]]),
      repId: '',
    };
  };
  // This week: 3 deals (1 won $1,000 and €200, 1 lost), 4 conversations (3 resolved by AI), replies
  // in 1, 3 and 5 minutes. The week before: 2 deals (1 won $500), 2 conversations (1 resolved), one
  // reply in 4 minutes.
  const view: FactsView = {
    ...emptyFacts,
    leads: [
      lead('a', 'won', 1, 1000),
      lead('a2', 'won', 2, 200, 'EUR'),
      lead('b', 'lost', 2),
      lead('c', 'new', 3),
      lead('d', 'won', 9, 500),
      lead('e', 'new', 10),
    ],
    conversations: [
      conv('c1', 1),
      conv('c2', 2),
      conv('c3', 3),
      conv('c4', 4, { handoffReason: 'asked' }),
      conv('c5', 9),
      conv('c6', 10, { mode: 'human' }),
    ],
    threads: new Map([
      ['c1', thread(1, 60_000)],
      ['c2', thread(2, 180_000)],
      ['c3', thread(3, 300_000)],
      ['c5', thread(9, 240_000)],
    ]),
  };
  const period = { from: ago(7) };
  const figures = (p: Period | undefined) =>
    p && periodFigures(view, { pipelines, period: p, currency: 'USD' });
  const byKey = (list: ReturnType<typeof headlineKpis>) =>
    Object.fromEntries(list.map((k) => [k.key, k])) as Record<KpiKey, (typeof list)[number]>;

  it('gives each figure with its change against the week before', () => {
    const k = byKey(headlineKpis(figures(period)!, figures(previousPeriod(period, NOW))));
    expect(k.conversations).toMatchObject({ value: 4, change: { delta: 1, direction: 'up' } });
    expect(k.aiShare).toMatchObject({ value: 0.75, part: 3, whole: 4, change: { delta: 0.25 } });
    // Median of 1, 3 and 5 minutes is 3, against 4: a quarter shorter, and shorter is better.
    expect(k.firstReply).toMatchObject({ value: 180_000, better: 'down', change: { delta: -0.25 } });
    expect(k.revenue).toMatchObject({ value: 1000, change: { delta: 1, direction: 'up' } });
    expect(k.leads).toMatchObject({ value: 4, change: { delta: 1 } });
    expect(k.conversion).toMatchObject({ value: 0.5, part: 2, whole: 4 });
    expect(k.winRate).toMatchObject({ value: 2 / 3, part: 2, whole: 3, change: { delta: 2 / 3 - 1 } });
    // No suggestions either week: no figure and no change.
    expect(k.suggestions).toMatchObject({ value: undefined, change: undefined });
  });

  it('keeps other currencies apart from the main one', () => {
    expect(figures(period)!.otherRevenue).toEqual([{ currency: 'EUR', amount: 200 }]);
  });

  it('says "no figure" for an empty period, and compares with nothing over all time', () => {
    const empty = { from: ago(400), to: ago(300) };
    const k = byKey(headlineKpis(figures(empty)!, figures(previousPeriod(empty, NOW))));
    expect(k.conversations.value).toBe(0);
    expect(k.conversations.change).toBeUndefined();
    for (const key of ['aiShare', 'firstReply', 'revenue', 'conversion', 'winRate'] as const)
      expect(k[key].value, key).toBeUndefined();
    const all = byKey(headlineKpis(figures({})!, figures(previousPeriod({}, NOW))));
    expect(all.conversations).toMatchObject({ value: 6, change: undefined });
  });
});
