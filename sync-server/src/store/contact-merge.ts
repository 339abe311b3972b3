// Merging one contact into another (a rep's `POST /contacts/:id/merge`): the other contact's
// conversations, deals, tasks, meetings and messages are moved to the kept contact, its identifiers
// and twin facts united into it (`contactMergePatch`, shared/crm), an activity entry recorded on the
// kept contact ("merged from X by rep Y") and, last, the other contact left as a tombstone
// (`mergedInto`) that replicas and links follow. Never a delete.
// Each step is idempotent and every write retries on a CouchDB conflict (a concurrent edit, an agent's
// write), so a retried request, or one that died half way, finishes the merge and writes nothing
// twice: moved docs no longer match, the patch is empty the second time, the activity id is derived
// from the pair and the tombstone is written only once.
import type { MangoSelector } from 'nano';
import { contactMergePatch } from '@app/shared/crm';
import { DomainError } from '@app/shared/errors';
import { contactPointKey, contactPointValues, type ContactDoc } from '@app/shared/schemas';
import { validateDoc } from '@app/shared/validation';
import type { Store } from '../context';
import { createDoc, getDoc, updateDoc } from './couch-docs';
import {
  mergeClaimId,
  movedCollections as moved,
  pairKey as key,
  recordMerge,
  type KeptBefore,
  type MergeClaim,
  type Moved,
} from './merge-record';
import { statusOf } from './couch-errors';
import { fromCouchRaw, getRaw, type CouchRaw } from './raw-docs';

export { mergeClaimId };
export type MergeCounts = Record<Moved | 'facts', number>;

export type MergeActor = { userId: string; email: string };
export type MergeResult = {
  contact: Record<string, unknown> & { id: string; rev: string };
  from: string;
  moved: MergeCounts;
  /** The other contact was merged into this one before (a retry): only stragglers were moved. */
  alreadyMerged: boolean;
};

type Contact = ContactDoc & { mergedInto?: string };
const BATCH = 500;

async function readContact(store: Store, teamId: string, id: string): Promise<Contact> {
  const raw = await getRaw(store.teamDb(teamId, 'contacts'), id);
  if (!raw) throw new DomainError('contact-not-found', `Contact '${id.slice(0, 128)}' was not found`);
  return fromCouchRaw(raw).doc as unknown as Contact;
}

/** The two contacts of a merge, checked: distinct, both in the team, the kept one not a tombstone. */
export async function mergePair(store: Store, teamId: string, keptId: string, fromId: string) {
  if (keptId === fromId) throw new DomainError('merge-self', 'A contact cannot be merged with itself');
  const [kept, from] = await Promise.all([
    readContact(store, teamId, keptId),
    readContact(store, teamId, fromId),
  ]);
  if (kept.mergedInto)
    throw new DomainError(
      'contact-merged',
      `Contact '${keptId}' was merged into '${kept.mergedInto}': merge into that one`,
    );
  if (from.mergedInto && from.mergedInto !== keptId)
    throw new DomainError(
      'contact-merged',
      `Contact '${fromId}' was merged into '${from.mergedInto}' already`,
    );
  return { kept, from };
}

/** The Mango selectors of the docs of `collection` that belong to the contact. */
const selectorsOf = (collection: Moved, contactId: string): MangoSelector[] => [
  { contactId },
  ...(collection === 'events' ? [{ attendees: { $elemMatch: { contactId } } }] : []),
];

async function idsOf(store: Store, teamId: string, collection: Moved, contactId: string) {
  const db = store.teamDb(teamId, collection);
  const ids = new Set<string>();
  for (const selector of selectorsOf(collection, contactId)) {
    const { docs } = await db.find({ selector, fields: ['_id'], limit: 100_000 });
    for (const d of docs as { _id: string }[]) ids.add(d._id);
  }
  return [...ids];
}

/** What a merge would move, without writing (the app's preview). */
export async function mergePreview(store: Store, teamId: string, keptId: string, fromId: string) {
  const { kept, from } = await mergePair(store, teamId, keptId, fromId);
  const counts = Object.fromEntries(
    await Promise.all(moved.map(async (c) => [c, (await idsOf(store, teamId, c, fromId)).length] as const)),
  ) as Record<Moved, number>;
  const facts = from.twin.facts.filter((f) => !kept.twin.facts.some((k) => k.id === f.id)).length;
  return { kept, from, moves: { ...counts, facts } satisfies MergeCounts };
}

/** One doc pointed at the kept contact (its `contactId`, an event's attendee), or undefined. */
export function repoint(doc: CouchRaw, fromId: string, keptId: string, at: string): CouchRaw | undefined {
  const changed: string[] = [];
  const next: CouchRaw = { ...doc };
  if (doc.contactId === fromId) {
    next.contactId = keptId;
    changed.push('contactId');
  }
  if (Array.isArray(doc.attendees)) {
    const attendees = (doc.attendees as { contactId?: string }[]).map((a) =>
      a.contactId === fromId ? { ...a, contactId: keptId } : a,
    );
    if (JSON.stringify(attendees) !== JSON.stringify(doc.attendees)) {
      next.attendees = attendees;
      changed.push('attendees');
    }
  }
  if (!changed.length) return undefined;
  // Messages keep no edit times (their schema has none): only the pointer changes.
  if (typeof doc.updatedAt === 'string') {
    next.updatedAt = at;
    next.fieldUpdatedAt = {
      ...(doc.fieldUpdatedAt as object | undefined),
      ...Object.fromEntries(changed.map((f) => [f, at])),
    };
  }
  return next;
}

/** Moves every doc of `collection` from one contact to the other; a conflicted doc is read again. */
export async function moveAll(
  store: Store,
  teamId: string,
  collection: Moved,
  fromId: string,
  keptId: string,
  at: string,
) {
  const db = store.teamDb(teamId, collection);
  const ids: string[] = [];
  for (const selector of selectorsOf(collection, fromId)) {
    for (let stalls = 0; stalls < 8;) {
      const { docs } = await db.find({ selector, limit: BATCH });
      if (!docs.length) break;
      const writes = (docs as unknown as CouchRaw[]).flatMap((d) => repoint(d, fromId, keptId, at) ?? []);
      const res = writes.length ? await db.bulk({ docs: writes }) : [];
      const ok = res.filter((r) => !r.error).length;
      const failed = res.find((r) => r.error && r.error !== 'conflict');
      if (failed)
        throw new Error(`moving ${collection} '${failed.id}': ${failed.error} ${failed.reason ?? ''}`);
      for (const r of res) if (!r.error && r.id && !ids.includes(r.id)) ids.push(r.id);
      // Conflicts (a concurrent edit) are read and moved again; a batch that moves nothing counts.
      stalls = ok ? 0 : stalls + 1;
    }
  }
  return ids;
}

const blankable = ['name', 'company', 'position', 'language', 'timezone', 'ownerId'] as const;

/** What the kept contact holds on its own before a merge (the record a split restores from). */
export function keptBeforeOf(kept: Contact): KeptBefore {
  return {
    identities: kept.identities.map((i) => `${i.channel}:${i.externalId}`),
    emails: contactPointValues(kept, 'email').map((v) => contactPointKey('email', v)),
    phones: contactPointValues(kept, 'phone').map((v) => contactPointKey('phone', v)),
    factIds: kept.twin.facts.map((f) => f.id),
    blank: blankable.filter((f) => typeof kept[f] !== 'string' || kept[f].trim() === ''),
  };
}

/** The kept contact with the other's identifiers and twin, and a history line of the merge. */
async function uniteInto(
  store: Store,
  teamId: string,
  keptId: string,
  from: Contact,
  by: MergeActor,
  at: string,
) {
  const db = store.teamDb<Record<string, unknown>>(teamId, 'contacts');
  await updateDoc(db, keptId, (raw) => {
    const current = fromCouchRaw(raw as unknown as CouchRaw).doc as unknown as Contact;
    if (current.mergedInto)
      throw new DomainError('contact-merged', `Contact '${keptId}' was merged into '${current.mergedInto}'`);
    const patch = contactMergePatch(current, from);
    if (!Object.keys(patch).length) return undefined;
    const { _id, _rev, ...rest } = raw as CouchRaw;
    const history = [
      ...(((rest.history as unknown[]) ?? []) as object[]),
      {
        field: 'mergedFrom',
        value: `${from.id} (${from.name || from.email || ''})`,
        replacedAt: at,
        by: by.userId,
      },
    ].slice(-200);
    const next = {
      ...rest,
      ...patch,
      history,
      updatedAt: at,
      fieldUpdatedAt: {
        ...(rest.fieldUpdatedAt as object | undefined),
        ...Object.fromEntries(Object.keys(patch).map((f) => [f, at])),
      },
    };
    const valid = validateDoc('contacts', { ...next, id: keptId });
    if (!valid.ok) throw new DomainError('validation-failed', `merged contact: ${valid.message}`);
    return next;
  });
}

/**
 * The merge's or the split's Activity entry (`name`), on the kept contact, naming the rep; `docKey`
 * makes it once per merge or split (a retry finds it written).
 */
export async function recordContactActivity(
  store: Store,
  teamId: string,
  p: {
    name: 'contact-merged' | 'contact-split';
    docKey: string;
    keptId: string;
    from: Contact;
    by: MergeActor;
    moved: Record<string, number>;
    at: string;
  },
) {
  const kind = p.name === 'contact-merged' ? 'merged' : 'split';
  const doc = {
    runId: `${p.name === 'contact-merged' ? 'contact-merge' : 'contact-split'}:${p.docKey.slice(0, 16)}`,
    role: 'runtime' as const,
    kind: 'step' as const,
    name: p.name,
    status: 'ok' as const,
    contactId: p.keptId,
    input: JSON.stringify({
      from: p.from.id,
      fromName: p.from.name,
      into: p.keptId,
      by: { id: p.by.userId, email: p.by.email },
      moved: p.moved,
    }),
    startedAt: p.at,
    finishedAt: p.at,
  };
  const id = `act:${kind}:${p.docKey}`;
  const valid = validateDoc('activity', { ...doc, id });
  if (!valid.ok) throw new Error(`activity doc: ${valid.message}`);
  await createDoc(store.teamDb(teamId, 'activity'), id, doc);
}

/** The other contact as a tombstone pointing at the kept one (once; a second write finds it so). */
async function tombstone(store: Store, teamId: string, fromId: string, keptId: string, at: string) {
  await updateDoc<Record<string, unknown>>(store.teamDb(teamId, 'contacts'), fromId, (c) => {
    if (c.mergedInto === keptId) return undefined;
    if (c.mergedInto)
      throw new DomainError(
        'contact-merged',
        `Contact '${fromId}' was merged into '${String(c.mergedInto)}'`,
      );
    return {
      ...c,
      mergedInto: keptId,
      mergedAt: at,
      updatedAt: at,
      fieldUpdatedAt: { ...(c.fieldUpdatedAt as object | undefined), mergedInto: at, mergedAt: at },
    };
  });
}

/**
 * The direction of a merge of this pair, claimed once (a doc in `app_runtime`, CouchDB's revision the
 * compare-and-swap): two reps merging A into B and B into A at the same moment would otherwise leave
 * both as tombstones of each other. The second direction is refused; the same direction (a retry, a
 * request that died half way) goes on.
 */
async function claimDirection(store: Store, teamId: string, keptId: string, fromId: string, now: Date) {
  const db = store.systemDb<MergeClaim>('app_runtime');
  const id = mergeClaimId(teamId, keptId, fromId);
  const claim = { type: 'contact-merge' as const, teamId, into: keptId, from: fromId, at: now.toISOString() };
  if (await createDoc(db, id, claim)) return;
  const held = await getDoc(db, id);
  // The claim of a merge that a split undid (the split died before dropping it): a new claim.
  if (held?.splitAt) {
    try {
      await db.insert({ ...claim, _id: id, _rev: held._rev });
      return;
    } catch (e) {
      if (statusOf(e) !== 409) throw e;
      const again = await getDoc(db, id);
      if (again && !again.splitAt && again.into === keptId && again.from === fromId) return;
      throw new DomainError('conflict', 'Another merge of these two contacts is under way: try again');
    }
  }
  if (held && (held.into !== keptId || held.from !== fromId))
    throw new DomainError(
      'contact-merged',
      `Contact '${keptId}' is being merged into '${fromId}' (or was): these two merge one way only`,
    );
}

export async function mergeContacts(
  store: Store,
  teamId: string,
  keptId: string,
  fromId: string,
  by: MergeActor,
  now: Date,
): Promise<MergeResult> {
  const { kept, from } = await mergePair(store, teamId, keptId, fromId);
  await claimDirection(store, teamId, keptId, fromId, now);
  const at = now.toISOString();
  const alreadyMerged = from.mergedInto === keptId;
  // What will move is recorded before it moves (and what did move after), so a split is exact.
  const listed = Object.fromEntries(
    await Promise.all(moved.map(async (c) => [c, await idsOf(store, teamId, c, fromId)] as const)),
  );
  await recordMerge(store, teamId, keptId, fromId, listed, alreadyMerged ? undefined : keptBeforeOf(kept));
  const counts = {} as MergeCounts;
  const movedIds: Partial<Record<Moved, string[]>> = {};
  for (const c of moved) {
    movedIds[c] = await moveAll(store, teamId, c, fromId, keptId, at);
    counts[c] = movedIds[c].length;
  }
  await recordMerge(store, teamId, keptId, fromId, movedIds);
  const before = await readContact(store, teamId, keptId);
  counts.facts = from.twin.facts.filter((f) => !before.twin.facts.some((k) => k.id === f.id)).length;
  await uniteInto(store, teamId, keptId, from, by, at);
  if (!alreadyMerged)
    await recordContactActivity(store, teamId, {
      name: 'contact-merged',
      docKey: key(keptId, from.id),
      keptId,
      from,
      by,
      moved: counts,
      at,
    });
  await tombstone(store, teamId, fromId, keptId, at);
  const raw = await getRaw(store.teamDb(teamId, 'contacts'), keptId);
  const { doc, rev } = fromCouchRaw(raw!);
  return { contact: { ...doc, rev }, from: fromId, moved: counts, alreadyMerged };
}
