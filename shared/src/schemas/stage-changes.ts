// Stage changes: a deal's stage history, one append-only record per move (board drag, deal editor,
// API, an agent's move, an approved proposal, a pipeline edit that moves leads). The lead keeps only
// where it is now (`stage`, `stageChangedAt`); this collection keeps how it got there: the deal
// timeline, "time in stage" analytics and customer notifications (a notifying stage is entered) read it.
//
// Why a replicated collection written by the writer, not records derived by the server from the leads
// feed: moves happen offline on the desktop. A lead replicates only its latest state, so a deal moved
// new -> proposal -> won on a plane arrives at the server as one change, with no author; the writer
// alone knows each step, when and who. So every writer calls `stageChangeOf` beside its lead write
// (the desktop in the same local action, offline if need be; the API, the agents and pipeline edits on
// the server) and the record replicates like any doc.
// - Idempotent: the id derives from the lead, the time of the move and the stage entered
//   (`stageChangeId`), so a retried write, or the same move written by two paths, is one record.
// - Two devices moving the same deal offline: both moves are kept (different times, different ids);
//   the lead's own field merge decides where it is now. History is what happened, in time order.
// - Append-only: never updated; the access table lets reps create them, nobody update, admins delete.
//   A rep may write only records by themselves (`by.kind` 'rep', `by.id` their user id: a field rule
//   bound to the caller), so nobody forges an agent's or a colleague's move; agents' and the system's
//   records are written by the server.
import { actorSchema, idSchema, isoDateSchema, refSchema } from './common';
import { defineCollection, type DocOf } from './collection';
import { stageIdSchema } from './pipelines';

export const stageChangeVias = [
  'board',
  'editor',
  'api',
  'agent',
  'proposal',
  'pipeline-edit',
  'import',
] as const;
export type StageChangeVia = (typeof stageChangeVias)[number];

export const stageChangeSchema = {
  title: 'stage change',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'leadId', 'pipelineId', 'to', 'at', 'by', 'createdAt'],
  properties: {
    id: idSchema,
    leadId: { type: 'string', minLength: 1, maxLength: 128 },
    /** The pipeline the deal entered `to` in. */
    pipelineId: refSchema,
    /** The stage left; none when the deal was created in `to`. */
    from: stageIdSchema,
    /** The pipeline left, when the move changed pipelines. */
    fromPipelineId: refSchema,
    to: stageIdSchema,
    /** When the deal entered `to` (the lead's `stageChangedAt`). */
    at: isoDateSchema,
    by: actorSchema,
    /** Where the move was made. */
    via: { type: 'string', enum: stageChangeVias },
    /** The deal's conversation at the time (timeline, customer notification). */
    conversationId: refSchema,
    createdAt: isoDateSchema,
  },
  indexes: ['at'],
} as const;

export type StageChangeDoc = DocOf<typeof stageChangeSchema>;
export type StageActor = StageChangeDoc['by'];

export const stageChangesCollection = defineCollection({
  name: 'stage_changes',
  schema: stageChangeSchema,
  mergeFields: [],
  appendOnly: true,
  migrations: {},
});

/** FNV-1a, base 36: a short stable digest for ids. */
function digest(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h.toString(36);
}

/** The id of the record of a move: the same move (lead, time, stage entered) always maps to one id. */
export function stageChangeId(leadId: string, at: string, to: string): string {
  const t = Date.parse(at);
  const time = Number.isFinite(t) ? t.toString(36) : digest(at);
  const safe = leadId.replace(/[^A-Za-z0-9_.@-]/g, '_').replace(/^[^A-Za-z0-9]+/, '');
  return `sc:${safe.slice(0, 80)}:${time}:${digest(`${leadId}|${at}|${to}`)}`;
}

type LeadState = {
  id: string;
  stage: string;
  pipelineId?: string | undefined;
  conversationId?: string | undefined;
  stageChangedAt?: string | undefined;
};

/**
 * The record of a lead's move from `before` (null: just created) to `after`, or undefined when the
 * stage and pipeline stayed. Every writer of a lead's stage calls it and writes what it answers.
 */
export function stageChangeOf(
  before: Omit<LeadState, 'id'> | null | undefined,
  after: LeadState,
  by: StageActor,
  at: string,
  via?: StageChangeVia,
): StageChangeDoc | undefined {
  const pipelineId = after.pipelineId ?? 'default';
  const fromPipeline = before ? (before.pipelineId ?? 'default') : undefined;
  if (before && before.stage === after.stage && fromPipeline === pipelineId) return undefined;
  const when = after.stageChangedAt ?? at;
  const actor: StageActor = {
    kind: by.kind,
    ...(by.id ? { id: by.id.slice(0, 128) } : {}),
    ...(by.name ? { name: by.name.slice(0, 200) } : {}),
  };
  return {
    id: stageChangeId(after.id, when, after.stage),
    leadId: after.id,
    pipelineId,
    ...(before ? { from: before.stage } : {}),
    ...(before && fromPipeline !== pipelineId ? { fromPipelineId: fromPipeline } : {}),
    to: after.stage,
    at: when,
    by: actor,
    ...(via ? { via } : {}),
    ...(after.conversationId ? { conversationId: after.conversationId } : {}),
    createdAt: at,
  };
}
