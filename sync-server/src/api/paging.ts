// List queries: limit and an opaque cursor (the last id seen, base64url), plus the common filters.
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import { channelNames } from '@app/shared/schemas';
import type { ApiDoc } from '../store/raw-docs';

export const MAX_LIMIT = 200;

export function encodeCursor(id: string | null): string | null {
  return id === null ? null : Buffer.from(id, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const id = /^[A-Za-z0-9_-]{1,400}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!id || id.includes('\uFFFD')) throw new DomainError('bad-request', 'The cursor is not valid');
  return id;
}

/** A date or time in a query (anything `Date.parse` reads), e.g. `2026-03-01` or `2026-03-01T09:00Z`. */
export const isoDate = z
  .string()
  .max(40)
  .refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO date');

/** Query fields every list accepts. Repeated or nested query parameters fail as a 400. */
export const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(50),
  cursor: z.string().max(600).optional(),
  q: z.string().max(200).optional(),
  owner: z.string().max(128).optional(),
  tag: z.string().max(100).optional(),
  channel: z.enum(channelNames).optional(),
  updatedSince: isoDate.optional(),
});
export type ListQuery = z.infer<typeof listQuery>;

/** Lower-cased, so `q` matches regardless of case (also for Cyrillic). */
export function textMatch(q: string | undefined, values: unknown[]): boolean {
  if (!q) return true;
  const needle = q.trim().toLocaleLowerCase();
  if (!needle) return true;
  const digits = needle.replace(/[^\d]/g, '');
  return values.some((v) => {
    if (typeof v !== 'string') return false;
    if (v.toLocaleLowerCase().includes(needle)) return true;
    // Phone numbers match by their digits: "+7 999 123" finds "+79991234567".
    return digits.length >= 4 && /^[\d\s()+-]+$/.test(needle) && v.replace(/[^\d]/g, '').includes(digits);
  });
}

export function commonMatch(query: ListQuery, doc: ApiDoc): boolean {
  if (query.owner !== undefined && doc.ownerId !== query.owner) return false;
  if (query.tag !== undefined && !(Array.isArray(doc.tags) && doc.tags.includes(query.tag))) return false;
  if (query.updatedSince !== undefined) {
    const since = Date.parse(query.updatedSince);
    const updated = typeof doc.updatedAt === 'string' ? Date.parse(doc.updatedAt) : NaN;
    if (!(updated >= since)) return false;
  }
  return true;
}
