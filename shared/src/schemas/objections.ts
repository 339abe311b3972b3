// The team's objection library (issue 38): one doc per objection type ("too expensive", "need to
// think", "we use a competitor", ...) with the customer phrasings that signal it (trigger examples per
// language), the approved answers per language and optionally per deal stage, success stories and
// competitor comparisons. The agents recognise an objection from the triggers and answer with an
// approved answer (shared/src/agents/objections/); reps read the library, admins edit it.
import { editableFields, editableRequired, idSchema, languageSchema, shortText, stringList } from './common';
import { defineCollection, type DocOf } from './collection';
import { stageIdSchema } from './pipelines';

/** The objection types the demo library and the UI offer first; a team may add its own. */
export const commonObjectionTypes = [
  'too-expensive',
  'need-to-think',
  'competitor',
  'no-budget',
  'not-now',
  'send-info',
] as const;

/** An objection type: a short kebab-case key, unique within the team's library. */
export const objectionTypeSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 60,
  pattern: '^[a-z][a-z0-9-]*$',
} as const;

const localizedText = (maxLength: number) =>
  ({
    type: 'object',
    additionalProperties: false,
    properties: { ru: shortText(maxLength), en: shortText(maxLength) },
  }) as const;

const textSchema = { type: 'string', minLength: 1, maxLength: 2000 } as const;

export const objectionSchema = {
  title: 'objection',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'type', 'name', 'triggers', 'answers', ...editableRequired],
  properties: {
    id: idSchema,
    type: objectionTypeSchema,
    /** What reps read in lists and on a deal, per language. */
    name: localizedText(200),
    /** Customer phrasings that mean this objection, per language (the recogniser's examples). */
    triggers: {
      type: 'object',
      additionalProperties: false,
      properties: { ru: stringList(50, 300), en: stringList(50, 300) },
    },
    /** Approved answers: one per language, and per deal stage where the answer depends on it. */
    answers: {
      type: 'array',
      minItems: 1,
      maxItems: 40,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['language', 'text'],
        properties: { language: languageSchema, text: textSchema, stage: stageIdSchema },
      },
    },
    /** Customers who had this objection and bought anyway, told in a sentence or two. */
    successStories: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['language', 'text'],
        properties: { language: languageSchema, text: textSchema },
      },
    },
    /** How we compare with a named competitor, per language. */
    comparisons: {
      type: 'array',
      maxItems: 30,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['competitor', 'language', 'text'],
        properties: {
          competitor: { type: 'string', minLength: 1, maxLength: 100 },
          language: languageSchema,
          text: textSchema,
        },
      },
    },
    /** Switched off: kept in the library, never recognised. */
    active: { type: 'boolean' },
    ...editableFields,
  },
  indexes: ['updatedAt'],
} as const;

export type ObjectionDoc = DocOf<typeof objectionSchema>;
export type ObjectionAnswer = ObjectionDoc['answers'][number];

export const objectionsCollection = defineCollection({
  name: 'objections',
  schema: objectionSchema,
  mergeFields: ['type', 'name', 'triggers', 'answers', 'successStories', 'comparisons', 'active'],
  appendOnly: false,
  migrations: {},
});
