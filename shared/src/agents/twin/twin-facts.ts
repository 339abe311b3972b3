// Adding facts to a customer's digital twin. Each fact keeps the message it came from. A newer fact
// that contradicts an active one with the same key wins; the old one becomes `superseded`, points to
// its successor and stays as history. Contact fields (name, phone, ...) follow the winning fact; an
// e-mail or phone set that way is recorded as only claimed by the customer (contact-points.ts), unless
// the channel itself vouched for it (Telegram's shared contact of the sender's own number).
// A name, company or position a rep set, and a verified e-mail or phone, are never replaced by what a
// customer or a model says: the new fact joins the twin, the contact field stays (`change.kept`).
// Phones and e-mails are many: each one given stays an active fact and an entry of the contact's
// `phones`/`emails` with its source message; the first new one of a message becomes the primary.
import { normalizePhone } from '../../llm/offline/extract-phones';
import {
  contactPointKey,
  contactPointStatus,
  type ContactDoc,
  type ContactPointField,
  type ContactPointStatus,
  type TwinFact,
} from '../../schemas/index';

export type NewFact = {
  key: string;
  value: string;
  confidence?: number;
  /** The channel vouches for the value (not just typed by the customer). */
  verified?: boolean;
};
export type FactSource = {
  messageId: string;
  conversationId: string;
  observedAt: string;
  extractedBy: string;
};

export type FactChange = {
  added: TwinFact[];
  superseded: TwinFact[];
  unchanged: TwinFact[];
  /** Contact fields that kept a rep-set or verified value (the new fact joined the twin only). */
  kept?: string[];
};
export type ApplyOptions = {
  /** Default regions for phones written without a country code (llm/offline/phone-regions.ts). */
  phoneRegions?: readonly string[];
};

/** Keys that hold many values at once (interests, phones); all others hold one current value. */
const multiValued = new Set(['interest', 'need', 'note', 'product_interest', 'phone', 'email']);
const MAX_POINTS = 20;
const isPoint = (key: string): key is ContactPointField => key === 'email' || key === 'phone';
const sameValue = (key: string, a: string, b: string) =>
  isPoint(key) ? contactPointKey(key, a) === contactPointKey(key, b) : normalize(a) === normalize(b);
const contactFields = ['name', 'phone', 'email', 'company', 'position'] as const;
const MAX_FACTS = 500;

const normalize = (v: string) => v.trim().toLowerCase().replace(/\s+/g, ' ');

export function applyFacts(
  contact: ContactDoc,
  facts: NewFact[],
  source: FactSource,
  newId: (prefix: string) => string,
  options: ApplyOptions = {},
): { contact: ContactDoc; change: FactChange } {
  const twin = { ...contact.twin, facts: contact.twin.facts.map((f) => ({ ...f })) };
  const next: ContactDoc = { ...contact, twin };
  const change: FactChange = { added: [], superseded: [], unchanged: [] };
  /** E-mail and phone: only the first new one of these facts becomes the primary value. */
  const primarySet = new Set<string>();
  for (const fact of facts) {
    const key = fact.key.trim().toLowerCase().slice(0, 100);
    const typed = fact.value.trim().slice(0, 2000);
    const value = key === 'phone' ? (normalizePhone(typed, options.phoneRegions) ?? typed) : typed;
    if (!key || !value) continue;
    // Whether the current e-mail or phone is verified, judged before this fact joins the twin.
    const prior = isPoint(key) ? contactPointStatus(next, key) : undefined;
    // A name, company or position a rep (or an import) set is not the agents' to replace.
    const repSet = repSetField(next, key);
    const active = twin.facts.filter((f) => f.key === key && f.status === 'active');
    const same = active.find((f) => sameValue(key, f.value, value));
    if (same) {
      change.unchanged.push(same);
      if (isPoint(key)) {
        addContactPoint(next, key, same.value, same.sourceMessageId, source.observedAt, fact.verified);
        // The channel now vouches for what the customer had only typed.
        if (fact.verified && next[key] === same.value)
          markContactPoint(next, key, same.value, source.observedAt, true, prior);
      }
      continue;
    }
    const added: TwinFact = {
      id: newId('fact'),
      key,
      value,
      sourceMessageId: source.messageId,
      conversationId: source.conversationId,
      observedAt: source.observedAt,
      ...(fact.confidence === undefined ? {} : { confidence: Math.max(0, Math.min(1, fact.confidence)) }),
      status: 'active',
      extractedBy: source.extractedBy,
    };
    if (!multiValued.has(key)) {
      for (const old of active) {
        // Recency decides: only a fact observed no earlier than the current one replaces it.
        if (old.observedAt > source.observedAt) {
          added.status = 'superseded';
          added.supersededBy = old.id;
          continue;
        }
        old.status = 'superseded';
        old.supersededBy = added.id;
        change.superseded.push(old);
      }
    }
    twin.facts.push(added);
    change.added.push(added);
    if (isPoint(key)) {
      addContactPoint(next, key, value, source.messageId, source.observedAt, fact.verified);
      if (primarySet.has(key)) continue;
      primarySet.add(key);
    }
    if (added.status !== 'active') continue;
    const current = isPoint(key) || repSet ? next[key as (typeof contactFields)[number]] : undefined;
    const keeps =
      !!current &&
      !fact.verified &&
      !sameValue(key, current, value) &&
      (repSet || (isPoint(key) && prior === 'verified'));
    if (keeps) {
      change.kept = [...new Set([...(change.kept ?? []), key])];
      continue;
    }
    setContactField(next, key, value, source.observedAt, fact.verified ?? false, prior);
  }
  if (twin.facts.length > MAX_FACTS) {
    // Drop the oldest superseded history first; active facts are never dropped.
    const excess = twin.facts.length - MAX_FACTS;
    const drop = new Set(
      twin.facts
        .filter((f) => f.status === 'superseded')
        .slice(0, excess)
        .map((f) => f.id),
    );
    twin.facts = twin.facts.filter((f) => !drop.has(f.id));
  }
  return { contact: next, change };
}

/**
 * Whether the contact's name, company or position was set by someone other than the agents: it was
 * written (a time in fieldUpdatedAt: the API, the desktop, an import) and no active twin fact holds it.
 * The name the channel gave at intake has no such time and may be replaced by the one the customer says.
 */
function repSetField(contact: ContactDoc, key: string): boolean {
  if (key !== 'name' && key !== 'company' && key !== 'position') return false;
  const current = contact[key];
  if (!current || !contact.fieldUpdatedAt?.[key]) return false;
  return !contact.twin.facts.some(
    (f) => f.key === key && f.status === 'active' && normalize(f.value) === normalize(current),
  );
}

function setContactField(
  contact: ContactDoc,
  key: string,
  value: string,
  at: string,
  verified: boolean,
  prior: ContactPointStatus | undefined,
): void {
  if (!(contactFields as readonly string[]).includes(key)) return;
  const field = key as (typeof contactFields)[number];
  const old = contact[field];
  const limit = field === 'phone' ? 40 : field === 'email' ? 254 : 200;
  if (field === 'email' || field === 'phone')
    markContactPoint(contact, field, value.slice(0, limit), at, verified, prior);
  if (old === value.slice(0, limit)) return;
  if (old) {
    contact.history = [
      ...(contact.history ?? []),
      { field, value: JSON.stringify(old), replacedAt: at, by: 'agent:twin' },
    ].slice(-200);
  }
  contact[field] = value.slice(0, limit);
  contact.fieldUpdatedAt = { ...contact.fieldUpdatedAt, [field]: at };
}

/** Adds the e-mail or phone to the contact's list with its source message (once per comparable value). */
function addContactPoint(
  contact: ContactDoc,
  field: ContactPointField,
  value: string,
  messageId: string | undefined,
  at: string,
  verified: boolean | undefined,
): void {
  const listKey = field === 'email' ? 'emails' : 'phones';
  const list = [...(contact[listKey] ?? [])];
  const i = list.findIndex((e) => contactPointKey(field, e.value) === contactPointKey(field, value));
  const status = verified ? ('verified' as const) : ('claimed' as const);
  if (i >= 0) {
    if (!verified || list[i]!.status === 'verified') return;
    list[i] = { ...list[i]!, status, source: 'channel', at };
  } else {
    list.push({
      value: value.slice(0, 254),
      ...(messageId ? { sourceMessageId: messageId } : {}),
      status,
      source: verified ? 'channel' : 'customer',
      at,
    });
  }
  contact[listKey] = list.slice(-MAX_POINTS);
  contact.fieldUpdatedAt = { ...contact.fieldUpdatedAt, [listKey]: at };
}

/** Records how the contact's e-mail or phone became known; a claim never downgrades a verified value. */
function markContactPoint(
  contact: ContactDoc,
  field: ContactPointField,
  value: string,
  at: string,
  verified: boolean,
  prior: ContactPointStatus | undefined,
): void {
  const current = contact[field];
  const same = !!current && contactPointKey(field, current) === contactPointKey(field, value);
  const record = contact.contactPoints?.[field];
  let next: NonNullable<ContactDoc['contactPoints']>[ContactPointField];
  if (verified) next = { value, status: 'verified', source: 'channel', at };
  else if (same && prior === 'verified') {
    // The customer repeats a value a rep entered: it stays verified, now said so explicitly (without
    // a record, the twin's matching fact would make it look claimed).
    if (record?.status === 'verified' && record.value === current) return;
    next = { value: current, status: 'verified', source: 'rep', at };
  } else next = { value, status: 'claimed', source: 'customer', at };
  contact.contactPoints = { ...contact.contactPoints, [field]: next };
  contact.fieldUpdatedAt = { ...contact.fieldUpdatedAt, contactPoints: at };
}

export const activeFacts = (contact: ContactDoc): TwinFact[] =>
  contact.twin.facts.filter((f) => f.status === 'active');
