// The Analytics screen's trend over time (issue 64 item 8): deals created and won per bucket of the
// period, on one axis of whole numbers. The AI's share is a chart of its own by week
// (AiResolutionPanel.tsx): a percentage beside counts needed a second axis (0-7 against 0-100), and a
// day's share of one or two conversations jumped between 0 and 100 %. The table and the CSV keep every
// column per bucket.
import { Line } from 'react-chartjs-2';
import { trendCsv } from '../../lib/analytics';
import { baseOptions, bucketLabel, type ChartKit, type Figures } from './chart-kit';
import { ChartPanel, DataTable } from './ChartPanel';

/** Deals created and won per bucket of the period; the table has the AI's share too. */
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
  const tickDate = bucketLabel(tag, series.bucket);
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
            labels: series.points.map((p) => tickDate(p.start)),
            datasets: [
              {
                label: t('analytics.chart.created'),
                data: series.points.map((p) => p.created),
                borderColor: c.accent,
                backgroundColor: c.accent,
              },
              {
                label: t('analytics.chart.won'),
                data: series.points.map((p) => p.won),
                borderColor: c.success,
                backgroundColor: c.success,
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
