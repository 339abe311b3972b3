// Pipelines: a team's sales pipelines, each an ordered list of stages (open, won or lost) with a win
// probability, and the currencies its deals are counted in. Admins edit them; everyone reads them.
// A team that has stored none works the built-in default pipeline, the six stages leads always had.
import { editableFields, editableRequired, idSchema, shortText } from './common';
import { defineCollection, type DocOf, type OldDoc } from './collection';

export const stageKinds = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof stageKinds)[number];

/** A stage id: what a lead's `stage` holds (lower-case letters, digits, `-` and `_`). */
export const stageIdSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 40,
  pattern: '^[a-z0-9][a-z0-9_-]*$',
} as const;

/**
 * A name in both languages (a pack's pipeline or stage): the app shows the UI's one while the stored
 * `name` is still one of them, and the stored `name` once a team renames it.
 */
export const bothNamesSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['en', 'ru'],
  properties: { en: shortText(120), ru: shortText(120) },
} as const;

/** An ISO 4217 currency code. */
export const currencySchema = { type: 'string', pattern: '^[A-Z]{3}$' } as const;

export const pipelineStageSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'kind', 'probability'],
  properties: {
    id: stageIdSchema,
    /** Shown name; none for the default stages, which the app names in the reader's language. */
    name: { type: 'string', minLength: 1, maxLength: 80 },
    /** The stage's name in both languages (a pack's stage), shown in the UI's language. */
    names: bothNamesSchema,
    kind: { type: 'string', enum: stageKinds },
    /** Chance (0..100 %) that a deal in this stage is won: the weighted forecast's factor. */
    probability: { type: 'number', minimum: 0, maximum: 100 },
    /**
     * A message to the customer when a deal enters this stage (crm/stage-notify.ts): sent once through
     * the deal's conversation, in the customer's language. Placeholders: {{name}}, {{deal}}, {{stage}},
     * {{company}}.
     */
    notify: {
      type: 'object',
      additionalProperties: false,
      required: ['enabled'],
      properties: {
        enabled: { type: 'boolean' },
        templates: {
          type: 'object',
          additionalProperties: false,
          properties: { en: shortText(2000), ru: shortText(2000) },
        },
      },
    },
  },
} as const;

/** A custom deal field a pipeline's deals carry (`lead.customFields[id]`), named in both languages. */
export const customFieldTypes = ['text', 'number', 'date', 'money'] as const;
export const customFieldSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'type', 'labels'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 40, pattern: '^[a-z][a-zA-Z0-9_]*$' },
    type: { type: 'string', enum: customFieldTypes },
    labels: {
      type: 'object',
      additionalProperties: false,
      required: ['en', 'ru'],
      properties: { en: shortText(80), ru: shortText(80) },
    },
  },
} as const;

/**
 * A rate card in one currency (the events pack's Finance agent estimates budgets from it): per guest
 * venue and catering, flat AV, staff and decor, the agency's margin, and the cheaper option's rates.
 */
export const rateCardSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['currency', 'venuePerGuest', 'cateringPerGuest', 'av', 'staff', 'decor', 'marginPercent'],
  properties: {
    currency: currencySchema,
    venuePerGuest: { type: 'number', minimum: 0, maximum: 1e9 },
    cateringPerGuest: { type: 'number', minimum: 0, maximum: 1e9 },
    av: { type: 'number', minimum: 0, maximum: 1e12 },
    staff: { type: 'number', minimum: 0, maximum: 1e12 },
    decor: { type: 'number', minimum: 0, maximum: 1e12 },
    marginPercent: { type: 'number', minimum: 0, maximum: 100 },
    /** The cheaper option: a simpler venue and a buffet per guest (decor left out). */
    economyVenuePerGuest: { type: 'number', minimum: 0, maximum: 1e9 },
    economyCateringPerGuest: { type: 'number', minimum: 0, maximum: 1e9 },
  },
} as const;

/** A supplier the team works with (the events pack's Vendors agent asks the matching ones for quotes). */
export const vendorKinds = ['venue', 'catering', 'av', 'host', 'decor', 'photo'] as const;
export const vendorSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'kind', 'name', 'city'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 60, pattern: '^[a-z0-9][a-z0-9-]*$' },
    kind: { type: 'string', enum: vendorKinds },
    name: shortText(200),
    city: shortText(100),
    /** Guests at most (venues). */
    capacity: { type: 'integer', minimum: 1, maximum: 100_000 },
    /** The vendor's price per guest or per event, in `currency`. */
    pricePerGuest: { type: 'number', minimum: 0, maximum: 1e9 },
    price: { type: 'number', minimum: 0, maximum: 1e12 },
    currency: currencySchema,
    email: shortText(254),
    /**
     * The vendor's Telegram chat with the team's bot (their user id: they wrote to the bot once), where
     * requests for quotes go when they have no e-mail.
     */
    telegram: { type: 'string', pattern: '^-?\\d{1,20}$', maxLength: 21 },
    /** The language the vendor is written to in (requests for quotes); none: the deal's. */
    language: { type: 'string', enum: ['en', 'ru'] },
    /** Days already booked (YYYY-MM-DD). */
    datesTaken: {
      type: 'array',
      maxItems: 366,
      items: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 },
    },
  },
} as const;

export const pipelineSchema = {
  title: 'pipeline',
  version: 5,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'stages', 'currencies', ...editableRequired],
  properties: {
    id: idSchema,
    name: { type: 'string', minLength: 1, maxLength: 120 },
    /** The name in both languages (a pack's pipeline), shown in the UI's language while `name` is one. */
    names: bothNamesSchema,
    /**
     * The pipeline the team's board opens on (a member who picked another on a device keeps theirs);
     * applying a pack makes its pipeline the team's when none is yet. None: the default pipeline.
     */
    boardDefault: { type: 'boolean' },
    /** In board order; at least one open stage (checked by `checkPipeline`). */
    stages: { type: 'array', minItems: 1, maxItems: 30, items: pipelineStageSchema },
    /** The currencies deals are counted in; the first is the default for new deals. */
    currencies: { type: 'array', minItems: 1, maxItems: 20, items: currencySchema },
    /** Order among the team's pipelines (switcher). */
    position: { type: 'number', minimum: 0, maximum: 1e6 },
    description: shortText(500),
    /** Custom deal fields of this pipeline's deals (their values: `lead.customFields`). */
    fields: { type: 'array', maxItems: 50, items: customFieldSchema },
    /** The domain pack that set the pipeline up (shared/src/packs/), whose agents work its deals. */
    pack: { type: 'string', minLength: 1, maxLength: 60, pattern: '^[a-z0-9][a-z0-9-]*$' },
    /** The team's rate cards for this pipeline's deals, one per currency. */
    rateCards: { type: 'array', maxItems: 10, items: rateCardSchema },
    /** The team's vendor directory for this pipeline's deals. */
    vendors: { type: 'array', maxItems: 200, items: vendorSchema },
    ...editableFields,
  },
  indexes: ['updatedAt'],
} as const;

export type PipelineDoc = DocOf<typeof pipelineSchema>;
export type PipelineStage = PipelineDoc['stages'][number];
export type CustomFieldDef = NonNullable<PipelineDoc['fields']>[number];
export type RateCard = NonNullable<PipelineDoc['rateCards']>[number];
export type Vendor = NonNullable<PipelineDoc['vendors']>[number];

/**
 * The id of the default pipeline: leads without a `pipelineId` (older ones, new ones from channels and
 * imports) belong to it. It always exists: built in until an admin stores an edited copy.
 */
export const DEFAULT_PIPELINE_ID = 'default';

/** The six stages every team had before pipelines, with their probabilities. */
export const defaultStages: readonly PipelineStage[] = [
  { id: 'new', kind: 'open', probability: 10 },
  { id: 'qualified', kind: 'open', probability: 25 },
  { id: 'proposal', kind: 'open', probability: 50 },
  { id: 'negotiation', kind: 'open', probability: 75 },
  { id: 'won', kind: 'won', probability: 100 },
  { id: 'lost', kind: 'lost', probability: 0 },
];

/** The built-in default pipeline (what a team without stored pipelines works). */
export function defaultPipeline(
  at = '1970-01-01T00:00:00.000Z',
  currencies: readonly string[] = ['USD'],
): PipelineDoc {
  return {
    id: DEFAULT_PIPELINE_ID,
    name: 'Sales',
    stages: defaultStages.map((s) => ({ ...s })),
    currencies: [...currencies],
    position: 0,
    createdAt: at,
    updatedAt: at,
  };
}

export const pipelinesCollection = defineCollection({
  name: 'pipelines',
  schema: pipelineSchema,
  mergeFields: [
    'name',
    'stages',
    'currencies',
    'position',
    'description',
    'fields',
    'pack',
    'rateCards',
    'vendors',
    'names',
    'boardDefault',
  ],
  appendOnly: false,
  migrations: {
    // Version 1 added the optional customer notification per stage (`notify`): nothing to convert.
    1: (old: OldDoc): OldDoc => old,
    // Version 2 added the optional custom deal fields, the pack and the rate cards (issue 39).
    2: (old: OldDoc): OldDoc => old,
    // Version 3 added the optional vendor directory (issue 39).
    3: (old: OldDoc): OldDoc => old,
    // Version 4 added a vendor's optional Telegram chat and language (requests for quotes, issue 39).
    4: (old: OldDoc): OldDoc => old,
    // Version 5 added the optional names in both languages and the team's board pipeline (`boardDefault`,
    // issue 64): nothing to convert (a pack's pipeline stored before is named through its pack).
    5: (old: OldDoc): OldDoc => old,
  },
});
