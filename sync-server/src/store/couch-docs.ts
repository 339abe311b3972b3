// Typed CouchDB document helpers for the runtime and the channels: read-modify-write with retry on
// 409 (another writer got there first: read again and re-apply), create-if-missing, and the domain
// shape of a doc (`toCouch`/`fromCouch`, no revision). Untyped docs with their revision, as the admin
// API reads and writes them, are in raw-docs.ts.
import type { DocumentScope } from 'nano';
import { statusOf } from './couch-errors';

export type Stored<T> = T & { _id: string; _rev: string };

/** The generation of a revision (`3-abc` -> 3): of two revisions of a doc, the later has the higher. */
export const revisionGeneration = (rev: string) => Number.parseInt(rev, 10) || 0;

export async function getDoc<T extends object>(
  db: DocumentScope<T>,
  id: string,
): Promise<Stored<T> | undefined> {
  try {
    return (await db.get(id)) as Stored<T>;
  } catch (e) {
    if (statusOf(e) === 404) return undefined;
    throw e;
  }
}

/** Creates the doc and answers it as stored (with its revision); undefined when the id exists already. */
export async function createStored<T extends object>(
  db: DocumentScope<T>,
  id: string,
  doc: T,
): Promise<Stored<T> | undefined> {
  const body = { ...doc, _id: id } as T & { _id: string };
  try {
    return { ...body, _rev: (await db.insert(body)).rev };
  } catch (e) {
    if (statusOf(e) === 409) return undefined;
    throw e;
  }
}

/** Creates the doc; answers false when a doc with that id exists already. */
export async function createDoc<T extends object>(
  db: DocumentScope<T>,
  id: string,
  doc: T,
): Promise<boolean> {
  return (await createStored(db, id, doc)) !== undefined;
}

/** Writes the doc (over its `_rev`, or new): its new revision, or null when another write came first. */
export async function putDoc<T extends object>(
  db: DocumentScope<T>,
  doc: T & { _id: string; _rev?: string },
): Promise<string | null> {
  try {
    return (await db.insert(doc)).rev;
  } catch (e) {
    if (statusOf(e) === 409) return null;
    throw e;
  }
}

/**
 * Applies `change` to the current doc and writes it, retrying on conflicts. `change` returns the
 * new doc, or undefined to leave it as it is. Answers the written doc, or undefined if none exists
 * (`missing`) or nothing changed.
 */
export async function updateDoc<T extends object>(
  db: DocumentScope<T>,
  id: string,
  change: (current: Stored<T>) => T | undefined,
  attempts = 8,
): Promise<Stored<T> | undefined> {
  for (let i = 0; i < attempts; i++) {
    const current = await getDoc(db, id);
    if (!current) return undefined;
    const next = change(current);
    if (!next) return undefined;
    try {
      const res = await db.insert({ ...next, _id: id, _rev: current._rev } as T & {
        _id: string;
        _rev: string;
      });
      return { ...next, _id: id, _rev: res.rev } as Stored<T>;
    } catch (e) {
      if (statusOf(e) !== 409) throw e;
    }
  }
  throw new Error(`could not update ${id}: too many concurrent writers`);
}

/** CouchDB's shape of a domain doc: the primary key becomes `_id`. */
export function toCouch<T extends { id: string }>(doc: T): Omit<T, 'id'> & { _id: string } {
  const { id, ...rest } = doc;
  return { ...rest, _id: id };
}

/** The domain shape of a CouchDB doc: `_id` back to `id`, CouchDB's own fields dropped. */
export function fromCouch<T>(doc: object): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!k.startsWith('_')) out[k] = v;
  out.id = (doc as { _id?: unknown })._id;
  return out as T;
}

/** toCouch's answer as a plain record, for a database typed by records (the generic `T` is lost). */
export function toCouchRecord<T extends { id: string }>(doc: T): Record<string, unknown> {
  return toCouch(doc) as unknown as Record<string, unknown>;
}

/** The attachment name of a stored file's bytes (the `files` database: channels' files, knowledge originals). */
export const ORIGINAL = 'original';

/**
 * An attachment's exact bytes. (nano's `attachment.get` decodes `text/*` attachments into a string,
 * which mangles files in other encodings; the stream gives the bytes as stored.)
 */
export async function readAttachment<T>(
  db: DocumentScope<T>,
  docId: string,
  name: string,
): Promise<Uint8Array> {
  const stream = db.attachment.getAsStream(docId, name);
  const parts: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => parts.push(chunk));
    stream.on('end', () => resolve());
    stream.on('error', reject);
  });
  const bytes = Buffer.concat(parts);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}
