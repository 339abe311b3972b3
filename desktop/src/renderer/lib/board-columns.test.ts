// The board's columns from deal rows: order, live moves between columns, and paging.
import { describe, expect, it } from 'vitest';
import { defaultPipeline } from '@app/shared/schemas';
import {
  applyChanges,
  buildColumns,
  CARD_PAGE,
  OTHER_STAGE,
  shownCards,
  wantsMore,
  type CardRow,
} from './board-columns';

const pipeline = defaultPipeline('2026-01-01T00:00:00.000Z');
const row = (id: string, stage: string, score?: number, pipelineId = pipeline.id): CardRow => ({
  id,
  stage,
  pipelineId,
  ...(score === undefined ? {} : { score: { value: score } }),
});
const ids = (list: readonly CardRow[] | undefined) => (list ?? []).map((r) => r.id);

describe('board columns', () => {
  it('sorts each column by score, highest first (none counts as 0), ties by id; other pipelines stay out', () => {
    const cols = buildColumns(
      [
        row('b', 'new', 10),
        row('a', 'new', 10),
        row('c', 'new'),
        row('d', 'new', 90),
        row('x', 'new', 99, 'p2'),
        row('z', 'gone', 5),
      ],
      pipeline,
    );
    expect(ids(cols.get('new'))).toEqual(['d', 'a', 'b', 'c']);
    expect(ids(cols.get(OTHER_STAGE))).toEqual(['z']);
    expect([...cols.keys()]).toEqual([...pipeline.stages.map((s) => s.id), OTHER_STAGE]);
  });

  it('moves a card between columns on a live change and leaves the untouched columns as they were', () => {
    const rows = [row('a', 'new', 50), row('b', 'new', 20), row('c', 'won', 70), row('d', 'lost', 1)];
    const cols = buildColumns(rows, pipeline);
    const moved = row('b', 'won', 80);
    const next = applyChanges(cols, [{ id: 'b', before: rows[1], after: moved }], pipeline, () => rows);
    expect(ids(next.get('new'))).toEqual(['a']);
    expect(ids(next.get('won'))).toEqual(['b', 'c']);
    expect(next.get('lost')).toBe(cols.get('lost'));
    // The old columns are not changed in place (React compares them).
    expect(ids(cols.get('new'))).toEqual(['a', 'b']);

    const added = applyChanges(next, [{ id: 'e', after: row('e', 'won', 75) }], pipeline, () => rows);
    expect(ids(added.get('won'))).toEqual(['b', 'e', 'c']);
    const removed = applyChanges(added, [{ id: 'c', before: row('c', 'won', 70) }], pipeline, () => rows);
    expect(ids(removed.get('won'))).toEqual(['b', 'e']);
    // Into another pipeline: it leaves this board.
    const away = applyChanges(
      removed,
      [{ id: 'a', before: row('a', 'new', 50), after: row('a', 'new', 50, 'p2') }],
      pipeline,
      () => rows,
    );
    expect(ids(away.get('new'))).toEqual([]);
  });

  it('pages a column: the first page, then one more each time it is scrolled near its end', () => {
    expect(shownCards(5, 1)).toBe(5);
    expect(shownCards(130, 1)).toBe(CARD_PAGE);
    expect(shownCards(130, 2)).toBe(2 * CARD_PAGE);
    expect(shownCards(130, 3)).toBe(130);
    const box = { height: CARD_PAGE * 84, client: 600 };
    expect(wantsMore({ ...box, top: 0 }, CARD_PAGE, 130)).toBe(false);
    expect(wantsMore({ ...box, top: box.height - box.client }, CARD_PAGE, 130)).toBe(true);
    // Everything shown: nothing more to load, however far it is scrolled.
    expect(wantsMore({ ...box, top: box.height - box.client }, 130, 130)).toBe(false);
  });
});
