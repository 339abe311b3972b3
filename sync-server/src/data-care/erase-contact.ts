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
import type { Store } from '../context';
import { statusOf } from '../store/couch-errors';
import { systemDatabase, teamDatabase, type NamedDb } from '../store/named-db';
import { findContactDocs, type RelatedDocs } from './related-docs';

export type EraseReport = {
  contactId: string;
  erased: Record<keyof RelatedDocs, number>;
  /** True when every erased doc was purged (no tombstone left). */
  purged: boolean;
  /** Every compaction was accepted (embedded store: done; Apache CouchDB: started). */
  compacted: boolean;
};

async function tryPurge(db: NamedDb, revs: Record<string, string[]>, log: Logger): Promise<boolean> {
  if (Object.keys(revs).length === 0) return true;
  try {
    const purged = await db.purge(revs);
    return Object.keys(revs).every((id) => (purged[id]?.length ?? 0) > 0);
  } catch (error) {
    log.info(
      { db: db.name, status: statusOf(error) },
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
    const db = teamDatabase(store, teamId, collection);
    const revs = await db.tombstone(list.map((d) => d.id));
    if (!(await tryPurge(db, revs, log))) purged = false;
    try {
      await db.compact();
    } catch (error) {
      compacted = false;
      log.warn({ err: error, db: db.name }, 'compaction after erasure failed');
    }
  }
  // The agent runner's per-conversation lease docs (`lease:<team>:<conversation>` in app_runtime).
  const runtime = systemDatabase(store, 'app_runtime');
  const leases = await runtime.tombstone(docs.conversations.map((c) => `lease:${teamId}:${c.id}`));
  if (Object.keys(leases).length) {
    if (!(await tryPurge(runtime, leases, log))) purged = false;
    await runtime.compact().catch(() => undefined);
  }
  log.info({ teamId, contactId, erased, purged }, 'contact erased');
  return { contactId, erased, purged, compacted };
}
