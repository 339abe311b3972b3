// The Analytics screen's AI resolution over time (issue 64 item 8): the share of conversations the AI
// resolved without a human, per week (per month over a year), as bars on a 0-100 % axis of their own.
// A week with no conversation started has no bar (ai-buckets.ts): never 0 or 100 % from nothing. Its
// tooltip and table give the share with its part and whole ("75 % · 3 of 4").
import { aiBuckets, type AiBucket } from './ai-buckets';
import { baseOptions, bucketLabel, pct, type ChartKit, type Figures } from './chart-kit';
import { BarChart, ChartPanel, DataTable } from './ChartPanel';

export function AiResolutionPanel({
  kit,
  series,
  timeZone,
}: {
  kit: ChartKit;
  series: Figures['series'];
  timeZone: string;
}) {
  const { t, fmt, tag, names, file } = kit;
  const { bucket, points } = aiBuckets(series);
  const tickDate = bucketLabel(tag, bucket);
  const table = {
    header: [names.start, names.conversations, names.resolvedByAi, names.aiShare],
    rows: points.map((p) => [p.start, p.conversations, p.resolvedByAi, p.share ?? '']),
  };
  const cell = (v: string | number, col: number) =>
    col === 0
      ? fmt.date(`${v}T12:00:00`)
      : typeof v !== 'number'
        ? '—'
        : col === 3
          ? fmt.percent(v)
          : fmt.number(v);
  const title = t(`analytics.aiBy.${bucket}`);
  // No conversation in the whole period: a sentence, not an empty 0-100 % chart.
  const none = points.every((p) => p.conversations === 0);
  return (
    <ChartPanel
      id="analytics-ai-trend"
      title={title}
      info={t('analytics.aiByNote', {
        bucket: t(`analytics.bucket.${bucket}`),
        timeZone: fmt.zone(timeZone),
        definition: t('analytics.aiDefinition'),
      })}
      csv={() => table}
      fileName={file(`ai-resolution-by-${bucket}`)}
      note={none && <span data-testid="analytics-ai-trend-none">{t('analytics.aiBy.none')}</span>}
    >
      {!none && (
        <>
          <AiBars kit={kit} points={points} tickDate={tickDate} title={title} />
          <details>
            <summary>{t('analytics.showData')}</summary>
            <DataTable table={table} testId="analytics-ai-trend-table" fmtCell={cell} />
          </details>
        </>
      )}
    </ChartPanel>
  );
}

/** The weeks' shares as bars on a 0-100 % axis; a week with no conversation has none. */
function AiBars({
  kit,
  points,
  tickDate,
  title,
}: {
  kit: ChartKit;
  points: AiBucket[];
  tickDate: (start: string) => string;
  title: string;
}) {
  const { t, fmt, tag, c } = kit;
  return (
    <BarChart
      label={title}
      data={{
        labels: points.map((p) => tickDate(p.start)),
        datasets: [
          {
            label: t('analytics.chart.aiShare'),
            data: points.map((p) => (p.share === null ? null : pct(p.share))),
            backgroundColor: c.warning,
          },
        ],
      }}
      options={baseOptions<'bar'>(tag, {
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => {
                const p = points[item.dataIndex]!;
                return t('analytics.aiBy.point', {
                  share: fmt.percent(p.share ?? 0),
                  part: p.resolvedByAi,
                  whole: p.conversations,
                });
              },
            },
          },
        },
        scales: {
          x: { ticks: { color: c.muted, maxRotation: 0, autoSkip: true }, grid: { display: false } },
          y: {
            min: 0,
            max: 100,
            ticks: { color: c.muted, stepSize: 25, callback: (v) => fmt.percent(Number(v) / 100) },
            grid: { color: c.line },
          },
        },
      })}
    />
  );
}
