// Local edits: apply a patch to an editable document and stamp the time of every field it changes,
// which is what the field-level merge compares.
import { sameValue, type MergeableDoc } from './merge';

/** The patch applied, with `updatedAt` and `fieldUpdatedAt` set for the fields that really changed. */
export function touchFields<T extends MergeableDoc>(
  doc: T,
  patch: Partial<T>,
  now = new Date().toISOString(),
): T {
  const changed = Object.keys(patch).filter((k) => !sameValue(doc[k], patch[k as keyof T]));
  if (changed.length === 0) return doc;
  const fieldUpdatedAt = { ...doc.fieldUpdatedAt };
  for (const k of changed) fieldUpdatedAt[k] = now;
  const next: Record<string, unknown> = { ...doc, ...patch, updatedAt: now, fieldUpdatedAt };
  for (const k of changed) if (patch[k as keyof T] === undefined) delete next[k];
  return next as T;
}

/** Like `touchFields`, for documents without field times (messages): only `updatedAt` moves. */
export function touchDoc<T extends MergeableDoc>(
  doc: T,
  patch: Partial<T>,
  now = new Date().toISOString(),
): T {
  return { ...doc, ...patch, updatedAt: now };
}
