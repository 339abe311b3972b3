// The Analytics dashboard's row of large numbers (issue 64 item 8), as HubSpot's and Kommo's reports
// open: new conversations, the share resolved by AI, the median first reply, revenue won, then leads,
// conversion, win rate and accepted up-sells. Each tile has its figure, its change against the period
// of the same length just before (an arrow icon, a colour and the change in words, "—" when there is
// nothing to compare with) and its definition behind an info icon (lib/analytics-kpis.ts computes).
import { ArrowDown, ArrowUp, Minus } from 'lucide-react';
import { useMemo } from 'react';
import type { PipelineDoc } from '@app/shared/schemas';
import { InfoTip } from '../../components/ui/InfoTip';
import './dashboard.css';
import { useFormat, useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';
import type { FactsView } from '../../lib/analytics-facts';
import type { Period } from '../../lib/analytics';
import {
  headlineKpis,
  periodFigures,
  previousPeriod,
  type Change,
  type Kpi,
  type KpiKey,
  type PeriodFigures,
} from '../../lib/analytics-kpis';

const DAY_MS = 86_400_000;

/** The tiles' figure blocks keep the test ids the screen's cards had (the screens walk reads them). */
const figureTestIds: Partial<Record<KpiKey, string>> = {
  aiShare: 'analytics-ai',
  revenue: 'analytics-revenue',
  conversion: 'analytics-conversion',
  winRate: 'analytics-win-rate',
  suggestions: 'analytics-suggestions',
};

const definitions: Record<KpiKey, MessageKey> = {
  conversations: 'analytics.def.conversations',
  aiShare: 'analytics.aiDefinition',
  firstReply: 'analytics.def.firstReply',
  revenue: 'analytics.def.revenue',
  leads: 'analytics.def.leads',
  conversion: 'analytics.def.conversion',
  winRate: 'analytics.def.winRate',
  suggestions: 'analytics.def.suggestions',
};

export function KpiRow({
  view,
  pipelines,
  period,
  currency,
}: {
  view: FactsView;
  pipelines: readonly PipelineDoc[];
  period: Period;
  /** The pipeline's main currency: revenue in it, the others listed apart. */
  currency: string;
}) {
  const { t } = useI18n();
  const { now, before, kpis, days } = useMemo(() => {
    const at = Date.now();
    const previous = previousPeriod(period, at);
    const current = periodFigures(view, { pipelines, period, currency });
    const earlier = previous && periodFigures(view, { pipelines, period: previous, currency });
    return {
      now: current,
      before: previous,
      kpis: headlineKpis(current, earlier),
      days: previous ? Math.round((Date.parse(previous.to!) - Date.parse(previous.from!)) / DAY_MS) : 0,
    };
  }, [view, pipelines, period, currency]);
  return (
    <section className="kpi-row" aria-label={t('analytics.kpis')} data-testid="analytics-kpis">
      {kpis.map((k) => (
        <KpiTile
          key={k.key}
          kpi={k}
          figures={now}
          currency={currency}
          vs={before ? t('analytics.change.vs', { days: Math.max(1, days) }) : undefined}
        />
      ))}
    </section>
  );
}

function KpiTile({
  kpi,
  figures,
  currency,
  vs,
}: {
  kpi: Kpi;
  figures: PeriodFigures;
  currency: string;
  /** What the change is against (`vs the previous 30 days`); none over all time. */
  vs: string | undefined;
}) {
  const { t } = useI18n();
  const fmt = useFormat();
  const name = t(`analytics.kpi.${kpi.key}`);
  const { value } = kpi;
  const shown =
    value === undefined
      ? '—'
      : kpi.kind === 'share'
        ? fmt.percent(value)
        : kpi.kind === 'duration'
          ? fmt.duration(value)
          : kpi.kind === 'money'
            ? fmt.money(value, currency)
            : fmt.number(value);
  const detail =
    value === undefined
      ? t('analytics.kpi.empty')
      : kpi.whole !== undefined
        ? t('analytics.ofTotal', { part: kpi.part ?? 0, whole: kpi.whole })
        : kpi.key === 'firstReply'
          ? t('analytics.kpi.replies', { count: figures.replies.length })
          : '';
  return (
    <article className="kpi info-tip-anchor" data-testid={`kpi-${kpi.key}`}>
      <header className="kpi-head">
        <h2 className="kpi-name">{name}</h2>
        <InfoTip label={t('analytics.definition', { name })} testId={`kpi-${kpi.key}-info`}>
          {t(definitions[kpi.key])}
        </InfoTip>
      </header>
      <div className="kpi-figure" data-testid={figureTestIds[kpi.key]}>
        <p
          className="kpi-value"
          data-testid={kpi.key === 'revenue' ? 'revenue-main' : `kpi-${kpi.key}-value`}
        >
          {shown}
        </p>
        {detail && <p className="kpi-detail">{detail}</p>}
        {kpi.key === 'revenue' && value !== undefined && figures.otherRevenue.length > 0 && (
          <ul className="kpi-others" aria-label={t('analytics.revenueOther')} data-testid="revenue-others">
            {figures.otherRevenue.map((o) => (
              <li key={o.currency}>{fmt.money(o.amount, o.currency)}</li>
            ))}
          </ul>
        )}
      </div>
      <ChangeLine kpi={kpi} vs={vs} testId={`kpi-${kpi.key}-change`} />
    </article>
  );
}

/** The change in words with its arrow, coloured by whether it is good news; "—" with why, when none. */
function ChangeLine({ kpi, vs, testId }: { kpi: Kpi; vs: string | undefined; testId: string }) {
  const { t, locale } = useI18n();
  const tag = locale === 'ru' ? 'ru-RU' : 'en-US';
  const change = kpi.change;
  if (!change)
    return (
      <p className="kpi-change none" data-testid={testId}>
        <span aria-hidden="true">—</span>{' '}
        <span className="kpi-vs">{t(vs ? 'analytics.change.none' : 'analytics.change.allTime')}</span>
      </p>
    );
  const tone = change.direction === 'flat' ? 'flat' : change.direction === kpi.better ? 'good' : 'bad';
  const Icon = change.direction === 'up' ? ArrowUp : change.direction === 'down' ? ArrowDown : Minus;
  return (
    <p className={`kpi-change ${tone}`} data-testid={testId}>
      <span className="kpi-delta">
        <Icon size={14} aria-hidden="true" />
        {deltaText(change, kpi.kind === 'share', tag, t)}
      </span>{' '}
      {tone !== 'flat' && (
        <span className="visually-hidden">
          {t(tone === 'good' ? 'analytics.change.better' : 'analytics.change.worse')}{' '}
        </span>
      )}
      <span className="kpi-vs">{vs}</span>
    </p>
  );
}

/** `+25%`, `−3.5 pp`: signed, a decimal only where the whole number would round small changes away. */
function deltaText(change: Change, points: boolean, tag: string, t: ReturnType<typeof useI18n>['t']): string {
  const magnitude = Math.abs(change.delta) * 100;
  const digits = magnitude < 10 ? 1 : 0;
  if (points) {
    const n = new Intl.NumberFormat(tag, { signDisplay: 'exceptZero', maximumFractionDigits: digits });
    return t('analytics.change.points', { value: n.format(change.delta * 100) });
  }
  return new Intl.NumberFormat(tag, {
    style: 'percent',
    signDisplay: 'exceptZero',
    maximumFractionDigits: digits,
  }).format(change.delta);
}
