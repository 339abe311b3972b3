// The events pipeline's own numbers, from the deals Maestro filled in (their custom fields): deals,
// won and lost per event type with the win rate (won / closed), the customers' average budget and the
// agency's estimated margin per currency (each estimate's margin at its rate card's percent).
import { createdIn, type Period } from '../../crm/analytics';
import { findStage } from '../../crm/pipelines';
import type { LeadDoc, PipelineDoc } from '../../schemas/index';

type Money = Record<string, number>;
export type EventTypeRow = {
  type: string;
  deals: number;
  won: number;
  lost: number;
  /** Won / closed; null while none is closed. */
  winRate: number | null;
  averageBudget: Money;
};
export type EventsReport = {
  pipelineId: string;
  deals: number;
  byType: EventTypeRow[];
  averageBudget: Money;
  estimated: Money;
  estimatedMargin: Money;
};

const money = (v: string | undefined) => {
  const m = v?.match(/^(\d+(?:\.\d+)?) ([A-Z]{3})$/);
  return m ? { amount: Number(m[1]), currency: m[2]! } : undefined;
};
const round = (n: number) => Math.round(n * 100) / 100;

function average(values: { amount: number; currency: string }[]): Money {
  const sums = new Map<string, { total: number; n: number }>();
  for (const v of values) {
    const s = sums.get(v.currency) ?? { total: 0, n: 0 };
    sums.set(v.currency, { total: s.total + v.amount, n: s.n + 1 });
  }
  return Object.fromEntries([...sums].map(([c, s]) => [c, round(s.total / s.n)]));
}

export function eventsReport(
  leads: readonly LeadDoc[],
  pipeline: PipelineDoc,
  period: Period = {},
): EventsReport {
  const deals = leads.filter((l) => l.pipelineId === pipeline.id && createdIn(l, period));
  const kind = (l: LeadDoc) => findStage(pipeline, l.stage)?.kind ?? 'open';
  const types = new Map<string, LeadDoc[]>();
  for (const l of deals) {
    const t = l.customFields?.eventTypeId ?? 'unknown';
    types.set(t, [...(types.get(t) ?? []), l]);
  }
  const budgets = (list: readonly LeadDoc[]) =>
    list.map((l) => money(l.customFields?.budget)).filter((m) => m !== undefined);
  const byType = [...types]
    .map(([type, list]) => {
      const won = list.filter((l) => kind(l) === 'won').length;
      const lost = list.filter((l) => kind(l) === 'lost').length;
      return {
        type,
        deals: list.length,
        won,
        lost,
        winRate: won + lost ? round(won / (won + lost)) : null,
        averageBudget: average(budgets(list)),
      };
    })
    .sort((a, b) => b.deals - a.deals || a.type.localeCompare(b.type));
  const estimated: Money = {};
  const estimatedMargin: Money = {};
  for (const l of deals) {
    const e = money(l.customFields?.estimate);
    if (!e) continue;
    const percent = pipeline.rateCards?.find((c) => c.currency === e.currency)?.marginPercent ?? 0;
    estimated[e.currency] = round((estimated[e.currency] ?? 0) + e.amount);
    estimatedMargin[e.currency] = round(
      (estimatedMargin[e.currency] ?? 0) + e.amount - e.amount / (1 + percent / 100),
    );
  }
  return {
    pipelineId: pipeline.id,
    deals: deals.length,
    byType,
    averageBudget: average(budgets(deals)),
    estimated,
    estimatedMargin,
  };
}
