// Which pushed documents the gateway accepts: shared-schema docs for the domain collections (no
// attachments there), the files validator for `files`, and deletion tombstones with CouchDB's own
// fields only. Design docs and any other underscore id are refused.
import type { CollectionName } from '@app/shared/schemas';
import { validateCouchDoc } from '@app/shared/validation';
import type { TeamCollection } from '../context';
import { validateFileDoc } from './files';
import { revPattern } from './params';
import { docIdPattern } from './paths';

const tombstoneFields = new Set(['_id', '_rev', '_deleted', '_revisions']);

/** `tooLarge`: the doc broke its collection's size bounds (@app/shared/validation's docBounds). */
export type PushVerdict = { ok: true } | { ok: false; reason: string; tooLarge?: true };

/** CouchDB's own fields must be well-formed, or CouchDB refuses the whole batch. */
function couchFieldsProblem(raw: Record<string, unknown>, newEdits: boolean): string | undefined {
  if (raw._rev !== undefined && (typeof raw._rev !== 'string' || !revPattern.test(raw._rev))) {
    return '_rev: invalid revision';
  }
  if (!newEdits && raw._rev === undefined) return '_rev: replicated docs need a revision';
  if (raw._deleted !== undefined && typeof raw._deleted !== 'boolean') return '_deleted: must be a boolean';
  const revs = raw._revisions as { start?: unknown; ids?: unknown } | undefined;
  if (revs !== undefined) {
    const ok =
      typeof revs === 'object' &&
      revs !== null &&
      Number.isInteger(revs.start) &&
      (revs.start as number) > 0 &&
      Array.isArray(revs.ids) &&
      revs.ids.length > 0 &&
      revs.ids.length <= 1000 &&
      revs.ids.every((id) => typeof id === 'string' && /^[0-9a-zA-Z]{1,64}$/.test(id));
    if (!ok) return '_revisions: invalid revision history';
  }
  return undefined;
}

export function validatePushedDoc(collection: TeamCollection, doc: unknown, newEdits = true): PushVerdict {
  if (typeof doc === 'object' && doc !== null && !Array.isArray(doc)) {
    const problem = couchFieldsProblem(doc as Record<string, unknown>, newEdits);
    if (problem) return { ok: false, reason: problem };
  }
  if (collection === 'files') {
    const r = validateFileDoc(doc);
    return r.ok ? { ok: true } : { ok: false, reason: r.message };
  }
  if (typeof doc === 'object' && doc !== null && !Array.isArray(doc)) {
    const raw = doc as Record<string, unknown>;
    if (typeof raw._id === 'string' && !docIdPattern.test(raw._id)) {
      return { ok: false, reason: '_id: invalid document id' };
    }
    if ('_attachments' in raw)
      return { ok: false, reason: `_attachments: only the files collection carries attachments` };
    if (raw._deleted === true) {
      const bad = Object.keys(raw).find((k) => k.startsWith('_') && !tombstoneFields.has(k));
      if (bad) return { ok: false, reason: `${bad}: unknown field '${bad}' is not allowed` };
    }
  }
  const r = validateCouchDoc(collection as CollectionName, doc);
  if (r.ok) return { ok: true };
  return r.tooLarge ? { ok: false, reason: r.message, tooLarge: true } : { ok: false, reason: r.message };
}

export function idOf(doc: unknown): string | undefined {
  if (typeof doc !== 'object' || doc === null) return undefined;
  const id = (doc as { _id?: unknown })._id;
  return typeof id === 'string' ? id : undefined;
}
