// The Analytics dashboard's headline numbers (issue 64 item 8): new conversations, the share resolved by
// AI, the median first reply, leads, conversion, win rate, revenue won and accepted suggestions over a
// period, each beside the same figure over the period of the same length just before, and the change
// between them. A figure over an empty set (a share of no conversations, the median of no replies) is
// no figure (`undefined`, shown as "—"), and so is a change from one: never a figure computed from
// nothing. The figures follow the screen's definitions (analytics-facts.ts).
import type { PipelineDoc } from '@app/shared/schemas';
import { percentile, type Period } from './analytics';
import { analyticsNumbers, firstResponsesIn, suggestionFigures, type FactsView } from './analytics-facts';

/** What one period's headline numbers are made of. */
export type PeriodFigures = {
  conversations: number;
  resolvedByAi: number;
  leads: number;
  won: number;
  closed: number;
  /** Revenue won in the main currency. */
  revenue: number;
  /** Revenue won in other currencies (never added to the main one). */
  otherRevenue: { currency: string; amount: number }[];
  /** First reply times, ms, sorted. */
  replies: number[];
  suggested: number;
  accepted: number;
};

/** The figures of one period, for the dashboard's tiles. */
export function periodFigures(
  view: FactsView,
  q: { pipelines: readonly PipelineDoc[]; period: Period; currency: string },
): PeriodFigures {
  const { summary, ai } = analyticsNumbers(view, { pipelines: q.pipelines, period: q.period });
  const suggestions = suggestionFigures(view, q.period);
  return {
    conversations: ai.conversations,
    resolvedByAi: ai.resolved,
    leads: summary.created,
    won: summary.won,
    closed: summary.won + summary.lost,
    revenue: summary.revenueWon[q.currency] ?? 0,
    otherRevenue: Object.entries(summary.revenueWon)
      .filter(([c, v]) => c !== q.currency && v > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([currency, amount]) => ({ currency, amount })),
    replies: firstResponsesIn(view, q.period),
    suggested: suggestions.made,
    accepted: suggestions.accepted,
  };
}

/**
 * The period of the same length just before `period`, or none: an open start (all time) has nothing
 * before it. An open end is now.
 */
export function previousPeriod(period: Period, now = Date.now()): Period | undefined {
  if (!period.from) return undefined;
  const start = Date.parse(period.from);
  const end = period.to ? Date.parse(period.to) : now;
  if (!(end > start)) return undefined;
  return { from: new Date(start - (end - start)).toISOString(), to: new Date(start).toISOString() };
}

export type KpiKey =
  'conversations' | 'aiShare' | 'firstReply' | 'leads' | 'conversion' | 'winRate' | 'revenue' | 'suggestions';

/**
 * How a figure is told apart from the one before: counts, money and times by their relative change
 * (a change from 0 has no ratio), shares by the difference in percentage points.
 */
export type KpiKind = 'count' | 'money' | 'share' | 'duration';

export type Kpi = {
  key: KpiKey;
  kind: KpiKind;
  /** The figure over the period; undefined when the set it is computed from is empty. */
  value: number | undefined;
  /** For a share: its part and whole (`1 of 5`). */
  part?: number;
  whole?: number;
  /** The change against the previous period; undefined when there is no figure to compare with. */
  change: Change | undefined;
  /** Whether a rise is good news (a shorter first reply is). */
  better: 'up' | 'down';
};

export type Change = {
  /** Relative change (0.25 = +25 %) for counts, money and times; share points (0.05 = +5 pp) for shares. */
  delta: number;
  direction: 'up' | 'down' | 'flat';
};

const share = (part: number, whole: number) => (whole ? part / whole : undefined);
const median = (sorted: readonly number[]) => (sorted.length ? percentile(sorted, 50) : undefined);

/** The change from `previous` to `value` as `kind` measures it; none when either is no figure. */
export function changeOf(
  kind: KpiKind,
  value: number | undefined,
  previous: number | undefined,
): Change | undefined {
  if (value === undefined || previous === undefined) return undefined;
  if (kind !== 'share' && previous === 0) return undefined;
  const delta = kind === 'share' ? value - previous : (value - previous) / previous;
  // Below a tenth of a percent (point) it reads as 0 % either way.
  const direction = Math.abs(delta) < 0.0005 ? 'flat' : delta > 0 ? 'up' : 'down';
  return { delta, direction };
}

/** Each headline figure of `now`, with its change against `before` (the previous period, if any). */
export function headlineKpis(now: PeriodFigures, before: PeriodFigures | undefined): Kpi[] {
  const tile = (
    key: KpiKey,
    kind: KpiKind,
    of: (f: PeriodFigures) => number | undefined,
    better: 'up' | 'down' = 'up',
    parts?: (f: PeriodFigures) => [number, number],
  ): Kpi => {
    const value = of(now);
    const [part, whole] = parts?.(now) ?? [];
    return {
      key,
      kind,
      value,
      ...(part !== undefined && whole !== undefined ? { part, whole } : {}),
      change: changeOf(kind, value, before && of(before)),
      better,
    };
  };
  return [
    tile('conversations', 'count', (f) => f.conversations),
    tile(
      'aiShare',
      'share',
      (f) => share(f.resolvedByAi, f.conversations),
      'up',
      (f) => [f.resolvedByAi, f.conversations],
    ),
    tile('firstReply', 'duration', (f) => median(f.replies), 'down'),
    // Revenue over no deals created is no figure; over deals none of which won, it is 0.
    tile('revenue', 'money', (f) => (f.leads ? f.revenue : undefined)),
    tile('leads', 'count', (f) => f.leads),
    tile(
      'conversion',
      'share',
      (f) => share(f.won, f.leads),
      'up',
      (f) => [f.won, f.leads],
    ),
    tile(
      'winRate',
      'share',
      (f) => share(f.won, f.closed),
      'up',
      (f) => [f.won, f.closed],
    ),
    tile(
      'suggestions',
      'share',
      (f) => share(f.accepted, f.suggested),
      'up',
      (f) => [f.accepted, f.suggested],
    ),
  ];
}
