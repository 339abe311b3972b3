// The board's columns from the deal rows: one sorted list per stage of the chosen pipeline (highest
// score first, then by id, as the board always sorted), a list for deals in a stage the pipeline no
// longer has, and paging of what a column renders. After a change only the columns it touched are
// re-sorted (a drag, a replicated move), so a live board at 50,000 deals does not sort 50,000 rows.
import type { PipelineDoc } from '@app/shared/schemas';

export const OTHER_STAGE = '__other';
/** Cards a column renders at first and adds each time it is scrolled near its end. */
export const CARD_PAGE = 50;

export type CardRow = {
  id: string;
  stage: string;
  pipelineId: string;
  score?: { value: number } | undefined;
};
export type Columns<R extends CardRow> = Map<string, R[]>;
export type Change<R> = { id: string; before?: R | undefined; after?: R | undefined };

/** Highest score first (no score counts as 0), ties by id. */
export const compareCards = (a: CardRow, b: CardRow): number =>
  (b.score?.value ?? 0) - (a.score?.value ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const columnOf = (row: CardRow, pipeline: PipelineDoc, stages: ReadonlySet<string>) =>
  row.pipelineId !== pipeline.id ? undefined : stages.has(row.stage) ? row.stage : OTHER_STAGE;

export function buildColumns<R extends CardRow>(rows: Iterable<R>, pipeline: PipelineDoc): Columns<R> {
  const stages = new Set(pipeline.stages.map((s) => s.id));
  const columns: Columns<R> = new Map(pipeline.stages.map((s) => [s.id, []]));
  columns.set(OTHER_STAGE, []);
  for (const row of rows) {
    const col = columnOf(row, pipeline, stages);
    if (col) columns.get(col)!.push(row);
  }
  for (const list of columns.values()) list.sort(compareCards);
  return columns;
}

/** First index in `list` whose card sorts after `row` (binary search). */
function insertionPoint<R extends CardRow>(list: readonly R[], row: R): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareCards(list[mid]!, row) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The columns after `changes`, sharing every untouched column's list with `columns` (so a column
 * that did not change keeps its identity and does not re-render). Many changes at once rebuild.
 */
export function applyChanges<R extends CardRow>(
  columns: Columns<R>,
  changes: readonly Change<R>[],
  pipeline: PipelineDoc,
  allRows: () => Iterable<R>,
): Columns<R> {
  if (changes.length > 2000) return buildColumns(allRows(), pipeline);
  const stages = new Set(pipeline.stages.map((s) => s.id));
  const next: Columns<R> = new Map(columns);
  const copied = new Set<string>();
  const editable = (col: string) => {
    if (!copied.has(col)) {
      next.set(col, [...(next.get(col) ?? [])]);
      copied.add(col);
    }
    return next.get(col)!;
  };
  for (const { id, before, after } of changes) {
    const from = before && columnOf(before, pipeline, stages);
    if (from) {
      const list = editable(from);
      const at = list.findIndex((r) => r.id === id);
      if (at >= 0) list.splice(at, 1);
    }
    const to = after && columnOf(after, pipeline, stages);
    if (to && after) {
      const list = editable(to);
      list.splice(insertionPoint(list, after), 0, after);
    }
  }
  return next;
}

/** How many cards a column renders: pages loaded so far, never more than it has. */
export const shownCards = (total: number, pages: number) => Math.min(total, Math.max(1, pages) * CARD_PAGE);

/** Whether a column scrolled this far should load its next page (within two cards' height of the end). */
export const wantsMore = (
  scroll: { top: number; height: number; client: number },
  shown: number,
  total: number,
  cardHeight = 80,
) => shown < total && scroll.top + scroll.client >= scroll.height - 2 * cardHeight;
