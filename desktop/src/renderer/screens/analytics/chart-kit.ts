// What every chart of the Analytics screen draws and names with (issue 63: split out of Analytics.tsx):
// the theme's colours read from CSS, the options all charts share (no animation, the UI's locale), the
// columns' names of the tables and CSV exports in the UI's language, and the kit one panel receives.
import type { ChartOptions } from 'chart.js';
import type { useFormat, useI18n } from '../../i18n/i18n';
import type { analyticsFigures } from '../../lib/analytics-facts';
import type { CsvNames, GroupBy } from '../../lib/analytics';

const cssVar = (name: string, fallback: string) =>
  (typeof document !== 'undefined' &&
    getComputedStyle(document.documentElement).getPropertyValue(name).trim()) ||
  fallback;

/** The theme's colours as the stylesheet sets them now (a dark theme gives other values). */
export const colors = () => ({
  accent: cssVar('--accent', '#2563eb'),
  success: cssVar('--success', '#15803d'),
  warning: cssVar('--warning', '#b45309'),
  muted: cssVar('--muted', '#6b7385'),
  text: cssVar('--text', '#1d2330'),
  line: cssVar('--line', '#e3e6eb'),
});

/** Options every chart shares: no animation, the UI's locale, the theme's colors. */
export function baseOptions<T extends 'bar' | 'line'>(
  locale: string,
  extra: ChartOptions<T> = {} as ChartOptions<T>,
): ChartOptions<T> {
  const c = colors();
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    locale,
    plugins: { legend: { labels: { color: c.text } } },
    scales: {
      x: { ticks: { color: c.muted }, grid: { color: c.line } },
      y: { ticks: { color: c.muted }, grid: { color: c.line }, beginAtZero: true },
    },
    ...extra,
  } as ChartOptions<T>;
}

/**
 * A bucket's start date (`2026-11-20`) as an axis label, short (`Nov 20` / `20 нояб.`), a month by its
 * name and year: the tables below the charts have the dates whole.
 */
export function bucketLabel(tag: string, bucket: string): (start: string) => string {
  const format = new Intl.DateTimeFormat(
    tag,
    bucket === 'month' ? { month: 'short', year: 'numeric' } : { month: 'short', day: 'numeric' },
  );
  return (start) => format.format(new Date(`${start}T12:00:00`));
}

/** A share (0.725) as a chart's percentage (72.5). */
export const pct = (n: number) => Math.round(n * 1000) / 10;

/** Every figure of the charts for one choice of range, pipeline and grouping. */
export type Figures = ReturnType<typeof analyticsFigures>;

/** What every chart panel formats and names with: the UI's formats, colours, stage names and file names. */
export type ChartKit = {
  t: ReturnType<typeof useI18n>['t'];
  fmt: ReturnType<typeof useFormat>;
  /** The locale's tag for Chart.js and Intl. */
  tag: string;
  c: ReturnType<typeof colors>;
  names: CsvNames;
  stageName: (id: string) => string;
  /** A CSV export's file name for `what` over the period. */
  file: (what: string) => string;
  /** Table cells in the UI's formats: the columns `cols` as percentages, other numbers as decimals. */
  rateCell: (cols: number[]) => (v: string | number, col: number) => string;
};

/** The columns' names in the tables and CSV exports, in the UI's language. */
export function csvNames(t: ChartKit['t'], groupBy: GroupBy): CsvNames {
  return {
    start: t('analytics.col.start'),
    created: t('analytics.col.created'),
    won: t('analytics.col.won'),
    lost: t('analytics.col.lost'),
    revenue: t('analytics.col.revenue'),
    conversations: t('analytics.col.conversations'),
    resolvedByAi: t('analytics.col.resolvedByAi'),
    aiShare: t('analytics.col.aiShare'),
    conversion: t('analytics.col.conversion'),
    winRate: t('analytics.col.winRate'),
    firstResponse: t('analytics.col.firstResponse'),
    from: t('analytics.col.from'),
    to: t('analytics.col.to'),
    reachedFrom: t('analytics.col.reachedFrom'),
    reachedTo: t('analytics.col.reachedTo'),
    rate: t('analytics.col.rate'),
    stage: t('analytics.col.stage'),
    reached: t('analytics.col.reached'),
    deals: t('analytics.col.deals'),
    median: t('analytics.col.median'),
    average: t('analytics.col.average'),
    group: t(`analytics.groupBy.${groupBy}`),
    bucket: t('analytics.col.bucket'),
  };
}
