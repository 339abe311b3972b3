// Merging two contacts that are one person (a rep's decision, HubSpot- and Chatwoot-style): the kept
// contact takes the other's identifiers and twin. Pure, so the server's merge (contact-merge on the
// sync server) and the app's preview read the same rules:
// - e-mails, phones and channel identities are united; a value both hold is verified if either holds
//   it verified (a claim never overrides a verification), and each keeps its source message;
// - the kept contact's name, company, language, owner, ... stay, filled from the other where empty;
// - twin facts move with their source message and conversation (a fact id both hold is kept once);
// - tags are united, the other's notes appended, an opt-out of either holds.
// Applying it twice changes nothing the second time (the merge route's retries rely on it).
import {
  contactPointKey,
  contactPointStatus,
  type ContactDoc,
  type ContactPointEntry,
  type ContactPointField,
} from '../schemas/index';

type Contact = Omit<ContactDoc, 'fieldUpdatedAt' | 'history'> & Record<string, unknown>;

const listOf = { email: 'emails', phone: 'phones' } as const;
const MAX_POINTS = 20;
const MAX_IDENTITIES = 20;
const MAX_FACTS = 500;
const MAX_TAGS = 50;
const MAX_NOTES = 20_000;

const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';

/** Every e-mail or phone of a contact as list entries, the primary one first with its status. */
function entriesOf(c: Contact, field: ContactPointField): ContactPointEntry[] {
  const list = [...((c[listOf[field]] as ContactPointEntry[] | undefined) ?? [])];
  const primary = c[field];
  if (typeof primary === 'string' && primary) {
    const key = contactPointKey(field, primary);
    const status = contactPointStatus(c, field);
    const i = list.findIndex((e) => contactPointKey(field, e.value) === key);
    const record = c.contactPoints?.[field];
    const entry: ContactPointEntry = {
      ...(i >= 0 ? list[i]! : { value: primary, at: record?.at ?? c.updatedAt }),
      ...(status ? { status } : {}),
      ...(record && contactPointKey(field, record.value) === key ? { source: record.source } : {}),
    };
    if (i >= 0) list.splice(i, 1);
    list.unshift(entry);
  }
  return list;
}

const verifiedWins = (a: ContactPointEntry, b: ContactPointEntry): ContactPointEntry =>
  a.status !== 'verified' && b.status === 'verified' ? { ...a, ...b, value: a.value } : a;

/** The kept contact's e-mails or phones with the other's added (a shared value: verified wins). */
function unitePoints(kept: Contact, other: Contact, field: ContactPointField) {
  const out = entriesOf(kept, field);
  for (const e of entriesOf(other, field)) {
    const i = out.findIndex((k) => contactPointKey(field, k.value) === contactPointKey(field, e.value));
    if (i >= 0) out[i] = verifiedWins(out[i]!, e);
    else out.push(e);
  }
  return out.slice(0, MAX_POINTS);
}

/** The fields of `kept` that change when `other` is merged into it (empty when nothing would). */
export function contactMergePatch(kept: Contact, other: Contact): Record<string, unknown> {
  const next: Record<string, unknown> = {};
  for (const field of ['email', 'phone'] as const) {
    const all = unitePoints(kept, other, field);
    if (!all.length) continue;
    // The kept contact's primary value comes first (entriesOf), else the other's.
    const first = all[0]!;
    const primary = first.status
      ? { ...first, source: first.source ?? (first.status === 'verified' ? 'rep' : 'customer') }
      : first;
    all[0] = primary;
    next[field] = primary.value;
    next[listOf[field]] = all;
    if (primary.status && primary.source) {
      next.contactPoints = {
        ...(kept.contactPoints ?? {}),
        ...((next.contactPoints as object | undefined) ?? {}),
        [field]: { value: primary.value, status: primary.status, source: primary.source, at: primary.at },
      };
    }
  }
  const ids = [...kept.identities];
  for (const i of other.identities)
    if (!ids.some((k) => k.channel === i.channel && k.externalId === i.externalId)) ids.push(i);
  next.identities = ids.slice(0, MAX_IDENTITIES);

  for (const f of ['name', 'company', 'position', 'language', 'timezone', 'ownerId'] as const)
    if (blank(kept[f]) && !blank(other[f])) next[f] = other[f];
  if (kept.agentAccess === 'default' && other.agentAccess !== 'default') next.agentAccess = other.agentAccess;
  if (other.optOut && !kept.optOut) next.optOut = true;
  const tags = [...new Set([...(kept.tags ?? []), ...(other.tags ?? [])])].slice(0, MAX_TAGS);
  if (tags.length) next.tags = tags;
  if (!blank(other.notes) && !(kept.notes ?? '').includes(other.notes!)) {
    next.notes = (blank(kept.notes) ? other.notes! : `${kept.notes}\n\n${other.notes}`).slice(0, MAX_NOTES);
  }

  const facts = [...kept.twin.facts];
  for (const f of other.twin.facts) if (!facts.some((k) => k.id === f.id)) facts.push(f);
  const interests = [...new Set([...(kept.twin.interests ?? []), ...(other.twin.interests ?? [])])];
  next.twin = {
    ...other.twin,
    ...kept.twin,
    // Active facts first when over the limit: superseded ones are history.
    facts:
      facts.length > MAX_FACTS
        ? [
            ...facts.filter((f) => f.status === 'active'),
            ...facts.filter((f) => f.status !== 'active'),
          ].slice(0, MAX_FACTS)
        : facts,
    ...(interests.length ? { interests: interests.slice(0, 50) } : {}),
  };
  const mergedFrom = kept.mergedFrom ?? [];
  next.mergedFrom = mergedFrom.includes(other.id) ? mergedFrom : [...mergedFrom, other.id].slice(-200);

  // Only what differs: a second application answers {}.
  return Object.fromEntries(
    Object.entries(next).filter(([k, v]) => JSON.stringify(kept[k]) !== JSON.stringify(v)),
  );
}
