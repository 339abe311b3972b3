// Typed access to a team's collections (issue 36): one accessor per collection whose reads answer
// the domain's doc types of shared/src/schemas (`id`, not CouchDB's `_id`), so code outside store/
// never casts what the store answers. The docs were validated by their schema when written (the sync
// gateway, the API's routes), so they are read as their collection's type here, in one place.
import type { CollectionDocs, CollectionName } from '@app/shared/schemas';
import type { ErrorCode } from '@app/shared/errors';
import { DomainError } from '@app/shared/errors';
import type { MangoQuery } from 'nano';
import type { Store } from '../context';
import { fromCouch, updateDoc } from './couch-docs';
import { statusOf } from './couch-errors';
import {
  allDocs,
  docsByIds,
  getOr404,
  getRaw,
  fromCouchRaw,
  scan,
  toCouchRaw,
  type ApiDoc,
  type CouchRaw,
  type ScanOptions,
} from './raw-docs';

/** A doc of one collection, as the domain types it (its type derived from its schema). */
export type CollectionDoc<C extends CollectionName> = CollectionDocs[C];

/** An API doc (`id`, validated against the collection's schema) as its collection's type. */
export const asCollectionDoc = <C extends CollectionName>(_collection: C, doc: object) =>
  doc as unknown as CollectionDoc<C>;

/** A doc as CouchDB holds it (`_id`), from a changes feed or a query, as its collection's type. */
export const storedAsDoc = <C extends CollectionName>(_collection: C, raw: object): CollectionDoc<C> =>
  fromCouch<CollectionDoc<C>>(raw as Record<string, unknown>);

export type TypedCollection<C extends CollectionName> = {
  /** Every doc, in id order (read in batches): for reports and bounded admin work. */
  all(): Promise<CollectionDoc<C>[]>;
  /** The doc, or null when there is none. */
  get(id: string): Promise<CollectionDoc<C> | null>;
  /** The doc, or a 404 DomainError with `code` and the `what` of its message. */
  getOr404(id: string, code: ErrorCode, what: string): Promise<CollectionDoc<C>>;
  /** The doc and its revision (to write it back on), or a 404 DomainError as getOr404. */
  getForUpdate(id: string, code: ErrorCode, what: string): Promise<{ doc: CollectionDoc<C>; rev: string }>;
  /** The docs a Mango query selects. */
  find(query: MangoQuery): Promise<CollectionDoc<C>[]>;
  /** The docs a Mango query selects, each with its revision (to write it back on). */
  findItems(query: MangoQuery): Promise<{ doc: CollectionDoc<C>; rev: string }[]>;
  /** The live docs of `ids` that exist, by id: for the few docs a page names. */
  byIds(ids: readonly string[]): Promise<Map<string, CollectionDoc<C>>>;
  /** The ids of (up to `limit`) docs a Mango selector selects. */
  findIds(selector: MangoQuery['selector'], limit: number): Promise<string[]>;
  /**
   * Applies `change` to the current doc and writes it on its revision, reading again when another
   * write came between. Answers the doc written, or undefined when there is none or nothing changed.
   */
  update(
    id: string,
    change: (current: CollectionDoc<C>) => CollectionDoc<C> | undefined,
  ): Promise<CollectionDoc<C> | undefined>;
  /**
   * Writes the doc: a new one without `rev`, else over revision `rev`. A stale revision, or an id that
   * exists already, is a 409 `conflict` DomainError. Answers the new revision.
   */
  save(doc: CollectionDoc<C>, rev?: string): Promise<string>;
  /** Creates the doc when its id is free: false (nothing written) when a doc with that id exists. */
  create(doc: CollectionDoc<C>): Promise<boolean>;
  /** Deletes the doc at revision `rev`; a stale revision is a 409 `conflict` DomainError. */
  remove(id: string, rev: string): Promise<void>;
  /**
   * Writes many docs in one request (each new, or over its `rev`; `deleted`: deletes it at `rev`):
   * each doc's revision or error.
   */
  bulk(
    items: readonly { doc: CollectionDoc<C>; rev?: string; deleted?: boolean }[],
  ): Promise<{ id: string; rev?: string; error?: string }[]>;
  /** A page of docs in id order from `after` (exclusive), those `match` keeps, with a cursor. */
  scan(options: TypedScanOptions<C>): Promise<TypedScanPage<C>>;
};

export type TypedScanOptions<C extends CollectionName> = Omit<ScanOptions, 'match'> & {
  match?: (doc: CollectionDoc<C>) => boolean;
};
export type TypedScanPage<C extends CollectionName> = {
  items: { doc: CollectionDoc<C>; rev: string }[];
  last: string | null;
  done: boolean;
};

const conflict = (id: string, what = 'was changed or exists already') =>
  new DomainError('conflict', `'${id.slice(0, 128)}' ${what}; reload and retry`);

/** A team's collection, typed by its schema. */
export function teamCollection<C extends CollectionName>(
  store: Store,
  teamId: string,
  collection: C,
): TypedCollection<C> {
  const db = () => store.teamDb(teamId, collection);
  const typed = (doc: ApiDoc): CollectionDoc<C> => asCollectionDoc(collection, doc);
  return {
    all: async () => (await allDocs(db())).map(typed),
    async get(id): Promise<CollectionDoc<C> | null> {
      const raw = await getRaw(db(), id);
      if (!raw) return null;
      return typed(fromCouchRaw(raw).doc);
    },
    getOr404: async (id, code, what) => typed((await getOr404(db(), id, code, what)).doc),
    async getForUpdate(id, code, what) {
      const { doc, rev } = await getOr404(db(), id, code, what);
      return { doc: typed(doc), rev };
    },
    find: async (query) => (await db().find(query)).docs.map((d) => typed(fromCouchRaw(d as CouchRaw).doc)),
    async findItems(query) {
      const { docs } = await db().find(query);
      return docs.map((d) => {
        const { doc, rev } = fromCouchRaw(d as CouchRaw);
        return { doc: typed(doc), rev };
      });
    },
    byIds: async (ids) =>
      new Map([...(await docsByIds(db(), ids))].map(([id, d]) => [id, typed(d)] as const)),
    async findIds(selector, limit) {
      const { docs } = await db().find({ selector, fields: ['_id'], limit });
      return docs.map((d) => String((d as { _id: unknown })._id));
    },
    async update(id, change) {
      const written = await updateDoc(db(), id, (current) => {
        const next = change(typed(fromCouchRaw(current as unknown as CouchRaw).doc));
        return next && toCouchRaw(next as unknown as Record<string, unknown>);
      });
      return written && typed(fromCouchRaw(written as unknown as CouchRaw).doc);
    },
    async save(doc, rev) {
      const raw = toCouchRaw(doc as unknown as Record<string, unknown>, rev);
      try {
        return (await db().insert(raw)).rev;
      } catch (error) {
        if (statusOf(error) === 409) throw conflict(raw._id);
        throw error;
      }
    },
    async create(doc) {
      try {
        await db().insert(toCouchRaw(doc as unknown as Record<string, unknown>));
        return true;
      } catch (error) {
        if (statusOf(error) === 409) return false;
        throw error;
      }
    },
    async remove(id, rev) {
      try {
        await db().destroy(id, rev);
      } catch (error) {
        if (statusOf(error) === 409) throw conflict(id, 'was changed');
        throw error;
      }
    },
    async bulk(items) {
      if (!items.length) return [];
      const docs = items.map((i) => {
        const raw = toCouchRaw(i.doc as unknown as Record<string, unknown>, i.rev);
        return i.deleted ? { _id: raw._id, _rev: raw._rev, _deleted: true } : raw;
      });
      const res = await db().bulk({ docs });
      return res.map((r, i) => ({
        id: r.id ?? docs[i]!._id,
        ...(r.rev && !r.error ? { rev: r.rev } : {}),
        ...(r.error ? { error: r.error } : {}),
      }));
    },
    async scan(options) {
      const { match, ...rest } = options;
      const page = await scan(db(), { ...rest, ...(match ? { match: (d) => match(typed(d)) } : {}) });
      return { ...page, items: page.items.map((i) => ({ doc: typed(i.doc), rev: i.rev })) };
    },
  };
}
