// How a contact's e-mail and phone became known. A value the customer only typed is `claimed`: anyone
// can type someone else's address, so a claimed value is never a key for merging records without a
// rep's confirmation. `verified` values come from a rep (an edit, an import) or from the channel itself
// (Telegram's shared contact of the sender's own number). A value with no record here was written by a
// path that records no claim (a rep's edit, an import, data from before this field): it counts as
// verified, unless an active twin fact holds it (data from before this record existed, which the server
// never migrates): then it came from the customer's words.
import { isoDateSchema, refSchema } from './common';

export const contactPointStatuses = ['claimed', 'verified'] as const;
export type ContactPointStatus = (typeof contactPointStatuses)[number];
export const contactPointSources = ['customer', 'channel', 'rep', 'import'] as const;
export const contactPointFields = ['email', 'phone'] as const;
export type ContactPointField = (typeof contactPointFields)[number];

const contactPointSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['value', 'status', 'source', 'at'],
  properties: {
    /** The value this record is about; a different current value was written by someone else. */
    value: { type: 'string', maxLength: 254 },
    status: { type: 'string', enum: contactPointStatuses },
    source: { type: 'string', enum: contactPointSources },
    at: isoDateSchema,
  },
} as const;

export const contactPointsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { email: contactPointSchema, phone: contactPointSchema },
} as const;

/**
 * Every e-mail or phone a contact has given (`emails`, `phones`), each with the message it came from;
 * the single `email`/`phone` field is the primary one, kept for the app, CSV and older clients.
 */
export const contactPointListSchema = {
  type: 'array',
  maxItems: 20,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['value', 'at'],
    properties: {
      /** An e-mail in lower case, a phone in E.164 (`+46892857138`, an extension as `;ext=12`). */
      value: { type: 'string', minLength: 1, maxLength: 254 },
      /** The customer's message that gave it; none when a rep, an import or the channel did. */
      sourceMessageId: refSchema,
      status: { type: 'string', enum: contactPointStatuses },
      source: { type: 'string', enum: contactPointSources },
      at: isoDateSchema,
    },
  },
} as const;

export type ContactPointEntry = {
  value: string;
  sourceMessageId?: string;
  status?: ContactPointStatus;
  source?: (typeof contactPointSources)[number];
  at: string;
};
const listOf = { email: 'emails', phone: 'phones' } as const;

/** All e-mails or phones of a contact, the primary one first, one per comparable value. */
export function contactPointValues(
  contact: {
    email?: unknown;
    phone?: unknown;
    emails?: readonly { value: string }[];
    phones?: readonly { value: string }[];
  },
  field: ContactPointField,
): string[] {
  const primary = contact[field];
  const all = [
    ...(typeof primary === 'string' && primary ? [primary] : []),
    ...(contact[listOf[field]] ?? []).map((e) => e.value),
  ];
  const seen = new Set<string>();
  return all.filter((v) => {
    const key = contactPointKey(field, v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

type ContactPointRecord = {
  value: string;
  status: ContactPointStatus;
  source: (typeof contactPointSources)[number];
  at: string;
};
type WithPoints = {
  email?: unknown;
  phone?: unknown;
  contactPoints?: Partial<Record<ContactPointField, ContactPointRecord>>;
  twin?: { facts?: readonly { key?: unknown; value?: unknown; status?: unknown }[] };
};

/** The comparable form of an e-mail (case-insensitive) or a phone (its digits, a Russian 8 as 7). */
export function contactPointKey(field: ContactPointField, value: string): string {
  if (field === 'email') return value.trim().toLowerCase();
  const digits = value.replace(/\D/g, '');
  return digits.length === 11 && digits.startsWith('8') ? `7${digits.slice(1)}` : digits;
}

/**
 * Whether the contact's current e-mail or phone is verified, claimed, or absent. With no record (data
 * from before claims were recorded, e.g. on the server, or a rep's write) a value that an active twin
 * fact holds came from the customer's words: claimed. Otherwise a rep or an import wrote it: verified.
 */
export function contactPointStatus(
  contact: WithPoints,
  field: ContactPointField,
): ContactPointStatus | undefined {
  const value = contact[field];
  if (typeof value !== 'string' || !value) return undefined;
  const key = contactPointKey(field, value);
  const record = contact.contactPoints?.[field];
  if (record) return contactPointKey(field, record.value) === key ? record.status : 'verified';
  const fromTwin = (contact.twin?.facts ?? []).some(
    (f) =>
      f.key === field &&
      f.status === 'active' &&
      typeof f.value === 'string' &&
      contactPointKey(field, f.value) === key,
  );
  return fromTwin ? 'claimed' : 'verified';
}
