import { describe, expect, it } from 'vitest';
import { conversion, firstResponseTimes, funnel, percentile, resolvedByAi } from './analytics';

describe('analytics', () => {
  const leads = [
    { stage: 'new' },
    { stage: 'qualified' },
    { stage: 'proposal' },
    { stage: 'won' },
    { stage: 'lost' },
  ] as const;
  it('counts the funnel: per stage and reached-at-least', () => {
    const f = funnel(leads);
    expect(f.find((s) => s.stage === 'new')).toEqual({ stage: 'new', count: 1, reached: 5 });
    expect(f.find((s) => s.stage === 'qualified')).toEqual({ stage: 'qualified', count: 1, reached: 3 });
    expect(f.find((s) => s.stage === 'won')).toEqual({ stage: 'won', count: 1, reached: 1 });
    expect(f.find((s) => s.stage === 'lost')).toEqual({ stage: 'lost', count: 1, reached: 1 });
  });
  it('computes conversion among closed leads', () => {
    expect(conversion(leads)).toBe(0.5);
    expect(conversion([])).toBe(0);
  });
  it('measures first response times per conversation', () => {
    const m = (c: string, d: 'inbound' | 'outbound', s: number) => ({
      conversationId: c,
      direction: d,
      createdAt: new Date(s * 1000).toISOString(),
    });
    const times = firstResponseTimes([
      m('a', 'inbound', 0),
      m('a', 'outbound', 30),
      m('a', 'outbound', 40),
      m('b', 'inbound', 10),
      m('b', 'outbound', 15),
      m('c', 'inbound', 1),
    ]);
    expect(times).toEqual([5000, 30000]);
    expect(percentile(times, 50)).toBe(5000);
    expect(percentile(times, 90)).toBe(30000);
    expect(percentile([], 50)).toBe(0);
  });
  it('shares resolved by AI and formats durations', () => {
    expect(
      resolvedByAi([
        { mode: 'ai' },
        { mode: 'human' },
        { mode: 'ai', handoffReason: 'asked' },
        { mode: 'ai' },
      ]),
    ).toBe(0.5);
  });
});
