// Who may push what through the gateway, by the shared access table (`@app/shared/access`): each doc
// of a `_bulk_docs`, PUT or DELETE is a create, an update or a delete of the stored doc, checked for
// the caller's role. The stored docs are read (one `_all_docs`) only when the decision depends on
// them: when the role may create but not update (or the other way round), or field rules bind it.
// An allowed doc comes back as it is to be written: stamp rules (`stampWrite`) set the fields the
// server decides, such as the author of a rep's outbound message (the caller, whatever was sent) or a
// new knowledge source's status (pending: the server measures and indexes it).
import {
  canWrite,
  checkWrite,
  needsStoredDoc,
  parentOf,
  refusal,
  rulesFor,
  stampWrite,
  writeOperation,
  type Role,
  type Verdict,
  type WriteOperation,
} from '@app/shared/access';
import { DomainError } from '@app/shared/errors';
import type { TeamCollection } from '../context';
import type { Forwarder } from './forward';
import { idOf } from './validate-push';

type Raw = Record<string, unknown>;
type Stored = { exists: boolean; doc?: Raw };
type AllDocsRow = { key?: string; value?: { deleted?: boolean }; doc?: Raw | null; error?: string };

/** The operation a doc is when its stored state is not read: a revision means it updates one. */
const guessOperation = (doc: Raw): WriteOperation => writeOperation(doc, typeof doc._rev === 'string');

async function readStored(
  db: string,
  ids: string[],
  withDocs: boolean,
  fwd: Forwarder,
): Promise<Map<string, Stored>> {
  const found = new Map<string, Stored>();
  if (ids.length === 0) return found;
  const up = await fwd.call('access-all-docs', {
    method: 'POST',
    path: `/${db}/_all_docs`,
    query: new URLSearchParams(withDocs ? { include_docs: 'true' } : {}),
    body: JSON.stringify({ keys: [...new Set(ids)] }),
  });
  if ((up.statusCode ?? 500) >= 300) {
    up.resume();
    throw new DomainError('store-unavailable', 'The database did not answer the access check');
  }
  const answer = (await fwd.json(up)) as { rows?: AllDocsRow[] };
  for (const row of answer.rows ?? []) {
    if (typeof row.key !== 'string') continue;
    const exists = !row.error && row.value !== undefined && row.value.deleted !== true;
    found.set(row.key, { exists, ...(exists && row.doc ? { doc: row.doc } : {}) });
  }
  return found;
}

/** An allowed doc with what to write (stamped), or the refusal. */
export type PushDecision = { ok: true; doc: Raw } | { ok: false; reason: string };

/**
 * Every doc refused, when the role may write nothing of the collection (nothing read, nothing
 * validated: the role is asked first); undefined otherwise.
 */
export function refuseByRole(
  role: Role,
  collection: TeamCollection,
  docs: Raw[],
): PushDecision[] | undefined {
  if (canWrite(role, collection)) return undefined;
  return docs.map((d) => ({ ok: false, reason: refusal(role, collection, guessOperation(d)) }));
}

/**
 * The access decision of each doc (same order). Docs are CouchDB-shaped and already validated;
 * a delete is `{_id, _deleted: true}`. `userId` is the caller's (field rules that bind a doc to its
 * writer, e.g. stage changes, read it; stamp rules write it).
 */
export async function checkPushes(
  role: Role,
  collection: TeamCollection,
  docs: Raw[],
  db: string,
  fwd: Forwarder,
  userId?: string,
): Promise<PushDecision[]> {
  if (docs.length === 0) return [];
  const refused = refuseByRole(role, collection, docs);
  if (refused) return refused;
  const decide = (d: Raw, op: WriteOperation, previous?: Raw, parent?: Raw | null): PushDecision => {
    const verdict: Verdict = checkWrite(role, collection, op, d, previous, userId, parent);
    if (!verdict.ok) return verdict;
    return { ok: true, doc: stampWrite(role, collection, op, d, userId) };
  };
  if (!needsStoredDoc(role, collection)) return docs.map((d) => decide(d, guessOperation(d)));
  const ids = docs.map((d) => idOf(d) ?? '');
  const stored = await readStored(db, ids, rulesFor(role, collection).length > 0, fwd);
  const writes = docs.map((d, i) => {
    const now = stored.get(ids[i]!) ?? { exists: false };
    const op = writeOperation(d, now.exists);
    return { d, op, previous: now.doc, parent: parentOf(role, collection, op, d, now.doc) };
  });
  const parents = await readParents(db, collection, writes, fwd);
  return writes.map((w) =>
    decide(w.d, w.op, w.previous, w.parent ? (parents.get(w.parent.id) ?? null) : undefined),
  );
}

/**
 * The docs the writes belong to (a chunk's source: the access policy's `parentOf`), by id, from their
 * collection's database beside `db`; a missing one is absent from the map.
 */
async function readParents(
  db: string,
  collection: TeamCollection,
  writes: Array<{ parent?: { resource: string; id: string } }>,
  fwd: Forwarder,
): Promise<Map<string, Raw>> {
  const named = writes.flatMap((w) => (w.parent ? [w.parent] : []));
  const found = new Map<string, Raw>();
  if (named.length === 0) return found;
  // One parent collection per collection (knowledge_chunks -> knowledge_sources), a sibling database.
  const resource = named[0]!.resource;
  const suffix = `_${collection}`;
  if (!db.endsWith(suffix)) throw new DomainError('internal-error', `Unexpected database name ${db}`);
  const parentDb = `${db.slice(0, -collection.length)}${resource}`;
  const stored = await readStored(
    parentDb,
    named.map((n) => n.id),
    true,
    fwd,
  );
  for (const [id, s] of stored) if (s.exists && s.doc) found.set(id, s.doc);
  return found;
}

/** CouchDB's answer to a refused single-doc write. */
export const forbidden = (reason: string) => ({ error: 'forbidden', reason });
