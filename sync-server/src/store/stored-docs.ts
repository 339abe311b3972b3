// A team's collection in the shape CouchDB stores it (`_id`, `_rev`), for the code that works on
// revisions: the channels' intake and outbox (claims on the revision seen, cancellations in bulk,
// read-modify-write with retries). Part of the data module (data.ts re-exports it): callers name the
// doc type they read, as with systemDocs; the domain shape (`id`) is teamData's.
import type { MangoQuery } from 'nano';
import type { Store, TeamCollection } from '../context';
import { claimWrite } from './claim-write';
import { createStored, getDoc, putDoc, updateDoc, type Stored } from './couch-docs';
import { idPattern } from './raw-docs';

/** A doc as written: `_id`, and `_rev` when it goes over a revision. */
export type StoredWrite<T> = T & { _id: string; _rev?: string };

export type StoredDocs<T extends object> = {
  /** The doc as stored, or undefined when there is none. */
  get(id: string): Promise<Stored<T> | undefined>;
  /** Creates the doc: false (nothing written) when the id exists already. */
  create(id: string, doc: T): Promise<boolean>;
  /** Creates the doc and answers it as stored (with its revision); undefined when the id exists. */
  createStored(id: string, doc: T): Promise<Stored<T> | undefined>;
  /**
   * Applies `change` to the current doc and writes it on its revision, reading again when another
   * write came between (couch-docs.ts updateDoc). Undefined when there is none or nothing changed.
   */
  update(
    id: string,
    change: (current: Stored<T>) => T | undefined,
    attempts?: number,
  ): Promise<Stored<T> | undefined>;
  /** Writes the doc (over its `_rev`, or new): its new revision, or null when another write came first. */
  put(doc: StoredWrite<T>): Promise<string | null>;
  /** The docs a Mango query selects, as stored. */
  find(query: MangoQuery): Promise<Stored<T>[]>;
  /** The live docs of `ids` that exist (ids that cannot exist are skipped), in the order found. */
  byIds(ids: readonly string[]): Promise<Stored<T>[]>;
  /** Writes many docs in one request: each doc's new revision or error. */
  bulk(docs: readonly StoredWrite<T>[]): Promise<{ id: string; rev?: string; error?: string }[]>;
  /**
   * A claim: the doc written on its `_rev` only if that is still the doc's revision on a write
   * quorum (claim-write.ts). Its new revision, or undefined when another write won.
   */
  claim(doc: StoredWrite<T>): Promise<string | undefined>;
};

/** A team's collection as stored, its docs read as `T`. */
export function teamStored<T extends object = Record<string, unknown>>(
  store: Store,
  teamId: string,
  collection: TeamCollection,
): StoredDocs<T> {
  const db = () => store.teamDb<T>(teamId, collection);
  return {
    get: (id) => getDoc(db(), id),
    create: async (id, doc) => (await createStored(db(), id, doc)) !== undefined,
    createStored: (id, doc) => createStored(db(), id, doc),
    update: (id, change, attempts) => updateDoc(db(), id, change, attempts),
    put: (doc) => putDoc(db(), doc),
    find: async (query) => (await db().find(query)).docs as Stored<T>[],
    async byIds(ids) {
      const wanted = ids.filter((id) => idPattern.test(id));
      if (!wanted.length) return [];
      const { rows } = await db().fetch({ keys: wanted });
      const docs = rows.map((r) =>
        'doc' in r ? (r.doc as (Stored<T> & { _deleted?: boolean }) | null) : null,
      );
      return docs.filter((d): d is Stored<T> => Boolean(d && !d._deleted));
    },
    async bulk(docs) {
      if (!docs.length) return [];
      const res = await db().bulk({ docs: [...docs] });
      return res.map((r, i) => ({
        id: r.id ?? docs[i]!._id,
        ...(r.rev && !r.error ? { rev: r.rev } : {}),
        ...(r.error ? { error: r.error } : {}),
      }));
    },
    claim: (doc) => claimWrite(db(), doc as unknown as Record<string, unknown> & { _id: string }),
  };
}
