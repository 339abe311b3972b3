// A compare-and-swap write that is one on a CouchDB cluster too: what a sender uses to claim a message
// before it goes out, so that exactly one process sends it.
//
// On one node (the embedded store, single-node CouchDB) a write that names a revision which is no
// longer the doc's latest is refused with 409. On a cluster each of the n copies checks the revision
// on its own: a copy that lags (a node just restarted, internal replication behind) still holds the
// old revision and accepts the write, and the coordinator answers 202 Accepted, "written on fewer
// copies than the write quorum", which nano cannot tell from 201. A claim made on a stale read (a
// lagging copy served the feed or `_find`) would then win too, and the message went out twice.
// Only a 201 proves the claim: at most one of two writes on the same revision reaches a write
// quorum (w + w > n), and a stale revision reaches at most the copies that missed the newer write,
// fewer than w. A 202 is treated as lost, and its revision is deleted again so the doc is not left
// in conflict; if nobody won, the message waits for the stale-claim sweep (late, never twice).
//
// Claims on one database made in one turn of the event loop (a burst's runs taking their
// conversations' leases, an outbox claiming a feed batch) go as one `_bulk_docs` through the
// database's coalescing scope (coalescing-scope.ts): CouchDB answers it 201 only when every doc it
// wrote reached the quorum, and 202 when some did not, without saying which; a 202 batch is lost as a
// whole and each revision it wrote is taken back.
import type { DocumentScope } from 'nano';
import { basicAuthOf } from './couch-auth';
import { couchError } from './couch-errors';

/** A nano database scope: its `config` names the server (with the credentials) and the database. */
type Target = Pick<DocumentScope<never>, 'config'>;

type Doc = Record<string, unknown> & { _id: string; _rev?: string };

/** A database scope that sends the claims of one turn together (coalescing-scope.ts). */
type Claiming = { claim?: (doc: Doc) => Promise<string | undefined> };

function endpoint(target: Target, id: string): { url: string; headers: Record<string, string> } {
  const { url, db } = target.config as { url: string; db: string };
  const base = new URL(url);
  const headers: Record<string, string> = { accept: 'application/json' };
  const auth = basicAuthOf(base);
  if (auth) headers.authorization = auth;
  base.username = '';
  base.password = '';
  const prefix = base.pathname.replace(/\/+$/, '');
  base.pathname = `${prefix}/${encodeURIComponent(db)}/${encodeURIComponent(id)}`;
  return { url: base.toString(), headers };
}

async function failure(res: Response): Promise<Error> {
  const body = (await res.json().catch(() => ({}))) as { error?: string; reason?: string };
  return couchError(res.status, body.error ?? 'unknown', body.reason ?? `CouchDB answered ${res.status}`);
}

/**
 * Writes `doc` into `db` (the doc names the revision it replaces) and answers its new revision when the write
 * reached a write quorum, `undefined` when the claim is lost: someone wrote first (409) or only
 * fewer copies than the quorum took it (202). Other failures are thrown as nano throws them.
 */
export function claimWrite(db: Target, doc: Doc): Promise<string | undefined> {
  const batched = (db as Claiming).claim;
  return typeof batched === 'function' ? batched(doc) : claimOne(db, doc);
}

/** One claim, alone: `PUT /db/id`. */
export async function claimOne(db: Target, doc: Doc): Promise<string | undefined> {
  const { url, headers } = endpoint(db, doc._id);
  const res = await fetch(url, {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(doc),
  });
  if (res.status === 409) {
    await res.body?.cancel();
    return undefined;
  }
  if (!res.ok) throw await failure(res);
  const { rev } = (await res.json()) as { rev: string };
  if (res.status === 201) return rev;
  // 202: on fewer copies than the quorum. Take it back (best effort: if the delete is lost too, the
  // doc keeps a conflict that the newer branch wins, as CouchDB picks the longer revision history).
  const undo = new URL(url);
  undo.searchParams.set('rev', rev);
  await fetch(undo, { method: 'DELETE', headers })
    .then((r) => r.body?.cancel())
    .catch(() => undefined);
  return undefined;
}

/**
 * Claims in one `_bulk_docs`, each answered as claimOne would answer it alone: its revision, or
 * `undefined` (lost: a conflict, or a 202 batch, whose revisions are taken back in one request). A
 * row with another error is `{ retry: true }`: the caller asks for that doc alone, to get its own error.
 */
export async function claimMany(
  db: Target,
  docs: Doc[],
): Promise<Array<{ value: string | undefined } | { retry: true }>> {
  const { url, headers } = endpoint(db, '_bulk_docs');
  const res = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ docs }),
  });
  if (!res.ok) throw await failure(res);
  const rows = (await res.json()) as Array<{ id?: string; rev?: string; error?: string }>;
  const outcomes = docs.map((doc, i) => {
    const row = rows[i];
    if (row?.id !== doc._id) return { retry: true as const };
    if (row.error === 'conflict') return { value: undefined };
    if (row.error || !row.rev) return { retry: true as const };
    return { value: row.rev };
  });
  if (res.status === 201) return outcomes;
  // 202: some doc reached fewer copies than the quorum, which one is not said: all are lost.
  const undo = outcomes.flatMap((o, i) =>
    'value' in o && o.value ? [{ _id: docs[i]!._id, _rev: o.value, _deleted: true }] : [],
  );
  if (undo.length > 0)
    await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ docs: undo }),
    })
      .then((r) => r.body?.cancel())
      .catch(() => undefined);
  return outcomes.map((o) => ('value' in o ? { value: undefined } : o));
}
