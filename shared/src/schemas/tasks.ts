// Tasks and calendar events: what agents and reps plan for a contact or lead. Both may mirror an
// external system (Notion, Asana, Trello, GitHub Projects; Google Calendar), linked in `external`;
// while the external call has not succeeded, `externalSync` says so (the local doc is kept either way
// and the server retries).
import {
  actorSchema,
  editableFields,
  editableRequired,
  idSchema,
  isoDateSchema,
  refSchema,
  shortText,
} from './common';
import { defineCollection, type DocOf } from './collection';

const externalLinkSchema = (providers: readonly string[]) =>
  ({
    type: 'object',
    additionalProperties: false,
    required: ['provider', 'externalId'],
    properties: {
      provider: { type: 'string', enum: providers },
      externalId: shortText(256),
      url: shortText(2048),
      syncedAt: isoDateSchema,
    },
  }) as const;

/** An external copy still to be made: failed so far (retried by the server), or given up. */
const externalSyncSchema = (providers: readonly string[]) =>
  ({
    type: 'object',
    additionalProperties: false,
    required: ['provider', 'status', 'attempts'],
    properties: {
      provider: { type: 'string', enum: providers },
      status: { type: 'string', enum: ['pending', 'failed'] },
      attempts: { type: 'integer', minimum: 0, maximum: 1000 },
      error: shortText(1000),
      lastAttemptAt: isoDateSchema,
    },
  }) as const;

export const taskProviderNames = ['notion', 'asana', 'trello', 'github'] as const;
export const calendarProviderNames = ['google'] as const;

export const taskSchema = {
  title: 'task',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'status', 'createdBy', ...editableRequired],
  properties: {
    id: idSchema,
    title: { type: 'string', minLength: 1, maxLength: 500 },
    description: shortText(10_000),
    status: { type: 'string', enum: ['open', 'done', 'cancelled'] },
    priority: { type: 'string', enum: ['low', 'normal', 'high'] },
    dueAt: isoDateSchema,
    assigneeId: refSchema,
    contactId: refSchema,
    leadId: refSchema,
    conversationId: refSchema,
    createdBy: actorSchema,
    external: externalLinkSchema(taskProviderNames),
    externalSync: externalSyncSchema(taskProviderNames),
    ...editableFields,
  },
  indexes: ['updatedAt'],
} as const;

export const calendarEventSchema = {
  title: 'calendar event',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'startAt', 'endAt', 'status', 'createdBy', ...editableRequired],
  properties: {
    id: idSchema,
    title: { type: 'string', minLength: 1, maxLength: 500 },
    description: shortText(10_000),
    startAt: isoDateSchema,
    endAt: isoDateSchema,
    timezone: shortText(64),
    location: shortText(500),
    attendees: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { name: shortText(200), email: shortText(254), contactId: refSchema },
      },
    },
    status: { type: 'string', enum: ['scheduled', 'cancelled', 'done'] },
    contactId: refSchema,
    leadId: refSchema,
    conversationId: refSchema,
    createdBy: actorSchema,
    external: externalLinkSchema(calendarProviderNames),
    externalSync: externalSyncSchema(calendarProviderNames),
    ...editableFields,
  },
  indexes: ['updatedAt'],
} as const;

export type TaskDoc = DocOf<typeof taskSchema>;
export type CalendarEventDoc = DocOf<typeof calendarEventSchema>;

export const tasksCollection = defineCollection({
  name: 'tasks',
  schema: taskSchema,
  mergeFields: [
    'title',
    'description',
    'status',
    'priority',
    'dueAt',
    'assigneeId',
    'external',
    'externalSync',
  ],
  appendOnly: false,
  // Version 1 added GitHub Projects and `externalSync`; earlier docs are valid as they are.
  migrations: { 1: (old) => old },
});

export const eventsCollection = defineCollection({
  name: 'events',
  schema: calendarEventSchema,
  mergeFields: [
    'title',
    'description',
    'startAt',
    'endAt',
    'timezone',
    'location',
    'attendees',
    'status',
    'external',
    'externalSync',
  ],
  appendOnly: false,
  // Version 1 added `externalSync`; earlier docs are valid as they are.
  migrations: { 1: (old) => old },
});
