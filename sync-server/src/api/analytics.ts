// Sales analytics over a date range: GET /analytics/summary?from&to[&pipelineId]. The numbers come from
// the same definitions the desktop computes offline (shared/src/crm/analytics.ts, where each one is
// written out), over the team's leads, conversations, messages and hand-off activity.
import type { Router } from 'express';
import { z } from 'zod';
import {
  aiResolution,
  findPipeline,
  firstResponseTimes,
  funnel,
  leadSummary,
  percentile,
} from '@app/shared/crm';
import { DomainError } from '@app/shared/errors';
import type { ActivityDoc, ConversationDoc, LeadDoc, MessageDoc } from '@app/shared/schemas';
import type { ServerDeps } from '../context';
import { authOf, parse, route } from '../http/route';
import type { RouteRegistry } from '../http/registry';
import { allDocs } from '../store/raw-docs';
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
const summaryQuery = z.strictObject({
  from: when.optional(),
  to: when.optional(),
  pipelineId: z.string().min(1).max(128).optional(),
});

const iso = (s: string | undefined) => (s === undefined ? undefined : new Date(Date.parse(s)).toISOString());

export function addAnalyticsRoutes(router: Router, registry: RouteRegistry, deps: ServerDeps): void {
  registry.add(
    router,
    {
      method: 'get',
      path: '/analytics/summary',
      summary:
        'Leads created, conversion to won (won / created), win rate (won / closed), revenue won, the cumulative funnel of a pipeline, first response times and conversations resolved by AI without a human, for [from, to)',
      tag: 'analytics',
      access: [
        { resource: 'leads', op: 'read' },
        { resource: 'conversations', op: 'read' },
        { resource: 'messages', op: 'read' },
      ],
      query: summaryQuery,
      response: z.object({
        period: z.record(z.string(), z.unknown()),
        leads: z.record(z.string(), z.unknown()),
      }),
    },
    route(async (req, res) => {
      const { teamId } = authOf(res);
      const q = parse(summaryQuery, req.query);
      const period = { from: iso(q.from), to: iso(q.to) };
      if (period.from && period.to && period.from >= period.to) {
        throw new DomainError('bad-request', `'from' (${q.from}) must be before 'to' (${q.to})`);
      }
      const db = (c: 'leads' | 'conversations' | 'messages' | 'activity') => deps.store.teamDb(teamId, c);
      const [pipelines, ...docs] = await Promise.all([
        readPipelines(deps.store, teamId),
        allDocs(db('leads')),
        allDocs(db('conversations')),
        allDocs(db('messages')),
        allDocs(db('activity')),
      ]);
      const leads = docs[0] as unknown as LeadDoc[];
      const conversations = docs[1] as unknown as ConversationDoc[];
      const messages = docs[2] as unknown as MessageDoc[];
      const activity = docs[3] as unknown as ActivityDoc[];
      const pipelineId = q.pipelineId ?? pipelines[0]!.id;
      const pipeline = findPipeline(pipelines, pipelineId);
      if (!pipeline) throw new DomainError('pipeline-not-found', `Pipeline '${pipelineId}' was not found`);
      const times = firstResponseTimes(messages, period);
      res.json({
        period,
        leads: leadSummary(leads, pipelines, period),
        funnel: { pipelineId: pipeline.id, cumulative: true, stages: funnel(leads, pipeline, period) },
        firstResponseMs: { count: times.length, median: percentile(times, 50), p90: percentile(times, 90) },
        aiResolution: aiResolution(
          conversations,
          messages,
          activity.filter((a) => a.kind === 'handoff'),
          period,
        ),
      });
    }),
  );
}
