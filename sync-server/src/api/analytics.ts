// Sales analytics over a date range: GET /analytics/summary?from&to[&pipelineId][&groupBy] and
// GET /analytics/timeseries?from[&to][&bucket][&tz][&pipelineId]. The numbers come from the same
// definitions the desktop computes offline (shared/src/crm/analytics.ts and analytics-report.ts, where
// each one is written out), over the team's leads, conversations, messages and hand-off activity.
import type { Router } from 'express';
import { z } from 'zod';
import {
  aiResolution,
  breakdown,
  buckets,
  findPipeline,
  funnel,
  groupByKeys,
  isTimeZone,
  leadSummary,
  negativeConversations,
  responseStats,
  type MoodConversation,
  stageConversion,
  suggestionStats,
  timeInStage,
  trends,
  type AnalyticsData,
  type Period,
} from '@app/shared/crm';
import { DomainError } from '@app/shared/errors';
import { EVENTS_PIPELINE_ID, eventsReport } from '@app/shared/packs';
import type { StageChangeDoc } from '@app/shared/schemas';
import type { ServerDeps } from '../context';
import { authOf, parse, route } from '../http/route';
import type { RouteRegistry } from '../http/registry';
import { teamCollection } from '../store/collections';
import { readPipelines } from '../store/team-pipelines';

/** Whether the time parses and its day exists (`2026-02-30` is not rolled over to March). */
const realDay = (s: string) => {
  const t = Date.parse(s);
  if (Number.isNaN(t)) return false;
  const [y, m, d] = s.slice(0, 10).split('-').map(Number);
  const day = new Date(Date.UTC(y!, m! - 1, d!));
  return day.getUTCFullYear() === y && day.getUTCMonth() === m! - 1 && day.getUTCDate() === d;
};

/** A day (YYYY-MM-DD, UTC midnight) or a full ISO time. */
const when = z
  .string()
  .max(40)
  .refine((s) => /^\d{4}-\d{2}-\d{2}(T.+)?$/.test(s) && realDay(s), {
    message: 'must be a date (YYYY-MM-DD) or an ISO time',
  });
const pipelineId = z.string().min(1).max(128);
const summaryQuery = z.strictObject({
  from: when.optional(),
  to: when.optional(),
  pipelineId: pipelineId.optional(),
  groupBy: z.enum(groupByKeys).optional(),
});
const eventsQuery = z.strictObject({ from: when.optional(), to: when.optional() });
const timeseriesQuery = z.strictObject({
  from: when,
  to: when.optional(),
  pipelineId: pipelineId.optional(),
  bucket: z.enum(buckets).optional(),
  tz: z
    .string()
    .max(64)
    .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Moscow' })
    .optional(),
});

/** The longest period a report covers (a bit over two years). */
export const MAX_RANGE_DAYS = 731;

const iso = (s: string | undefined) => (s === undefined ? undefined : new Date(Date.parse(s)).toISOString());

/** The period of a query, refused when reversed or longer than MAX_RANGE_DAYS. */
function periodOf(q: { from?: string | undefined; to?: string | undefined }, now: number): Period {
  const period = { from: iso(q.from), to: iso(q.to) };
  if (period.from && period.to && period.from >= period.to) {
    throw new DomainError('bad-request', `'from' (${q.from}) must be before 'to' (${q.to})`);
  }
  if (period.from) {
    const end = period.to ? Date.parse(period.to) : now;
    if (end - Date.parse(period.from) > MAX_RANGE_DAYS * 86_400_000) {
      throw new DomainError('bad-request', `The period may be at most ${MAX_RANGE_DAYS} days (two years)`);
    }
  }
  return period;
}

async function readData(
  deps: ServerDeps,
  teamId: string,
): Promise<AnalyticsData & { stageChanges: StageChangeDoc[]; moods: MoodConversation[] }> {
  const all = <C extends 'leads' | 'conversations' | 'messages' | 'activity' | 'stage_changes'>(c: C) =>
    teamCollection(deps.store, teamId, c).all();
  const [pipelines, leads, conversations, messages, activity, stageChanges] = await Promise.all([
    readPipelines(deps.store, teamId),
    all('leads'),
    all('conversations'),
    all('messages'),
    all('activity'),
    all('stage_changes'),
  ]);
  return {
    stageChanges,
    moods: conversations,
    pipelines,
    leads,
    conversations,
    messages,
    activity: activity.filter((a) => a.kind === 'handoff'),
  };
}

const findOr404 = (data: AnalyticsData, id: string) => {
  const pipeline = findPipeline(data.pipelines, id);
  if (!pipeline) throw new DomainError('pipeline-not-found', `Pipeline '${id}' was not found`);
  return pipeline;
};

const access = [
  { resource: 'leads', op: 'read' },
  { resource: 'conversations', op: 'read' },
  { resource: 'messages', op: 'read' },
  { resource: 'stage_changes', op: 'read' },
] as const;

export function addAnalyticsRoutes(router: Router, registry: RouteRegistry, deps: ServerDeps): void {
  registry.add(
    router,
    {
      method: 'get',
      path: '/analytics/summary',
      summary:
        'Leads created, conversion to won (won / created), win rate (won / closed), revenue won, the cumulative funnel and the stage-to-stage conversion of a pipeline, time in stage, first response times, conversations resolved by AI without a human, the share of negative conversations (an angry or abusive customer) in all and per channel, and the up-sell and cross-sell suggestions made and accepted, for [from, to) (at most two years); with groupBy (channel, owner, pipeline, campaign) the same metrics per group',
      tag: 'analytics',
      access: [...access],
      query: summaryQuery,
      response: z.object({
        period: z.record(z.string(), z.unknown()),
        leads: z.record(z.string(), z.unknown()),
      }),
    },
    route(async (req, res) => {
      const { teamId } = authOf(res);
      const q = parse(summaryQuery, req.query);
      const now = Date.now();
      const period = periodOf(q, now);
      const data = await readData(deps, teamId);
      const pipeline = findOr404(data, q.pipelineId ?? data.pipelines[0]!.id);
      res.json({
        period,
        leads: leadSummary(data.leads, data.pipelines, period),
        funnel: { pipelineId: pipeline.id, cumulative: true, stages: funnel(data.leads, pipeline, period) },
        stageConversion: { pipelineId: pipeline.id, steps: stageConversion(data.leads, pipeline, period) },
        timeInStage: {
          pipelineId: pipeline.id,
          asOf: new Date(now).toISOString(),
          basis: data.stageChanges.length ? 'stage-history' : 'current-stage',
          stages: timeInStage(data.leads, pipeline, period, now, data.stageChanges),
        },
        firstResponseMs: responseStats(data.messages, period),
        aiResolution: aiResolution(data.conversations, data.messages, data.activity, period),
        suggestions: suggestionStats(data.leads, period),
        // Conversations with an angry or abusive customer (issue 62), in all and per channel.
        negativeConversations: negativeConversations(data.moods, period),
        ...(q.groupBy ? { groupBy: q.groupBy, groups: breakdown(data, q.groupBy, period) } : {}),
      });
    }),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/analytics/events',
      summary:
        "The events pack's pipeline for [from, to): deals, won, lost and win rate per event type, the customers' average budget and the estimated total and agency margin per currency (404 without the events pipeline)",
      tag: 'analytics',
      access: [{ resource: 'leads', op: 'read' }],
      query: eventsQuery,
      response: z.object({ pipelineId: z.string(), deals: z.number(), byType: z.array(z.unknown()) }),
    },
    route(async (req, res) => {
      const { teamId } = authOf(res);
      const period = periodOf(parse(eventsQuery, req.query), Date.now());
      const pipeline = findPipeline(await readPipelines(deps.store, teamId), EVENTS_PIPELINE_ID);
      if (!pipeline?.pack) {
        throw new DomainError(
          'pipeline-not-found',
          'The team has no events pipeline: apply the events-agency pack first (POST /packs/events-agency/apply)',
        );
      }
      const leads = await teamCollection(deps.store, teamId, 'leads').all();
      res.json({ period, ...eventsReport(leads, pipeline, period) });
    }),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/analytics/timeseries',
      summary:
        'Per day, week (from Monday) or month of [from, to) in a time zone: leads created, of them won, their revenue won, conversations started and the share resolved by AI without a human; the bucket is chosen from the range when not given',
      tag: 'analytics',
      access: [...access],
      query: timeseriesQuery,
      response: z.object({
        period: z.record(z.string(), z.unknown()),
        bucket: z.enum(buckets),
        timeZone: z.string(),
        points: z.array(z.record(z.string(), z.unknown())),
      }),
    },
    route(async (req, res) => {
      const { teamId } = authOf(res);
      const q = parse(timeseriesQuery, req.query);
      const now = Date.now();
      const period = periodOf(q, now);
      const data = await readData(deps, teamId);
      if (q.pipelineId) findOr404(data, q.pipelineId);
      const series = trends(data, period, {
        bucket: q.bucket,
        timeZone: q.tz ?? 'UTC',
        pipelineId: q.pipelineId,
        now,
      });
      res.json({ period, ...series });
    }),
  );
}
