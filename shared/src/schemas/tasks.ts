// Tasks and calendar events: what agents and reps plan for a contact or lead. Both may mirror an
// external system (Notion, Asana, Trello; Google Calendar), recorded in `external`.
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

export const taskSchema = {
  title: 'task',
  version: 0,
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
    external: externalLinkSchema(['notion', 'asana', 'trello']),
    ...editableFields,
  },
  indexes: ['updatedAt'],
} as const;

export const calendarEventSchema = {
  title: 'calendar event',
  version: 0,
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
    external: externalLinkSchema(['google']),
    ...editableFields,
  },
  indexes: ['updatedAt'],
} as const;

export type TaskDoc = DocOf<typeof taskSchema>;
export type CalendarEventDoc = DocOf<typeof calendarEventSchema>;

export const tasksCollection = defineCollection({
  name: 'tasks',
  schema: taskSchema,
  mergeFields: ['title', 'description', 'status', 'priority', 'dueAt', 'assigneeId', 'external'],
  appendOnly: false,
  migrations: {},
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
  ],
  appendOnly: false,
  migrations: {},
});
