// The AI's share by week: a week sums its days' conversations before dividing, and a week with none
// has no share (a gap, not 0 %).
import { describe, expect, it } from 'vitest';
import type { TrendPoint } from '@app/shared/crm';
import { aiBuckets } from './ai-buckets';

const day = (start: string, conversations: number, resolvedByAi: number): TrendPoint => ({
  start,
  created: 0,
  won: 0,
  revenueWon: {},
  conversations,
  resolvedByAi,
  aiShare: conversations ? resolvedByAi / conversations : 0,
});

describe('aiBuckets', () => {
  it('sums a daily series by week (from Monday) and leaves an empty week without a share', () => {
    // 2026-03-01 is a Sunday: its week began on 2026-02-23.
    const series = {
      bucket: 'day' as const,
      points: [
        day('2026-03-01', 1, 0),
        day('2026-03-02', 1, 1),
        day('2026-03-03', 0, 0),
        day('2026-03-04', 3, 2),
        day('2026-03-09', 0, 0),
        day('2026-03-10', 0, 0),
      ],
    };
    const { bucket, points } = aiBuckets(series);
    expect(bucket).toBe('week');
    expect(points.map((p) => [p.start, p.conversations, p.resolvedByAi, p.share])).toEqual([
      ['2026-02-23', 1, 0, 0],
      ['2026-03-02', 4, 3, 0.75],
      ['2026-03-09', 0, 0, null],
    ]);
  });
  it('keeps a monthly series by month', () => {
    const { bucket, points } = aiBuckets({
      bucket: 'month',
      points: [day('2026-03-01', 4, 1), day('2026-04-01', 0, 0)],
    });
    expect(bucket).toBe('month');
    expect(points.map((p) => p.share)).toEqual([0.25, null]);
  });
});
