// The Agents screen's A/B tests of the selected profile's instructions (issue 38): an admin starts
// one with two variants (instructions, an optional greeting, weights), sees per variant the
// conversations, hand-off rate, median first reply and conversion with its 95% interval (a chart of
// the intervals, computed from local data by the shared report), stops it and promotes a winner
// (its instructions become the profile's). Everyone else reads.
import { useMemo, useState } from 'react';
import { BarElement, CategoryScale, Chart as ChartJS, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { experimentReport, type VariantReport } from '@app/shared/crm';
import {
  promoteVariant,
  startExperiment,
  stopExperiment,
  type AgentSettingsDoc,
  type ExperimentDoc,
} from '@app/shared/schemas';
import { useLiveQuery, useWorkspace } from '../../data/hooks';
import { mayDo } from '../../data/role';
import { updateDoc } from '../../data/workspace';
import { useFormat, useI18n } from '../../i18n/i18n';

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip);

type Draft = { name: string; instructions: string; greeting: string; weight: number };
const emptyVariant = (name: string): Draft => ({ name, instructions: '', greeting: '', weight: 50 });

function Report({ experiment }: { experiment: ExperimentDoc }) {
  const { t, locale } = useI18n();
  const fmt = useFormat();
  const conversations = useLiveQuery(
    'conversations',
    { selector: { 'experiment.experimentId': experiment.id } as never },
    [experiment.id],
  ).docs;
  const ids = conversations.map((c) => c.id);
  const key = ids.join('|');
  const messages = useLiveQuery('messages', { selector: { conversationId: { $in: ids } } }, [key]).docs;
  const leads = useLiveQuery('leads', { selector: { conversationId: { $in: ids } } }, [key]).docs;
  const activity = useLiveQuery('activity', { selector: { kind: 'handoff' } }).docs;
  const pipelines = useLiveQuery('pipelines', {}).docs;
  const report = useMemo(
    () => experimentReport(experiment, { conversations, messages, leads, pipelines, activity }),
    [experiment, conversations, messages, leads, pipelines, activity],
  );
  const pct = (n: number) =>
    new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(n);
  const interval = (v: VariantReport) =>
    t('experiments.interval', { low: pct(v.conversionInterval.low), high: pct(v.conversionInterval.high) });
  return (
    <>
      {/* Sideways inside its frame where the card is narrower than the table (a phone). */}
      <div className="table-scroll" tabIndex={0}>
        <table className="table small" data-testid="experiment-report">
          <thead>
            <tr>
              <th>{t('experiments.col.variant')}</th>
              <th>{t('experiments.col.conversations')}</th>
              <th>{t('experiments.col.handoff')}</th>
              <th>{t('experiments.col.firstReply')}</th>
              <th>{t('experiments.col.won')}</th>
              <th>{t('experiments.col.conversion')}</th>
              <th>{t('experiments.col.difference')}</th>
            </tr>
          </thead>
          <tbody>
            {report.variants.map((v) => (
              <tr key={v.variantId} data-testid={`experiment-variant-${v.variantId}`}>
                <td>{v.name}</td>
                <td>{fmt.number(v.conversations)}</td>
                <td>{pct(v.handoffRate)}</td>
                <td>{v.medianFirstReplyMs === null ? '—' : fmt.duration(v.medianFirstReplyMs)}</td>
                <td>{fmt.number(v.won)}</td>
                <td>
                  {pct(v.conversion)} <span className="muted">{interval(v)}</span>
                </td>
                <td>
                  {v.difference
                    ? t('experiments.differenceValue', {
                        value: pct(v.difference.difference),
                        low: pct(v.difference.low),
                        high: pct(v.difference.high),
                      })
                    : t('experiments.control')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="chart-box" style={{ height: 160 }}>
        <Bar
          aria-label={t('experiments.chart')}
          role="img"
          data={{
            labels: report.variants.map((v) => v.name),
            datasets: [
              {
                label: t('experiments.chart'),
                // A floating bar per variant: its conversion's 95% interval.
                data: report.variants.map(
                  (v) =>
                    [v.conversionInterval.low * 100, v.conversionInterval.high * 100] as [number, number],
                ),
                backgroundColor: 'rgba(37, 99, 235, 0.35)',
              },
            ],
          }}
          options={{
            indexAxis: 'y',
            animation: false,
            maintainAspectRatio: false,
            locale,
            scales: { x: { min: 0, max: 100, title: { display: true, text: t('experiments.chartAxis') } } },
          }}
        />
      </div>
    </>
  );
}

function NewExperiment({ profile }: { profile: AgentSettingsDoc }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const [name, setName] = useState('');
  const [variants, setVariants] = useState<Draft[]>([emptyVariant('A'), emptyVariant('B')]);
  const ready = name.trim() && variants.every((v) => v.name.trim() && v.instructions.trim() && v.weight > 0);
  const set = (i: number, patch: Partial<Draft>) =>
    setVariants(variants.map((v, k) => (k === i ? { ...v, ...patch } : v)));
  const start = async () => {
    const experiment: ExperimentDoc = {
      id: `exp-${Date.now().toString(36)}`,
      name: name.trim(),
      status: 'running',
      variants: variants.map((v, i) => ({
        id: String.fromCharCode(97 + i),
        name: v.name.trim(),
        weight: v.weight,
        instructions: v.instructions,
        ...(v.greeting.trim() ? { greeting: v.greeting.trim() } : {}),
      })),
      startedAt: new Date().toISOString(),
    };
    await updateDoc(ws, 'agent_settings', profile.id, startExperiment(profile, experiment));
    setName('');
  };
  return (
    <div className="form" data-testid="experiment-new">
      <label>
        {t('experiments.name')}
        <input name="experiment-name" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      {variants.map((v, i) => (
        <fieldset key={i} data-testid={`experiment-new-variant-${i}`}>
          <legend>{t('experiments.variant', { n: i + 1 })}</legend>
          <label>
            {t('experiments.variantName')}
            <input
              name={`variant-name-${i}`}
              value={v.name}
              onChange={(e) => set(i, { name: e.target.value })}
            />
          </label>
          <label>
            {t('agents.instructions')}
            <textarea
              name={`variant-instructions-${i}`}
              value={v.instructions}
              onChange={(e) => set(i, { instructions: e.target.value })}
            />
          </label>
          <label>
            {t('experiments.greeting')}
            <input
              name={`variant-greeting-${i}`}
              value={v.greeting}
              onChange={(e) => set(i, { greeting: e.target.value })}
            />
          </label>
          <label>
            {t('experiments.weight')}
            <input
              type="number"
              min={1}
              max={1000}
              name={`variant-weight-${i}`}
              value={v.weight}
              onChange={(e) => set(i, { weight: Number(e.target.value) })}
            />
          </label>
        </fieldset>
      ))}
      <button className="primary" disabled={!ready} onClick={start} data-testid="experiment-start">
        {t('experiments.start')}
      </button>
    </div>
  );
}

export function Experiments({ profile }: { profile: AgentSettingsDoc }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'agent_settings', 'update');
  const list = [...(profile.experiments ?? [])].reverse();
  const running = list.find((e) => e.status === 'running');
  const now = () => new Date().toISOString();
  return (
    <section className="panel form agent-section" data-testid="experiments">
      <h2>{t('experiments.title')}</h2>
      <p className="muted small">{t('experiments.hint')}</p>
      {list.length === 0 && <p className="muted">{t('experiments.none')}</p>}
      {list.map((e) => (
        <article key={e.id} data-testid={`experiment-${e.id}`} data-status={e.status}>
          <h3>
            {e.name} <span className="muted small">{t(`experiments.status.${e.status}`)}</span>
          </h3>
          <p className="muted small">
            {t('experiments.since', { date: fmt.date(e.startedAt) })}
            {e.stoppedAt ? ` — ${fmt.date(e.stoppedAt)}` : ''}
            {e.winnerVariantId
              ? ` · ${t('experiments.winner', { name: e.variants.find((v) => v.id === e.winnerVariantId)?.name ?? '' })}`
              : ''}
          </p>
          <Report experiment={e} />
          {admin && e.status !== 'promoted' && (
            <div className="row">
              {e.status === 'running' && (
                <button
                  data-testid="experiment-stop"
                  onClick={() =>
                    updateDoc(ws, 'agent_settings', profile.id, stopExperiment(profile, e.id, now()))
                  }
                >
                  {t('experiments.stop')}
                </button>
              )}
              {e.variants.map((v) => (
                <button
                  key={v.id}
                  data-testid={`experiment-promote-${v.id}`}
                  onClick={() =>
                    updateDoc(ws, 'agent_settings', profile.id, promoteVariant(profile, e.id, v.id, now()))
                  }
                >
                  {t('experiments.promote', { name: v.name })}
                </button>
              ))}
            </div>
          )}
        </article>
      ))}
      {admin && !running && <NewExperiment profile={profile} />}
    </section>
  );
}
