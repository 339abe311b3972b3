// Analytics breakdowns, stage-to-stage conversion, trends over time and time in stage, built on the
// definitions of analytics.ts, so the server (GET /api/v1/analytics/summary?groupBy=…,
// GET /api/v1/analytics/timeseries) and the desktop (offline, from local data) give the same numbers.
//
// Definitions (a period is [from, to), see analytics.ts):
// - group by: channel (lead.source.channel), owner (the rep, lead.ownerId), pipeline, or campaign
//   (lead.source.campaign). Leads without the field form the group '' (none). Every group has the
//   same metrics as the whole: the lead summary, AI resolution and first response. A conversation
//   belongs to its own channel for `channel`; for the others to the group of the lead made from it
//   (lead.conversationId), for `owner` else to its assignee, else to ''.
// - stage-to-stage conversion: for consecutive progress stages (the open stages, then the won stage,
//   in the pipeline's order; lost stages are not steps), the share of the leads that reached a stage
//   which reached the next one (reached(i+1) / reached(i), with `reached` of the cumulative funnel).
//   Not cumulative: each step is only from one stage to the next.
// - trends: per bucket (day, week from Monday, or month, in a time zone) of the leads' and the
//   conversations' creation time: leads created, of them won now, their revenue won, and the share of
//   the conversations started then resolved by AI. Buckets add up to the summary of the period.
// - time in stage: days per stay of a lead in an open stage, for the leads created in the period:
//   median and average per open stage. With the deal's stage history (stage_changes) every stay
//   counts, the current one until `asOf`; a lead without history counts only its current stay (since
//   stageChangedAt, or createdAt when its stage never changed).
// - suggestions (up-sell and cross-sell, lead.suggestions): on the leads created in the period, the
//   suggestions the agents made and those the customer took up (outcome 'accepted'); the rate is
//   accepted / made (0 when none was made).
import type { PipelineDoc } from '../schemas/index';
import {
  aiOutcomes,
  firstResponseTimes,
  funnel,
  canonical,
  createdIn,
  createdMs,
  periodMs,
  leadSummary,
  percentile,
  tallyAi,
  type ActivityLike,
  type AiResolution,
  type ConversationLike,
  type FunnelRow,
  type LeadLike,
  type LeadSummary,
  type MessageLike,
  type Period,
} from './analytics';
import type { Money } from './forecast';
import { findPipeline, pipelineIdOf } from './pipelines';
import { dayKey as localDay } from '../time/zoned-time';

export const groupByKeys = ['channel', 'owner', 'pipeline', 'campaign'] as const;
export type GroupBy = (typeof groupByKeys)[number];

export type ReportLead = LeadLike & {
  id?: string | undefined;
  ownerId?: string | undefined;
  source?: { channel: string; campaign?: string | undefined } | undefined;
  conversationId?: string | undefined;
  stageChangedAt?: string | undefined;
  suggestions?: ReadonlyArray<{ outcome?: string | undefined }> | undefined;
};
export type ReportConversation = ConversationLike & {
  channel?: string | undefined;
  assigneeId?: string | undefined;
};
export type ReportMessage = MessageLike & { channel?: string | undefined };

/** What the reports read: the team's docs, as the server stores them or the desktop replicates them. */
export type AnalyticsData = {
  leads: readonly ReportLead[];
  pipelines: readonly PipelineDoc[];
  conversations: readonly ReportConversation[];
  messages: readonly ReportMessage[];
  /** Hand-off activity (other kinds are ignored). */
  activity: readonly ActivityLike[];
};

export type ResponseStats = { count: number; median: number; p90: number };

export function responseStats(messages: readonly MessageLike[], period: Period): ResponseStats {
  const times = firstResponseTimes(messages, period);
  return { count: times.length, median: percentile(times, 50), p90: percentile(times, 90) };
}

/** The group a lead belongs to ('' when it has no such field). */
export function leadGroup(lead: ReportLead, by: GroupBy): string {
  switch (by) {
    case 'channel':
      return lead.source?.channel ?? '';
    case 'owner':
      return lead.ownerId ?? '';
    case 'pipeline':
      return pipelineIdOf(lead);
    case 'campaign':
      return lead.source?.campaign ?? '';
  }
}

export type GroupRow = {
  key: string;
  leads: LeadSummary;
  aiResolution: AiResolution;
  firstResponseMs: ResponseStats;
};

/** The same metrics per group, the groups with the most leads created first (then by key). */
export function breakdown(data: AnalyticsData, by: GroupBy, period: Period = {}): GroupRow[] {
  const leadOfConversation = new Map<string, ReportLead>();
  for (const l of data.leads) {
    if (!l.conversationId) continue;
    const prev = leadOfConversation.get(l.conversationId);
    if (!prev || l.createdAt < prev.createdAt) leadOfConversation.set(l.conversationId, l);
  }
  const convGroup = (c: ReportConversation): string => {
    if (by === 'channel') return c.channel ?? '';
    const lead = leadOfConversation.get(c.id);
    if (lead) return leadGroup(lead, by);
    return by === 'owner' ? (c.assigneeId ?? '') : '';
  };
  const groups = new Map<string, { leads: ReportLead[]; conversations: ReportConversation[] }>();
  const bucket = (key: string) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { leads: [], conversations: [] }));
    return g;
  };
  for (const l of data.leads) if (createdIn(l, period)) bucket(leadGroup(l, by)).leads.push(l);
  const groupOfConversation = new Map<string, string>();
  for (const c of data.conversations) {
    const key = convGroup(c);
    groupOfConversation.set(c.id, key);
    if (createdIn(c, period)) bucket(key).conversations.push(c);
  }
  const outcome = aiOutcomes(data.messages, data.activity);
  // Messages go with their conversation; first response counts only groups that already exist.
  const messagesByGroup = new Map<string, ReportMessage[]>();
  for (const m of data.messages) {
    const key = groupOfConversation.get(m.conversationId) ?? (by === 'channel' ? (m.channel ?? '') : '');
    let list = messagesByGroup.get(key);
    if (!list) messagesByGroup.set(key, (list = []));
    list.push(m);
  }
  const response = new Map<string, ResponseStats>();
  for (const [key, msgs] of messagesByGroup) {
    const stats = responseStats(msgs, period);
    response.set(key, stats);
    if (stats.count > 0) bucket(key);
  }
  return [...groups.entries()]
    .map(([key, g]) => ({
      key,
      leads: leadSummary(g.leads, data.pipelines, period),
      aiResolution: tallyAi(g.conversations.map(outcome)),
      firstResponseMs: response.get(key) ?? { count: 0, median: 0, p90: 0 },
    }))
    .sort((a, b) => b.leads.created - a.leads.created || a.key.localeCompare(b.key));
}

export type StageStep = {
  fromStageId: string;
  toStageId: string;
  /** Leads that reached the first stage, and of them those that reached the next. */
  from: number;
  to: number;
  /** to / from (0 when none reached the first stage). */
  rate: number;
};

/** Conversion from each progress stage to the next one (not cumulative; see above). */
export function stageConversion(
  leads: readonly LeadLike[],
  pipeline: PipelineDoc,
  period: Period = {},
): StageStep[] {
  return stepsOf(funnel(leads, pipeline, period));
}

/** The stage-to-stage steps of a funnel's rows. */
export function stepsOf(rows: readonly FunnelRow[]): StageStep[] {
  const progress = rows.filter((r) => r.kind !== 'lost');
  return progress.slice(1).map((next, i) => {
    const prev = progress[i]!;
    return {
      fromStageId: prev.stageId,
      toStageId: next.stageId,
      from: prev.reached,
      to: next.reached,
      rate: prev.reached ? next.reached / prev.reached : 0,
    };
  });
}

export type StageTime = { stageId: string; count: number; medianDays: number; averageDays: number };

/** A record of a move in a deal's stage history (the stage_changes collection). */
export type StageChangeLike = {
  leadId: string;
  pipelineId?: string | undefined;
  from?: string | undefined;
  to: string;
  at: string;
};

const DAY_MS = 86_400_000;
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Days per stage of the pipeline's open stages, until `asOf` (see above). With the stage history,
 * every stay a lead created in the period made in a stage counts (the current stay until `asOf`);
 * a lead without history counts its current stay (since stageChangedAt or createdAt).
 */
export function timeInStage(
  leads: readonly ReportLead[],
  pipeline: PipelineDoc,
  period: Period,
  asOf: number,
  changes: readonly StageChangeLike[] = [],
): StageTime[] {
  const history = movesByLead(
    changes.filter((c) => (c.pipelineId ?? pipeline.id) === pipeline.id),
    (c) => ({ from: c.from, to: c.to, atMs: Date.parse(c.at) }),
  );
  const stays = leads
    .filter((l) => pipelineIdOf(l) === pipeline.id && createdIn(l, period))
    .map((l) => ({
      stage: l.stage,
      sinceMs: l.stageChangedAt ? Date.parse(l.stageChangedAt) : createdMs(l),
      createdMs: createdMs(l),
      moves: l.id ? history.get(l.id) : undefined,
    }));
  return stayTimes(pipeline, stays, asOf);
}

/** A lead's move between stages, in ms. */
export type StageMoveMs = { from?: string | undefined; to: string; atMs: number };
/** What timeInStage reads of a lead: its stage since when, when it was made, and its moves if known. */
export type LeadStays = {
  stage: string;
  sinceMs: number;
  createdMs: number;
  moves: StageMoveMs[] | undefined;
};

/** Each lead's moves (as `toMove` gives them), by the lead's id. */
export function movesByLead<T extends { leadId: string }>(
  changes: Iterable<T>,
  toMove: (c: T) => StageMoveMs,
): Map<string, StageMoveMs[]> {
  const history = new Map<string, StageMoveMs[]>();
  for (const c of changes) {
    let list = history.get(c.leadId);
    if (!list) history.set(c.leadId, (list = []));
    list.push(toMove(c));
  }
  return history;
}

/**
 * Days per open stage from the leads' stays (see timeInStage): with moves, each stay between them and
 * the last until `asOf` (and the stay before the first, when its stage is known); without, the
 * current stay until `asOf`.
 */
export function stayTimes(pipeline: PipelineDoc, leads: Iterable<LeadStays>, asOf: number): StageTime[] {
  const byStage = new Map<string, number[]>();
  const stay = (stage: string, since: number, until: number) => {
    if (Number.isNaN(since) || Number.isNaN(until)) return;
    let list = byStage.get(stage);
    if (!list) byStage.set(stage, (list = []));
    list.push(Math.max(0, until - since) / DAY_MS);
  };
  for (const l of leads) {
    const moves = l.moves?.sort((a, b) => a.atMs - b.atMs);
    if (!moves?.length) {
      stay(l.stage, l.sinceMs, asOf);
      continue;
    }
    const first = moves[0]!;
    if (first.from && l.createdMs < first.atMs) stay(first.from, l.createdMs, first.atMs);
    moves.forEach((m, i) => stay(m.to, m.atMs, moves[i + 1]?.atMs ?? asOf));
  }
  return stageTimes(pipeline, byStage);
}

/** Median and average days per open stage of the pipeline, from the days of each stay per stage. */
export function stageTimes(pipeline: PipelineDoc, byStage: ReadonlyMap<string, number[]>): StageTime[] {
  return pipeline.stages
    .filter((s) => s.kind === 'open')
    .map((s) => {
      const days = (byStage.get(s.id) ?? []).sort((a, b) => a - b);
      const n = days.length;
      const median = n === 0 ? 0 : n % 2 ? days[(n - 1) / 2]! : (days[n / 2 - 1]! + days[n / 2]!) / 2;
      const average = n === 0 ? 0 : days.reduce((a, b) => a + b, 0) / n;
      return { stageId: s.id, count: n, medianDays: round2(median), averageDays: round2(average) };
    });
}

// ---- Trends over time ----

export const buckets = ['day', 'week', 'month'] as const;
export type Bucket = (typeof buckets)[number];

/** The bucket that keeps a chart readable: days up to 2 months, weeks up to a year, else months. */
export function bucketFor(fromMs: number, toMs: number): Bucket {
  const days = (toMs - fromMs) / DAY_MS;
  return days <= 62 ? 'day' : days <= 366 ? 'week' : 'month';
}

/** Whether a time zone name is one Intl knows; the calendar day of an instant in a zone (time/). */
export { isTimeZone, dayKey as localDay } from '../time/zoned-time';

/**
 * localDay for many ISO times: the zone's offset is looked up once per UTC day (at its start and
 * end; when they differ, a clock change that day, each instant is looked up itself), and a UTC day
 * of a canonical ISO time is its first 10 characters.
 */
export function localDays(timeZone: string): (iso: string) => string {
  const names = new Map<number, string>();
  const name = (localDayNo: number) => {
    let n = names.get(localDayNo);
    if (n === undefined) {
      n = new Date(localDayNo * DAY_MS).toISOString().slice(0, 10);
      names.set(localDayNo, n);
    }
    return n;
  };
  if (timeZone === 'UTC') {
    return (iso) => (canonical(iso) ? iso.slice(0, 10) : name(Math.floor(Date.parse(iso) / DAY_MS)));
  }
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  const offsetAt = (ms: number) => {
    const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!) - Math.floor(ms / 60_000) * 60_000;
  };
  const perDay = new Map<number, number | null>();
  return (iso) => {
    const ms = Date.parse(iso);
    const d = Math.floor(ms / DAY_MS);
    let offset = perDay.get(d);
    if (offset === undefined) {
      const a = offsetAt(d * DAY_MS);
      const b = offsetAt((d + 1) * DAY_MS - 60_000);
      offset = a === b ? a : null;
      perDay.set(d, offset);
    }
    return offset === null ? localDay(ms, timeZone) : name(Math.floor((ms + offset) / DAY_MS));
  };
}

const utc = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
};
const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** The first day of the bucket a calendar day is in (weeks start on Monday). */
export function bucketStart(day: string, bucket: Bucket): string {
  if (bucket === 'day') return day;
  if (bucket === 'month') return `${day.slice(0, 7)}-01`;
  const d = utc(day);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return ymd(d);
}

function nextBucket(start: string, bucket: Bucket): string {
  const d = utc(start);
  if (bucket === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (bucket === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else d.setUTCMonth(d.getUTCMonth() + 1);
  return ymd(d);
}

export type TrendPoint = {
  /** The bucket's first day (YYYY-MM-DD, in the time zone). */
  start: string;
  created: number;
  won: number;
  revenueWon: Money;
  conversations: number;
  resolvedByAi: number;
  /** resolvedByAi / conversations (0 when none started). */
  aiShare: number;
};

export type Trends = { bucket: Bucket; timeZone: string; points: TrendPoint[] };

/** At most this many points in a series. */
export const MAX_POINTS = 1000;

/**
 * Leads, wins, revenue and AI resolution per bucket over the period (see above). An open start begins
 * at the first lead or conversation; an open end is `now`. `pipelineId` limits the leads (not the
 * conversations).
 */
export function trends(
  data: AnalyticsData,
  period: Period,
  opts: { bucket?: Bucket | undefined; timeZone: string; pipelineId?: string | undefined; now: number },
): Trends {
  const leads = data.leads.filter(
    (l) => createdIn(l, period) && (!opts.pipelineId || pipelineIdOf(l) === opts.pipelineId),
  );
  const conversations = data.conversations.filter((c) => createdIn(c, period));
  let first = Infinity;
  let latest = -Infinity;
  for (const d of [...leads, ...conversations]) {
    const t = createdMs(d);
    if (t < first) first = t;
    if (t > latest) latest = t;
  }
  const [from, to] = periodMs(period);
  const fromMs = Number.isFinite(from) ? from : Number.isFinite(first) ? first : opts.now;
  const toMs = Number.isFinite(to) ? to : Math.max(opts.now, fromMs, latest) + 1;
  const bucket = opts.bucket ?? bucketFor(fromMs, toMs);
  const points = new Map<string, TrendPoint>();
  const last = bucketStart(localDay(toMs - 1, opts.timeZone), bucket);
  for (let s = bucketStart(localDay(fromMs, opts.timeZone), bucket); s <= last; s = nextBucket(s, bucket)) {
    if (points.size >= MAX_POINTS) break;
    points.set(s, {
      start: s,
      created: 0,
      won: 0,
      revenueWon: {},
      conversations: 0,
      resolvedByAi: 0,
      aiShare: 0,
    });
  }
  const dayOf = localDays(opts.timeZone);
  const keys = new Map<string, string>();
  const keyOf = (doc: { createdAt: string }) => {
    const day = dayOf(doc.createdAt);
    let k = keys.get(day);
    if (k === undefined) {
      k = bucketStart(day, bucket);
      keys.set(day, k);
    }
    return k;
  };
  const leadsBy = new Map<string, ReportLead[]>();
  for (const l of leads) {
    const k = keyOf(l);
    let list = leadsBy.get(k);
    if (!list) leadsBy.set(k, (list = []));
    list.push(l);
  }
  for (const [k, list] of leadsBy) {
    const p = points.get(k);
    if (!p) continue;
    const s = leadSummary(list, data.pipelines);
    p.created = s.created;
    p.won = s.won;
    p.revenueWon = s.revenueWon;
  }
  const outcome = aiOutcomes(data.messages, data.activity);
  for (const c of conversations) {
    const p = points.get(keyOf(c));
    if (!p) continue;
    p.conversations++;
    if (outcome(c) === 'resolved') p.resolvedByAi++;
  }
  for (const p of points.values()) p.aiShare = p.conversations ? p.resolvedByAi / p.conversations : 0;
  return { bucket, timeZone: opts.timeZone, points: [...points.values()] };
}

/** The pipeline a report is about: the named one, else the team's first. */
export const reportPipeline = (pipelines: readonly PipelineDoc[], id?: string) =>
  id ? findPipeline(pipelines, id) : pipelines[0];

export type SuggestionStats = { made: number; accepted: number; rate: number };

/** Counts as SuggestionStats: the rate accepted / made, 0 when none was made. */
export const suggestionStatsOf = (made: number, accepted: number): SuggestionStats => ({
  made,
  accepted,
  rate: made ? accepted / made : 0,
});

/** Suggestions made and accepted on the leads created in the period (see the definitions above). */
export function suggestionStats(leads: readonly ReportLead[], period: Period = {}): SuggestionStats {
  let made = 0;
  let accepted = 0;
  for (const l of leads) {
    if (!createdIn(l, period)) continue;
    for (const s of l.suggestions ?? []) {
      made++;
      if (s.outcome === 'accepted') accepted++;
    }
  }
  return suggestionStatsOf(made, accepted);
}
