// Schema fragments shared by the collections. Every fragment is a JSON-schema literal (`as const`), so
// RxDB, ajv and the derived TypeScript types all read the same definition.

/** Document ids: what CouchDB and RxDB both accept as a primary key (no leading underscore). */
export const idSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 128,
  pattern: '^[A-Za-z0-9][A-Za-z0-9_:.@\\-]*$',
} as const;

/** An optional reference to another document. */
export const refSchema = { type: 'string', minLength: 1, maxLength: 128 } as const;

/** ISO-8601 timestamp with a time zone, e.g. 2026-01-31T12:00:00.000Z. */
export const isoDateSchema = {
  type: 'string',
  maxLength: 40,
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})$',
} as const;

export const shortText = (maxLength = 200) => ({ type: 'string', maxLength }) as const;

export const stringList = (maxItems = 50, maxLength = 100) =>
  ({ type: 'array', maxItems, items: { type: 'string', maxLength } }) as const;

/**
 * Where a conversation happens. `vk` (VK community messages) came with messages v2, contacts v4 and
 * conversations v3 (leads take it in their v3, with the pipelines).
 */
export const channelSchema = {
  type: 'string',
  enum: ['telegram', 'webchat', 'email', 'vk', 'phone', 'manual'],
} as const;

/** The channels, for filters and forms (derived from the schema, never restated). */
export const channelNames = channelSchema.enum;

export const languageSchema = { type: 'string', enum: ['ru', 'en'] } as const;

/** Who did something: a customer, an AI agent, a rep, or the system itself. */
export const actorSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  properties: {
    kind: { type: 'string', enum: ['customer', 'agent', 'rep', 'system'] },
    id: { type: 'string', maxLength: 128 },
    name: { type: 'string', maxLength: 200 },
  },
} as const;

/**
 * An embedding vector with the provider and model that made it, so a change of model re-embeds
 * exactly what it must and vectors of different models are never compared.
 */
export const vectorSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['provider', 'model', 'values'],
  properties: {
    provider: { type: 'string', maxLength: 100 },
    model: { type: 'string', maxLength: 200 },
    contentHash: { type: 'string', maxLength: 128 },
    values: { type: 'array', maxItems: 4096, items: { type: 'number' } },
  },
} as const;

/**
 * The fields every document that people edit carries for the field-level conflict merge: the time each
 * field was last written, and the values that lost a merge (JSON-encoded), so no edit is silently dropped.
 */
export const editableFields = {
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
  fieldUpdatedAt: {
    type: 'object',
    maxProperties: 100,
    additionalProperties: isoDateSchema,
  },
  history: {
    type: 'array',
    maxItems: 200,
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['field', 'value', 'replacedAt'],
      properties: {
        field: { type: 'string', maxLength: 100 },
        value: { type: 'string', maxLength: 20_000 },
        replacedAt: isoDateSchema,
        by: { type: 'string', maxLength: 128 },
      },
    },
  },
} as const;

export const editableRequired = ['createdAt', 'updatedAt'] as const;
