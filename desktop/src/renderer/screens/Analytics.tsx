// Analytics over a date range as a dashboard (issue 64 item 8): a row of large numbers with their change
// against the period before (screens/analytics/KpiRow.tsx), then the charts in a grid, each definition
// behind an info icon (shared/src/crm/analytics.ts and analytics-report.ts): the cumulative funnel of a pipeline and the conversion from
// each stage to the next, conversion to won (won / leads created) and the win rate (won / closed)
// apart, revenue won, trends per day/week/month, a breakdown by channel, rep, pipeline or source
// campaign, time in stage, first response times, and the share of conversations resolved by AI
// without any human. Computed on the device (offline too) from its analytics rollup, kept current
// from the local database's changes, by the same definitions the server's analytics API uses
// (lib/analytics-facts.ts, held equal to them by its test); every chart exports its numbers as CSV.
import { NegativeShare } from './NegativeShare';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
  type ChartOptions,
} from 'chart.js';
import { Bar, Line } from 'react-chartjs-2';
import { memberName, useMembers } from '../data/members';
import { platform } from '../platform/platform';
import { toCsv } from '../lib/csv';
import { useAnalyticsRollup } from '../data/analytics-rollup';
import { useChosenPipeline, usePipelines, stageLabel, pipelineLabel } from '../data/pipelines';
import { useFormat, useI18n } from '../i18n/i18n';
import { analyticsFigures, analyticsNumbers, emptyFacts, type FactsView } from '../lib/analytics-facts';
import {
  breakdownCsv,
  funnelCsv,
  groupByKeys,
  percentile,
  periodOf,
  ranges,
  responseHistogram,
  stepsCsv,
  timeInStageCsv,
  trendCsv,
  userTimeZone,
  type CsvNames,
  type CsvTable,
  type GroupBy,
  type Period,
  type Range,
} from '../lib/analytics';
import { rememberRange, storedRange } from '../lib/analytics-range';
import type { PipelineDoc } from '@app/shared/schemas';
import { DateField } from '../components/ui/DateField';
import { InfoTip } from '../components/ui/InfoTip';
import { KpiRow } from './analytics/KpiRow';

ChartJS.register(CategoryScale, LinearScale, BarElement, LineElement, PointElement, Tooltip, Legend);

const cssVar = (name: string, fallback: string) =>
  (typeof document !== 'undefined' &&
    getComputedStyle(document.documentElement).getPropertyValue(name).trim()) ||
  fallback;
const colors = () => ({
  accent: cssVar('--accent', '#2563eb'),
  success: cssVar('--success', '#15803d'),
  warning: cssVar('--warning', '#b45309'),
  muted: cssVar('--muted', '#6b7385'),
  text: cssVar('--text', '#1d2330'),
  line: cssVar('--line', '#e3e6eb'),
});

/** Options every chart shares: no animation, the UI's locale, the theme's colors. */
function baseOptions<T extends 'bar' | 'line'>(
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
 * A chart's panel: title with its definition behind an info icon, a line of figures (`note`), the
 * chart, its numbers, and "Export CSV". A `wide` panel spans the grid's columns.
 */
function ChartPanel(props: {
  id: string;
  title: string;
  info: ReactNode;
  note?: ReactNode;
  csv: () => CsvTable;
  fileName: string;
  wide?: boolean;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const [saved, setSaved] = useState('');
  const exportCsv = async () => {
    const { header, rows } = props.csv();
    const result = await platform.saveFile({
      defaultName: props.fileName,
      content: toCsv(header, rows),
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
    if (result.saved) setSaved(t('analytics.exported', { file: result.fileName ?? props.fileName }));
  };
  return (
    <section className={props.wide ? 'panel span-all' : 'panel'} data-testid={props.id}>
      <div className="panel-head-row info-tip-anchor">
        <div className="dash-title">
          <h3>{props.title}</h3>
          <InfoTip label={t('analytics.definition', { name: props.title })} testId={`${props.id}-info`}>
            {props.info}
          </InfoTip>
        </div>
        <button type="button" className="small" onClick={exportCsv} data-testid={`${props.id}-csv`}>
          {t('analytics.exportCsv')}
        </button>
      </div>
      {props.note && <p className="muted small">{props.note}</p>}
      {props.children}
      {saved && (
        <p className="muted small" role="status">
          {saved}
        </p>
      )}
    </section>
  );
}

/**
 * The numbers behind a chart, as a table (readable without the chart, and what the CSV holds). Its
 * frame scrolls sideways where the card is narrower than the table (a phone), reachable by keyboard.
 */
function DataTable({
  table,
  testId,
  fmtCell,
}: {
  table: CsvTable;
  testId: string;
  fmtCell?: (v: string | number, col: number) => string;
}) {
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="data-table compact" data-testid={testId}>
        <thead>
          <tr>
            {table.header.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i}>
              {r.map((v, j) => (
                <td key={j}>{fmtCell ? fmtCell(v, j) : String(v)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A calendar day (YYYY-MM-DD, local) to the ISO time its day starts; `next` for the day after. */
const dayStart = (day: string, next = false) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d! + (next ? 1 : 0)).toISOString();
};

const channelKeys = ['telegram', 'webchat', 'email', 'vk', 'phone', 'manual'] as const;
const pct = (n: number) => Math.round(n * 1000) / 10;

type CustomRange = { from: string; to: string };

/** The period's choice: a range (remembered), or custom dates from and to. */
function RangePicker({
  range,
  setRange,
  custom,
  setCustom,
}: {
  range: Range | 'custom';
  setRange: (r: Range | 'custom') => void;
  custom: CustomRange;
  setCustom: (c: CustomRange) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <select
        value={range}
        onChange={(e) => {
          const next = e.target.value as Range | 'custom';
          rememberRange(next);
          setRange(next);
        }}
        aria-label={t('analytics.range')}
        data-testid="analytics-range"
      >
        {ranges.map((r) => (
          <option key={r} value={r}>
            {t(`analytics.range.${r}`)}
          </option>
        ))}
        <option value="custom">{t('analytics.range.custom')}</option>
      </select>
      {range === 'custom' && (
        <>
          <label>
            {t('analytics.from')}{' '}
            <DateField
              value={custom.from}
              onChange={(from) => setCustom({ ...custom, from })}
              testId="analytics-from"
            />
          </label>
          <label>
            {t('analytics.to')}{' '}
            <DateField
              value={custom.to}
              onChange={(to) => setCustom({ ...custom, to })}
              testId="analytics-to"
            />
          </label>
        </>
      )}
    </>
  );
}

/** While the device's rollup is read or built: how far it has got, or why it failed. */
function RollupProgress({ rollup }: { rollup: ReturnType<typeof useAnalyticsRollup> }) {
  const { t } = useI18n();
  return (
    <section className="panel" role="status" data-testid="analytics-building">
      {rollup.error
        ? t('analytics.rollup.failed', { error: rollup.error })
        : rollup.building
          ? t('analytics.rollup.building', {
              done: rollup.building.done,
              total: rollup.building.total,
            })
          : t('analytics.rollup.reading')}
      {rollup.building && !rollup.error && (
        <progress max={rollup.building.total || 1} value={rollup.building.done} />
      )}
    </section>
  );
}

export function Analytics() {
  const { t } = useI18n();
  // The device's rollup of deals, conversations and messages (data/analytics-rollup.ts), not the
  // docs themselves: reading every message on each open took seconds at a team's scale.
  const rollup = useAnalyticsRollup();
  const pipelines = usePipelines();
  const [pipeline, choosePipeline] = useChosenPipeline(pipelines);
  const [range, setRange] = useState<Range | 'custom'>(storedRange);
  const [custom, setCustom] = useState({ from: '', to: '' });
  const timeZone = useMemo(() => userTimeZone(), []);
  const period: Period = useMemo(
    () =>
      range === 'custom'
        ? {
            ...(custom.from ? { from: dayStart(custom.from) } : {}),
            ...(custom.to ? { to: dayStart(custom.to, true) } : {}),
          }
        : periodOf(range),
    [range, custom],
  );
  // The headline numbers first (one pass over the facts), the charts' figures and the charts a
  // moment after the numbers are painted: building six charts and their tables took longer than
  // computing every number.
  const { summary, ai } = useMemo(
    () => analyticsNumbers(rollup.view ?? emptyFacts, { pipelines, period }),
    [rollup.view, pipelines, period],
  );
  const chartsShown = useAfterPaint(Boolean(rollup.view));
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('analytics.title')}</h1>
        {rollup.view && (
          <span className="muted" data-testid="analytics-counts">
            {t('analytics.leads')}: {summary.created} · {t('analytics.conversations')}: {ai.conversations}
          </span>
        )}
        <div className="actions">
          <RangePicker range={range} setRange={setRange} custom={custom} setCustom={setCustom} />
          <select
            value={pipeline.id}
            onChange={(e) => choosePipeline(e.target.value)}
            aria-label={t('pipeline.label')}
          >
            {pipelines.map((p) => (
              <option key={p.id} value={p.id}>
                {pipelineLabel(t, p)}
              </option>
            ))}
          </select>
        </div>
      </header>
      {!rollup.view ? (
        <RollupProgress rollup={rollup} />
      ) : (
        <>
          <KpiRow
            view={rollup.view}
            pipelines={pipelines}
            period={period}
            currency={pipeline.currencies[0] ?? 'RUB'}
          />
          {rollup.view.leads.length === 0 && rollup.view.conversations.length === 0 ? (
            <NothingYet />
          ) : (
            <div className="dash-grid">
              {chartsShown && (
                <AnalyticsCharts
                  view={rollup.view}
                  pipelines={pipelines}
                  pipeline={pipeline}
                  period={period}
                  timeZone={timeZone}
                />
              )}
              <NegativeShare period={period} />
            </div>
          )}
        </>
      )}
    </div>
  );
}

/**
 * A team with no deal and no conversation yet: what to do next, not charts of zeros over empty days
 * (issue 64 item 9, no figure from an empty set; the KPI row above already reads "—").
 */
function NothingYet() {
  const { t } = useI18n();
  return (
    <div className="empty-state" data-testid="analytics-none">
      <strong>{t('analytics.none.title')}</strong>
      <p>{t('analytics.none.next')}</p>
      <p className="row">
        <a className="button primary" href="#/settings/channels" data-testid="analytics-connect-channel">
          {t('analytics.none.connect')}
        </a>
        <a className="button" href="#/leads" data-testid="analytics-add-deal">
          {t('analytics.none.addDeal')}
        </a>
      </p>
    </div>
  );
}

/** True from the first task after the next paint once `ready` (and from then on). */
function useAfterPaint(ready: boolean): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!ready || shown) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A frame callback runs before the paint; a task queued from it runs after.
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setShown(true), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready, shown]);
  return shown;
}

/** What every chart panel formats and names with: the UI's formats, colours, stage names and file names. */
type ChartKit = {
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
function csvNames(t: ChartKit['t'], groupBy: GroupBy): CsvNames {
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

type Figures = ReturnType<typeof analyticsFigures>;

/** The charts with their tables, definitions and CSV exports, from the rollup's facts. */
function AnalyticsCharts({
  view,
  pipelines,
  pipeline,
  period,
  timeZone,
}: {
  view: FactsView;
  pipelines: PipelineDoc[];
  pipeline: PipelineDoc;
  period: Period;
  timeZone: string;
}) {
  const { t, locale } = useI18n();
  const fmt = useFormat();
  const tag = locale === 'ru' ? 'ru-RU' : 'en-US';
  const percent = useMemo(
    () => new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 }),
    [tag],
  );
  const decimal = useMemo(() => new Intl.NumberFormat(tag, { maximumFractionDigits: 2 }), [tag]);
  const [groupBy, setGroupBy] = useState<GroupBy>('channel');
  const figures = useMemo(
    () => analyticsFigures(view, { pipelines, pipeline, period, groupBy, timeZone, now: Date.now() }),
    [view, pipelines, pipeline, period, groupBy, timeZone],
  );
  const rangeName = `${period.from?.slice(0, 10) ?? 'start'}_${(period.to ?? new Date().toISOString()).slice(0, 10)}`;
  const kit: ChartKit = {
    t,
    fmt,
    tag,
    c: colors(),
    names: csvNames(t, groupBy),
    stageName: (id) => stageLabel(t, pipeline.stages.find((s) => s.id === id) ?? { id }),
    file: (what) => `analytics-${what}-${rangeName}.csv`,
    // Cells of the tables in the UI's formats (the CSV keeps plain numbers).
    // An empty cell is a figure there is nothing to compute from: "—".
    rateCell: (cols) => (v, col) =>
      typeof v === 'number' ? (cols.includes(col) ? percent.format(v) : decimal.format(v)) : v || '—',
  };
  return (
    <>
      <TrendPanel kit={kit} series={figures.series} timeZone={timeZone} />
      <FunnelPanel kit={kit} funnel={figures.funnel} />
      <StepsPanel kit={kit} steps={figures.steps} />
      <BreakdownPanel
        kit={kit}
        groups={figures.groups}
        groupBy={groupBy}
        setGroupBy={setGroupBy}
        pipelines={pipelines}
      />
      <TimeInStagePanel kit={kit} stay={figures.stay} moves={figures.moves} />
      <ResponsePanel kit={kit} times={figures.times} />
    </>
  );
}

/** Deals created and won, and the AI's share of conversations, per bucket of the period. */
function TrendPanel({
  kit,
  series,
  timeZone,
}: {
  kit: ChartKit;
  series: Figures['series'];
  timeZone: string;
}) {
  const { t, fmt, tag, c, names, file, rateCell } = kit;
  const trendTable = trendCsv(names, series.points);
  // The axis's dates short (`Nov 20` / `20 нояб.`), months by name: the table below has them whole.
  const tickDate = new Intl.DateTimeFormat(
    tag,
    series.bucket === 'month' ? { month: 'short', year: 'numeric' } : { month: 'short', day: 'numeric' },
  );
  const trendCell = (v: string | number, col: number) =>
    col === 0 && typeof v === 'string'
      ? fmt.date(`${v}T12:00:00`)
      : rateCell([trendTable.header.length - 1])(v, col);
  return (
    <ChartPanel
      id="analytics-trend"
      wide
      title={t('analytics.trend')}
      info={
        <>
          {t('analytics.trendNote', {
            bucket: t(`analytics.bucket.${series.bucket}`),
            timeZone: fmt.zone(timeZone),
          })}{' '}
          {t('analytics.aiDefinition')}
        </>
      }
      csv={() => trendTable}
      fileName={file('trend')}
    >
      <div className="chart-box tall">
        <Line
          aria-label={t('analytics.trend')}
          role="img"
          data={{
            labels: series.points.map((p) => tickDate.format(new Date(`${p.start}T12:00:00`))),
            datasets: [
              {
                label: t('analytics.chart.created'),
                data: series.points.map((p) => p.created),
                borderColor: c.accent,
                backgroundColor: c.accent,
                yAxisID: 'y',
              },
              {
                label: t('analytics.chart.won'),
                data: series.points.map((p) => p.won),
                borderColor: c.success,
                backgroundColor: c.success,
                yAxisID: 'y',
              },
              {
                label: t('analytics.chart.aiShare'),
                // No conversation started in a bucket: a gap, not 0 %.
                data: series.points.map((p) => (p.conversations ? pct(p.aiShare) : null)),
                borderColor: c.warning,
                backgroundColor: c.warning,
                borderDash: [4, 4],
                yAxisID: 'y1',
              },
            ],
          }}
          options={baseOptions<'line'>(tag, {
            // The legend under the chart, away from the lines; a few level dates, never rotated.
            plugins: {
              legend: {
                position: 'bottom',
                labels: { color: c.text, usePointStyle: true, boxHeight: 8, padding: 16 },
              },
            },
            elements: { point: { radius: series.points.length > 40 ? 0 : 2 } },
            scales: {
              x: {
                ticks: { color: c.muted, autoSkip: true, maxRotation: 0, minRotation: 0, maxTicksLimit: 8 },
                grid: { display: false },
              },
              y: {
                beginAtZero: true,
                ticks: { color: c.muted, precision: 0 },
                grid: { color: c.line },
              },
              y1: {
                position: 'right',
                min: 0,
                max: 100,
                ticks: { color: c.muted },
                grid: { drawOnChartArea: false },
              },
            },
          })}
        />
      </div>
      <details>
        <summary>{t('analytics.showData')}</summary>
        <DataTable table={trendTable} testId="analytics-trend-table" fmtCell={trendCell} />
      </details>
    </ChartPanel>
  );
}

/** How many deals reached each stage (or a later one). */
function FunnelPanel({ kit, funnel: f }: { kit: ChartKit; funnel: Figures['funnel'] }) {
  const { t, tag, c, names, file, stageName } = kit;
  const funnelTable = funnelCsv(names, f, stageName);
  return (
    <ChartPanel
      id="analytics-funnel"
      title={t('analytics.funnelCumulative')}
      info={t('analytics.funnelNote')}
      csv={() => funnelTable}
      fileName={file('funnel')}
    >
      <div className="chart-box">
        <Bar
          aria-label={t('analytics.funnelCumulative')}
          role="img"
          data={{
            labels: f.map((s) => stageName(s.stageId)),
            datasets: [
              {
                label: t('analytics.col.reached'),
                data: f.map((s) => s.reached),
                backgroundColor: c.accent,
              },
            ],
          }}
          options={baseOptions<'bar'>(tag, {
            indexAxis: 'y',
            // Deals count in whole numbers.
            scales: {
              x: { ticks: { color: c.muted, precision: 0 }, grid: { color: c.line }, beginAtZero: true },
              y: { ticks: { color: c.muted }, grid: { display: false } },
            },
          })}
        />
      </div>
    </ChartPanel>
  );
}

/** The conversion from each stage to the next. */
function StepsPanel({ kit, steps }: { kit: ChartKit; steps: Figures['steps'] }) {
  const { t, tag, c, names, file, stageName, rateCell } = kit;
  const stepsTable = stepsCsv(names, steps, stageName);
  return (
    <ChartPanel
      id="analytics-steps"
      title={t('analytics.stageSteps')}
      info={t('analytics.stageStepsNote')}
      csv={() => stepsTable}
      fileName={file('stage-conversion')}
    >
      <div className="chart-box">
        <Bar
          aria-label={t('analytics.stageSteps')}
          role="img"
          data={{
            labels: steps.map((s) => `${stageName(s.fromStageId)} → ${stageName(s.toStageId)}`),
            datasets: [
              {
                label: `${t('analytics.col.rate')}, %`,
                // A step no deal reached: no bar, not a 0 % one.
                data: steps.map((s) => (s.from ? pct(s.rate) : null)),
                backgroundColor: c.success,
              },
            ],
          }}
          options={baseOptions<'bar'>(tag, {
            // Bars across, so each step's two stage names read level.
            indexAxis: 'y',
            scales: {
              x: { ticks: { color: c.muted }, grid: { color: c.line }, min: 0, max: 100 },
              y: { ticks: { color: c.muted }, grid: { display: false } },
            },
          })}
        />
      </div>
      <DataTable table={stepsTable} testId="analytics-steps-table" fmtCell={rateCell([4])} />
    </ChartPanel>
  );
}

/** Deals and conversations by channel, owner, pipeline or another grouping the rep picks. */
function BreakdownPanel(props: {
  kit: ChartKit;
  groups: Figures['groups'];
  groupBy: GroupBy;
  setGroupBy: (g: GroupBy) => void;
  pipelines: PipelineDoc[];
}) {
  const { kit, groups, groupBy, setGroupBy, pipelines } = props;
  const { t, fmt, tag, c, names, file, rateCell } = kit;
  const members = useMembers();
  const groupName = (key: string): string => {
    if (key === '') return t('analytics.none');
    if (groupBy === 'channel') {
      return (channelKeys as readonly string[]).includes(key)
        ? t(`channel.${key as (typeof channelKeys)[number]}`)
        : key;
    }
    if (groupBy === 'owner') return memberName(members.find((m) => m.id === key)) ?? key;
    if (groupBy === 'pipeline') {
      const p = pipelines.find((x) => x.id === key);
      return p ? pipelineLabel(t, p) : key;
    }
    return key;
  };
  const groupsTable = breakdownCsv(names, groups, groupName);
  // The breakdown's first response: seconds in the CSV, one unit (its largest cell's) on screen.
  const firstCol = groupsTable.header.length - 1;
  const firstUnit = fmt.durationUnit(Math.max(0, ...groups.map((g) => g.firstResponseMs.median)));
  const groupsShown = {
    ...groupsTable,
    header: [...groupsTable.header.slice(0, firstCol), t('analytics.col.firstResponseShown')],
  };
  const groupRateCols = [4, 5, groupsTable.header.length - 2];
  return (
    <ChartPanel
      id="analytics-breakdown"
      wide
      title={t('analytics.breakdown')}
      info={t('analytics.breakdownNote')}
      csv={() => groupsTable}
      fileName={file(`by-${groupBy}`)}
    >
      <label className="inline">
        {t('analytics.groupBy')}{' '}
        <select
          value={groupBy}
          onChange={(e) => setGroupBy(e.target.value as GroupBy)}
          data-testid="analytics-group-by"
        >
          {groupByKeys.map((g) => (
            <option key={g} value={g}>
              {t(`analytics.groupBy.${g}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="chart-box">
        <Bar
          aria-label={t('analytics.breakdown')}
          role="img"
          data={{
            labels: groups.map((g) => groupName(g.key)),
            datasets: [
              {
                label: t('analytics.chart.created'),
                data: groups.map((g) => g.leads.created),
                backgroundColor: c.accent,
              },
              {
                label: t('analytics.chart.won'),
                data: groups.map((g) => g.leads.won),
                backgroundColor: c.success,
              },
            ],
          }}
          options={baseOptions<'bar'>(tag, {
            scales: {
              x: { ticks: { color: c.muted }, grid: { display: false } },
              y: { ticks: { color: c.muted, precision: 0 }, grid: { color: c.line }, beginAtZero: true },
            },
          })}
        />
      </div>
      <DataTable
        table={groupsShown}
        testId="analytics-breakdown-table"
        fmtCell={(v, col) =>
          col !== firstCol
            ? rateCell(groupRateCols)(v, col)
            : typeof v === 'number'
              ? fmt.durationIn(v * 1000, firstUnit)
              : '—'
        }
      />
    </ChartPanel>
  );
}

/** How long deals stay in each stage: median and average days. */
function TimeInStagePanel({
  kit,
  stay,
  moves,
}: {
  kit: ChartKit;
  stay: Figures['stay'];
  moves: Figures['moves'];
}) {
  const { t, tag, c, names, file, stageName, rateCell } = kit;
  const stayTable = timeInStageCsv(names, stay, stageName);
  return (
    <ChartPanel
      id="analytics-time-in-stage"
      title={t('analytics.timeInStage')}
      info={t(moves ? 'analytics.timeInStageHistoryNote' : 'analytics.timeInStageNote')}
      csv={() => stayTable}
      fileName={file('time-in-stage')}
    >
      <div className="chart-box">
        <Bar
          aria-label={t('analytics.timeInStage')}
          role="img"
          data={{
            labels: stay.map((s) => stageName(s.stageId)),
            datasets: [
              {
                label: t('analytics.col.median'),
                data: stay.map((s) => s.medianDays),
                backgroundColor: c.accent,
              },
              {
                label: t('analytics.col.average'),
                data: stay.map((s) => s.averageDays),
                backgroundColor: c.muted,
              },
            ],
          }}
          options={baseOptions<'bar'>(tag)}
        />
      </div>
      <DataTable table={stayTable} testId="analytics-time-in-stage-table" fmtCell={rateCell([])} />
    </ChartPanel>
  );
}

/** The first response's time to customers: a histogram, its median and 90th percentile. */
function ResponsePanel({ kit, times }: { kit: ChartKit; times: Figures['times'] }) {
  const { t, fmt, tag, c, names, file } = kit;
  // The buckets in minutes all (the largest's unit would make '15–1 h'); the median and the 90th
  // percentile in the unit of the larger, so one is never in seconds and the other in minutes.
  const minutes = (ms: number) => fmt.durationIn(ms, 'min');
  const responseLabels = [
    `< ${minutes(60_000)}`,
    `${fmt.number(1)}–${minutes(300_000)}`,
    `${fmt.number(5)}–${minutes(900_000)}`,
    `${fmt.number(15)}–${minutes(3_600_000)}`,
    `> ${minutes(3_600_000)}`,
  ];
  const responseUnit = fmt.durationUnit(percentile(times, 90));
  const histogram = responseHistogram(times);
  return (
    <ChartPanel
      id="analytics-response"
      title={t('analytics.response')}
      info={t('analytics.def.response')}
      note={
        // The median of no replies is no figure (issue 64 item 9: it said "median 0 ms").
        times.length === 0 ? (
          <span data-testid="analytics-response-none">{t('analytics.response.none')}</span>
        ) : (
          <>
            {t('analytics.median', { value: fmt.durationIn(percentile(times, 50), responseUnit) })} ·{' '}
            {t('analytics.p90', { value: fmt.durationIn(percentile(times, 90), responseUnit) })}
          </>
        )
      }
      csv={() => ({
        header: [names.bucket, names.conversations],
        rows: responseLabels.map((l, i) => [l, histogram[i]!]),
      })}
      fileName={file('first-response')}
    >
      <div className="chart-box">
        <Bar
          aria-label={t('analytics.response')}
          role="img"
          data={{
            labels: responseLabels,
            datasets: [
              { label: t('analytics.col.conversations'), data: histogram, backgroundColor: c.accent },
            ],
          }}
          options={baseOptions<'bar'>(tag, {
            plugins: { legend: { display: false } },
            scales: {
              x: { ticks: { color: c.muted }, grid: { display: false } },
              y: { ticks: { color: c.muted, precision: 0 }, grid: { color: c.line }, beginAtZero: true },
            },
          })}
        />
      </div>
    </ChartPanel>
  );
}
