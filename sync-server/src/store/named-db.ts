// A database by its name, for the whole-database work of data care that the typed accessors
// (data.ts) do not cover: backups and restores (docs in id order with their attachments inline,
// written back at their own revisions), a restore's own databases (created for server admins only,
// dropped) and erasure (every leaf revision of a doc tombstoned, purged where the store can,
// compacted). Part of the data module (issue 63): data-care/ reaches the store through this and
// data.ts, never the CouchDB client. Works on the embedded store and on Apache CouchDB.
import type { DocumentListParams } from 'nano';
import type { Store, SystemDb, TeamCollection } from '../context';
import { statusOf } from './couch-errors';

/** A doc as CouchDB holds it (`_id`, `_rev`, `_attachments` inline when asked for). */
export type NamedDbDoc = Record<string, unknown> & { _id: string; _rev?: string };
/** One doc's outcome of a bulk write. */
export type BulkResult = { id?: string; rev?: string; error?: string };

export type NamedDb = {
  readonly name: string;
  /**
   * A page of docs in id order after `after` (exclusive; design docs left out): `last` is the id to
   * continue after, `more` whether there may be more. `attachments`: their bytes inline as base64.
   */
  page(
    after: string | undefined,
    limit: number,
    attachments?: boolean,
  ): Promise<{ docs: NamedDbDoc[]; last: string | undefined; more: boolean }>;
  /** Writes docs as they are (new, or over their `_rev`): each doc's outcome. */
  bulk(docs: readonly NamedDbDoc[]): Promise<BulkResult[]>;
  /** Writes docs at their own revisions (`new_edits: false`, as replication does): each doc's outcome. */
  writeAtRevisions(docs: readonly NamedDbDoc[]): Promise<BulkResult[]>;
  /** Of `ids`, those the database holds (live or deleted). */
  present(ids: readonly string[]): Promise<Set<string>>;
  /** Creates the database (one there already is fine). */
  create(): Promise<void>;
  /** Lets only server admins read or write it (as a team's databases). */
  restrictToAdmins(): Promise<void>;
  /** Drops the database (one gone already is fine). */
  drop(): Promise<void>;
  /** Deletes every leaf revision (conflicts too) of `ids`: the tombstones' revisions by id. */
  tombstone(ids: readonly string[]): Promise<Record<string, string[]>>;
  /** `_purge` (CouchDB 3): the revisions purged by id; a store error where there is no `_purge`. */
  purge(revs: Record<string, string[]>): Promise<Record<string, string[]>>;
  /** Compacts the database (embedded store: done when it answers; Apache CouchDB: started). */
  compact(): Promise<void>;
};

const adminOnly = {
  admins: { names: [], roles: ['_admin'] },
  members: { names: [], roles: ['_admin'] },
};

export function namedDb(store: Store, name: string): NamedDb {
  const db = () => store.server.use<Record<string, unknown>>(name);
  async function leafRevs(id: string): Promise<string[]> {
    try {
      const doc = (await db().get(id, { conflicts: true })) as { _rev: string; _conflicts?: string[] };
      return [doc._rev, ...(doc._conflicts ?? [])];
    } catch (error) {
      if (statusOf(error) === 404) return [];
      throw error;
    }
  }
  return {
    name,
    async page(after, limit, attachments = false) {
      // `attachments=true` (documented for _all_docs with include_docs) inlines them as base64.
      const params = {
        include_docs: true,
        ...(attachments ? { attachments: true } : {}),
        limit: limit + 1,
        ...(after === undefined ? {} : { startkey: after }),
      };
      const res = await db().list(params as DocumentListParams);
      const rows = res.rows.filter((r) => r.id !== after).slice(0, limit);
      const docs = rows.flatMap((r) => (r.doc && !r.id.startsWith('_') ? [r.doc as NamedDbDoc] : []));
      return { docs, last: rows.at(-1)?.id ?? after, more: res.rows.length >= limit + 1 };
    },
    bulk: async (docs) => (await db().bulk({ docs: [...docs] })) as BulkResult[],
    writeAtRevisions: async (docs) =>
      (await db().bulk({ docs: [...docs], new_edits: false })) as unknown as BulkResult[],
    async present(ids) {
      const { rows } = await db().fetchRevs({ keys: [...ids] });
      return new Set(rows.flatMap((r) => ('value' in r && r.value ? [r.key] : [])));
    },
    async create() {
      await store.server.db.create(name).catch((e: unknown) => {
        if (statusOf(e) !== 412) throw e;
      });
    },
    async restrictToAdmins() {
      await store.server.request({ db: name, method: 'PUT', path: '_security', body: adminOnly });
    },
    async drop() {
      await store.server.db.destroy(name).catch((e: unknown) => {
        if (statusOf(e) !== 404) throw e;
      });
    },
    async tombstone(ids) {
      const docs: { _id: string; _rev: string; _deleted: true }[] = [];
      for (const id of ids)
        for (const rev of await leafRevs(id)) docs.push({ _id: id, _rev: rev, _deleted: true });
      const purgeable: Record<string, string[]> = {};
      for (let i = 0; i < docs.length; i += 500) {
        const results = await db().bulk({ docs: docs.slice(i, i + 500) });
        for (const r of results) if (r.rev) (purgeable[r.id] ??= []).push(r.rev);
      }
      return purgeable;
    },
    async purge(revs) {
      const res = (await store.server.request({ db: name, method: 'POST', path: '_purge', body: revs })) as {
        purged?: Record<string, string[]>;
      };
      return res.purged ?? {};
    },
    async compact() {
      await store.server.db.compact(name);
    },
  };
}

/** A team's database (one collection) by name. */
export const teamDatabase = (store: Store, teamId: string, collection: TeamCollection) =>
  namedDb(store, store.dbName(teamId, collection));

/** A system database by name. */
export const systemDatabase = (store: Store, db: SystemDb) => namedDb(store, store.systemDbName(db));

/** The prefix every database name of this store begins with (COUCHDB_DB_PREFIX; '' by default). */
export const databasePrefix = (store: Store) =>
  store.systemDbName('app_runtime').slice(0, -'app_runtime'.length);
