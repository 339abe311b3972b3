// The Analytics screen's suggestion counts from the device's deal facts equal the shared definition
// (suggestionStats) over the same lead docs, also after the rollup is stored and read back.
import { describe, expect, it } from 'vitest';
import { suggestionStats } from '@app/shared/crm';
import { emptyFacts, leadFact, suggestionFigures } from './analytics-facts';
import { RollupState } from './analytics-rollup-state';

const leads = [
  {
    id: 'l1',
    stage: 'new',
    createdAt: '2026-03-01T10:00:00.000Z',
    suggestions: [{ outcome: 'accepted' }, {}],
  },
  { id: 'l2', stage: 'new', createdAt: '2026-03-20T10:00:00.000Z', suggestions: [{}] },
  { id: 'l3', stage: 'new', createdAt: '2026-03-03T10:00:00.000Z' },
];

describe('suggestionFigures', () => {
  it.each([{}, { from: '2026-03-01T00:00:00.000Z', to: '2026-03-10T00:00:00.000Z' }])(
    'equals the shared definition for %j',
    (period) => {
      const view = { ...emptyFacts, leads: leads.map((d) => leadFact(d)) };
      expect(suggestionFigures(view, period)).toEqual(suggestionStats(leads, period));
      expect(suggestionFigures(view, {}).made).toBe(3);
    },
  );

  it('keeps the counts through the stored rollup', () => {
    const state = new RollupState();
    state.apply('leads', leads);
    const back = RollupState.fromRecord(state.toRecord());
    expect(suggestionFigures(back.view(), {})).toEqual({ made: 3, accepted: 1, rate: 1 / 3 });
  });
});
