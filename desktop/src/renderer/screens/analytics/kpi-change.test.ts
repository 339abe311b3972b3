// A KPI tile's change: a percentage only from a base of at least MIN_BASE, the two figures side by side
// from a smaller one, nothing when there is no previous figure (issue 64 item 8).
import { describe, expect, it } from 'vitest';
import { headlineKpis, type KpiKey, type PeriodFigures } from '../../lib/analytics-kpis';
import { changeShown, MIN_BASE } from './kpi-change';

const figures = (f: Partial<PeriodFigures>): PeriodFigures => ({
  conversations: 0,
  resolvedByAi: 0,
  leads: 0,
  won: 0,
  closed: 0,
  revenue: 0,
  otherRevenue: [],
  replies: [],
  suggested: 0,
  accepted: 0,
  ...f,
});

/** What each tile says of `now` against `before` (or no previous period). */
function shown(now: PeriodFigures, before: PeriodFigures | undefined) {
  const kpis = headlineKpis(now, before);
  const previous = before && headlineKpis(before, undefined);
  return Object.fromEntries(kpis.map((k, i) => [k.key, changeShown(k, before, previous?.[i])])) as Record<
    KpiKey,
    ReturnType<typeof changeShown>
  >;
}

describe('changeShown', () => {
  it('tells a count against a base of 1 as the two figures, never +5,800 %', () => {
    const s = shown(figures({ leads: 59, won: 11 }), figures({ leads: 1 }));
    expect(s.leads).toEqual({ kind: 'versus', previous: 1 });
    // 11 of 59 against 0 of 1: a share from a whole of 1.
    expect(s.conversion).toEqual({ kind: 'versus', previous: 0 });
  });
  it('tells the change as a percentage from a base of MIN_BASE or more', () => {
    const s = shown(
      figures({ leads: 15, won: 6, closed: 12, conversations: 30, resolvedByAi: 20 }),
      figures({ leads: MIN_BASE, won: 5, closed: MIN_BASE, conversations: 9, resolvedByAi: 3 }),
    );
    expect(s.leads).toEqual({ kind: 'delta' });
    expect(s.winRate).toEqual({ kind: 'delta' });
    // 9 conversations before: under the base, so 67 % against 33 %.
    expect(s.aiShare).toEqual({ kind: 'versus', previous: 3 / 9 });
  });
  it('says nothing with no previous period or no previous figure', () => {
    const all = shown(figures({ leads: 5 }), undefined);
    expect(Object.values(all).every((c) => c.kind === 'none')).toBe(true);
    const s = shown(figures({ leads: 5, won: 1, conversations: 4 }), figures({}));
    // A previous count of 0 is a figure; a share of nothing, a median of no replies are none.
    expect(s.leads).toEqual({ kind: 'versus', previous: 0 });
    expect(s.aiShare).toEqual({ kind: 'none' });
    expect(s.firstReply).toEqual({ kind: 'none' });
    expect(s.suggestions).toEqual({ kind: 'none' });
    expect(s.revenue).toEqual({ kind: 'none' });
    // 0 against 0 (a new team) says nothing either; 0 against 3 does.
    expect(shown(figures({}), figures({})).leads).toEqual({ kind: 'none' });
    expect(shown(figures({}), figures({ leads: 3 })).leads).toEqual({ kind: 'versus', previous: 3 });
  });
  it('measures a median by its replies and revenue by its deals won', () => {
    const many = Array.from({ length: MIN_BASE }, () => 60_000);
    const s = shown(
      figures({ replies: [30_000], leads: 20, won: 12, revenue: 900 }),
      figures({ replies: many, leads: 20, won: 2, revenue: 100 }),
    );
    expect(s.firstReply).toEqual({ kind: 'delta' });
    expect(s.revenue).toEqual({ kind: 'versus', previous: 100 });
  });
});
