// Tasks and calendar events: what agents and reps plan for a contact or lead. Both may mirror an
// external system (Notion, Asana, Trello, GitHub Projects; Google Calendar), linked in `external`;
// while the external call has not succeeded, `externalSync` says so (the local doc is kept either way
// and the server retries). `external.synced` holds the values last sent to or read from the service
// (a rep's edit is a field that differs from it, pushed by the server); `external.push` a push that
// failed so far (retried with backoff) or was given up.
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

/** The fields a push carries (tasks: title, dueAt, status; events: title, startAt, endAt, status). */
const syncedFieldsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    title: { type: 'string', maxLength: 500 },
    status: { type: 'string', enum: ['open', 'done', 'cancelled', 'scheduled'] },
    dueAt: isoDateSchema,
    startAt: isoDateSchema,
    endAt: isoDateSchema,
  },
} as const;

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
      synced: syncedFieldsSchema,
      push: {
        type: 'object',
        additionalProperties: false,
        required: ['status', 'attempts'],
        properties: {
          status: { type: 'string', enum: ['pending', 'failed'] },
          attempts: { type: 'integer', minimum: 0, maximum: 1000 },
          /** The values this push carries (a later edit is a new push). */
          values: syncedFieldsSchema,
          error: shortText(1000),
          lastAttemptAt: isoDateSchema,
          nextAt: isoDateSchema,
        },
      },
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
  version: 2,
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
  version: 2,
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
  // Version 1 added GitHub Projects and `externalSync`, version 2 `external.synced` and `external.push`;
  // earlier docs are valid as they are.
  migrations: { 1: (old) => old, 2: (old) => old },
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
  // Version 1 added `externalSync`, version 2 `external.synced` and `external.push`; earlier docs are
  // valid as they are.
  migrations: { 1: (old) => old, 2: (old) => old },
});
