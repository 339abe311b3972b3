// The Analytics screen's charts (issue 63: split out of Analytics.tsx): the figures of one choice of
// range, pipeline and grouping computed once (lib/analytics-facts.ts), and the kit every panel draws
// and names with; each panel is its own file in this folder.
import { useMemo, useState } from 'react';
import {
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { PipelineDoc } from '@app/shared/schemas';
import { stageLabel } from '../../data/pipelines';
import { useFormat, useI18n } from '../../i18n/i18n';
import { analyticsFigures, type FactsView } from '../../lib/analytics-facts';
import type { GroupBy, Period } from '../../lib/analytics';
import { colors, csvNames, type ChartKit } from './chart-kit';
import { TrendPanel } from './TrendPanel';
import { AiResolutionPanel } from './AiResolutionPanel';
import { FunnelPanel, StepsPanel, TimeInStagePanel } from './StagePanels';
import { BreakdownPanel } from './BreakdownPanel';
import { ResponsePanel } from './ResponsePanel';

ChartJS.register(CategoryScale, LinearScale, BarElement, LineElement, PointElement, Tooltip, Legend);

/** The charts with their tables, definitions and CSV exports, from the rollup's facts. */
export function AnalyticsCharts({
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
      <AiResolutionPanel kit={kit} series={figures.series} timeZone={timeZone} />
      <ResponsePanel kit={kit} times={figures.times} />
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
    </>
  );
}
