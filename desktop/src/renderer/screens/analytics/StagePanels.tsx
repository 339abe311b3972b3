// The Analytics screen's charts of a pipeline's stages (issue 63: split out of Analytics.tsx): the
// cumulative funnel, the conversion from each stage to the next, and the time deals stay in each; their
// tables behind "Show the numbers", so the dashboard reads as charts.
import { funnelCsv, stepsCsv, timeInStageCsv } from '../../lib/analytics';
import { baseOptions, pct, type ChartKit, type Figures } from './chart-kit';
import { BarChart, ChartPanel, DataTable } from './ChartPanel';

/** How many deals reached each stage (or a later one). */
export function FunnelPanel({ kit, funnel: f }: { kit: ChartKit; funnel: Figures['funnel'] }) {
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
      <BarChart
        label={t('analytics.funnelCumulative')}
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
    </ChartPanel>
  );
}

/** The conversion from each stage to the next. */
export function StepsPanel({ kit, steps }: { kit: ChartKit; steps: Figures['steps'] }) {
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
      <BarChart
        label={t('analytics.stageSteps')}
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
      <details>
        <summary>{t('analytics.showData')}</summary>
        <DataTable table={stepsTable} testId="analytics-steps-table" fmtCell={rateCell([4])} />
      </details>
    </ChartPanel>
  );
}
/** How long deals stay in each stage: median and average days. */
export function TimeInStagePanel({
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
      <BarChart
        label={t('analytics.timeInStage')}
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
      <details>
        <summary>{t('analytics.showData')}</summary>
        <DataTable table={stayTable} testId="analytics-time-in-stage-table" fmtCell={rateCell([])} />
      </details>
    </ChartPanel>
  );
}
