// The Analytics screen's figures from compact per-deal and per-conversation facts instead of the
// docs: what the rollup (analytics-rollup-state.ts) keeps on the device, so opening the screen reads
// one small record instead of every deal, conversation and message. Each figure follows the shared
// definitions (`@app/shared/crm`, analytics.ts and analytics-report.ts) step by step, reusing their
// helpers where they take counts, and analytics-facts.test.ts holds them equal to the shared
// functions over the same docs. A conversation's messages shrink to what those definitions read: the
// first inbound and the first other message per channel, and whether a rep wrote.
import {
  addRevenue,
  bucketStart,
  createdIn,
  findPipeline,
  funnelRows,
  localDays,
  movesByLead,
  msInPeriod,
  percentile,
  pipelineIdOf,
  stayTimes,
  stepsOf,
  suggestionStatsOf,
  summaryOfCounts,
  trends as sharedTrends,
  type AiOutcome,
  type AiResolution,
  type FunnelRow,
  type GroupBy,
  type GroupRow,
  type LeadSummary,
  type Money,
  type Period,
  type ResponseStats,
  type StageStep,
  type StageTime,
  type SuggestionStats,
  type Trends,
} from '@app/shared/crm';
import type { PipelineDoc } from '@app/shared/schemas';

/** What the figures read of a lead. Missing fields are '' (the definitions treat them alike). */
export type LeadFact = {
  id: string;
  createdAt: string;
  /** Date.parse(createdAt). */
  ms: number;
  pipelineId: string;
  stage: string;
  /** '' when the lead has no value. */
  currency: string;
  amount: number;
  ownerId: string;
  channel: string;
  campaign: string;
  conversationId: string;
  /** Start of the current stay: stageChangedAt, else createdAt (ms). */
  sinceMs: number;
  /** Up-sell and cross-sell suggestions made on the deal, and of them accepted. */
  suggested: number;
  acceptedSuggestions: number;
};

export type ConversationFact = {
  id: string;
  createdAt: string;
  ms: number;
  channel: string;
  assigneeId: string;
  /** A hand-off reason, message or wait on the conversation itself. */
  handoff: boolean;
  human: boolean;
};

/** The first inbound and first other message of a conversation on one channel (ms, NaN for none). */
export type Ends = { inMs: number; inId: string; outMs: number; outId: string };
/** A conversation's messages as the definitions read them (keyed by conversationId, doc or not). */
export type Thread = { byChannel: Map<string, Ends>; repId: string };

/** A move of the stage history. */
export type MoveFact = {
  id: string;
  leadId: string;
  pipelineId: string;
  from: string;
  to: string;
  atMs: number;
};

/** Everything the screen's figures are computed from (deals and moves in id order, as queries give). */
export type FactsView = {
  leads: readonly LeadFact[];
  conversations: readonly ConversationFact[];
  threads: ReadonlyMap<string, Thread>;
  /** Conversations with hand-off activity. */
  handoffs: ReadonlySet<string>;
  moves: readonly MoveFact[];
};

/** No facts (before the rollup is read). */
export const emptyFacts: FactsView = {
  leads: [],
  conversations: [],
  threads: new Map(),
  handoffs: new Set(),
  moves: [],
};

type AnyDoc = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function leadFact(d: AnyDoc): LeadFact {
  const createdAt = str(d.createdAt);
  const ms = Date.parse(createdAt);
  const value = d.value as { amount: number; currency: string } | undefined;
  const source = d.source as { channel?: string; campaign?: string } | undefined;
  const changed = str(d.stageChangedAt);
  return {
    id: str(d.id),
    createdAt,
    ms,
    pipelineId: pipelineIdOf(d as { pipelineId?: string }),
    stage: str(d.stage),
    currency: value ? value.currency : '',
    amount: value ? value.amount : 0,
    ownerId: str(d.ownerId),
    channel: str(source?.channel),
    campaign: str(source?.campaign),
    conversationId: str(d.conversationId),
    sinceMs: changed ? Date.parse(changed) : ms,
    ...suggestionCounts(d.suggestions),
  };
}

function suggestionCounts(v: unknown): Pick<LeadFact, 'suggested' | 'acceptedSuggestions'> {
  const list = Array.isArray(v) ? (v as { outcome?: unknown }[]) : [];
  return { suggested: list.length, acceptedSuggestions: list.filter((s) => s.outcome === 'accepted').length };
}

export function conversationFact(d: AnyDoc): ConversationFact {
  const createdAt = str(d.createdAt);
  return {
    id: str(d.id),
    createdAt,
    ms: Date.parse(createdAt),
    channel: str(d.channel),
    assigneeId: str(d.assigneeId),
    handoff: Boolean(d.handoffReason || d.handoffMessageId || d.waitingSince),
    human: d.mode === 'human',
  };
}

export function moveFact(d: AnyDoc): MoveFact {
  return {
    id: str(d.id),
    leadId: str(d.leadId),
    pipelineId: str(d.pipelineId),
    from: str(d.from),
    to: str(d.to),
    atMs: Date.parse(str(d.at)),
  };
}

/** Whether a message is a rep's reply (what makes a conversation "rep took over"). */
export const isRepReply = (m: AnyDoc) =>
  m.direction === 'outbound' && (m.author as { kind?: string } | undefined)?.kind === 'rep';

/** Folds one message into its thread; answers whether the thread changed. */
export function foldMessage(thread: Thread, m: AnyDoc): boolean {
  const channel = str(m.channel);
  const ms = Date.parse(str(m.createdAt));
  const id = str(m.id);
  let ends = thread.byChannel.get(channel);
  if (!ends) thread.byChannel.set(channel, (ends = { inMs: NaN, inId: '', outMs: NaN, outId: '' }));
  let changed = false;
  if (m.direction === 'inbound') {
    if (!ends.inId || ms < ends.inMs) [ends.inMs, ends.inId, changed] = [ms, id, true];
  } else if (!ends.outId || ms < ends.outMs) [ends.outMs, ends.outId, changed] = [ms, id, true];
  if (!thread.repId && isRepReply(m)) [thread.repId, changed] = [id, true];
  return changed;
}

// ---- The figures ----

export type FactsQuery = {
  pipelines: readonly PipelineDoc[];
  pipeline: PipelineDoc;
  period: Period;
  groupBy: GroupBy;
  timeZone: string;
  now: number;
};

export type AnalyticsFigures = {
  summary: LeadSummary;
  funnel: FunnelRow[];
  steps: StageStep[];
  stay: StageTime[];
  groups: GroupRow[];
  series: Trends;
  ai: AiResolution;
  /** First response times in ms, sorted. */
  times: number[];
  /** Moves in the stage history (any), for the time-in-stage note. */
  moves: number;
};

/** The kind of a lead's stage (the pipelines looked up once per pair). */
function kinds(pipelines: readonly PipelineDoc[]) {
  const byPipeline = new Map<string, Map<string, string> | undefined>();
  return (l: LeadFact) => {
    let stages = byPipeline.get(l.pipelineId);
    if (!byPipeline.has(l.pipelineId)) {
      const p = findPipeline(pipelines, l.pipelineId);
      stages = p && new Map(p.stages.map((st) => [st.id, st.kind]));
      byPipeline.set(l.pipelineId, stages);
    }
    return stages?.get(l.stage);
  };
}

type Tally = { created: number; won: number; lost: number; revenueWon: Money };
const tally = (): Tally => ({ created: 0, won: 0, lost: 0, revenueWon: {} });
function count(t: Tally, kind: string | undefined, l: LeadFact) {
  t.created++;
  if (kind === 'won') {
    t.won++;
    // Rounded per lead in lead order, as leadSummary does (the same floating-point sums).
    if (l.currency) addRevenue(t.revenueWon, l.currency, l.amount);
  } else if (kind === 'lost') t.lost++;
}

function outcomes(view: FactsView): (c: ConversationFact) => AiOutcome {
  return (c) => {
    if (c.handoff || view.handoffs.has(c.id)) return 'handedOff';
    if (c.human || view.threads.get(c.id)?.repId) return 'repTookOver';
    return 'resolved';
  };
}

const aiOf = (list: readonly AiOutcome[]): AiResolution => {
  const conversations = list.length;
  const resolved = list.filter((o) => o === 'resolved').length;
  const handedOff = list.filter((o) => o === 'handedOff').length;
  return {
    conversations,
    resolved,
    share: conversations ? resolved / conversations : 0,
    handedOff,
    repTookOver: conversations - resolved - handedOff,
  };
};

/** First response per conversation of a set of ends (the first inbound in the period), sorted. */
function responseTimes(ends: Iterable<{ inMs: number; outMs: number }>, period: Period): number[] {
  const out: number[] = [];
  for (const e of ends) if (msInPeriod(e.inMs, period) && e.outMs >= e.inMs) out.push(e.outMs - e.inMs);
  return out.sort((a, b) => a - b);
}

/** A thread's ends over all its channels. */
function merged(t: Thread): { inMs: number; outMs: number } {
  let inMs = NaN;
  let outMs = NaN;
  for (const e of t.byChannel.values()) {
    // `!(a >= b)` also holds while b is still NaN (no message seen yet).
    if (e.inId && !(e.inMs >= inMs)) inMs = e.inMs;
    if (e.outId && !(e.outMs >= outMs)) outMs = e.outMs;
  }
  return { inMs, outMs };
}

const leadGroup = (l: LeadFact, by: GroupBy) =>
  by === 'channel' ? l.channel : by === 'owner' ? l.ownerId : by === 'pipeline' ? l.pipelineId : l.campaign;

function breakdownOf(
  view: FactsView,
  q: FactsQuery,
  inLeads: readonly LeadFact[],
  kindOf: (l: LeadFact) => string | undefined,
  outcome: (c: ConversationFact) => AiOutcome,
): GroupRow[] {
  const by = q.groupBy;
  const leadOfConversation = new Map<string, LeadFact>();
  for (const l of view.leads) {
    if (!l.conversationId) continue;
    const prev = leadOfConversation.get(l.conversationId);
    if (!prev || l.createdAt < prev.createdAt) leadOfConversation.set(l.conversationId, l);
  }
  type Group = { tally: Tally; ai: AiOutcome[]; ends: { inMs: number; outMs: number }[] };
  const groups = new Map<string, Group>();
  const group = (key: string) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { tally: tally(), ai: [], ends: [] }));
    return g;
  };
  for (const l of inLeads) count(group(leadGroup(l, by)).tally, kindOf(l), l);
  const groupOfConversation = new Map<string, string>();
  for (const c of view.conversations) {
    const lead = by === 'channel' ? undefined : leadOfConversation.get(c.id);
    const key =
      by === 'channel' ? c.channel : lead ? leadGroup(lead, by) : by === 'owner' ? c.assigneeId : '';
    groupOfConversation.set(c.id, key);
    if (createdIn(c, q.period)) group(key).ai.push(outcome(c));
  }
  // Messages go with their conversation's group; a conversation without a doc by its messages'
  // channels (for `channel`) or to ''. A group that only first responses make appears when it has one.
  const ends = new Map<string, { inMs: number; outMs: number }[]>();
  const add = (key: string, e: { inMs: number; outMs: number }) => {
    let list = ends.get(key);
    if (!list) ends.set(key, (list = []));
    list.push(e);
  };
  for (const [id, t] of view.threads) {
    const key = groupOfConversation.get(id);
    if (key !== undefined || by !== 'channel') add(key ?? '', merged(t));
    else for (const [channel, e] of t.byChannel) add(channel, e);
  }
  const response = new Map<string, ResponseStats>();
  for (const [key, list] of ends) {
    const times = responseTimes(list, q.period);
    response.set(key, { count: times.length, median: percentile(times, 50), p90: percentile(times, 90) });
    if (times.length > 0) group(key);
  }
  return [...groups.entries()]
    .map(([key, g]) => ({
      key,
      leads: summaryOfCounts(g.tally),
      aiResolution: aiOf(g.ai),
      firstResponseMs: response.get(key) ?? { count: 0, median: 0, p90: 0 },
    }))
    .sort((a, b) => b.leads.created - a.leads.created || a.key.localeCompare(b.key));
}

function timeInStageOf(view: FactsView, q: FactsQuery, inLeads: readonly LeadFact[]): StageTime[] {
  const pipeline = q.pipeline;
  const history = movesByLead(
    view.moves.filter((m) => (m.pipelineId || pipeline.id) === pipeline.id),
    (m) => ({ from: m.from, to: m.to, atMs: m.atMs }),
  );
  const stays = inLeads
    .filter((l) => l.pipelineId === pipeline.id)
    .map((l) => ({
      stage: l.stage,
      sinceMs: l.sinceMs,
      createdMs: l.ms,
      moves: l.id ? history.get(l.id) : undefined,
    }));
  return stayTimes(pipeline, stays, q.now);
}

function trendsOf(
  view: FactsView,
  q: FactsQuery,
  inLeads: readonly LeadFact[],
  inConversations: readonly ConversationFact[],
  kindOf: (l: LeadFact) => string | undefined,
  outcome: (c: ConversationFact) => AiOutcome,
): Trends {
  // The buckets come from the shared function over no docs, given the bounds it would have found:
  // an open start at the first lead or conversation, an open end after the latest (and now).
  let first = Infinity;
  let latest = -Infinity;
  for (const d of [inLeads, inConversations])
    for (const x of d) {
      if (x.ms < first) first = x.ms;
      if (x.ms > latest) latest = x.ms;
    }
  const iso = (ms: number) => new Date(ms).toISOString();
  const fromMs = q.period.from ? Date.parse(q.period.from) : Number.isFinite(first) ? first : q.now;
  const bounds: Period = {
    ...(q.period.from || Number.isFinite(first) ? { from: q.period.from ?? iso(first) } : {}),
    to: q.period.to ?? iso(Math.max(q.now, fromMs, latest) + 1),
  };
  const none = { leads: [], pipelines: q.pipelines, conversations: [], messages: [], activity: [] };
  const series = sharedTrends(none, bounds, { timeZone: q.timeZone, now: q.now });
  const points = new Map(series.points.map((p) => [p.start, p]));
  const dayOf = localDays(q.timeZone);
  const keys = new Map<string, string>();
  const keyOf = (createdAt: string) => {
    const day = dayOf(createdAt);
    let k = keys.get(day);
    if (k === undefined) keys.set(day, (k = bucketStart(day, series.bucket)));
    return k;
  };
  const tallies = new Map<string, Tally>();
  for (const l of inLeads) {
    const k = keyOf(l.createdAt);
    if (!points.has(k)) continue;
    let t = tallies.get(k);
    if (!t) tallies.set(k, (t = tally()));
    count(t, kindOf(l), l);
  }
  for (const [k, t] of tallies)
    Object.assign(points.get(k)!, { created: t.created, won: t.won, revenueWon: t.revenueWon });
  for (const c of inConversations) {
    const p = points.get(keyOf(c.createdAt));
    if (!p) continue;
    p.conversations++;
    if (outcome(c) === 'resolved') p.resolvedByAi++;
  }
  for (const p of series.points) p.aiShare = p.conversations ? p.resolvedByAi / p.conversations : 0;
  return series;
}

/** The headline numbers of the screen (the year's counts, conversion, win rate, revenue, AI share). */
export type AnalyticsNumbers = Pick<AnalyticsFigures, 'summary' | 'ai'>;

/**
 * The headline numbers alone, one pass over the deals and conversations: what the screen shows first,
 * before the charts' figures (`analyticsFigures`, whose `summary` and `ai` are the same values).
 */
export function analyticsNumbers(
  view: FactsView,
  q: Pick<FactsQuery, 'pipelines' | 'period'>,
): AnalyticsNumbers {
  const kindOf = kinds(q.pipelines);
  const outcome = outcomes(view);
  const all = tally();
  // In lead order, as analyticsFigures counts them (the same floating-point sums of revenue).
  for (const l of view.leads) if (createdIn(l, q.period)) count(all, kindOf(l), l);
  const ai: AiOutcome[] = [];
  for (const c of view.conversations) if (createdIn(c, q.period)) ai.push(outcome(c));
  return { summary: summaryOfCounts(all), ai: aiOf(ai) };
}

/** Every figure of the Analytics screen for one choice of range, pipeline and grouping. */
export function analyticsFigures(view: FactsView, q: FactsQuery): AnalyticsFigures {
  const kindOf = kinds(q.pipelines);
  const outcome = outcomes(view);
  const inLeads = view.leads.filter((l) => createdIn(l, q.period));
  const inConversations = view.conversations.filter((c) => createdIn(c, q.period));
  const all = tally();
  const counts = new Map<string, number>();
  let mine = 0;
  for (const l of inLeads) {
    count(all, kindOf(l), l);
    if (l.pipelineId !== q.pipeline.id) continue;
    mine++;
    counts.set(l.stage, (counts.get(l.stage) ?? 0) + 1);
  }
  const funnel = funnelRows(q.pipeline, counts, mine);
  return {
    summary: summaryOfCounts(all),
    funnel,
    steps: stepsOf(funnel),
    stay: timeInStageOf(view, q, inLeads),
    groups: breakdownOf(view, q, inLeads, kindOf, outcome),
    series: trendsOf(view, q, inLeads, inConversations, kindOf, outcome),
    ai: aiOf(inConversations.map(outcome)),
    times: firstResponsesIn(view, q.period),
    moves: view.moves.length,
  };
}

/**
 * The first response times (ms, sorted) of the conversations whose first customer message fell in the
 * period: what `analyticsFigures` gives as `times`, alone (the dashboard's headline median reads it for
 * the period and the one before).
 */
export const firstResponsesIn = (view: FactsView, period: Period): number[] =>
  responseTimes([...view.threads.values()].map(merged), period);

/** Suggestions made and accepted on the deals created in the period (shared `suggestionStats`). */
export function suggestionFigures(view: FactsView, period: Period): SuggestionStats {
  let made = 0;
  let accepted = 0;
  for (const l of view.leads) {
    if (!createdIn(l, period)) continue;
    made += l.suggested;
    accepted += l.acceptedSuggestions;
  }
  return suggestionStatsOf(made, accepted);
}
