// Untyped ("raw") CouchDB docs as the admin API, CSV and data care handle them: the RxDB-style doc
// shape (`_id` carries the primary key) with its revision kept beside it (`fromCouchRaw` answers
// `{ doc, rev }`), not-found and conflict detection, and id-ordered scans with filters and a cursor.
// The runtime's typed helpers (read-modify-write, create-if-missing) are in couch-docs.ts.
import type { DocumentScope } from 'nano';
import { DomainError, type ErrorCode } from '@app/shared/errors';
import { statusOf } from './couch-errors';

export type Db = DocumentScope<Record<string, unknown>>;
export type ApiDoc = Record<string, unknown> & { id: string };
export type CouchRaw = Record<string, unknown> & { _id: string; _rev?: string };

const couchOnly = new Set([
  '_id',
  '_rev',
  '_deleted',
  '_attachments',
  '_conflicts',
  '_revisions',
  '_revs_info',
]);

/** The domain doc of a CouchDB doc: `_id` becomes `id`, CouchDB's own fields are dropped. */
export function fromCouchRaw(raw: CouchRaw): { doc: ApiDoc; rev: string } {
  const doc: ApiDoc = { id: raw._id };
  for (const [key, value] of Object.entries(raw)) {
    if (!couchOnly.has(key) && key !== 'id') doc[key] = value;
  }
  return { doc, rev: raw._rev ?? '' };
}

/** The CouchDB doc for a domain doc, in the shape RxDB's CouchDB replication writes (no `id` field). */
export function toCouchRaw(doc: Record<string, unknown>, rev?: string): CouchRaw {
  const { id, ...rest } = doc;
  return { _id: String(id), ...(rev ? { _rev: rev } : {}), ...rest };
}

export { statusOf };

/** What an id from a URL may look like (the shared id pattern): never `_design/...` or `_local/...`. */
export const idPattern = /^[A-Za-z0-9][A-Za-z0-9_:.@-]{0,127}$/;

/** Reads one doc, or `null` when it is missing or deleted. Ids that cannot exist answer `null`. */
export async function getRaw(db: Db, id: string): Promise<CouchRaw | null> {
  if (!idPattern.test(id)) return null;
  try {
    return (await db.get(id)) as unknown as CouchRaw;
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

export async function getOr404(
  db: Db,
  id: string,
  code: ErrorCode = 'not-found',
  what = 'Document',
): Promise<{ doc: ApiDoc; rev: string }> {
  const raw = await getRaw(db, id);
  if (!raw) throw new DomainError(code, `${what} '${id.slice(0, 128)}' was not found`);
  return fromCouchRaw(raw);
}

/** The live docs of `ids` that exist, by id (500 keys a request): for the few docs a page names. */
export async function docsByIds(db: Db, ids: readonly string[]): Promise<Map<string, ApiDoc>> {
  const out = new Map<string, ApiDoc>();
  const wanted = ids.filter((id) => idPattern.test(id));
  for (let i = 0; i < wanted.length; i += 500) {
    const res = await db.fetch({ keys: wanted.slice(i, i + 500) });
    for (const row of res.rows) {
      const doc = 'doc' in row ? (row.doc as unknown as CouchRaw | null) : null;
      if (doc && !doc._deleted) out.set(doc._id, fromCouchRaw(doc).doc);
    }
  }
  return out;
}

export type ScanOptions = {
  /** The id after which to continue (exclusive). */
  after?: string | undefined;
  limit: number;
  match?: (doc: ApiDoc) => boolean;
  /** How many docs one request may look at before it answers with what it has and a cursor. */
  maxScan?: number;
  batch?: number;
};

export type ScanPage = { items: { doc: ApiDoc; rev: string }[]; last: string | null; done: boolean };

/** Walks `_all_docs` in id order from `after`, keeping docs that `match`, up to `limit`. */
export async function scan(db: Db, options: ScanOptions): Promise<ScanPage> {
  const maxScan = options.maxScan ?? 5000;
  const batch = Math.max(
    options.batch ?? (options.match ? Math.min(500, options.limit * 2 + 1) : options.limit),
    2,
  );
  const items: ScanPage['items'] = [];
  let after = options.after;
  let scanned = 0;
  for (;;) {
    const res = await db.list({
      include_docs: true,
      limit: batch + 1,
      ...(after === undefined ? {} : { startkey: after }),
    });
    const rows = res.rows.filter((r) => r.id !== after);
    for (const row of rows) {
      after = row.id;
      scanned++;
      if (row.id.startsWith('_') || !row.doc) continue;
      const item = fromCouchRaw(row.doc as unknown as CouchRaw);
      if (options.match && !options.match(item.doc)) continue;
      items.push(item);
      if (items.length >= options.limit) {
        return { items, last: row.id, done: false };
      }
    }
    if (res.rows.length < batch + 1) return { items, last: null, done: true };
    if (scanned >= maxScan) return { items, last: after ?? null, done: false };
  }
}

/** Every doc of a database (id order), in batches. For bounded admin work: imports, erasure, backups. */
export async function allItems(db: Db, batch = 1000): Promise<ScanPage['items']> {
  const out: ScanPage['items'] = [];
  let after: string | undefined;
  for (;;) {
    const page = await scan(db, { after, limit: batch, batch, maxScan: batch });
    out.push(...page.items);
    if (page.done || page.last === null) return out;
    after = page.last;
  }
}

export async function allDocs(db: Db, batch = 1000): Promise<ApiDoc[]> {
  return (await allItems(db, batch)).map((i) => i.doc);
}
