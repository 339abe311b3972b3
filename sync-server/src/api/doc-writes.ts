// Writing domain docs: every write is validated against the shared schema, and the server keeps
// createdAt, updatedAt and fieldUpdatedAt (the per-field times the desktop's conflict merge reads).
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import { newId } from '@app/shared/ids';
import type { CollectionDocs, CollectionName } from '@app/shared/schemas';
import { validateDoc } from '@app/shared/validation';
import type { ApiDoc } from '../store/raw-docs';

/** A JSON object body; the shared schema decides the rest. */
export const objectBody = z.record(z.string(), z.unknown());

const serverFields = ['createdAt', 'updatedAt', 'fieldUpdatedAt', 'history'];

function refuseServerFields(input: Record<string, unknown>): void {
  const bad = serverFields.filter((f) => f in input);
  if (bad.length) {
    throw new DomainError('validation-failed', `${bad.join(', ')}: set by the server, leave it out`, {
      details: bad.map((path) => ({ path, message: 'set by the server' })),
    });
  }
}

/** The doc passes its collection's schema (a 422 otherwise): from here on it is of the collection's type. */
export function assertValid<C extends CollectionName>(
  collection: C,
  doc: Record<string, unknown>,
): asserts doc is CollectionDocs[C] & Record<string, unknown> {
  const result = validateDoc(collection, doc);
  if (!result.ok) throw new DomainError('validation-failed', result.message, { details: result.issues });
}

function stampFields(doc: Record<string, unknown>, fields: string[], at: string): Record<string, string> {
  const previous = (doc.fieldUpdatedAt ?? {}) as Record<string, string>;
  const next = { ...previous };
  for (const f of fields) if (f !== 'id') next[f] = at;
  return next;
}

/** A new doc from a create request: defaults, then the caller's fields, then the server's stamps. */
export function buildNew(
  collection: CollectionName,
  input: Record<string, unknown>,
  options: { idPrefix: string; now: Date; defaults?: Record<string, unknown> },
): ApiDoc {
  refuseServerFields(input);
  const at = options.now.toISOString();
  const id = typeof input.id === 'string' ? input.id : newId(options.idPrefix);
  const doc: ApiDoc = { ...options.defaults, ...input, id, createdAt: at, updatedAt: at };
  doc.fieldUpdatedAt = stampFields({}, Object.keys(input), at);
  assertValid(collection, doc);
  return doc;
}

/** The doc after a patch: `null` removes an optional field; `id` cannot change. */
export function applyPatch(
  collection: CollectionName,
  current: ApiDoc,
  patch: Record<string, unknown>,
  now: Date,
): { doc: ApiDoc; changed: string[] } {
  refuseServerFields(patch);
  if ('id' in patch && patch.id !== current.id) {
    throw new DomainError('validation-failed', 'id: cannot be changed', {
      details: [{ path: 'id', message: 'cannot be changed' }],
    });
  }
  const doc: ApiDoc = { ...current };
  const changed: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'id') continue;
    if (JSON.stringify(doc[key]) === JSON.stringify(value ?? undefined)) continue;
    if (value === null) delete doc[key];
    else doc[key] = value;
    changed.push(key);
  }
  if (changed.length) {
    const at = now.toISOString();
    doc.updatedAt = at;
    doc.fieldUpdatedAt = stampFields(current, changed, at);
  }
  assertValid(collection, doc);
  return { doc, changed };
}
