// The plan's history (`historyDays`, shared/src/billing/history.ts) on the sync gateway: a device that
// replicates a team on a plan that shows 90 days gets the conversations and messages of those 90 days,
// as the API shows them, not the whole history through the back door. Soft as everywhere: nothing is
// deleted or changed; what lies before the window is left out of what the gateway answers, and shows
// again when the plan grows (the device pulls those collections again, told by `HISTORY_HEADER`).
//
// What is left out, per endpoint:
// - `_changes`: the changes of docs before the window (a deletion always passes); the gateway asks the
//   store with the docs to judge them and drops the docs again when the client did not ask for them;
// - `_all_docs`, `_bulk_get`: such a doc answers as one that is not there (`not_found`);
// - a doc read by id: 402 `plan-limit-reached`, as the API answers it.
// Teams whose plan shows all of it (the default: self-hosting is unlimited) pay nothing for this.
import {
  conversationTime,
  historyWindow,
  outsideHistory,
  withinHistory,
  type HistoryWindow,
  type PlanReader,
} from '@app/shared/billing';
import type { TeamCollection } from '../context';

/** The collections the plan's history applies to, and the time of each doc for it. */
const historyTime: Partial<Record<TeamCollection, (doc: Record<string, unknown>) => unknown>> = {
  conversations: conversationTime,
  messages: (doc) => doc.createdAt,
};

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What the gateway leaves out of one collection's answers for one team, now. */
export type HistoryFilter = {
  window: HistoryWindow;
  /** Whether a stored doc is inside the window (a deletion always is). */
  shows(doc: unknown): boolean;
};

/**
 * The team's history window now (undefined when its plan shows all of it), from `plans` (billing's,
 * cached there), and the filter of `collection` under it, when the collection has a history.
 */
export async function historyOf(
  plans: Partial<PlanReader> | undefined,
  teamId: string,
  collection: TeamCollection,
  now: Date,
): Promise<{ header: string; filter?: HistoryFilter }> {
  const window = await historyWindow(plans, teamId, now);
  if (!window) return { header: 'all' };
  const timeOf = historyTime[collection];
  const header = String(window.days);
  if (!timeOf) return { header };
  return {
    header,
    filter: {
      window,
      shows: (doc) => !isObject(doc) || doc._deleted === true || withinHistory(window, timeOf(doc)),
    },
  };
}

/** A `_changes` result: kept unless its doc lies before the window (a deletion is always kept). */
export function showsChange(filter: HistoryFilter, result: { deleted?: unknown; doc?: unknown }): boolean {
  return result.deleted === true || filter.shows(result.doc);
}

/** A `_changes` answer's results without their docs (the client did not ask for them). */
export function withoutDocs<T extends { results: Array<{ doc?: unknown }> }>(body: T): T {
  return { ...body, results: body.results.map(({ doc: _doc, ...rest }) => rest) };
}

/**
 * An `_all_docs` answer without the rows before the window: asked for by `keys`, they answer as ids the
 * store does not have; listed by range, they are not there.
 */
export function filterAllDocs(
  filter: HistoryFilter,
  text: string,
  opts: { withDocs: boolean; byKeys: boolean },
): string {
  const body = JSON.parse(text) as { rows?: Array<Raw & { key?: unknown; doc?: unknown }> };
  if (!Array.isArray(body.rows)) return text;
  const rows = body.rows.flatMap((row) => {
    if (filter.shows(row.doc)) {
      if (opts.withDocs) return [row];
      const { doc: _doc, ...rest } = row;
      return [rest];
    }
    return opts.byKeys ? [{ key: row.key, error: 'not_found' }] : [];
  });
  return JSON.stringify({ ...body, rows });
}

/** A `_bulk_get` answer with the revisions before the window answered as missing. */
export function filterBulkGet(filter: HistoryFilter, text: string): string {
  const body = JSON.parse(text) as { results?: Array<{ id?: unknown; docs?: Array<{ ok?: Raw }> }> };
  if (!Array.isArray(body.results)) return text;
  for (const result of body.results) {
    if (!Array.isArray(result.docs)) continue;
    result.docs = result.docs.map((entry) =>
      entry.ok && !filter.shows(entry.ok)
        ? ({
            error: { id: result.id, rev: entry.ok._rev, error: 'not_found', reason: 'missing' },
          } as { ok?: Raw })
        : entry,
    );
  }
  return JSON.stringify(body);
}

/** Refuses a doc read by id that lies before the window (402, in the API's words). */
export function assertShown(filter: HistoryFilter, doc: unknown): void {
  if (!filter.shows(doc)) throw outsideHistory(filter.window);
}
