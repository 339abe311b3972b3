// A floor on real data: a slice of XQuAD-ru and StackFAQ (read in place from ../shared/data, never
// copied). Honest: the index is built exactly as the CLI builds it, and the test fails below the floor.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readBeirSet } from '../cli/beir';
import { buildEvalIndex, evaluate, scoreRanking, type BeirSet } from './retrieval-eval';

const dataDir = fileURLToPath(new URL('../../../../shared/data/retrieval/', import.meta.url));

/** The first `passages` passages and the queries judged against them. */
function slice(set: BeirSet, passages: number): BeirSet {
  const corpus = set.corpus.slice(0, passages);
  const ids = new Set(corpus.map((d) => d.id));
  const qrels = new Map([...set.qrels].filter(([, rel]) => [...rel].every((id) => ids.has(id))));
  return { corpus, queries: set.queries.filter((q) => qrels.has(q.id)), qrels };
}

describe('retrieval metrics', () => {
  it('scores a ranking', () => {
    expect(scoreRanking(['a', 'b', 'c'], new Set(['b']))).toEqual({
      hit1: 0,
      hit5: 1,
      mrr10: 0.5,
      ndcg10: 1 / Math.log2(3),
    });
  });
});

describe.skipIf(!existsSync(dataDir))('retrieval on real data (slices)', () => {
  it.each([
    ['xquad-ru', 50, 0.85],
    ['stackfaq', 200, 0.7],
  ] as const)(
    '%s: hybrid hit@1 on the first %i passages is at least %f and beats BM25',
    async (name, n, floor) => {
      const set = slice(readBeirSet(dataDir + name), n);
      const index = await buildEvalIndex(set);
      const hybrid = await evaluate(index, set, 'hybrid');
      const bm25 = await evaluate(index, set, 'fulltext');
      expect(hybrid.queries).toBeGreaterThan(100);
      expect(hybrid.hit1).toBeGreaterThanOrEqual(floor);
      expect(hybrid.mrr10).toBeGreaterThanOrEqual(bm25.mrr10 - 0.01);
    },
  );
});
