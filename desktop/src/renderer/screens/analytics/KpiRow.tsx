// The Analytics dashboard's row of large numbers (issue 64 item 8), as HubSpot's and Kommo's reports
// open: new conversations, the share resolved by AI, the median first reply, revenue won, then leads,
// conversion, win rate and accepted up-sells. Each tile has its figure, its change against the period
// of the same length just before (an arrow icon, a colour and the change in words; from a small base
// the previous figure itself, "59 vs 1"; nothing when there is nothing to compare with: kpi-change.ts)
// and its definition behind an info icon (lib/analytics-kpis.ts computes). Revenue in other currencies
// than the pipeline's is listed under it, each line named by its currency, never added in.
import { ArrowDown, ArrowUp, Minus } from 'lucide-react';
import { useMemo } from 'react';
import type { PipelineDoc } from '@app/shared/schemas';
import { InfoTip } from '../../components/ui/InfoTip';
import './dashboard.css';
import { useFormat, useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';
import type { FactsView } from '../../lib/analytics-facts';
import type { Period } from '../../lib/analytics';
import { changeShown, type ChangeShown } from './kpi-change';
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
  const { now, before, kpis, shown, days } = useMemo(() => {
    const at = Date.now();
    const previous = previousPeriod(period, at);
    const current = periodFigures(view, { pipelines, period, currency });
    const earlier = previous && periodFigures(view, { pipelines, period: previous, currency });
    const kpis = headlineKpis(current, earlier);
    // The previous period's own figures, each with what it was computed from (its base).
    const then = earlier && headlineKpis(earlier, undefined);
    return {
      now: current,
      before: previous,
      kpis,
      shown: kpis.map((k, i) => changeShown(k, earlier, then?.[i])),
      days: previous ? Math.round((Date.parse(previous.to!) - Date.parse(previous.from!)) / DAY_MS) : 0,
    };
  }, [view, pipelines, period, currency]);
  return (
    <section className="kpi-row" aria-label={t('analytics.kpis')} data-testid="analytics-kpis">
      {kpis.map((k, i) => (
        <KpiTile
          key={k.key}
          kpi={k}
          shown={shown[i]!}
          figures={now}
          currency={currency}
          days={before ? Math.max(1, days) : 0}
        />
      ))}
    </section>
  );
}

function KpiTile({
  kpi,
  shown: change,
  figures,
  currency,
  days,
}: {
  kpi: Kpi;
  shown: ChangeShown;
  figures: PeriodFigures;
  currency: string;
  /** The length of the period the change is against, in days (0 over all time: none). */
  days: number;
}) {
  const { t } = useI18n();
  const fmt = useFormat();
  const name = t(`analytics.kpi.${kpi.key}`);
  const { value } = kpi;
  const shown = value === undefined ? '—' : figureText(kpi, value, currency, fmt);
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
          <OtherCurrencies others={figures.otherRevenue} />
        )}
      </div>
      {change.kind !== 'none' && (
        <ChangeLine
          kpi={kpi}
          shown={change}
          previous={change.kind === 'versus' ? figureText(kpi, change.previous, currency, fmt) : ''}
          days={days}
          testId={`kpi-${kpi.key}-change`}
        />
      )}
    </article>
  );
}

/** A tile's figure in the UI's formats: a share, a duration, money in `currency`, or a count. */
function figureText(kpi: Kpi, value: number, currency: string, fmt: ReturnType<typeof useFormat>): string {
  if (kpi.kind === 'share') return fmt.percent(value);
  if (kpi.kind === 'duration') return fmt.duration(value);
  if (kpi.kind === 'money') return fmt.money(value, currency);
  return fmt.number(value);
}

/**
 * Revenue won in other currencies than the pipeline's, under its figure: a labelled list, one line a
 * currency with its code, as they are (never converted or added to the main figure).
 */
function OtherCurrencies({ others }: { others: PeriodFigures['otherRevenue'] }) {
  const { t } = useI18n();
  const fmt = useFormat();
  return (
    <div className="kpi-others" data-testid="revenue-others">
      <p className="kpi-others-title" aria-hidden="true">
        {t('analytics.revenueOtherShort')}
      </p>
      <ul aria-label={t('analytics.revenueOther')}>
        {others.map((o) => (
          <li key={o.currency} className="kpi-other">
            <span className="kpi-other-code">{o.currency}</span>
            <span className="kpi-other-amount">{fmt.money(o.amount, o.currency)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The change in words with its arrow, coloured by whether it is good news: a percentage (or points)
 * from a base large enough, the previous figure itself from a smaller one ("vs 1 in the previous 30
 * days"). Not drawn when there is nothing to compare with.
 */
function ChangeLine({
  kpi,
  shown,
  previous,
  days,
  testId,
}: {
  kpi: Kpi;
  shown: ChangeShown;
  /** The previous figure in the tile's format, for a change told as the two figures. */
  previous: string;
  days: number;
  testId: string;
}) {
  const { t, locale } = useI18n();
  const tag = locale === 'ru' ? 'ru-RU' : 'en-US';
  const change = kpi.change;
  const versus = shown.kind === 'versus';
  const direction = versus ? directionOf(kpi.value!, shown.previous) : change!.direction;
  const tone = direction === 'flat' ? 'flat' : direction === kpi.better ? 'good' : 'bad';
  const Icon = direction === 'up' ? ArrowUp : direction === 'down' ? ArrowDown : Minus;
  return (
    <p className={`kpi-change ${tone}${versus ? ' versus' : ''}`} data-testid={testId}>
      <span className="kpi-delta">
        <Icon size={14} aria-hidden="true" />
        {versus
          ? t('analytics.change.was', { value: previous })
          : deltaText(change!, kpi.kind === 'share', tag, t)}
      </span>{' '}
      <span className="kpi-vs">
        {t(versus ? 'analytics.change.before' : 'analytics.change.vs', { days })}
      </span>
      {/* Good or bad news in words after the change, for a screen reader (the colour says it). */}
      {tone !== 'flat' && (
        <span className="visually-hidden">
          {' '}
          ({t(tone === 'good' ? 'analytics.change.better' : 'analytics.change.worse')})
        </span>
      )}
    </p>
  );
}

/** Which way a figure went from the previous one (the two told side by side). */
const directionOf = (value: number, previous: number): 'up' | 'down' | 'flat' =>
  value > previous ? 'up' : value < previous ? 'down' : 'flat';

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
