// Leads: a sales opportunity with a contact, moving through pipeline stages, scored with reasons.
import {
  actorSchema,
  channelSchema,
  editableFields,
  editableRequired,
  idSchema,
  isoDateSchema,
  refSchema,
  shortText,
  stringList,
} from './common';
import { commercialProposalSchema } from './commercial-proposals';
import { defineCollection, type DocOf, type OldDoc } from './collection';
import { objectionTypeSchema } from './objections';
import { vendorRequestSchema } from './vendor-requests';
import { DEFAULT_PIPELINE_ID, stageIdSchema } from './pipelines';

/** The default pipeline's stage ids (see pipelines.ts); a team's own pipelines may have others. */
export const leadStages = ['new', 'qualified', 'proposal', 'negotiation', 'won', 'lost'] as const;
export type LeadStage = (typeof leadStages)[number];

export const proposalStatuses = ['pending', 'approved', 'rejected'] as const;

/** A change an agent proposed that waits for a rep (see lead-proposals.ts). */
export const leadProposalSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'status', 'changes', 'proposedBy', 'createdAt'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 128 },
    status: { type: 'string', enum: proposalStatuses },
    /** The lead fields the change would set, as the agent asked. */
    changes: {
      type: 'object',
      additionalProperties: false,
      properties: {
        stage: { type: 'string', enum: leadStages, maxLength: 20 },
        lostReason: shortText(500),
        value: {
          type: 'object',
          additionalProperties: false,
          required: ['amount', 'currency'],
          properties: {
            amount: { type: 'number', minimum: 0, maximum: 1e12 },
            currency: { type: 'string', pattern: '^[A-Z]{3}$' },
          },
        },
        ownerId: refSchema,
      },
    },
    proposedBy: actorSchema,
    /** The agent run and the customer message that led to it. */
    runId: shortText(128),
    messageId: refSchema,
    createdAt: isoDateSchema,
    decidedAt: isoDateSchema,
    decidedBy: shortText(128),
  },
} as const;

export const scoreReasonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['factor', 'points'],
  properties: {
    /** budget, need, authority, timing, engagement, fit, ... */
    factor: { type: 'string', maxLength: 60 },
    points: { type: 'number', minimum: -100, maximum: 100 },
    note: { type: 'string', maxLength: 500 },
    sourceMessageId: refSchema,
  },
} as const;

/** An objection the customer raised (the objection library's type), when, and in which message. */
export const leadObjectionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'at', 'messageId'],
  properties: {
    type: objectionTypeSchema,
    at: isoDateSchema,
    messageId: refSchema,
    /** The library doc whose approved answer went out (none: recognised, not answered). */
    objectionId: refSchema,
    language: { type: 'string', enum: ['ru', 'en'] },
  },
} as const;

/** Why a product was suggested: an upgrade, something bought with it, or a higher volume tier. */
export const suggestionKinds = ['upgrade', 'with', 'tier'] as const;

/** A product the agent suggested (up-sell, cross-sell), once; accepted when the customer asks about it. */
export const leadSuggestionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['productId', 'kind', 'at', 'messageId'],
  properties: {
    productId: refSchema,
    /** The product the customer asked about that led to it. */
    forProductId: refSchema,
    kind: { type: 'string', enum: suggestionKinds },
    /** A volume tier: the quantity that reaches it. */
    quantity: { type: 'number', minimum: 1, maximum: 1e9 },
    at: isoDateSchema,
    /** The customer message whose reply carried the suggestion. */
    messageId: refSchema,
    /** Set when the customer later asks about the product (or quotes the tier's quantity). */
    outcome: { type: 'string', enum: ['accepted'] },
    acceptedAt: isoDateSchema,
    acceptedMessageId: refSchema,
  },
} as const;

export const leadSchema = {
  title: 'lead',
  version: 7,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'stage', 'source', ...editableRequired],
  properties: {
    id: idSchema,
    /** The customer the deal is with; none: a deal not (yet) tied to a person. */
    contactId: refSchema,
    title: { type: 'string', minLength: 1, maxLength: 300 },
    /** The pipeline the deal runs in (pipelines.ts); none means the default pipeline. */
    pipelineId: refSchema,
    /** A stage id of the lead's pipeline. */
    stage: stageIdSchema,
    score: {
      type: 'object',
      additionalProperties: false,
      required: ['value', 'reasons'],
      properties: {
        value: { type: 'number', minimum: 0, maximum: 100 },
        reasons: { type: 'array', maxItems: 30, items: scoreReasonSchema },
        scoredAt: isoDateSchema,
        scoredBy: shortText(100),
      },
    },
    ownerId: refSchema,
    value: {
      type: 'object',
      additionalProperties: false,
      required: ['amount', 'currency'],
      properties: {
        amount: { type: 'number', minimum: 0, maximum: 1e12 },
        currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      },
    },
    source: {
      type: 'object',
      additionalProperties: false,
      required: ['channel'],
      properties: {
        channel: channelSchema,
        /** Deep-link payload, campaign or form that brought the lead. */
        campaign: shortText(200),
        botId: shortText(128),
      },
    },
    conversationId: refSchema,
    /** Win chance in % set by a rep; none means the stage's probability. */
    probability: { type: 'number', minimum: 0, maximum: 100 },
    /** The customer's company (the contact's, or another the rep picks). */
    company: shortText(200),
    /** Expected close date, a calendar day (YYYY-MM-DD). */
    expectedCloseDate: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 },
    nextStep: shortText(500),
    notes: shortText(10_000),
    lostReason: shortText(500),
    nextFollowUpAt: isoDateSchema,
    stageChangedAt: isoDateSchema,
    tags: stringList(),
    /**
     * The latest quote computed for the deal from the catalog (shared/src/catalog/): its lines, total and
     * currency, when and by whom. Amounts are in major units as the catalog's prices are.
     */
    quote: {
      type: 'object',
      additionalProperties: false,
      required: ['lines', 'total', 'currency', 'at'],
      properties: {
        lines: {
          type: 'array',
          maxItems: 50,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['productId', 'sku', 'name', 'quantity', 'unitPrice', 'total'],
            properties: {
              productId: refSchema,
              sku: shortText(64),
              name: shortText(300),
              quantity: { type: 'number', minimum: 0, maximum: 1e9 },
              period: { type: 'string', enum: ['once', 'month', 'year'] },
              unitPrice: { type: 'number', minimum: 0, maximum: 1e12 },
              /** The discounts applied, in order ("volume", "period", "promo") with their percent. */
              discounts: {
                type: 'array',
                maxItems: 10,
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['kind', 'percent'],
                  properties: {
                    kind: { type: 'string', enum: ['volume', 'period', 'promo'] },
                    percent: { type: 'number', minimum: 0, maximum: 100 },
                    code: shortText(64),
                  },
                },
              },
              total: { type: 'number', minimum: 0, maximum: 1e15 },
            },
          },
        },
        subtotal: { type: 'number', minimum: 0, maximum: 1e15 },
        tax: { type: 'number', minimum: 0, maximum: 1e15 },
        total: { type: 'number', minimum: 0, maximum: 1e15 },
        currency: { type: 'string', pattern: '^[A-Z]{3}$' },
        promoCode: shortText(64),
        /** The customer message it answered. */
        messageId: refSchema,
        at: isoDateSchema,
        by: actorSchema,
      },
    },
    /** Changes agents proposed and reps decide on (newest last). */
    proposals: { type: 'array', maxItems: 50, items: leadProposalSchema },
    /** Commercial proposals (PDFs from the deal's quote) and where each stands, oldest first. */
    commercialProposals: { type: 'array', maxItems: 50, items: commercialProposalSchema },
    /** Objections the customer raised in the deal's conversation (oldest first). */
    objections: { type: 'array', maxItems: 100, items: leadObjectionSchema },
    /** Products the agents suggested (up-sell, cross-sell) and whether the customer took them up. */
    suggestions: { type: 'array', maxItems: 50, items: leadSuggestionSchema },
    /**
     * Values of the pipeline's custom deal fields (`pipeline.fields`), by field id, as text: a number
     * in decimal digits, a date as YYYY-MM-DD, money as `<amount> <currency>`.
     */
    customFields: { type: 'object', maxProperties: 50, additionalProperties: shortText(2000) },
    /** Requests for quotes sent to the pipeline's vendors for this deal, and where each stands. */
    vendorRequests: { type: 'array', maxItems: 30, items: vendorRequestSchema },
    ...editableFields,
  },
  indexes: ['updatedAt'],
} as const;

export type LeadDoc = DocOf<typeof leadSchema>;
export type CommercialProposal = NonNullable<LeadDoc['commercialProposals']>[number];

export const leadsCollection = defineCollection({
  name: 'leads',
  schema: leadSchema,
  mergeFields: [
    'title',
    'pipelineId',
    'stage',
    'score',
    'ownerId',
    'value',
    'lostReason',
    'nextFollowUpAt',
    'stageChangedAt',
    'tags',
    'conversationId',
    'proposals',
    'quote',
    'commercialProposals',
    'probability',
    'company',
    'expectedCloseDate',
    'nextStep',
    'notes',
    'source',
    'contactId',
    'objections',
    'suggestions',
    'customFields',
    'vendorRequests',
  ],
  appendOnly: false,
  migrations: {
    // Version 0 kept the score as a bare number and the source as a channel string.
    1: (old: OldDoc): OldDoc => {
      const { score, source, ...rest } = old;
      const value =
        typeof score === 'number' && Number.isFinite(score) ? Math.max(0, Math.min(100, score)) : undefined;
      return {
        ...rest,
        source: typeof source === 'string' ? { channel: source } : (source ?? { channel: 'manual' }),
        ...(value === undefined
          ? {}
          : {
              score: {
                value,
                reasons: [{ factor: 'legacy', points: value, note: 'Score carried over from version 0' }],
              },
            }),
      };
    },
    // Version 2 added the optional `proposals` (agents' changes waiting for a rep): nothing to convert.
    2: (old: OldDoc): OldDoc => old,
    // Version 3 put leads in pipelines (stages are a pipeline's ids, no longer one fixed list): every
    // existing lead joins the default pipeline, whose stages are the six it had. (The channel `vk`
    // came with it: valid as it is.)
    3: (old: OldDoc): OldDoc => ({ ...old, pipelineId: old.pipelineId ?? DEFAULT_PIPELINE_ID }),
    // Version 4 made the contact optional (a deal may exist without one): every old lead has one.
    4: (old: OldDoc): OldDoc => old,
    // Version 5 added the optional `quote` (the deal's latest quote from the catalog), its commercial
    // proposals, `objections` and `suggestions` (issue 38): nothing to convert.
    5: (old: OldDoc): OldDoc => old,
    // Version 6 added the optional `customFields` (the pipeline's custom deal fields, issue 39).
    6: (old: OldDoc): OldDoc => old,
    // Version 7 added the optional `vendorRequests` (requests for quotes to vendors, issue 39).
    7: (old: OldDoc): OldDoc => old,
  },
});
