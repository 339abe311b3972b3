// The Analytics screen's trend over time (issue 64 item 8): deals created and won per bucket of the
// period.
import { Line } from 'react-chartjs-2';
import { trendCsv } from '../../lib/analytics';
import { baseOptions, pct, type ChartKit, type Figures } from './chart-kit';
import { ChartPanel, DataTable } from './ChartPanel';

/** Deals created and won, and the AI's share of conversations, per bucket of the period. */
export function TrendPanel({
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
