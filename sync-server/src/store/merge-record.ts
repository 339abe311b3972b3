// What a contact merge moved, kept so that a split undoes it exactly (issue 14). The record is the
// merge's direction claim in `app_runtime` (one doc per pair of contacts, contact-merge.ts): the ids of
// the conversations, deals, tasks, meetings and messages that moved, and what the kept contact held
// before (its channel ids, e-mails, phones, twin fact ids and the fields the merge filled), written
// before anything moves and completed with what each move wrote. Merges made before the record existed
// have a claim without `moved`: a split then falls back to the merged contact's channel identities.
// A split marks the claim (`splitAt`), then deletes it, so the pair can be merged again later, either
// way; a claim a split marked but could not delete is replaced by the next merge.
import { createHash } from 'node:crypto';
import type { Store } from '../context';
import { getDoc, updateDoc } from './couch-docs';
import { statusOf } from './couch-errors';

/** The collections whose docs name their contact in `contactId` and move with it. */
export const movedCollections = ['conversations', 'leads', 'tasks', 'events', 'messages'] as const;
export type Moved = (typeof movedCollections)[number];
export type MovedIds = Record<Moved, string[]>;

/** The kept contact before the merge: what it held on its own. */
export type KeptBefore = {
  identities: string[];
  emails: string[];
  phones: string[];
  factIds: string[];
  /** The filled fields (`name`, `company`, ...) that were blank on the kept contact. */
  blank: string[];
};

export type MergeClaim = {
  type: 'contact-merge';
  teamId: string;
  into: string;
  from: string;
  at: string;
  moved?: MovedIds;
  keptBefore?: KeptBefore;
  /** A split undid (or is undoing) this merge: the claim no longer binds the pair. */
  splitAt?: string;
};

/** More ids than this in one collection are not recorded (the split falls back for that collection). */
export const MAX_RECORDED = 20_000;

export const pairKey = (keptId: string, fromId: string) =>
  createHash('sha256').update(`${keptId}\n${fromId}`).digest('hex').slice(0, 32);

/** The id of the pair's direction claim in `app_runtime` (either order of the two ids). */
export const mergeClaimId = (teamId: string, a: string, b: string) =>
  `contact-merge:${teamId}:${pairKey([a, b].sort().join('\n'), '')}`;

const claims = (store: Store) => store.systemDb<MergeClaim>('app_runtime');

/** Adds ids to the record of the merge (union; `keptBefore` starts it, only the first time). */
export async function recordMerge(
  store: Store,
  teamId: string,
  keptId: string,
  fromId: string,
  ids: Partial<MovedIds>,
  keptBefore?: KeptBefore,
): Promise<void> {
  await updateDoc(claims(store), mergeClaimId(teamId, keptId, fromId), (claim) => {
    if (claim.into !== keptId || claim.from !== fromId) return undefined;
    // A record starts with the kept contact's state before the merge; a retry of a merge made
    // before records existed adds nothing (its split falls back to the channel identities).
    if (!claim.moved && !keptBefore) return undefined;
    const moved = { ...(claim.moved ?? emptyIds()) };
    let changed = !claim.moved;
    for (const c of movedCollections) {
      const add = (ids[c] ?? []).filter((id) => !moved[c].includes(id));
      if (!add.length) continue;
      moved[c] = [...moved[c], ...add].slice(0, MAX_RECORDED);
      changed = true;
    }
    const before = claim.keptBefore ?? keptBefore;
    if (!changed && before === claim.keptBefore) return undefined;
    return { ...claim, moved, ...(before ? { keptBefore: before } : {}) };
  });
}

export const emptyIds = (): MovedIds => ({
  conversations: [],
  leads: [],
  tasks: [],
  events: [],
  messages: [],
});

/** The claim of the merge of `fromId` into `keptId`, if this direction holds one. */
export async function readMergeClaim(store: Store, teamId: string, keptId: string, fromId: string) {
  const claim = await getDoc(claims(store), mergeClaimId(teamId, keptId, fromId));
  return claim && claim.into === keptId && claim.from === fromId ? claim : undefined;
}

/** Marks the merge as being split (a new merge of the pair, either way, may replace the claim). */
export async function markSplit(store: Store, teamId: string, keptId: string, fromId: string, at: string) {
  await updateDoc(claims(store), mergeClaimId(teamId, keptId, fromId), (claim) =>
    claim.splitAt || claim.into !== keptId || claim.from !== fromId ? undefined : { ...claim, splitAt: at },
  );
}

/** Drops the claim after a split (a missing one is fine: the split of an old merge, or a retry). */
export async function dropMergeClaim(store: Store, teamId: string, keptId: string, fromId: string) {
  const db = claims(store);
  const id = mergeClaimId(teamId, keptId, fromId);
  for (let i = 0; i < 8; i++) {
    const claim = await getDoc(db, id);
    if (!claim) return;
    try {
      await db.destroy(id, claim._rev);
      return;
    } catch (e) {
      if (statusOf(e) === 404) return;
      if (statusOf(e) !== 409) throw e;
    }
  }
}
