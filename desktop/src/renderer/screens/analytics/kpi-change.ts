// How a KPI tile of the Analytics dashboard tells its change (issue 64 item 8): a percentage (or
// percentage points) only from a previous figure with a base large enough for it to mean something;
// from a smaller base the two figures side by side ("59 vs 1", never "+5,800 %"); and nothing at all
// when there is nothing to compare with (no previous period, or a previous figure from an empty set).
import type { Kpi, PeriodFigures } from '../../lib/analytics-kpis';

/** The smallest base a relative change is told from: below it, the previous figure itself. */
export const MIN_BASE = 10;

export type ChangeShown =
  | { kind: 'none' }
  | { kind: 'delta' }
  /** The previous period's figure, told beside this one's. */
  | { kind: 'versus'; previous: number };

/**
 * How many things the previous figure of `kpi` was computed from: a count is its own base, a share its
 * whole, a median its replies, revenue the deals won.
 */
export function baseOf(kpi: Kpi, before: PeriodFigures, previous: Kpi): number {
  if (kpi.kind === 'count') return previous.value ?? 0;
  if (kpi.kind === 'share') return previous.whole ?? 0;
  if (kpi.kind === 'duration') return before.replies.length;
  return before.won;
}

/** What the tile says about its change, given the previous period's figures (none over all time). */
export function changeShown(
  kpi: Kpi,
  before: PeriodFigures | undefined,
  previous: Kpi | undefined,
): ChangeShown {
  if (!before || !previous || previous.value === undefined || kpi.value === undefined)
    return { kind: 'none' };
  // Nothing then and nothing now (a new team's 0 leads against 0): nothing worth a line.
  if (kpi.value === 0 && previous.value === 0) return { kind: 'none' };
  if (kpi.change && baseOf(kpi, before, previous) >= MIN_BASE) return { kind: 'delta' };
  return { kind: 'versus', previous: previous.value };
}
