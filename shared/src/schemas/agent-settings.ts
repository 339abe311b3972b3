// Agent profiles: persona, instructions, models per role, allowed tools, knowledge scope, language and
// working hours.
// A team keeps several and assigns them per channel or bot.
import { editableFields, editableRequired, idSchema, refSchema, shortText, stringList } from './common';
import { defineCollection, type DocOf, type OldDoc } from './collection';
import { experimentSchema } from './experiments';

/** The sales agent's roles that ask a model, each with its own choice in `models`. */
export const salesModelRoles = ['supervisor', 'answer', 'twin', 'scoring', 'nurturing'] as const;
/** A domain pack's agent roles (issue 39), each with its own choice in `models` too. */
export const packModelRoles = [
  'maestro',
  'planning',
  'finance',
  'vendors',
  'communication',
  'analytics',
  'social',
] as const;

const modelChoiceSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['model'],
  properties: {
    /** A provider id of the team's model providers (or LLM_FALLBACKS); empty: the first provider. */
    provider: shortText(100),
    model: { type: 'string', minLength: 1, maxLength: 200 },
    temperature: { type: 'number', minimum: 0, maximum: 2 },
  },
} as const;

/**
 * Consequential effects of agents' tools on a lead: moving it to won or lost, its deal value, its owner.
 * Per effect `allow` (done at once), `propose` (a rep approves it in the app) or `deny`. A profile
 * without a setting for an effect proposes it.
 */
export const toolEffectKinds = ['closeStage', 'value', 'owner'] as const;
export type ToolEffectKind = (typeof toolEffectKinds)[number];
export const toolEffectModes = ['allow', 'propose', 'deny'] as const;
export type ToolEffectMode = (typeof toolEffectModes)[number];
const toolEffectMode = { type: 'string', enum: toolEffectModes } as const;

/** A persona and instructions written for one reply language; unset parts fall back to the profile's own. */
const localizedTextSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    persona: { type: 'string', maxLength: 4000 },
    instructions: { type: 'string', maxLength: 20_000 },
  },
} as const;

const hhmm = { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' } as const;

export const agentSettingsSchema = {
  title: 'agent settings',
  version: 10,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'name',
    'persona',
    'instructions',
    'language',
    'allowedTools',
    'channels',
    'isDefault',
    ...editableRequired,
  ],
  properties: {
    id: idSchema,
    name: { type: 'string', minLength: 1, maxLength: 200 },
    persona: { type: 'string', maxLength: 4000 },
    instructions: { type: 'string', maxLength: 20_000 },
    /**
     * Persona and instructions per reply language (`en`, `ru`), written by the admin in that language;
     * where a language has none, `persona` and `instructions` above serve every language.
     */
    localized: {
      type: 'object',
      additionalProperties: false,
      properties: { en: localizedTextSchema, ru: localizedTextSchema },
    },
    /** `auto` answers in the customer's language. */
    language: { type: 'string', enum: ['auto', 'ru', 'en'] },
    /**
     * The team's country (ISO 3166 alpha-2, e.g. `RU`): the region of phone numbers customers write
     * without a country code, after what the customer's own language and numbers say.
     */
    defaultRegion: { type: 'string', pattern: '^[A-Z]{2}$' },
    models: {
      type: 'object',
      additionalProperties: false,
      properties: {
        supervisor: modelChoiceSchema,
        answer: modelChoiceSchema,
        twin: modelChoiceSchema,
        scoring: modelChoiceSchema,
        nurturing: modelChoiceSchema,
        // A domain pack's roles (issue 39; llm/types.ts packLlmRoles).
        maestro: modelChoiceSchema,
        planning: modelChoiceSchema,
        finance: modelChoiceSchema,
        vendors: modelChoiceSchema,
        communication: modelChoiceSchema,
        analytics: modelChoiceSchema,
        social: modelChoiceSchema,
      },
    },
    /**
     * The fallback chain: ids of the team's model providers, tried in this order after a role's
     * chosen one (unset: every provider of the team, in the team's order); the offline provider last.
     */
    fallbacks: stringList(10, 100),
    /** Monthly model budget (USD) of the team's spending; at it only the offline provider answers. */
    monthlyBudgetUsd: { type: 'number', minimum: 0, maximum: 1_000_000 },
    allowedTools: stringList(100, 100),
    /**
     * The knowledge the agent answers from: ids of the team's knowledge sources (documents). Unset or
     * empty: all of the team's knowledge. Sources are scoped by id because the search index's chunks
     * carry their source id (a source's tags are not on its chunks).
     */
    knowledgeSourceIds: { type: 'array', maxItems: 500, items: refSchema },
    /** Channels or bot ids this profile answers: `telegram`, `webchat`, `telegram:<botId>`. */
    channels: stringList(50, 200),
    workingHours: {
      type: 'object',
      additionalProperties: false,
      required: ['timezone', 'days'],
      properties: {
        timezone: shortText(64),
        days: {
          type: 'array',
          maxItems: 14,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['day', 'from', 'to'],
            properties: { day: { type: 'integer', minimum: 0, maximum: 6 }, from: hhmm, to: hhmm },
          },
        },
      },
    },
    quietHours: {
      type: 'object',
      additionalProperties: false,
      required: ['from', 'to'],
      properties: { from: hhmm, to: hhmm },
    },
    followUp: {
      type: 'object',
      additionalProperties: false,
      required: ['enabled'],
      properties: {
        enabled: { type: 'boolean' },
        afterHours: { type: 'number', minimum: 1, maximum: 24 * 90 },
        maxAttempts: { type: 'integer', minimum: 0, maximum: 10 },
      },
    },
    toolEffects: {
      type: 'object',
      additionalProperties: false,
      properties: { closeStage: toolEffectMode, value: toolEffectMode, owner: toolEffectMode },
    },
    /**
     * Below this routing confidence the agent hands the conversation to a human unless the knowledge
     * base covers the question. Unset: below the local classifier's own calibrated threshold (and the
     * knowledge base has no say), or 0.35 for a model's route (agents/roles/unknown-intent.ts).
     */
    handoffThreshold: { type: 'number', minimum: 0, maximum: 1 },
    /**
     * How sure the agent must be that the knowledge base answers a question before it answers from it
     * (0..1, agents/answer-evidence.ts); below it the question goes to a human. Higher: fewer but
     * surer answers. Unset: the calibrated default.
     */
    answerThreshold: { type: 'number', minimum: 0, maximum: 1 },
    /**
     * How long a handed-off customer may wait for a rep (minutes; 15 when unset). Then, if no rep has
     * written, the customer gets a status and the AI answers again until a rep does.
     */
    handoffWaitMinutes: { type: 'number', minimum: 0.1, maximum: 7 * 24 * 60 },
    /**
     * The agent may send the deal's commercial proposal (a PDF of its quote) to the customer itself
     * (tool `send_proposal`); unset or false: only reps send proposals.
     */
    sendsProposals: { type: 'boolean' },
    /**
     * The tax the team's quotes show (shared/src/catalog/quote.ts): e.g. VAT 20% on top of the catalog
     * prices (`included: false`) or already in them (`included: true`). Unset: quotes show no tax.
     */
    taxes: {
      type: 'object',
      additionalProperties: false,
      required: ['percent', 'included'],
      properties: {
        percent: { type: 'number', minimum: 0, maximum: 100 },
        included: { type: 'boolean' },
        /** How the quote names it ("VAT", "НДС"). */
        name: shortText(40),
      },
    },
    /**
     * A/B tests of this profile's instructions, the running one (at most one) and past ones
     * (experiments.ts says why they live here).
     */
    experiments: { type: 'array', maxItems: 20, items: experimentSchema },
    /**
     * When the customer's mood hands the conversation to a human (issue 62): on abuse, and on an angry
     * customer once `angryMessages` of their messages were angry. Unset parts: on, after 2 messages.
     */
    moodHandoff: {
      type: 'object',
      additionalProperties: false,
      properties: {
        onAbuse: { type: 'boolean' },
        onAngry: { type: 'boolean' },
        angryMessages: { type: 'integer', minimum: 1, maximum: 5 },
      },
    },
    isDefault: { type: 'boolean' },
    ...editableFields,
  },
  indexes: ['updatedAt'],
} as const;

export type AgentSettingsDoc = DocOf<typeof agentSettingsSchema>;

/** Minutes a handed-off customer may wait for a rep before a status and the AI's return. */
export const DEFAULT_HANDOFF_WAIT_MINUTES = 15;
export const handoffWaitMinutesOf = (profile: Pick<AgentSettingsDoc, 'handoffWaitMinutes'>) =>
  profile.handoffWaitMinutes ?? DEFAULT_HANDOFF_WAIT_MINUTES;

/** The profile's mood hand-off with its defaults: on for abuse, on for a customer angry twice. */
export const moodHandoffOf = (profile: Pick<AgentSettingsDoc, 'moodHandoff'>) => ({
  onAbuse: profile.moodHandoff?.onAbuse ?? true,
  onAngry: profile.moodHandoff?.onAngry ?? true,
  angryMessages: profile.moodHandoff?.angryMessages ?? 2,
});

/** The knowledge source ids the profile answers from; undefined: all of the team's knowledge. */
export const knowledgeScopeOf = (profile: Pick<AgentSettingsDoc, 'knowledgeSourceIds'>) =>
  profile.knowledgeSourceIds?.length ? profile.knowledgeSourceIds : undefined;

/** The profile's mode for an effect; `propose` where it says nothing. */
export const toolEffectModeOf = (profile: Pick<AgentSettingsDoc, 'toolEffects'>, kind: ToolEffectKind) =>
  profile.toolEffects?.[kind] ?? 'propose';

/** The persona and instructions the agent follows when it answers in `language`. */
export function profileTextFor(
  profile: Pick<AgentSettingsDoc, 'persona' | 'instructions' | 'localized'>,
  language: 'en' | 'ru',
): { persona: string; instructions: string } {
  const own = profile.localized?.[language];
  return {
    persona: own?.persona?.trim() ? own.persona : profile.persona,
    instructions: own?.instructions?.trim() ? own.instructions : profile.instructions,
  };
}

export const agentSettingsCollection = defineCollection({
  name: 'agent_settings',
  schema: agentSettingsSchema,
  mergeFields: [
    'name',
    'persona',
    'instructions',
    'localized',
    'language',
    'defaultRegion',
    'models',
    'fallbacks',
    'monthlyBudgetUsd',
    'allowedTools',
    'knowledgeSourceIds',
    'channels',
    'workingHours',
    'quietHours',
    'followUp',
    'handoffThreshold',
    'answerThreshold',
    'handoffWaitMinutes',
    'toolEffects',
    'sendsProposals',
    'taxes',
    'experiments',
    'moodHandoff',
    'isDefault',
  ],
  appendOnly: false,
  migrations: {
    // Version 1 added the tool-effects policy; existing profiles propose every consequential effect.
    1: (old: OldDoc): OldDoc => ({
      ...old,
      toolEffects: { closeStage: 'propose', value: 'propose', owner: 'propose' },
    }),
    // Version 2 added the optional default phone region; existing profiles have none (unchanged).
    2: (old: OldDoc): OldDoc => old,
    // Version 3 added the optional hand-off wait; existing profiles wait the default (unchanged).
    3: (old: OldDoc): OldDoc => old,
    // Version 4 added the optional fallback chain and monthly budget (unset: unchanged behaviour).
    4: (old: OldDoc): OldDoc => old,
    // Version 5 added the optional persona and instructions per language (unset: the profile's own).
    5: (old: OldDoc): OldDoc => old,
    // Version 6 added the optional knowledge scope (unset: all of the team's knowledge, as before).
    6: (old: OldDoc): OldDoc => old,
    // Version 7 added the optional answer threshold (unset: the calibrated default).
    7: (old: OldDoc): OldDoc => old,
    // Version 8 added the optional tax of quotes (unset: quotes show no tax, as before), the optional
    // experiments (issue 38; none: the profile's own instructions) and `sendsProposals` (unset is
    // false: existing profiles leave proposals to reps): nothing to convert.
    8: (old: OldDoc): OldDoc => old,
    // Version 9 added the domain packs' roles to `models` (issue 39); existing profiles have none.
    9: (old: OldDoc): OldDoc => old,
    // Version 10 added the optional mood hand-off (issue 62; unset: on for abuse and for a customer
    // angry twice).
    10: (old: OldDoc): OldDoc => old,
  },
});
