// Funnel by stage, conversion, first response times and the share resolved by AI, as SVG charts.
import { useMemo } from 'react';
import { useLiveQuery } from '../data/hooks';
import { useFormat, useI18n } from '../i18n/i18n';
import type { Formatter } from '../lib/format';
import { conversion, firstResponseTimes, funnel, percentile, resolvedByAi } from '../lib/analytics';

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

function Ring({ share, label }: { share: number; label: string }) {
  const r = 44;
  const c = 2 * Math.PI * r;
  return (
    <svg className="ring" viewBox="0 0 120 120" role="img" aria-label={label}>
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

export function Analytics() {
  const { t } = useI18n();
  const fmt = useFormat();
  const { docs: leads } = useLiveQuery('leads', {});
  const { docs: conversations } = useLiveQuery('conversations', {});
  const { docs: messages } = useLiveQuery('messages', {});
  const f = useMemo(() => funnel(leads), [leads]);
  const times = useMemo(() => firstResponseTimes(messages), [messages]);
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('analytics.title')}</h1>
        <span className="muted">
          {t('analytics.leads')}: {leads.length} · {t('analytics.conversations')}: {conversations.length}
        </span>
      </header>
      <div className="cards-grid">
        <section className="panel wide">
          <h3>{t('analytics.funnel')}</h3>
          <Bars data={f.map((s) => ({ label: t(`stage.${s.stage}`), value: s.reached }))} />
        </section>
        <section className="panel">
          <h3>{t('analytics.conversion')}</h3>
          <Ring share={conversion(leads)} label={t('analytics.conversion')} />
        </section>
        <section className="panel">
          <h3>{t('analytics.resolvedByAi')}</h3>
          <Ring share={resolvedByAi(conversations)} label={t('analytics.resolvedByAi')} />
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
