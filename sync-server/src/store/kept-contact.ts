// The contact a channel's customer lands on now (issue 14). A channel derives its contact id from its
// own ids (`contact:telegram:<chat>`); once a rep merged that contact into another, the derived id
// names a tombstone (`mergedInto`, store/contact-merge.ts). New messages, twin facts and lead updates
// belong to the kept contact: this follows `mergedInto`, through chains (A into B, then B into C),
// a bounded number of hops, and stops at a cycle or a missing link (the last contact reached holds).
import type { Store } from '../context';
import { getDoc } from './couch-docs';

/** More hops than any sane merge history; a longer chain stops at the contact it reached. */
export const MAX_MERGE_HOPS = 8;

export type KeptContact = {
  /** The contact to write to: the id itself, or the end of its `mergedInto` chain. */
  id: string;
  /** Whether the id's own contact exists (a new customer's does not: the intake creates it). */
  exists: boolean;
};

type Link = { mergedInto?: unknown };

export async function keptContact(store: Store, teamId: string, id: string): Promise<KeptContact> {
  const { doc: _doc, ...kept } = await keptContactDoc(store, teamId, id);
  return kept;
}

/** As keptContact, with the kept contact's doc as read on the way (undefined when none exists). */
export async function keptContactDoc<T extends object = object>(
  store: Store,
  teamId: string,
  id: string,
): Promise<KeptContact & { doc?: T & Link }> {
  const db = store.teamDb<T & Link>(teamId, 'contacts');
  let doc = await getDoc(db, id);
  if (!doc) return { id, exists: false };
  let current = id;
  const seen = new Set([id]);
  for (let hop = 0; hop < MAX_MERGE_HOPS && typeof doc?.mergedInto === 'string'; hop++) {
    const next: string = doc.mergedInto;
    if (seen.has(next)) break;
    const found = await getDoc(db, next);
    // A link to a contact that is gone (erased): the last one reached is still a contact.
    if (!found) break;
    seen.add(next);
    current = next;
    doc = found;
  }
  return { id: current, exists: true, doc };
}

/** The kept contact's id for an id that may name a tombstone (the id itself when it does not). */
export const keptContactId = async (store: Store, teamId: string, id: string) =>
  (await keptContact(store, teamId, id)).id;
