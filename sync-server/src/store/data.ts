// The one data module (issue 63): what code outside store/ reads and writes, typed, instead of the
// CouchDB client. `teamData(store, team).<collection>` is a team's collection typed by its schema
// (collections.ts); `.files` the team's stored files; `systemDocs<T>(store, db)` one kind of doc of a
// system database (CouchDB's own shape, `_id` and `_rev`, as they are stored); `systemLeases` the
// leases kept in `app_runtime`. Everything here sits on `Store.teamDb`/`systemDb`, so it works on both
// the embedded store and Apache CouchDB.
import type { Readable } from 'node:stream';
import { DomainError, type ErrorCode } from '@app/shared/errors';
import { collectionNames, type CollectionName } from '@app/shared/schemas';
import type { MangoQuery, MangoSelector } from 'nano';
import type { Store, SystemDb, TeamCollection } from '../context';
import { teamCollection, type TypedCollection } from './collections';
import {
  allItems,
  docsByIds,
  fromCouchRaw,
  getOr404,
  getRaw,
  scan,
  type ApiDoc,
  type CouchRaw,
  type ScanOptions,
  type ScanPage,
} from './raw-docs';
import { statusOf } from './couch-errors';
import { claimWrite } from './claim-write';
import { getDoc, ORIGINAL, putDoc, readAttachment } from './couch-docs';
import { storeFile } from './stored-files';
import { createLeases, type LeaseDoc, type Leases } from './leases';

export { teamStored, type StoredDocs, type StoredWrite } from './stored-docs';

/** A doc of a system database as stored. */
export type SystemDoc = { _id: string; _rev?: string };

export type SystemDocs<T extends SystemDoc> = {
  /** The doc, or null when there is none. */
  get(id: string): Promise<T | null>;
  /** Deletes the doc at revision `rev` (a store error when it is not the current one). */
  remove(id: string, rev: string): Promise<void>;
  /** Writes the doc (over its `_rev`, or new): its new revision, or null when another write came first. */
  put(doc: T): Promise<string | null>;
  /** Writes a new doc (an id no doc has: random, for one): its revision; a 409 `conflict` when one has. */
  create(doc: T): Promise<string>;
  /**
   * Read, changed by `change`, written on its revision; read again when another write came between
   * (up to `attempts` times, then a 409 `conflict`). `change` answers undefined to leave it as it is.
   * Answers the doc as written (with its new `_rev`), or as it was.
   */
  update(id: string, change: (current: T | null) => T | undefined, attempts?: number): Promise<T | null>;
  /** Every doc whose id starts with `prefix` (the first `limit` of them), in id order. */
  withPrefix(prefix: string, limit?: number): Promise<T[]>;
  /** Deletes the docs, each at its revision, in one request (each doc's own outcome, errors ignored). */
  removeAll(docs: readonly { _id: string; _rev: string }[]): Promise<void>;
  /** The docs `selector` selects, whole (up to `limit`: for bounded lists). */
  select(selector: MangoSelector, limit?: number): Promise<T[]>;
  /** How many docs the database holds (CouchDB's `total_rows`, its design docs included). */
  total(): Promise<number>;
  /**
   * A claim: the doc written on its `_rev` only if that is still the doc's revision on a write quorum
   * (claim-write.ts), for one-time tokens. Its new revision, or undefined when another write won.
   */
  claim(doc: T): Promise<string | undefined>;
  /** The database's position now: where `changesSince` starts to see only what comes after. */
  position(): Promise<FeedPosition>;
  /** The changes after `since` (up to `limit`), each with its doc unless deleted, and the next position. */
  changesSince(
    since: FeedPosition,
    limit: number,
  ): Promise<{ changes: SystemChange<T>[]; next: FeedPosition }>;
  /** How many docs have an id that starts with `prefix`. */
  countWithPrefix(prefix: string): Promise<number>;
  /** The `fields` of the docs `selector` selects (all of them: for bounded counts). */
  find<K extends keyof T & string>(selector: MangoSelector, fields: readonly K[]): Promise<Pick<T, K>[]>;
};

/** A position in a database's changes (CouchDB's `update_seq`/`last_seq`): opaque. */
export type FeedPosition = string | number;
/** One changed doc: its id, whether it was deleted, and the doc as it is now (when it is not). */
export type SystemChange<T> = { id: string; deleted: boolean; doc?: T };

const high = '\ufff0';

/** One kind of doc `T` of a system database. */
export function systemDocs<T extends SystemDoc>(store: Store, name: SystemDb): SystemDocs<T> {
  const db = () => store.systemDb<T>(name);
  const self: SystemDocs<T> = {
    async get(id) {
      try {
        return await db().get(id);
      } catch (e) {
        if (statusOf(e) === 404) return null;
        throw e;
      }
    },
    async remove(id, rev) {
      await db().destroy(id, rev);
    },
    put: (doc) => putDoc(db(), doc),
    async create(doc) {
      const rev = await self.put(doc);
      if (rev === null) throw new DomainError('conflict', `'${doc._id.slice(0, 128)}' exists already`);
      return rev;
    },
    async update(id, change, attempts = 6) {
      for (let attempt = 1; ; attempt++) {
        const current = await self.get(id);
        const next = change(current);
        if (!next) return current;
        const { _rev: _ignored, ...rest } = next;
        const rev = await self.put({
          ...rest,
          _id: id,
          ...(current?._rev ? { _rev: current._rev } : {}),
        } as T);
        if (rev) return { ...next, _id: id, _rev: rev };
        if (attempt >= attempts)
          throw new DomainError('conflict', `'${id.slice(0, 128)}' keeps changing; try again`);
      }
    },
    async withPrefix(prefix, limit) {
      const range = { startkey: prefix, endkey: prefix + high, include_docs: true };
      const { rows } = await db().list(limit === undefined ? range : { ...range, limit });
      return rows.map((r) => r.doc).filter((d): d is NonNullable<typeof d> => Boolean(d)) as T[];
    },
    async removeAll(docs) {
      if (!docs.length) return;
      const deletions = docs.map((d) => ({ _id: d._id, _rev: d._rev, _deleted: true }));
      await db().bulk({ docs: deletions as unknown as T[] });
    },
    async select(selector, limit = 100_000) {
      return (await db().find({ selector, limit })).docs as T[];
    },
    claim: (doc) => claimWrite(db(), doc as unknown as Record<string, unknown> & { _id: string }),
    total: async () => (await db().list({ limit: 1 })).total_rows,
    position: async () => (await db().info()).update_seq as FeedPosition,
    async changesSince(since, limit) {
      const res = await db().changes({ since: String(since), include_docs: true, limit });
      const changes = res.results.map((r) => {
        const deleted = Boolean(r.deleted);
        const doc = deleted ? undefined : (r as { doc?: T }).doc;
        return { id: r.id, deleted, ...(doc ? { doc } : {}) };
      });
      return { changes, next: res.last_seq as FeedPosition };
    },
    async countWithPrefix(prefix) {
      return (await db().list({ startkey: prefix, endkey: prefix + high })).rows.length;
    },
    async find(selector, fields) {
      const { docs } = await db().find({ selector, fields: [...fields], limit: 100_000 });
      return docs as unknown as Pick<T, (typeof fields)[number]>[];
    },
  };
  return self;
}

/** A team's stored files (the `files` database: docs with their bytes as attachments). */
export type TeamFiles = ApiDocs & {
  /** The bytes of the doc's original (its `original` attachment); a store 404 when it is missing. */
  original(id: string): Promise<Buffer>;
  /** The bytes of the doc's original, or undefined when the doc or its original is missing. */
  originalOrNone(id: string): Promise<Uint8Array | undefined>;
  /** The original's bytes as a stream (for reading only its start, e.g. a mail's header block). */
  originalStream(id: string): Readable;
  /** Adds the original to the doc at revision `rev` (a store error when the revision is stale). */
  attachOriginal(id: string, rev: string, bytes: Buffer, mimeType: string): Promise<void>;
  /** The length the store recorded of the doc's original (its bytes not read); undefined when none. */
  originalLength(id: string): Promise<number | undefined>;
  /** Every byte of every attachment, by the lengths the store recorded; 0 before the team is set up. */
  attachmentBytes(): Promise<number>;
  /** Writes a doc and its bytes as its attachment (stored-files.ts `storeFile`). */
  store(
    id: string,
    meta: Record<string, unknown>,
    bytes: Buffer,
    mimeType: string,
    inlineUpTo?: number,
  ): Promise<void>;
};

/** Each of a team's collections, typed by its schema, and its files. */
export type TeamData = { readonly [C in CollectionName]: TypedCollection<C> } & { readonly files: TeamFiles };

export function teamData(store: Store, teamId: string): TeamData {
  const out = { files: teamFiles(store, teamId) } as Record<string, unknown>;
  for (const c of collectionNames) {
    Object.defineProperty(out, c, { get: () => teamCollection(store, teamId, c), enumerable: true });
  }
  return out as TeamData;
}

function teamFiles(store: Store, teamId: string): TeamFiles {
  return {
    ...apiDocs(store, teamId, 'files'),
    async original(id) {
      const bytes = await readAttachment(store.teamDb(teamId, 'files'), id, ORIGINAL);
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    store: (id, meta, bytes, mimeType, inlineUpTo) =>
      storeFile(store.teamDb(teamId, 'files'), id, meta, bytes, mimeType, inlineUpTo),
    async originalOrNone(id) {
      try {
        return await readAttachment(store.teamDb(teamId, 'files'), id, ORIGINAL);
      } catch (e) {
        if (statusOf(e) === 404) return undefined;
        throw e;
      }
    },
    originalStream: (id) =>
      store.teamDb(teamId, 'files').attachment.getAsStream(id, ORIGINAL) as unknown as Readable,
    async attachOriginal(id, rev, bytes, mimeType) {
      await store.teamDb(teamId, 'files').attachment.insert(id, ORIGINAL, bytes, mimeType, { rev });
    },
    async originalLength(id) {
      // Any id the store holds (getRaw would answer null for ids outside the API's pattern).
      const raw = await getDoc(store.teamDb(teamId, 'files'), id);
      const length = (raw?._attachments as Record<string, { length?: unknown } | undefined> | undefined)?.[
        ORIGINAL
      ]?.length;
      return typeof length === 'number' ? length : undefined;
    },
    async attachmentBytes() {
      try {
        const { rows } = await store.teamDb(teamId, 'files').list({ include_docs: true });
        let bytes = 0;
        for (const row of rows) {
          const atts = (row.doc as { _attachments?: Record<string, { length?: unknown }> } | undefined)
            ?._attachments;
          for (const att of Object.values(atts ?? {})) {
            if (typeof att?.length === 'number' && Number.isFinite(att.length) && att.length > 0)
              bytes += att.length;
          }
        }
        return bytes;
      } catch (e) {
        if (statusOf(e) === 404) return 0;
        throw e;
      }
    },
  };
}

/** Leases (store/leases.ts) kept in `app_runtime`. */
export function systemLeases(
  store: Store,
  opts: { instanceId: string; ttlMs: number; now?: () => number },
): Leases {
  return createLeases({ db: store.systemDb<LeaseDoc>('app_runtime'), ...opts });
}

/**
 * A team's collection as the generic admin API, CSV and data care handle it: docs of any collection
 * (`id`, checked against the collection's schema where they are written) with their revisions.
 */
export type ApiDocs = {
  /** The doc and its revision, or null when there is none. */
  get(id: string): Promise<{ doc: ApiDoc; rev: string } | null>;
  /** The doc and its revision, or a 404 DomainError with `code` and the `what` of its message. */
  getOr404(id: string, code?: ErrorCode, what?: string): Promise<{ doc: ApiDoc; rev: string }>;
  /** Writes the doc, new or over `rev`; a stale revision or an existing id is a 409 `conflict`. */
  save(doc: ApiDoc, rev?: string): Promise<string>;
  /** Deletes the doc at `rev`; a stale revision is a 409 `conflict`. */
  remove(id: string, rev: string): Promise<void>;
  /** Writes many docs in one request (each new, or over its `rev`; `deleted`: deletes it at `rev`). */
  bulk(
    items: readonly { doc: ApiDoc; rev?: string; deleted?: boolean }[],
  ): Promise<{ id: string; rev?: string; error?: string }[]>;
  /** A page in id order (raw-docs.ts `scan`). */
  scan(options: ScanOptions): Promise<ScanPage>;
  /** Every doc with its revision, in id order (read in batches): for bounded admin work. */
  all(): Promise<ScanPage['items']>;
  /** The live docs of `ids` that exist, by id. */
  byIds(ids: readonly string[]): Promise<Map<string, ApiDoc>>;
  /** The docs a Mango query selects. */
  find(query: MangoQuery): Promise<ApiDoc[]>;
  /** The database's name and a read of its state (update sequence, doc count): what a cache keys on. */
  readonly state: DbState;
};

export type DbState = { name: string; info(): Promise<{ update_seq: unknown; doc_count: number }> };

export function apiDocs(store: Store, teamId: string, collection: TeamCollection): ApiDocs {
  const db = () => store.teamDb(teamId, collection);
  const asAny = (c: TeamCollection) => c as CollectionName;
  const typed = () => teamCollection(store, teamId, asAny(collection));
  return {
    async get(id) {
      const raw = await getRaw(db(), id);
      return raw ? fromCouchRaw(raw) : null;
    },
    getOr404: (id, code, what) => getOr404(db(), id, code, what),
    save: (doc, rev) => typed().save(doc as never, rev),
    remove: (id, rev) => typed().remove(id, rev),
    bulk: (items) => typed().bulk(items as never),
    scan: (options) => scan(db(), options),
    all: () => allItems(db()),
    byIds: (ids) => docsByIds(db(), ids),
    find: async (query) => (await db().find(query)).docs.map((d) => fromCouchRaw(d as CouchRaw).doc),
    state: { name: store.dbName(teamId, collection), info: () => db().info() },
  };
}
