// Board money: per stage the count of deals, their amounts per currency, and the weighted forecast
// (amount x win probability); and the pipeline's open totals. Amounts in different currencies are
// never added together: each sum is per currency.
import type { PipelineDoc } from '../schemas/pipelines';
import { probabilityOf } from './pipelines';

type DealLike = {
  stage: string;
  value?: { amount: number; currency: string } | undefined;
  probability?: number | undefined;
};

/** Sums per currency code. */
export type Money = Record<string, number>;

export type StageTotals = { stageId: string; count: number; amount: Money; weighted: Money };

export type BoardTotals = {
  stages: StageTotals[];
  /** Deals in open stages: their amounts and the weighted forecast. */
  open: { count: number; amount: Money; weighted: Money };
  /** Deals in won stages. */
  won: { count: number; amount: Money };
};

const add = (into: Money, currency: string, amount: number) => {
  into[currency] = round2((into[currency] ?? 0) + amount);
};
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Totals of the deals of one pipeline (leads of other pipelines or unknown stages are left out). */
export function boardTotals(leads: readonly DealLike[], pipeline: PipelineDoc): BoardTotals {
  const byStage = new Map<string, StageTotals>(
    pipeline.stages.map((s) => [s.id, { stageId: s.id, count: 0, amount: {}, weighted: {} }]),
  );
  const kinds = new Map(pipeline.stages.map((s) => [s.id, s.kind]));
  const open: BoardTotals['open'] = { count: 0, amount: {}, weighted: {} };
  const won: BoardTotals['won'] = { count: 0, amount: {} };
  for (const lead of leads) {
    const totals = byStage.get(lead.stage);
    if (!totals) continue;
    totals.count++;
    const kind = kinds.get(lead.stage);
    if (kind === 'open') open.count++;
    if (kind === 'won') won.count++;
    if (!lead.value) continue;
    const { amount, currency } = lead.value;
    const weighted = (amount * probabilityOf(lead, pipeline)) / 100;
    add(totals.amount, currency, amount);
    add(totals.weighted, currency, weighted);
    if (kind === 'open') {
      add(open.amount, currency, amount);
      add(open.weighted, currency, weighted);
    }
    if (kind === 'won') add(won.amount, currency, amount);
  }
  return { stages: [...byStage.values()], open, won };
}
