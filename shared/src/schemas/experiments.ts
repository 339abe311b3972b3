// A/B tests of an agent profile's instructions (issue 38): the schema of an experiment and of the
// variant a conversation was assigned, and the edits an admin makes (start, stop, promote a winner).
//
// Experiments live on the profile (`agent_settings.experiments`), not in a collection of their own:
// an experiment only means something for the profile whose instructions it varies, the profile's
// access row is already the one asked for (admins write, everyone reads), it reaches every desktop
// and the agents' settings mirror with the profile (the runtime reads profiles from memory, so a
// started or stopped experiment takes effect with no new follower), and the desktop's RxDB opens
// every collection: the free RxDB allows 13, which the 13 collections already use.
import { idSchema, isoDateSchema, shortText } from './common';

export const experimentStatuses = ['running', 'stopped', 'promoted'] as const;
export type ExperimentStatus = (typeof experimentStatuses)[number];

export const variantSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'weight', 'instructions'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$' },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    /** Relative share of new conversations (70 and 30 split them 70/30). */
    weight: { type: 'number', exclusiveMinimum: 0, maximum: 1000 },
    /** The instructions the agent follows in this variant's conversations (any reply language). */
    instructions: { type: 'string', minLength: 1, maxLength: 20_000 },
    /** The script's opening line: the first reply of the conversation starts with it. */
    greeting: shortText(1000),
  },
} as const;

export const experimentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'status', 'variants', 'startedAt'],
  properties: {
    id: idSchema,
    name: { type: 'string', minLength: 1, maxLength: 200 },
    status: { type: 'string', enum: experimentStatuses },
    variants: { type: 'array', minItems: 2, maxItems: 5, items: variantSchema },
    startedAt: isoDateSchema,
    stoppedAt: isoDateSchema,
    /** The variant whose instructions became the profile's (status `promoted`). */
    winnerVariantId: { type: 'string', maxLength: 40 },
  },
} as const;

/** The variant a conversation was given, written the first time the agents handle it. */
export const experimentAssignmentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['experimentId', 'variantId', 'assignedAt'],
  properties: {
    experimentId: { type: 'string', minLength: 1, maxLength: 128 },
    variantId: { type: 'string', minLength: 1, maxLength: 40 },
    assignedAt: isoDateSchema,
  },
} as const;
