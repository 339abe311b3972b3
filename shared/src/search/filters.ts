// Filters on the index: one description, compiled both to Orama's `where` (full text) and to a
// predicate over the stored doc (the vector scan filters before ranking).
import type { SearchDoc, SearchDocType } from './docs';

type OneOrMany<T> = T | T[];

export type SearchFilters = {
  type?: OneOrMany<SearchDocType>;
  stage?: OneOrMany<string>;
  ownerId?: OneOrMany<string>;
  sourceId?: OneOrMany<string>;
  contactId?: OneOrMany<string>;
  language?: OneOrMany<string>;
  tags?: OneOrMany<string>;
  /** ISO date or epoch ms, inclusive. */
  dateFrom?: string | number;
  dateTo?: string | number;
};

const list = <T>(v: OneOrMany<T> | undefined): T[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v : [v];

const epoch = (v: string | number | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const t = typeof v === 'number' ? v : Date.parse(v);
  return Number.isFinite(t) ? t : undefined;
};

const enumFields = ['type', 'stage', 'ownerId', 'sourceId', 'contactId', 'language'] as const;

export function toOramaWhere(filters: SearchFilters | undefined): Record<string, unknown> {
  if (!filters) return {};
  const where: Record<string, unknown> = {};
  for (const field of enumFields) {
    const values = list(filters[field]);
    if (values) where[field] = { in: values };
  }
  const tags = list(filters.tags);
  if (tags) where.tags = { containsAny: tags };
  const from = epoch(filters.dateFrom);
  const to = epoch(filters.dateTo);
  if (from !== undefined && to !== undefined) where.date = { between: [from, to] };
  else if (from !== undefined) where.date = { gte: from };
  else if (to !== undefined) where.date = { lte: to };
  return where;
}

export function toPredicate(filters: SearchFilters | undefined): ((doc: SearchDoc) => boolean) | undefined {
  if (!filters) return undefined;
  const checks: Array<(doc: SearchDoc) => boolean> = [];
  for (const field of enumFields) {
    const values = list(filters[field]);
    if (values) {
      const set = new Set<string>(values);
      checks.push((doc) => doc[field] !== undefined && set.has(doc[field]));
    }
  }
  const tags = list(filters.tags);
  if (tags) checks.push((doc) => (doc.tags ?? []).some((t) => tags.includes(t)));
  const from = epoch(filters.dateFrom);
  const to = epoch(filters.dateTo);
  if (from !== undefined) checks.push((doc) => doc.date !== undefined && doc.date >= from);
  if (to !== undefined) checks.push((doc) => doc.date !== undefined && doc.date <= to);
  return checks.length === 0 ? undefined : (doc) => checks.every((check) => check(doc));
}
