import { describe, expect, it } from 'vitest';
import { defaultPipeline } from '@app/shared/schemas';
import { breakdownCsv, leadSummary, periodOf, stepsCsv, trendCsv, type CsvNames } from './analytics';

describe('analytics screen ranges', () => {
  const now = Date.parse('2026-03-31T12:00:00.000Z');
  it('a range ends now and starts its number of days before; all time has no bounds', () => {
    expect(periodOf('7d', now)).toEqual({ from: '2026-03-24T12:00:00.000Z' });
    expect(periodOf('all', now)).toEqual({});
  });
  it('counts only the leads created in the range', () => {
    const leads = [
      { stage: 'won', createdAt: '2026-03-30T00:00:00.000Z' },
      { stage: 'new', createdAt: '2026-03-29T00:00:00.000Z' },
      { stage: 'won', createdAt: '2026-01-01T00:00:00.000Z' },
    ];
    expect(leadSummary(leads, [defaultPipeline()], periodOf('7d', now))).toMatchObject({
      created: 2,
      won: 1,
      conversionToWon: 0.5,
      winRate: 1,
    });
  });
});

describe('CSV tables of the charts', () => {
  const names = Object.fromEntries(
    [
      'start',
      'created',
      'won',
      'lost',
      'revenue',
      'conversations',
      'resolvedByAi',
      'aiShare',
      'conversion',
      'winRate',
      'firstResponse',
      'from',
      'to',
      'reachedFrom',
      'reachedTo',
      'rate',
      'stage',
      'reached',
      'deals',
      'median',
      'average',
      'group',
      'bucket',
    ].map((k) => [k, k]),
  ) as unknown as CsvNames;

  it('a revenue column per currency (never added up), rates as fractions', () => {
    const table = trendCsv(names, [
      {
        start: '2026-03-01',
        created: 3,
        won: 1,
        revenueWon: { USD: 10 },
        conversations: 3,
        resolvedByAi: 1,
        aiShare: 1 / 3,
      },
      {
        start: '2026-03-02',
        created: 1,
        won: 1,
        revenueWon: { EUR: 5 },
        conversations: 0,
        resolvedByAi: 0,
        aiShare: 0,
      },
    ]);
    expect(table.header).toEqual([
      'start',
      'created',
      'won',
      'revenue EUR',
      'revenue USD',
      'conversations',
      'resolvedByAi',
      'aiShare',
    ]);
    expect(table.rows).toEqual([
      ['2026-03-01', 3, 1, 0, 10, 3, 1, 0.3333],
      // No conversation that day: no share (issue 64 item 9).
      ['2026-03-02', 1, 1, 5, 0, 0, 0, ''],
    ]);
  });

  it('breakdown rows name their group and give the first response in seconds', () => {
    const table = breakdownCsv(
      names,
      [
        {
          key: '',
          leads: {
            created: 2,
            won: 1,
            lost: 1,
            open: 0,
            conversionToWon: 0.5,
            winRate: 0.5,
            revenueWon: { USD: 7 },
          },
          aiResolution: { conversations: 1, resolved: 1, share: 1, handedOff: 0, repTookOver: 0 },
          firstResponseMs: { count: 1, median: 1_500, p90: 1_500 },
        },
      ],
      (k) => k || '(none)',
    );
    expect(table.rows).toEqual([['(none)', 2, 1, 1, 0.5, 0.5, 7, 1, 1, 1, 1.5]]);
  });

  it('a group no customer got a first reply in has no median, not 0 s (issue 64)', () => {
    const quiet = {
      key: 'vk',
      leads: { created: 1, won: 0, lost: 0, open: 1, conversionToWon: 0, winRate: 0, revenueWon: {} },
      aiResolution: { conversations: 0, resolved: 0, share: 0, handedOff: 0, repTookOver: 0 },
      firstResponseMs: { count: 0, median: 0, p90: 0 },
    };
    const table = breakdownCsv(names, [quiet], (k) => k);
    expect(table.rows[0]!.at(-1)).toBe('');
  });

  it('a rate over nothing is an empty cell, not 0: a step no deal reached, a group or bucket with nothing in it (issue 64)', () => {
    const steps = stepsCsv(
      names,
      [
        { fromStageId: 'new', toStageId: 'qualified', from: 0, to: 0, rate: 0 },
        { fromStageId: 'qualified', toStageId: 'won', from: 4, to: 0, rate: 0 },
      ],
      (k) => k,
    );
    expect(steps.rows.map((r) => r.at(-1))).toEqual(['', 0]);
    const quiet = {
      key: 'vk',
      leads: { created: 0, won: 0, lost: 0, open: 0, conversionToWon: 0, winRate: 0, revenueWon: {} },
      aiResolution: { conversations: 0, resolved: 0, share: 0, handedOff: 0, repTookOver: 0 },
      firstResponseMs: { count: 0, median: 0, p90: 0 },
    };
    const group = breakdownCsv(names, [quiet], (k) => k);
    const cell = (name: string) => group.rows[0]![group.header.indexOf(name)];
    expect([cell('conversion'), cell('winRate'), cell('aiShare')]).toEqual(['', '', '']);
    const trend = trendCsv(names, [
      {
        start: '2026-03-01',
        created: 0,
        won: 0,
        revenueWon: {},
        conversations: 0,
        resolvedByAi: 0,
        aiShare: 0,
      },
    ]);
    expect(trend.rows[0]!.at(-1)).toBe('');
  });
});
