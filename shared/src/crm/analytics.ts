// Sales analytics with written definitions, computed from plain docs so the desktop (local data) and
// the server (GET /api/v1/analytics/summary) give the same numbers for the same data.
//
// Definitions (a period is [from, to): from inclusive, to exclusive, ISO times; open ends allowed):
// - leads created: leads whose createdAt falls in the period.
// - conversion to won: of the leads created in the period, the share now in a won stage of their
//   pipeline (won / created). Not a win rate.
// - win rate: of the leads created in the period that are closed, the share won (won / (won + lost)).
// - revenue won: amounts of those won leads, per currency.
// - funnel (cumulative): per stage of a pipeline, the leads created in the period that reached at
//   least that stage, judged by their current stage (a lead in a later open or a won stage passed
//   every open stage before it; a lost lead counts only in the first stage) - plus each stage's count.
// - resolved by AI: of the conversations started in the period, the share no human was involved in:
//   the customer never asked for a human and no hand-off happened (no hand-off reason, message,
//   wait or hand-off activity), and no rep wrote or took the conversation over (mode `human`).
import type { ActivityDoc, ConversationDoc, LeadDoc, MessageDoc, PipelineDoc } from '../schemas/index';
import type { Money } from './forecast';
import { findPipeline, pipelineIdOf } from './pipelines';

export type Period = { from?: string | undefined; to?: string | undefined };

// Times are compared as strings when they are canonical ISO times (`2026-03-02T10:00:00.000Z`, what
// every writer stores and the period bounds are normalised to): the same order as the instants, with
// no Date.parse per doc (250,000 messages per report). Anything else is parsed.
export const canonical = (s: string) => s.length === 24 && s.charCodeAt(23) === 90 && s.charCodeAt(10) === 84;

/** A doc's createdAt in ms (NaN when unreadable). */
export const createdMs = (doc: { createdAt: string }): number => Date.parse(doc.createdAt);

const parsedPeriods = new WeakMap<Period, [number, number, boolean]>();
/** The period's bounds in ms ([-Infinity, Infinity] for open ends). */
export function periodMs(period: Period): [number, number] {
  const b = bounds(period);
  return [b[0], b[1]];
}
function bounds(period: Period): [number, number, boolean] {
  let b = parsedPeriods.get(period);
  if (!b) {
    b = [
      period.from ? Date.parse(period.from) : -Infinity,
      period.to ? Date.parse(period.to) : Infinity,
      (!period.from || canonical(period.from)) && (!period.to || canonical(period.to)),
    ];
    parsedPeriods.set(period, b);
  }
  return b;
}

/** Whether a time in ms falls in the period (NaN does not). */
export function msInPeriod(t: number, period: Period): boolean {
  const [from, to] = bounds(period);
  return t >= from && t < to;
}

/** Whether an ISO time falls in the period (a missing or unreadable time does not). */
export function inPeriod(iso: string | undefined, period: Period): boolean {
  if (!iso) return false;
  if (bounds(period)[2] && canonical(iso)) {
    return (!period.from || iso >= period.from) && (!period.to || iso < period.to);
  }
  return msInPeriod(Date.parse(iso), period);
}

/** Whether a doc was created in the period. */
export const createdIn = (doc: { createdAt: string }, period: Period) => inPeriod(doc.createdAt, period);

/** Whether ISO time a is before b. */
export const isoBefore = (a: string, b: string) =>
  canonical(a) && canonical(b) ? a < b : Date.parse(a) < Date.parse(b);

export type LeadLike = Pick<LeadDoc, 'stage' | 'createdAt'> & Partial<Pick<LeadDoc, 'pipelineId' | 'value'>>;

export type LeadSummary = {
  created: number;
  won: number;
  lost: number;
  open: number;
  /** won / created (0 when none were created). */
  conversionToWon: number;
  /** won / (won + lost) (0 when none closed). */
  winRate: number;
  revenueWon: Money;
};

/** The kind of each lead's stage, by pipeline and stage id (looked up once per call, not per lead). */
function kinds(pipelines: readonly PipelineDoc[]) {
  const byPipeline = new Map<string, Map<string, string> | undefined>();
  return (lead: LeadLike) => {
    const id = pipelineIdOf(lead);
    let stages = byPipeline.get(id);
    if (!byPipeline.has(id)) {
      const p = findPipeline(pipelines, id);
      stages = p && new Map(p.stages.map((st) => [st.id, st.kind]));
      byPipeline.set(id, stages);
    }
    return stages?.get(lead.stage);
  };
}

export function leadSummary(
  leads: readonly LeadLike[],
  pipelines: readonly PipelineDoc[],
  period: Period = {},
): LeadSummary {
  let created = 0;
  let won = 0;
  let lost = 0;
  const revenueWon: Money = {};
  const kindOf = kinds(pipelines);
  for (const lead of leads) {
    if (!createdIn(lead, period)) continue;
    created++;
    const kind = kindOf(lead);
    if (kind === 'won') {
      won++;
      if (lead.value) addRevenue(revenueWon, lead.value.currency, lead.value.amount);
    } else if (kind === 'lost') lost++;
  }
  return summaryOfCounts({ created, won, lost, revenueWon });
}

/** Adds a won lead's value, rounded to cents per lead in lead order (the same sums wherever counted). */
export function addRevenue(revenue: Money, currency: string, amount: number): void {
  revenue[currency] = Math.round(((revenue[currency] ?? 0) + amount) * 100) / 100;
}

/** The summary of leads counted: open, conversion and win rate follow from the counts. */
export const summaryOfCounts = ({
  created,
  won,
  lost,
  revenueWon,
}: Pick<LeadSummary, 'created' | 'won' | 'lost' | 'revenueWon'>): LeadSummary => ({
  created,
  won,
  lost,
  open: created - won - lost,
  conversionToWon: created ? won / created : 0,
  winRate: won + lost ? won / (won + lost) : 0,
  revenueWon,
});

export type FunnelRow = { stageId: string; kind: string; count: number; reached: number };

/** The cumulative funnel of one pipeline over the leads created in the period (see above). */
export function funnel(leads: readonly LeadLike[], pipeline: PipelineDoc, period: Period = {}): FunnelRow[] {
  const mine = leads.filter((l) => pipelineIdOf(l) === pipeline.id && createdIn(l, period));
  const counts = new Map<string, number>();
  for (const l of mine) counts.set(l.stage, (counts.get(l.stage) ?? 0) + 1);
  return funnelRows(pipeline, counts, mine.length);
}

/** The funnel's rows from the count of the chosen leads per current stage (and how many they are). */
export function funnelRows(
  pipeline: PipelineDoc,
  counts: ReadonlyMap<string, number>,
  total: number,
): FunnelRow[] {
  const progress = pipeline.stages.filter((s) => s.kind !== 'lost').map((s) => s.id);
  return pipeline.stages.map((stage, i) => {
    const count = counts.get(stage.id) ?? 0;
    let reached: number;
    if (stage.kind === 'lost') reached = count;
    else if (i === 0) reached = total;
    else {
      const at = progress.indexOf(stage.id);
      reached = progress.slice(at).reduce((n, s) => n + (counts.get(s) ?? 0), 0);
    }
    return { stageId: stage.id, kind: stage.kind, count, reached };
  });
}

export type ConversationLike = Pick<ConversationDoc, 'id' | 'mode' | 'createdAt'> &
  Partial<Pick<ConversationDoc, 'handoffReason' | 'handoffMessageId' | 'waitingSince'>>;
export type MessageLike = Pick<MessageDoc, 'conversationId' | 'direction' | 'createdAt'> & {
  author?: { kind: string } | undefined;
};
export type ActivityLike = Pick<ActivityDoc, 'kind'> & { conversationId?: string | undefined };

export type AiResolution = {
  conversations: number;
  resolved: number;
  share: number;
  /** Conversations where the customer asked for a human or the AI handed off. */
  handedOff: number;
  /** Conversations a rep wrote in or took over (without a hand-off). */
  repTookOver: number;
};

export type AiOutcome = 'resolved' | 'handedOff' | 'repTookOver';

/** How each conversation ended by the definition above (one pass over the messages and activity). */
export function aiOutcomes(
  messages: readonly MessageLike[],
  activity: readonly ActivityLike[],
): (c: ConversationLike) => AiOutcome {
  const repWrote = new Set(
    messages
      .filter((m) => m.direction === 'outbound' && m.author?.kind === 'rep')
      .map((m) => m.conversationId),
  );
  const handoffs = new Set(
    activity.filter((a) => a.kind === 'handoff' && a.conversationId).map((a) => a.conversationId!),
  );
  return (c) => {
    if (c.handoffReason || c.handoffMessageId || c.waitingSince || handoffs.has(c.id)) return 'handedOff';
    if (c.mode === 'human' || repWrote.has(c.id)) return 'repTookOver';
    return 'resolved';
  };
}

/** Tallies outcomes of conversations already chosen (no period filter). */
export function tallyAi(outcomes: readonly AiOutcome[]): AiResolution {
  let resolved = 0;
  let handedOff = 0;
  let repTookOver = 0;
  for (const o of outcomes) {
    if (o === 'resolved') resolved++;
    else if (o === 'handedOff') handedOff++;
    else repTookOver++;
  }
  const total = outcomes.length;
  return { conversations: total, resolved, share: total ? resolved / total : 0, handedOff, repTookOver };
}

export function aiResolution(
  conversations: readonly ConversationLike[],
  messages: readonly MessageLike[],
  activity: readonly ActivityLike[],
  period: Period = {},
): AiResolution {
  const outcome = aiOutcomes(messages, activity);
  return tallyAi(conversations.filter((c) => createdIn(c, period)).map(outcome));
}

/** Time from each conversation's first inbound message (in the period) to the first answer, in ms. */
export function firstResponseTimes(messages: readonly MessageLike[], period: Period = {}): number[] {
  const firstIn = new Map<string, string>();
  const firstOut = new Map<string, string>();
  for (const m of messages) {
    const map = m.direction === 'inbound' ? firstIn : firstOut;
    const prev = map.get(m.conversationId);
    if (prev === undefined || isoBefore(m.createdAt, prev)) map.set(m.conversationId, m.createdAt);
  }
  const out: number[] = [];
  for (const [c, inIso] of firstIn) {
    const tin = Date.parse(inIso);
    if (!msInPeriod(tin, period)) continue;
    const outIso = firstOut.get(c);
    const tout = outIso === undefined ? NaN : Date.parse(outIso);
    if (tout >= tin) out.push(tout - tin);
  }
  return out.sort((a, b) => a - b);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

/** Each lead's stage kind (open, won, lost) by its pipeline: for reports beside this file's. */
export { kinds as stageKindOf };
