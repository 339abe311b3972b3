// The learned phrasings' re-ranking (learned-match.ts, search-index.ts `rerankByLearned`): what it
// scores, and that its work grows with the passages, not with the queries (phrasings stemmed once per
// passage, their stems' IDF worked out once per version of the index; `learnedWork` counts both).
import { describe, expect, it, vi } from 'vitest';
import type { SearchDoc } from './docs';
import { bestPhrasingMatch, IdfMemo, LearnedStems, stemPhrasings, stemSimilarity } from './learned-match';
import { SearchIndex } from './search-index';

const phrasings = {
  licence: ['My dog lost her tag', 'new tag for my puppy please'],
  walks: ['where can my dog run off the lead'],
};
const passage = (id: string, text: string, learned?: string[]): SearchDoc => ({
  id,
  docId: id,
  sourceId: id,
  type: 'knowledge',
  title: '',
  text,
  ...(learned ? { phrasings: learned } : {}),
});
const corpus = [
  passage('licence', 'Order a replacement dog licence online for five dollars.', phrasings.licence),
  passage('walks', 'A dog lost in the park is brought to the gate of its walking area.', phrasings.walks),
  passage('fees', 'Dog licence fees are halved for neutered dogs.'),
];
const questions = [
  'my dog lost her tag',
  'new tag for my puppy',
  'dog park gate',
  'can my dog run off the lead',
];
const allPhrasings = [...phrasings.licence, ...phrasings.walks];

describe('learned phrasings similarity', () => {
  const flat = () => 1;
  it('scores a copy 1, nothing in common 0, and a passage by its best phrasing', () => {
    const q = new Set(['dog', 'tag']);
    expect(stemSimilarity(q, new Set(['dog', 'tag']), flat)).toBe(1);
    expect(stemSimilarity(q, new Set(['cat']), flat)).toBe(0);
    const stems = stemPhrasings(['my cat', 'my dog lost her tag']);
    expect(bestPhrasingMatch(new Set(stems[1]), stems, flat)).toBe(1);
    expect(bestPhrasingMatch(q, [], flat)).toBe(0);
  });

  it('stems a passage once, reads it once when it has none, and again after forget', () => {
    const cache = new LearnedStems();
    const read = vi.fn(() => ['one phrasing', 'another one']);
    const empty = vi.fn(() => undefined);
    for (let i = 0; i < 5; i++) {
      expect(cache.of('a', read)).toHaveLength(2);
      expect(cache.of('b', empty)).toHaveLength(0);
    }
    expect([read.mock.calls.length, empty.mock.calls.length, cache.stemmed]).toEqual([1, 1, 2]);
    cache.forget('a');
    cache.of('a', read);
    expect([read.mock.calls.length, cache.stemmed]).toEqual([2, 4]);
  });
});

describe('the index re-ranking by learned phrasings', () => {
  it('stems each phrasing once and works out each IDF once, however many queries', async () => {
    const index = new SearchIndex({ learnedMatch: 2 });
    await index.upsert(corpus);
    const first = await index.search(questions[0]!);
    expect(first.hits[0]?.id).toBe('licence');
    const once = index.learnedWork;
    // The first query reached every passage: each phrasing stemmed once.
    expect(once.stemmed).toBe(allPhrasings.length);
    for (let round = 0; round < 3; round++) for (const q of questions) await index.search(q);
    expect(index.learnedWork.stemmed).toBe(allPhrasings.length);
    // Only stems no earlier query or phrasing had cost an IDF: at most the other queries' words.
    const queryWords = new Set(questions.slice(1).flatMap((q) => q.split(' ')));
    expect(index.learnedWork.idfs).toBeLessThanOrEqual(once.idfs + queryWords.size);
    // A change of the docs is a new version: IDFs are worked out again, the other passages' stems kept.
    await index.upsert([passage('other', 'Cats need no licence.')]);
    const before = index.learnedWork.idfs;
    await index.search(questions[0]!);
    expect(index.learnedWork.idfs).toBeGreaterThan(before);
    expect(index.learnedWork.stemmed).toBe(allPhrasings.length);
  });

  it('memoises IDFs per version', () => {
    const memo = new IdfMemo();
    const compute = vi.fn((t: string) => t.length);
    for (let i = 0; i < 3; i++) expect(memo.get('abc', 1, compute)).toBe(3);
    expect(compute).toHaveBeenCalledTimes(1);
    memo.get('abc', 2, compute);
    expect([compute.mock.calls.length, memo.computed]).toEqual([2, 2]);
  });

  it('leaves the learned field out of the index unless it weighs something', async () => {
    const off = new SearchIndex({ learnedMatch: 0 });
    const on = new SearchIndex({ learnedMatch: 0, learnedBoost: 1 });
    await off.upsert(corpus);
    await on.upsert(corpus);
    // "puppy" is only in a learned phrasing.
    expect((await off.search('puppy')).hits).toHaveLength(0);
    expect((await on.search('puppy')).hits[0]?.id).toBe('licence');
  });

  it('uses changed phrasings after an upsert (the stems and IDFs are not stale)', async () => {
    const index = new SearchIndex({ learnedMatch: 2 });
    await index.upsert(corpus);
    const question = 'where can my dog run off the lead';
    expect((await index.search(question)).hits[0]?.id).toBe('walks');
    await index.upsert([passage('fees', corpus[2]!.text, [question]), passage('walks', corpus[1]!.text)]);
    expect((await index.search(question)).hits[0]?.id).toBe('fees');
  });
});
