// What a gateway request asks for, from its raw (still encoded) path below /sync. Only the CouchDB
// endpoints replication needs are recognised; everything else is refused before reaching CouchDB.
import type { TeamCollection } from '../context';
import { isTeamCollection } from '../store/db-names';

export type GatewayOp =
  | { kind: 'db-info' }
  | { kind: 'changes' }
  | { kind: 'bulk-docs' }
  | { kind: 'all-docs' }
  | { kind: 'bulk-get' }
  | { kind: 'revs-diff' }
  | { kind: 'ensure-full-commit' }
  | { kind: 'local'; id: string }
  | { kind: 'doc'; id: string }
  | { kind: 'attachment'; id: string; name: string };

export type ParsedPath =
  { ok: true; collection: TeamCollection; op: GatewayOp } | { ok: false; status: 400 | 404; message: string };

/** Ids of data documents: what the shared schemas accept (no leading underscore, no slash). */
export const docIdPattern = /^[A-Za-z0-9][A-Za-z0-9_:.@-]{0,127}$/;
/** Replication checkpoint ids after `_local/` (PouchDB uses a hash with `.` and `_`). */
const localIdPattern = /^[A-Za-z0-9_.=+:@-]{1,200}$/;

const endpoints: Record<string, GatewayOp['kind']> = {
  _changes: 'changes',
  _bulk_docs: 'bulk-docs',
  _all_docs: 'all-docs',
  _bulk_get: 'bulk-get',
  _revs_diff: 'revs-diff',
  _ensure_full_commit: 'ensure-full-commit',
};

/** Attachment names: 1-255 characters, no control characters or backslashes, no leading `_` or `/`. */
export function isAttachmentName(name: string): boolean {
  if (name.length === 0 || name.length > 255 || name[0] === '_' || name[0] === '/') return false;
  for (const ch of name) if (ch.charCodeAt(0) < 0x20 || ch === '\\') return false;
  return true;
}

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

export function parseGatewayPath(rawPath: string): ParsedPath {
  const notFound = (message: string): ParsedPath => ({ ok: false, status: 404, message });
  const parts = rawPath.split('/').slice(1);
  const [collection, ...rest] = parts;
  if (!collection || !isTeamCollection(collection)) return notFound('No such collection');
  if (rest.length === 0 || (rest.length === 1 && rest[0] === '')) {
    return { ok: true, collection, op: { kind: 'db-info' } };
  }
  if (rest.length > 1 && rest[rest.length - 1] === '') rest.pop();
  const first = decode(rest[0]!);
  if (first === undefined) return { ok: false, status: 400, message: 'Malformed path encoding' };
  if (rest.length === 1 && Object.hasOwn(endpoints, first)) {
    return { ok: true, collection, op: { kind: endpoints[first]! } as GatewayOp };
  }
  // `_local/<id>` arrives either as two segments or as one encoded `_local%2F<id>`.
  const localId = first.startsWith('_local/')
    ? first.slice('_local/'.length)
    : first === '_local' && rest.length === 2
      ? decode(rest[1]!)
      : undefined;
  if (localId !== undefined && (first !== '_local' || rest.length === 2)) {
    if (rest.length > (first === '_local' ? 2 : 1)) return notFound('Not a replication endpoint');
    return localIdPattern.test(localId)
      ? { ok: true, collection, op: { kind: 'local', id: localId } }
      : { ok: false, status: 400, message: 'Invalid checkpoint id' };
  }
  if (!docIdPattern.test(first)) return notFound('Not a replication endpoint');
  if (rest.length === 1) return { ok: true, collection, op: { kind: 'doc', id: first } };
  const name = rest.slice(1).map(decode);
  if (name.some((n) => n === undefined))
    return { ok: false, status: 400, message: 'Malformed path encoding' };
  const joined = name.join('/');
  if (!isAttachmentName(joined) || joined.split('/').some((s) => s === '..' || s === '.')) {
    return { ok: false, status: 400, message: 'Invalid attachment name' };
  }
  return { ok: true, collection, op: { kind: 'attachment', id: first, name: joined } };
}
