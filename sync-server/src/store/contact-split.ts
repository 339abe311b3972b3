// Splitting a merged contact again (a rep's `POST /contacts/:id/split {from}`, issue 14): the undo of
// contact-merge.ts. The merged-away contact gets back its own conversations (whole, with the messages
// its customer wrote in them since), deals, tasks, meetings and messages, its channel ids, e-mails and
// phones, and the twin facts whose source messages are its messages; its `mergedInto` is cleared, and
// both contacts name each other in `notSameAs` so the merge is not proposed again. What the merge moved
// is read from its record (merge-record.ts); a merge made before records existed falls back to the
// merged contact's channel identities. Deals, tasks and meetings made on the kept contact after the
// merge stay there. A history line and a `contact-split` activity entry name the rep.
// Order for retries: docs move first, then the merged contact is restored (facts, link cleared), the
// activity recorded, the kept contact restored, and last the merge record dropped; a split that died
// half way is finished by a retry (the kept contact still lists the other in `mergedFrom`).
import type { MangoSelector } from 'nano';
import { DomainError } from '@app/shared/errors';
import { contactPointKey, type ContactDoc, type TwinFact } from '@app/shared/schemas';
import { validateDoc } from '@app/shared/validation';
import type { Store } from '../context';
import type { MergeActor } from './contact-merge';
import { recordContactActivity, repoint } from './contact-merge';
import { updateDoc } from './couch-docs';
import {
  dropMergeClaim,
  emptyIds,
  markSplit,
  movedCollections,
  pairKey,
  readMergeClaim,
  type KeptBefore,
  type MergeClaim,
  type Moved,
  type MovedIds,
} from './merge-record';
import { fromCouchRaw, getRaw, type CouchRaw } from './raw-docs';

type Contact = ContactDoc & { mergedInto?: string };
export type SplitCounts = Record<Moved | 'facts', number>;
export type SplitResult = {
  contact: Record<string, unknown> & { id: string; rev: string };
  restored: Record<string, unknown> & { id: string; rev: string };
  moved: SplitCounts;
  /** Whether the merge's record named what moved (false: an older merge, by channel identities). */
  recorded: boolean;
};

const BATCH = 500;

async function readContact(store: Store, teamId: string, id: string): Promise<Contact> {
  const raw = await getRaw(store.teamDb(teamId, 'contacts'), id);
  if (!raw) throw new DomainError('contact-not-found', `Contact '${id.slice(0, 128)}' was not found`);
  return fromCouchRaw(raw).doc as unknown as Contact;
}

async function findIds(store: Store, teamId: string, collection: Moved, selector: MangoSelector) {
  const { docs } = await store.teamDb(teamId, collection).find({ selector, fields: ['_id'], limit: 100_000 });
  return (docs as { _id: string }[]).map((d) => d._id);
}

/** The conversations of the kept contact that are the merged contact's own channel chats. */
async function conversationsByIdentity(store: Store, teamId: string, keptId: string, from: Contact) {
  const { docs } = await store.teamDb(teamId, 'conversations').find({
    selector: { contactId: keptId },
    fields: ['_id', 'channel', 'externalChatId'],
    limit: 100_000,
  });
  const own = new Set(from.identities.map((i) => `${i.channel}:${i.externalId.toLowerCase()}`));
  const cited = new Set(from.twin.facts.map((f) => f.conversationId).filter(Boolean));
  return (docs as { _id: string; channel?: string; externalChatId?: string }[])
    .filter(
      (c) => own.has(`${c.channel}:${String(c.externalChatId ?? '').toLowerCase()}`) || cited.has(c._id),
    )
    .map((c) => c._id);
}

/** The ids of the docs that go back to the merged contact (each is moved only if still the kept's). */
async function idsGoingBack(
  store: Store,
  teamId: string,
  keptId: string,
  from: Contact,
  claim: MergeClaim | undefined,
): Promise<MovedIds> {
  const ids = claim?.moved ? structuredClone(claim.moved) : emptyIds();
  if (!claim?.moved) {
    ids.conversations = await conversationsByIdentity(store, teamId, keptId, from);
    const convs = { $in: ids.conversations };
    ids.leads = await findIds(store, teamId, 'leads', { contactId: keptId, conversationId: convs });
    const linked = { contactId: keptId, $or: [{ conversationId: convs }, { leadId: { $in: ids.leads } }] };
    ids.tasks = await findIds(store, teamId, 'tasks', linked);
    ids.events = await findIds(store, teamId, 'events', linked);
  }
  // A conversation goes back whole: with the messages its customer wrote since the merge.
  const later = ids.conversations.length
    ? await findIds(store, teamId, 'messages', {
        contactId: keptId,
        conversationId: { $in: ids.conversations },
      })
    : [];
  ids.messages = [...new Set([...ids.messages, ...later])];
  return ids;
}

/** Points the listed docs back at the merged contact; answers the ids it wrote. */
async function moveBack(
  store: Store,
  teamId: string,
  collection: Moved,
  ids: string[],
  keptId: string,
  fromId: string,
  at: string,
): Promise<string[]> {
  const db = store.teamDb(teamId, collection);
  const written: string[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    let keys = ids.slice(i, i + BATCH);
    for (let attempt = 0; keys.length && attempt < 8; attempt++) {
      const { rows } = await db.fetch({ keys });
      const docs = rows.flatMap((r) => ('doc' in r && r.doc ? [r.doc as unknown as CouchRaw] : []));
      const writes = docs.flatMap((d) => repoint(d, keptId, fromId, at) ?? []);
      if (!writes.length) break;
      const res = await db.bulk({ docs: writes });
      const failed = res.find((r) => r.error && r.error !== 'conflict');
      if (failed)
        throw new Error(`moving ${collection} '${failed.id}' back: ${failed.error} ${failed.reason ?? ''}`);
      for (const r of res) if (!r.error && r.id) written.push(r.id);
      // Conflicted docs (a concurrent edit) are read again and moved if still the kept contact's.
      keys = res.filter((r) => r.error === 'conflict' && r.id).map((r) => r.id!);
    }
  }
  return written;
}

/** The facts of the kept contact that belong to the merged one. */
function factsGoingBack(kept: Contact, from: Contact, messages: Set<string>, before?: KeptBefore) {
  const own = new Set(before?.factIds ?? []);
  const fromIds = new Set(from.twin.facts.map((f) => f.id));
  return kept.twin.facts.filter(
    (f) =>
      (f.sourceMessageId !== undefined && messages.has(f.sourceMessageId)) ||
      // Its own facts from before the merge, unless the kept contact held the same fact itself.
      (fromIds.has(f.id) && (before ? !own.has(f.id) : true)),
  );
}

const withNote = (list: string[] | undefined, id: string) =>
  (list ?? []).includes(id) ? (list ?? []) : [...(list ?? []), id].slice(-200);

type Patch = (c: Record<string, unknown>) => Record<string, unknown> | undefined;

async function patchContact(store: Store, teamId: string, id: string, at: string, patch: Patch) {
  const db = store.teamDb<Record<string, unknown>>(teamId, 'contacts');
  await updateDoc(db, id, (raw) => {
    const { _id, _rev, ...rest } = raw as CouchRaw;
    const changes = patch(rest);
    if (!changes) return undefined;
    const next: Record<string, unknown> = {
      ...rest,
      ...changes,
      updatedAt: at,
      fieldUpdatedAt: {
        ...(rest.fieldUpdatedAt as object | undefined),
        ...Object.fromEntries(Object.keys(changes).map((f) => [f, at])),
      },
    };
    for (const [k, v] of Object.entries(next)) if (v === undefined) delete next[k];
    const valid = validateDoc('contacts', { ...next, id });
    if (!valid.ok) throw new DomainError('validation-failed', `split contact: ${valid.message}`);
    return next;
  });
}

/** The merged contact restored: the facts that go back, the link cleared, the kept one noted. */
function restorePatch(keptId: string, facts: TwinFact[]): Patch {
  return (c) => {
    const contact = c as unknown as Contact;
    const add = facts.filter((f) => !contact.twin.facts.some((k) => k.id === f.id));
    const notSameAs = withNote(contact.notSameAs, keptId);
    if (!add.length && !contact.mergedInto && notSameAs === contact.notSameAs) return undefined;
    return {
      twin: { ...contact.twin, facts: [...contact.twin.facts, ...add].slice(-500) },
      mergedInto: undefined,
      mergedAt: undefined,
      notSameAs,
    };
  };
}

/** The kept contact without what the merged one brought (and the merge noted as undone). */
function keptPatch(
  from: Contact,
  facts: TwinFact[],
  before: KeptBefore | undefined,
  by: MergeActor,
  at: string,
): Patch {
  const theirs = (field: 'email' | 'phone', value: string, own: string[] | undefined) => {
    const key = contactPointKey(field, value);
    const fromValues = [
      from[field],
      ...((field === 'email' ? from.emails : from.phones) ?? []).map((e) => e.value),
    ];
    return !own?.includes(key) && fromValues.some((v) => v && contactPointKey(field, v) === key);
  };
  return (c) => {
    const kept = c as unknown as Contact;
    if (!(kept.mergedFrom ?? []).includes(from.id)) return undefined;
    const ownIds = before?.identities;
    const next: Record<string, unknown> = {
      identities: kept.identities.filter(
        (i) =>
          ownIds?.includes(`${i.channel}:${i.externalId}`) ||
          !from.identities.some((f) => f.channel === i.channel && f.externalId === i.externalId),
      ),
      twin: { ...kept.twin, facts: kept.twin.facts.filter((f) => !facts.some((b) => b.id === f.id)) },
      mergedFrom: (kept.mergedFrom ?? []).filter((id) => id !== from.id),
      notSameAs: withNote(kept.notSameAs, from.id),
      history: [
        ...((kept.history ?? []) as object[]),
        {
          field: 'splitFrom',
          value: `${from.id} (${from.name || from.email || ''})`,
          replacedAt: at,
          by: by.userId,
        },
      ].slice(-200),
    };
    for (const [field, list] of [
      ['email', 'emails'],
      ['phone', 'phones'],
    ] as const) {
      const own = field === 'email' ? before?.emails : before?.phones;
      const entries = (kept[list] ?? []).filter((e) => !theirs(field, e.value, own));
      if (entries.length !== (kept[list] ?? []).length) next[list] = entries.length ? entries : undefined;
      const primary = kept[field];
      if (primary && theirs(field, primary, own)) {
        next[field] = entries[0]?.value;
        const current = 'contactPoints' in next ? next.contactPoints : kept.contactPoints;
        const points = { ...(current as Record<string, unknown> | undefined) };
        delete points[field];
        next.contactPoints = Object.keys(points).length ? points : undefined;
      }
    }
    // Fields the merge filled from the merged contact, unchanged since: blank again.
    for (const f of before?.blank ?? [])
      if (f in kept && kept[f as keyof Contact] === from[f as keyof Contact])
        next[f] = f === 'name' ? '' : undefined;
    return next;
  };
}

export async function splitContacts(
  store: Store,
  teamId: string,
  keptId: string,
  fromId: string,
  by: MergeActor,
  now: Date,
): Promise<SplitResult> {
  const [kept, from] = await Promise.all([
    readContact(store, teamId, keptId),
    readContact(store, teamId, fromId),
  ]);
  // Merged, or a split that died half way (the link is cleared, the kept contact not yet restored).
  const merged = from.mergedInto === keptId || (!from.mergedInto && (kept.mergedFrom ?? []).includes(fromId));
  if (keptId === fromId || !merged)
    throw new DomainError('contact-not-merged', `Contact '${fromId}' is not merged into '${keptId}'`);
  // Its docs moved on with a later merge of the kept contact: that one is split first.
  if (kept.mergedInto)
    throw new DomainError(
      'contact-merged',
      `Contact '${keptId}' was merged into '${kept.mergedInto}': split it from that one first`,
    );
  const claim = await readMergeClaim(store, teamId, keptId, fromId);
  const at = now.toISOString();
  const ids = await idsGoingBack(store, teamId, keptId, from, claim);
  const counts = {} as SplitCounts;
  const back: Partial<MovedIds> = {};
  for (const c of movedCollections) {
    back[c] = await moveBack(store, teamId, c, ids[c], keptId, fromId, at);
    counts[c] = back[c].length;
  }
  await markSplit(store, teamId, keptId, fromId, at);
  const facts = factsGoingBack(kept, from, new Set(ids.messages), claim?.keptBefore);
  counts.facts = facts.length;
  await patchContact(store, teamId, fromId, at, restorePatch(keptId, facts));
  const mergedAt = claim?.at ?? from.mergedAt ?? at;
  await recordContactActivity(store, teamId, {
    name: 'contact-split',
    docKey: pairKey(`${keptId}\n${from.id}`, mergedAt),
    keptId,
    from,
    by,
    moved: counts,
    at,
  });
  await patchContact(store, teamId, keptId, at, keptPatch(from, facts, claim?.keptBefore, by, at));
  await dropMergeClaim(store, teamId, keptId, fromId);
  const [k, r] = await Promise.all(
    [keptId, fromId].map(async (id) => fromCouchRaw((await getRaw(store.teamDb(teamId, 'contacts'), id))!)),
  );
  return {
    contact: { ...k!.doc, rev: k!.rev },
    restored: { ...r!.doc, rev: r!.rev },
    moved: counts,
    recorded: Boolean(claim?.moved),
  };
}
