// Erasure on request (GDPR art. 17): the contact, its twin, leads, conversations, messages, tasks,
// events, activity and files. Every leaf revision (conflicts too) becomes a body-less tombstone, so
// replication carries the deletion to every desktop; then `_purge` (CouchDB 3) removes the docs
// entirely and `_compact` drops the old revision bodies. The agent runner's lease docs of the erased
// conversations go too. What that guarantees per backend (README "Privacy requests"):
// - embedded store: no `_purge`, so the ids stay visible as body-less tombstones; its `_compact`
//   answers once PouchDB and LevelDB have both compacted (store/embedded-couch-compact.ts), so when
//   this returns the erased content is gone from the store's files (tested by reading them).
// - Apache CouchDB 3: purged on every shard copy (the cluster syncs purges between copies), and
//   `_compact` is only started: the bytes leave the database files when that compaction ends.
import type { Logger } from 'pino';
import type { Store, TeamCollection } from '../context';
import { statusOf, type Db } from '../store/raw-docs';
import { findContactDocs, type RelatedDocs } from './related-docs';

export type EraseReport = {
  contactId: string;
  erased: Record<keyof RelatedDocs, number>;
  /** True when every erased doc was purged (no tombstone left). */
  purged: boolean;
  /** Every compaction was accepted (embedded store: done; Apache CouchDB: started). */
  compacted: boolean;
};

async function leafRevs(db: Db, id: string): Promise<string[]> {
  try {
    const doc = (await db.get(id, { conflicts: true })) as { _rev: string; _conflicts?: string[] };
    return [doc._rev, ...(doc._conflicts ?? [])];
  } catch (error) {
    if (statusOf(error) === 404) return [];
    throw error;
  }
}

async function tombstone(db: Db, ids: string[]): Promise<Record<string, string[]>> {
  const docs: { _id: string; _rev: string; _deleted: true }[] = [];
  for (const id of ids)
    for (const rev of await leafRevs(db, id)) docs.push({ _id: id, _rev: rev, _deleted: true });
  const purgeable: Record<string, string[]> = {};
  for (let i = 0; i < docs.length; i += 500) {
    const results = await db.bulk({ docs: docs.slice(i, i + 500) });
    for (const r of results) if (r.rev) (purgeable[r.id] ??= []).push(r.rev);
  }
  return purgeable;
}

async function tryPurge(
  store: Store,
  dbName: string,
  revs: Record<string, string[]>,
  log: Logger,
): Promise<boolean> {
  if (Object.keys(revs).length === 0) return true;
  try {
    const res = (await store.server.request({ db: dbName, method: 'POST', path: '_purge', body: revs })) as {
      purged?: Record<string, string[]>;
    };
    return Object.keys(revs).every((id) => (res.purged?.[id]?.length ?? 0) > 0);
  } catch (error) {
    log.info(
      { db: dbName, status: statusOf(error) },
      'store has no _purge; erased docs stay as body-less tombstones',
    );
    return false;
  }
}

export async function eraseContact(
  store: Store,
  teamId: string,
  contactId: string,
  log: Logger,
): Promise<EraseReport | null> {
  const docs = await findContactDocs(store, teamId, contactId);
  if (!docs) return null;
  const erased = {} as EraseReport['erased'];
  let purged = true;
  let compacted = true;
  for (const [collection, list] of Object.entries(docs) as [
    keyof RelatedDocs,
    RelatedDocs[keyof RelatedDocs],
  ][]) {
    erased[collection] = list.length;
    if (list.length === 0) continue;
    const db = store.teamDb(teamId, collection as TeamCollection);
    const revs = await tombstone(
      db,
      list.map((d) => d.id),
    );
    const name = store.dbName(teamId, collection as TeamCollection);
    if (!(await tryPurge(store, name, revs, log))) purged = false;
    try {
      await store.server.db.compact(name);
    } catch (error) {
      compacted = false;
      log.warn({ err: error, db: name }, 'compaction after erasure failed');
    }
  }
  // The agent runner's per-conversation lease docs (`lease:<team>:<conversation>` in app_runtime).
  const leases = await tombstone(
    store.systemDb('app_runtime'),
    docs.conversations.map((c) => `lease:${teamId}:${c.id}`),
  );
  if (Object.keys(leases).length) {
    if (!(await tryPurge(store, 'app_runtime', leases, log))) purged = false;
    await store.server.db.compact('app_runtime').catch(() => undefined);
  }
  log.info({ teamId, contactId, erased, purged }, 'contact erased');
  return { contactId, erased, purged, compacted };
}
