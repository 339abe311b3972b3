// Analytics over a date range as a dashboard (issue 64 item 8): one bar of filters (period, pipeline),
// a row of large numbers with their change against the period before (screens/analytics/KpiRow.tsx),
// then the charts in a grid (screens/analytics/AnalyticsCharts.tsx), each definition behind an info
// icon. Computed on the device (offline too) from its analytics rollup, kept current from the local
// database's changes, by the same definitions the server's analytics API uses (lib/analytics-facts.ts,
// held equal to them by its test); every chart exports its numbers as CSV.
import { NegativeShare } from './NegativeShare';
import { useEffect, useMemo, useState } from 'react';
import { useAnalyticsRollup } from '../data/analytics-rollup';
import { useChosenPipeline, usePipelines, pipelineLabel } from '../data/pipelines';
import { useI18n } from '../i18n/i18n';
import { analyticsNumbers, emptyFacts } from '../lib/analytics-facts';
import { periodOf, userTimeZone, type Period, type Range } from '../lib/analytics';
import { storedRange } from '../lib/analytics-range';
import { KpiRow } from './analytics/KpiRow';
import { AnalyticsCharts } from './analytics/AnalyticsCharts';
import { RangePicker, dayStart } from './analytics/RangePicker';

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
