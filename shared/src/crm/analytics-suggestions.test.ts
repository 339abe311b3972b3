// Up-sell and cross-sell in the analytics (issue 38): suggestions made and accepted on the leads
// created in the period, and the acceptance rate.
import { describe, expect, it } from 'vitest';
import { suggestionStats, type ReportLead } from './analytics-report';

const lead = (createdAt: string, outcomes: Array<'accepted' | undefined>): ReportLead => ({
  stage: 'new',
  createdAt,
  suggestions: outcomes.map((outcome) => (outcome ? { outcome } : {})),
});

describe('suggestionStats', () => {
  const leads = [
    lead('2026-03-01T10:00:00.000Z', ['accepted', undefined]),
    lead('2026-03-05T10:00:00.000Z', ['accepted']),
    lead('2026-04-01T10:00:00.000Z', [undefined]),
    { stage: 'new', createdAt: '2026-03-02T10:00:00.000Z' },
  ];

  it('counts made and accepted on the leads created in the period', () => {
    expect(suggestionStats(leads)).toEqual({ made: 4, accepted: 2, rate: 0.5 });
    expect(
      suggestionStats(leads, { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' }),
    ).toEqual({
      made: 3,
      accepted: 2,
      rate: 2 / 3,
    });
    expect(suggestionStats([], {})).toEqual({ made: 0, accepted: 0, rate: 0 });
  });
});
