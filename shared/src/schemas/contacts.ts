// Contacts: the people a team sells to, each with their digital twin, the profile the agents build
// from the conversation (facts with the message each came from, a summary and a vector).
import {
  channelSchema,
  editableFields,
  editableRequired,
  idSchema,
  isoDateSchema,
  languageSchema,
  refSchema,
  shortText,
  stringList,
  vectorSchema,
} from './common';
import { defineCollection, type DocOf, type OldDoc } from './collection';
import {
  contactPointFields,
  contactPointKey,
  contactPointListSchema,
  contactPointsSchema,
} from './contact-points';

export const twinFactSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'key', 'value', 'observedAt', 'status'],
  properties: {
    id: { type: 'string', maxLength: 128 },
    /** What the fact is about: `budget`, `need`, `timeline`, `company_size`, `preferred_contact`, ... */
    key: { type: 'string', minLength: 1, maxLength: 100 },
    value: { type: 'string', minLength: 1, maxLength: 2000 },
    /** The message the fact was taken from: the provenance shown to reps and in prompts. */
    sourceMessageId: refSchema,
    conversationId: refSchema,
    observedAt: isoDateSchema,
    confidence: { type: 'number', minimum: 0, maximum: 1 },
    /** `superseded` facts lost to a newer contradicting one and stay as history. */
    status: { type: 'string', enum: ['active', 'superseded'] },
    supersededBy: { type: 'string', maxLength: 128 },
    extractedBy: { type: 'string', maxLength: 100 },
  },
} as const;

export const twinSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['facts'],
  properties: {
    facts: { type: 'array', maxItems: 500, items: twinFactSchema },
    summary: { type: 'string', maxLength: 4000 },
    summaryUpdatedAt: isoDateSchema,
    vector: vectorSchema,
    interests: stringList(50, 200),
    sentiment: { type: 'string', enum: ['positive', 'neutral', 'negative'] },
  },
} as const;

export const identitySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['channel', 'externalId'],
  properties: {
    channel: channelSchema,
    /** Telegram user id, web-chat visitor id, e-mail address or phone number. */
    externalId: { type: 'string', minLength: 1, maxLength: 200 },
    username: shortText(200),
  },
} as const;

export const contactSchema = {
  title: 'contact',
  version: 5,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'identities', 'twin', 'optOut', 'agentAccess', ...editableRequired],
  properties: {
    id: idSchema,
    name: { type: 'string', maxLength: 200 },
    company: shortText(200),
    position: shortText(200),
    email: { type: 'string', maxLength: 254 },
    phone: { type: 'string', maxLength: 40 },
    /** Whether `email` and `phone` are only claimed by the customer or verified (contact-points.ts). */
    contactPoints: contactPointsSchema,
    /** Every e-mail and phone the contact gave, each with its source message (`email`/`phone`: primary). */
    emails: contactPointListSchema,
    phones: contactPointListSchema,
    language: languageSchema,
    timezone: shortText(64),
    identities: { type: 'array', maxItems: 20, items: identitySchema },
    tags: stringList(),
    notes: { type: 'string', maxLength: 20_000 },
    ownerId: refSchema,
    /** The customer said /stop or asked not to be contacted: no nurturing follow-ups. */
    optOut: { type: 'boolean' },
    /** Reps' allow/deny list: `deny` keeps agents from replying to this contact (e.g. key accounts). */
    agentAccess: { type: 'string', enum: ['default', 'allow', 'deny'] },
    twin: twinSchema,
    /** Merged into that contact (a rep's merge, contact-merge on the server): a tombstone that links follow. */
    mergedInto: refSchema,
    mergedAt: isoDateSchema,
    /** Contacts merged into this one, oldest first (a retried merge finds itself here). */
    mergedFrom: stringList(200, 128),
    /** Contacts a rep said are not the same person: their merge proposal is dismissed. */
    notSameAs: stringList(200, 128),
    ...editableFields,
  },
  indexes: ['updatedAt'],
} as const;

export type ContactDoc = DocOf<typeof contactSchema>;
export type TwinFact = ContactDoc['twin']['facts'][number];

export const contactsCollection = defineCollection({
  name: 'contacts',
  schema: contactSchema,
  mergeFields: [
    'name',
    'company',
    'position',
    'email',
    'phone',
    'contactPoints',
    'emails',
    'phones',
    'language',
    'timezone',
    'identities',
    'tags',
    'notes',
    'ownerId',
    'optOut',
    'agentAccess',
    'twin',
    'mergedInto',
    'mergedAt',
    'mergedFrom',
    'notSameAs',
  ],
  appendOnly: false,
  migrations: {
    // Version 0 kept the channel identity in flat `telegramId`/`telegramUsername` fields and the
    // profile as one free-text `profile`; version 1 has identities per channel and the structured twin.
    1: (old: OldDoc): OldDoc => {
      const { telegramId, telegramUsername, profile, ...rest } = old;
      const identities = [];
      if (typeof telegramId === 'string' || typeof telegramId === 'number') {
        identities.push({
          channel: 'telegram',
          externalId: String(telegramId),
          ...(typeof telegramUsername === 'string' ? { username: telegramUsername } : {}),
        });
      }
      const updatedAt = typeof rest.updatedAt === 'string' ? rest.updatedAt : new Date(0).toISOString();
      return {
        ...rest,
        name: typeof rest.name === 'string' ? rest.name : '',
        identities,
        optOut: rest.optOut === true,
        agentAccess: 'default',
        createdAt: typeof rest.createdAt === 'string' ? rest.createdAt : updatedAt,
        updatedAt,
        twin: {
          facts: [],
          ...(typeof profile === 'string' && profile
            ? { summary: profile.slice(0, 4000), summaryUpdatedAt: updatedAt }
            : {}),
        },
      };
    },
    // Version 2 records whether e-mail and phone are claimed or verified. Values the twin took from
    // the customer's messages (an active fact with the same value) were only claimed; the rest came
    // from reps or imports and stay verified (no record).
    2: (old: OldDoc): OldDoc => {
      const twin = old.twin as { facts?: { key?: string; value?: string; status?: string }[] } | undefined;
      const contactPoints: Record<string, unknown> = {};
      for (const field of contactPointFields) {
        const value = old[field];
        if (typeof value !== 'string' || !value) continue;
        const fact = (twin?.facts ?? []).find(
          (f) =>
            f.key === field &&
            f.status === 'active' &&
            typeof f.value === 'string' &&
            contactPointKey(field, f.value) === contactPointKey(field, value),
        );
        if (fact) {
          const at = typeof old.updatedAt === 'string' ? old.updatedAt : new Date(0).toISOString();
          contactPoints[field] = { value, status: 'claimed', source: 'customer', at };
        }
      }
      return Object.keys(contactPoints).length ? { ...old, contactPoints } : old;
    },
    // Version 3 added the lists of every e-mail and phone (`emails`, `phones`). Older docs keep their
    // single values, which readers count as the primary entry (contactPointValues); nothing to move.
    3: (old: OldDoc): OldDoc => old,
    // Version 4 adds the channel `vk` to identities; a version-3 doc is valid as it is.
    4: (old: OldDoc): OldDoc => old,
    // Version 5 adds merges (`mergedInto`, `mergedAt`, `mergedFrom`) and dismissed proposals (`notSameAs`).
    5: (old: OldDoc): OldDoc => old,
  },
});
