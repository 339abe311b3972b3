// Docs the sync gateway refuses one by one: `{id, error: 'forbidden', reason}` rows of `_bulk_docs`
// (the caller's role may not write them, see `@app/shared/access`, or they fail the schema). RxDB's
// CouchDB replication takes any such row for a bug and retries the whole push every few seconds for
// ever, the doc pending for good. With this, the replication's fetch answers refused rows as written
// (the push ends), the local copy is put back as the server has it (or removed when the server has
// none), the push modifier drops the push of that put-back, and the caller is told what was refused.
// Structurally typed: shared imports no RxDB (the desktop and the tests pass RxDB collections).
import { canonicalJson } from './merge';

export type Refusal = { id: string; reason: string };

type Doc = Record<string, unknown>;
type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** What of an RxDB collection putting a doc back needs. */
export type RefusalTarget = {
  findOne(id: string): { exec(): Promise<{ toJSON(): unknown; remove(): Promise<unknown> } | null> };
  upsert(doc: never): Promise<unknown>;
};

export type PushRefusals = {
  /** Wraps the replication's fetch: refused `_bulk_docs` rows are answered as written. */
  wrap(inner: Fetch): Fetch;
  /** The replication's push modifier: drops the push of a doc just put back as the server has it. */
  modifier<T>(doc: T): T | null;
  /** Settles when the docs refused so far are put back (tests, shutdown). */
  settled(): Promise<void>;
};

type Row = { id?: string; ok?: boolean; error?: string; reason?: string };
type AllDocsRow = { key?: string; doc?: Doc | null; value?: { deleted?: boolean } };

/** Keys RxDB keeps with a doc that are not its content. */
const localOnly = new Set(['_meta', '_rev', '_attachments', '_deleted']);
const content = (doc: Doc) =>
  canonicalJson(Object.fromEntries(Object.entries(doc).filter(([k]) => !localOnly.has(k))));

/** A server doc in RxDB's shape: `_id` becomes the primary key, CouchDB's own fields go. */
function fromServer(doc: Doc, primaryKey: string): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(doc)) if (!k.startsWith('_')) out[k] = v;
  out[primaryKey] = doc._id;
  return out;
}

const isBulkDocs = (url: string, init?: RequestInit) =>
  (init?.method ?? 'GET').toUpperCase() === 'POST' &&
  new URL(url, 'http://x').pathname.endsWith('/_bulk_docs');

export function createPushRefusals(opts: {
  /** The collection's gateway URL, ending in `/` (`<server>/sync/<collection>/`). */
  url: string;
  collection: RefusalTarget;
  primaryKey?: string;
  onRefused(refusals: Refusal[]): void;
  onError?(error: unknown): void;
}): PushRefusals {
  const primaryKey = opts.primaryKey ?? 'id';
  /** Doc id -> the content put back (`null`: removed), until its push comes by. */
  const putBack = new Map<string, string | null>();
  let queue: Promise<void> = Promise.resolve();

  async function serverDocs(fetch: Fetch, ids: string[]): Promise<Map<string, Doc | null>> {
    const res = await fetch(`${opts.url}_all_docs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ keys: ids, include_docs: true }),
    });
    const rows = ((await res.json()) as { rows?: AllDocsRow[] }).rows ?? [];
    const found = new Map<string, Doc | null>(ids.map((id) => [id, null]));
    for (const row of rows) {
      if (row.key && row.doc && row.value?.deleted !== true)
        found.set(row.key, fromServer(row.doc, primaryKey));
    }
    return found;
  }

  async function restore(fetch: Fetch, ids: string[]) {
    for (const [id, server] of await serverDocs(fetch, ids)) {
      const local = await opts.collection.findOne(id).exec();
      if (server) {
        if (local && content(local.toJSON() as Doc) === content(server)) continue;
        putBack.set(id, content(server));
        await opts.collection.upsert(server as never);
      } else if (local) {
        putBack.set(id, null);
        await local.remove();
      }
    }
  }

  return {
    wrap(inner) {
      return async (input, init) => {
        const res = await inner(input, init);
        if (!isBulkDocs(input, init)) return res;
        const rows = (await res.json()) as Row[];
        const refused: Refusal[] = [];
        const answer = rows.map((row) => {
          if (row.ok || !row.error || row.error === 'conflict' || typeof row.id !== 'string') return row;
          refused.push({ id: row.id, reason: row.reason ?? row.error });
          return { id: row.id, ok: true };
        });
        if (refused.length) {
          opts.onRefused(refused);
          const ids = refused.map((r) => r.id);
          queue = queue.then(() => restore(inner, ids)).catch((e: unknown) => opts.onError?.(e));
        }
        return new Response(JSON.stringify(answer), {
          status: res.status,
          headers: { 'content-type': 'application/json' },
        });
      };
    },
    modifier<T>(doc: T): T | null {
      const d = doc as Doc;
      const id = d[primaryKey];
      if (typeof id !== 'string' || !putBack.has(id)) return doc;
      const expected = putBack.get(id);
      putBack.delete(id);
      const same = expected === null ? d._deleted === true : d._deleted !== true && content(d) === expected;
      return same ? null : doc;
    },
    settled: () => queue,
  };
}
