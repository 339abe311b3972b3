// The Analytics screen's first response times (issue 63: split out of Analytics.tsx): a histogram of
// the first replies to customers, its median and 90th percentile.
import { percentile, responseHistogram } from '../../lib/analytics';
import { baseOptions, type ChartKit, type Figures } from './chart-kit';
import { BarChart, ChartPanel } from './ChartPanel';

/** The first response's time to customers: a histogram, its median and 90th percentile. */
export function ResponsePanel({ kit, times }: { kit: ChartKit; times: Figures['times'] }) {
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
      <BarChart
        label={t('analytics.response')}
        data={{
          labels: responseLabels,
          datasets: [{ label: t('analytics.col.conversations'), data: histogram, backgroundColor: c.accent }],
        }}
        options={baseOptions<'bar'>(tag, {
          plugins: { legend: { display: false } },
          scales: {
            x: { ticks: { color: c.muted }, grid: { display: false } },
            y: { ticks: { color: c.muted, precision: 0 }, grid: { color: c.line }, beginAtZero: true },
          },
        })}
      />
    </ChartPanel>
  );
}
