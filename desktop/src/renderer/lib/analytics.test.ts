import { describe, expect, it } from 'vitest';
import { defaultPipeline } from '@app/shared/schemas';
import { leadSummary, periodOf } from './analytics';

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
