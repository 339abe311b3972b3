// Analytics over a date range, with each definition written beside its chart (shared/src/crm/
// analytics.ts): the cumulative funnel of a pipeline, conversion to won (won / leads created) and
// the win rate (won / closed) apart, revenue won, first response times, and the share of
// conversations resolved by AI without any human.
import { useMemo, useState } from 'react';
import { useLiveQuery } from '../data/hooks';
import { useChosenPipeline, usePipelines, stageLabel, pipelineLabel } from '../data/pipelines';
import { useFormat, useI18n } from '../i18n/i18n';
import type { Formatter } from '../lib/format';
import {
  aiResolution,
  firstResponseTimes,
  funnel,
  leadSummary,
  percentile,
  periodOf,
  ranges,
  type Period,
  type Range,
} from '../lib/analytics';
import { moneyText } from './LeadsBoard';

function Bars({ data }: { data: { label: string; value: number }[] }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const h = 28;
  return (
    <svg className="chart" viewBox={`0 0 420 ${data.length * h}`} role="img">
      {data.map((d, i) => (
        <g key={d.label} transform={`translate(0 ${i * h})`}>
          <text x="0" y="18" className="chart-label">
            {d.label}
          </text>
          <rect x="120" y="5" height="18" rx="3" width={Math.max(2, (d.value / max) * 260)} className="bar" />
          <text x={128 + (d.value / max) * 260} y="18" className="chart-value">
            {d.value}
          </text>
        </g>
      ))}
    </svg>
  );
}

function Ring({ share, label, testId }: { share: number; label: string; testId?: string }) {
  const r = 44;
  const c = 2 * Math.PI * r;
  return (
    <svg className="ring" viewBox="0 0 120 120" role="img" aria-label={label} data-testid={testId}>
      <circle cx="60" cy="60" r={r} className="ring-bg" />
      <circle
        cx="60"
        cy="60"
        r={r}
        className="ring-fg"
        strokeDasharray={`${share * c} ${c}`}
        transform="rotate(-90 60 60)"
      />
      <text x="60" y="66" textAnchor="middle" className="ring-text">
        {Math.round(share * 100)}%
      </text>
    </svg>
  );
}

function Histogram({ values, fmt }: { values: number[]; fmt: Formatter }) {
  const buckets = [60_000, 300_000, 900_000, 3_600_000, Infinity];
  const labels = [
    `<${fmt.duration(60_000)}`,
    `1–${fmt.duration(300_000)}`,
    `5–${fmt.duration(900_000)}`,
    `15–${fmt.duration(3_600_000)}`,
    `>${fmt.duration(3_600_000)}`,
  ];
  const counts = buckets.map(
    (b, i) => values.filter((v) => v < b && (i === 0 || v >= buckets[i - 1]!)).length,
  );
  const max = Math.max(1, ...counts);
  return (
    <svg className="chart histogram" viewBox="0 -14 300 150" role="img">
      {counts.map((n, i) => (
        <g key={labels[i]} transform={`translate(${i * 60} 0)`}>
          <rect x="10" y={110 - (n / max) * 100} width="40" height={(n / max) * 100} rx="3" className="bar" />
          <text x="30" y="128" textAnchor="middle" className="chart-label">
            {labels[i]}
          </text>
          <text x="30" y={104 - (n / max) * 100} textAnchor="middle" className="chart-value">
            {n}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** A calendar day (YYYY-MM-DD, local) to the ISO time its day starts; `next` for the day after. */
const dayStart = (day: string, next = false) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d! + (next ? 1 : 0)).toISOString();
};

export function Analytics() {
  const { t } = useI18n();
  const fmt = useFormat();
  const { docs: leads } = useLiveQuery('leads', {});
  const { docs: conversations } = useLiveQuery('conversations', {});
  const { docs: messages } = useLiveQuery('messages', {});
  const { docs: activity } = useLiveQuery('activity', { selector: { kind: 'handoff' } });
  const pipelines = usePipelines();
  const [pipeline, choosePipeline] = useChosenPipeline(pipelines);
  const [range, setRange] = useState<Range | 'custom'>('30d');
  const [custom, setCustom] = useState({ from: '', to: '' });
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
  const summary = useMemo(() => leadSummary(leads, pipelines, period), [leads, pipelines, period]);
  const f = useMemo(() => funnel(leads, pipeline, period), [leads, pipeline, period]);
  const ai = useMemo(
    () => aiResolution(conversations, messages, activity, period),
    [conversations, messages, activity, period],
  );
  const times = useMemo(() => firstResponseTimes(messages, period), [messages, period]);
  const stageName = (id: string) => stageLabel(t, pipeline.stages.find((s) => s.id === id) ?? { id });
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('analytics.title')}</h1>
        <span className="muted" data-testid="analytics-counts">
          {t('analytics.leads')}: {summary.created} · {t('analytics.conversations')}: {ai.conversations}
        </span>
        <div className="actions">
          <select
            value={range}
            onChange={(e) => setRange(e.target.value as Range | 'custom')}
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
                <input
                  type="date"
                  value={custom.from}
                  onChange={(e) => setCustom({ ...custom, from: e.target.value })}
                  data-testid="analytics-from"
                />
              </label>
              <label>
                {t('analytics.to')}{' '}
                <input
                  type="date"
                  value={custom.to}
                  onChange={(e) => setCustom({ ...custom, to: e.target.value })}
                  data-testid="analytics-to"
                />
              </label>
            </>
          )}
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
      <div className="cards-grid">
        <section className="panel wide" data-testid="analytics-funnel">
          <h3>{t('analytics.funnelCumulative')}</h3>
          <p className="muted small">{t('analytics.funnelNote')}</p>
          <Bars data={f.map((s) => ({ label: stageName(s.stageId), value: s.reached }))} />
        </section>
        <section className="panel" data-testid="analytics-conversion">
          <h3>{t('analytics.conversion')}</h3>
          <Ring share={summary.conversionToWon} label={t('analytics.conversion')} testId="conversion-ring" />
          <p className="muted small">
            {t('analytics.conversionNote', { won: summary.won, created: summary.created })}
          </p>
        </section>
        <section className="panel" data-testid="analytics-win-rate">
          <h3>{t('analytics.winRate')}</h3>
          <Ring share={summary.winRate} label={t('analytics.winRate')} testId="win-rate-ring" />
          <p className="muted small">
            {t('analytics.winRateNote', { won: summary.won, closed: summary.won + summary.lost })}
          </p>
        </section>
        <section className="panel" data-testid="analytics-revenue">
          <h3>{t('analytics.revenueWon')}</h3>
          <p>
            <strong>{moneyText(fmt, summary.revenueWon, t('pipeline.noAmounts'))}</strong>
          </p>
        </section>
        <section className="panel" data-testid="analytics-ai">
          <h3>{t('analytics.resolvedByAi')}</h3>
          <Ring share={ai.share} label={t('analytics.resolvedByAi')} testId="ai-ring" />
          <p className="muted small">
            {t('analytics.aiNote', {
              resolved: ai.resolved,
              total: ai.conversations,
              handedOff: ai.handedOff,
              repTookOver: ai.repTookOver,
            })}
          </p>
        </section>
        <section className="panel wide">
          <h3>{t('analytics.response')}</h3>
          <div className="muted">
            {t('analytics.median', { value: fmt.duration(percentile(times, 50)) })} ·{' '}
            {t('analytics.p90', { value: fmt.duration(percentile(times, 90)) })}
          </div>
          <Histogram values={times} fmt={fmt} />
        </section>
      </div>
    </div>
  );
}
