// Sales analytics for the Analytics screen: the shared definitions (`@app/shared/crm`, the same the
// server's analytics API uses) over the local database, the date ranges the screen offers, and the
// tables each chart exports as CSV (plain numbers: rates as fractions, days and amounts as numbers).
import type { GroupRow, Money, StageStep, StageTime, TrendPoint, FunnelRow } from '@app/shared/crm';

export {
  aiResolution,
  breakdown,
  firstResponseTimes,
  funnel,
  groupByKeys,
  leadSummary,
  percentile,
  stageConversion,
  timeInStage,
  trends,
  type AnalyticsData,
  type Bucket,
  type GroupBy,
  type GroupRow,
  type Period,
  type StageStep,
  type StageTime,
  type TrendPoint,
} from '@app/shared/crm';

export const ranges = ['7d', '30d', '90d', '365d', 'all'] as const;
export type Range = (typeof ranges)[number];

/** The period a range names, ending now (`to` open, so today's leads count). */
export function periodOf(range: Range, now = Date.now()): { from?: string } {
  if (range === 'all') return {};
  const days = Number(range.slice(0, -1));
  return { from: new Date(now - days * 86_400_000).toISOString() };
}

/** The user's time zone (trends are bucketed by its calendar days). */
export const userTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export type CsvTable = { header: string[]; rows: (string | number)[][] };

const round = (n: number, digits = 4) => Math.round(n * 10 ** digits) / 10 ** digits;
const currenciesOf = (list: readonly Money[]) => [...new Set(list.flatMap((m) => Object.keys(m)))].sort();

/** Column names of a table, in the UI's language. */
export type CsvNames = {
  start: string;
  created: string;
  won: string;
  lost: string;
  revenue: string;
  conversations: string;
  resolvedByAi: string;
  aiShare: string;
  conversion: string;
  winRate: string;
  firstResponse: string;
  from: string;
  to: string;
  reachedFrom: string;
  reachedTo: string;
  rate: string;
  stage: string;
  reached: string;
  deals: string;
  median: string;
  average: string;
  group: string;
  bucket: string;
};

/** Revenue as one column per currency (amounts of different currencies are never added up). */
const revenueColumns = (names: CsvNames, list: readonly Money[]) => {
  const currencies = currenciesOf(list);
  return {
    header: currencies.map((c) => `${names.revenue} ${c}`),
    cells: (m: Money) => currencies.map((c) => m[c] ?? 0),
  };
};

export function trendCsv(names: CsvNames, points: readonly TrendPoint[]): CsvTable {
  const revenue = revenueColumns(
    names,
    points.map((p) => p.revenueWon),
  );
  return {
    header: [
      names.start,
      names.created,
      names.won,
      ...revenue.header,
      names.conversations,
      names.resolvedByAi,
      names.aiShare,
    ],
    rows: points.map((p) => [
      p.start,
      p.created,
      p.won,
      ...revenue.cells(p.revenueWon),
      p.conversations,
      p.resolvedByAi,
      // No conversation in the bucket: no share (an empty cell), not 0 (issue 64 item 9).
      p.conversations ? round(p.aiShare) : '',
    ]),
  };
}

/**
 * Each stage-to-stage step: how many reached each stage and the rate. A step no deal reached has no
 * rate (an empty cell, "—" on the screen), not 0: a share of nothing is no figure (issue 64 item 9).
 */
export function stepsCsv(
  names: CsvNames,
  steps: readonly StageStep[],
  stageName: (id: string) => string,
): CsvTable {
  return {
    header: [names.from, names.to, names.reachedFrom, names.reachedTo, names.rate],
    rows: steps.map((s) => [
      stageName(s.fromStageId),
      stageName(s.toStageId),
      s.from,
      s.to,
      s.from ? round(s.rate) : '',
    ]),
  };
}

export function funnelCsv(
  names: CsvNames,
  rows: readonly FunnelRow[],
  stageName: (id: string) => string,
): CsvTable {
  return {
    header: [names.stage, names.deals, names.reached],
    rows: rows.map((r) => [stageName(r.stageId), r.count, r.reached]),
  };
}

export function breakdownCsv(
  names: CsvNames,
  groups: readonly GroupRow[],
  groupName: (key: string) => string,
): CsvTable {
  const revenue = revenueColumns(
    names,
    groups.map((g) => g.leads.revenueWon),
  );
  return {
    header: [
      names.group,
      names.created,
      names.won,
      names.lost,
      names.conversion,
      names.winRate,
      ...revenue.header,
      names.conversations,
      names.resolvedByAi,
      names.aiShare,
      names.firstResponse,
    ],
    rows: groups.map((g) => [
      groupName(g.key),
      g.leads.created,
      g.leads.won,
      g.leads.lost,
      // A rate over nothing is no figure: no deal created, none closed (issue 64 item 9).
      g.leads.created ? round(g.leads.conversionToWon) : '',
      g.leads.won + g.leads.lost ? round(g.leads.winRate) : '',
      ...revenue.cells(g.leads.revenueWon),
      g.aiResolution.conversations,
      g.aiResolution.resolved,
      g.aiResolution.conversations ? round(g.aiResolution.share) : '',
      // No first reply in the group: no median (a blank cell, not 0; issue 64 item 9).
      g.firstResponseMs.count > 0 ? round(g.firstResponseMs.median / 1000, 1) : '',
    ]),
  };
}

export function timeInStageCsv(
  names: CsvNames,
  stages: readonly StageTime[],
  stageName: (id: string) => string,
): CsvTable {
  return {
    header: [names.stage, names.deals, names.median, names.average],
    rows: stages.map((s) => [stageName(s.stageId), s.count, s.medianDays, s.averageDays]),
  };
}

/** First response times in the histogram's buckets (< 1 min, 1-5 min, 5-15 min, 15-60 min, > 1 h). */
export const responseBuckets = [60_000, 300_000, 900_000, 3_600_000, Infinity] as const;
export function responseHistogram(values: readonly number[]): number[] {
  return responseBuckets.map(
    (b, i) => values.filter((v) => v < b && (i === 0 || v >= responseBuckets[i - 1]!)).length,
  );
}
