// Activity: every agent step and tool call, with inputs, outputs, timing and status, which reps watch
// live. Append-only.
import { idSchema, isoDateSchema, refSchema, shortText } from './common';
import { defineCollection, type DocOf } from './collection';

export const agentRoles = [
  'supervisor',
  'intake',
  'twin',
  'scoring',
  'answer',
  'nurturing',
  'runtime',
  'sender',
] as const;
export type AgentRole = (typeof agentRoles)[number];

export const activitySchema = {
  title: 'activity',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'runId', 'role', 'kind', 'name', 'status', 'startedAt'],
  properties: {
    id: idSchema,
    /** One agent run (all steps taken for one inbound message) shares a run id. */
    runId: { type: 'string', minLength: 1, maxLength: 128 },
    conversationId: refSchema,
    contactId: refSchema,
    messageId: refSchema,
    role: { type: 'string', enum: agentRoles },
    kind: { type: 'string', enum: ['step', 'llm-call', 'tool-call', 'handoff', 'delivery', 'error'] },
    /** Step or tool name: `route`, `save_client_info`, `create_task`, ... */
    name: { type: 'string', minLength: 1, maxLength: 100 },
    status: { type: 'string', enum: ['started', 'ok', 'error', 'skipped', 'denied'] },
    /** JSON-encoded, truncated inputs and outputs. */
    input: shortText(20_000),
    output: shortText(20_000),
    error: shortText(2000),
    provider: shortText(100),
    model: shortText(200),
    tokens: {
      type: 'object',
      additionalProperties: false,
      properties: {
        prompt: { type: 'integer', minimum: 0 },
        completion: { type: 'integer', minimum: 0 },
        costUsd: { type: 'number', minimum: 0 },
      },
    },
    durationMs: { type: 'number', minimum: 0 },
    startedAt: isoDateSchema,
    finishedAt: isoDateSchema,
  },
  indexes: ['startedAt'],
} as const;

export type ActivityDoc = DocOf<typeof activitySchema>;

export const activityCollection = defineCollection({
  name: 'activity',
  schema: activitySchema,
  mergeFields: [],
  appendOnly: true,
  migrations: {},
});
