// A query in one script is also searched in the other: names typed in either layout find each other.
import { describe, expect, it } from 'vitest';
import { mergeHits, spellings } from './translit';

describe('spellings', () => {
  it('adds the other script’s spelling of a name', () => {
    expect(spellings('Petrova')).toEqual(['Petrova', 'петрова']);
    expect(spellings('Петрова')).toEqual(['Петрова', 'Petrova']);
    expect(spellings('Anna Petrova')).toEqual(['Anna Petrova', 'анна петрова']);
  });

  it('keeps a query alone when the other spelling would be mixed, or it mixes scripts, or has no letters', () => {
    expect(spellings('john')).toEqual(['john']); // "jоhн": no rule for j and h alone
    expect(spellings('Petrova Анна')).toEqual(['Petrova Анна']);
    expect(spellings('2026')).toEqual(['2026']);
    expect(spellings('  ')).toEqual([]);
  });
});

describe('mergeHits', () => {
  it('keeps each doc once at its best score, best first', () => {
    const h = (id: string, score: number) => ({ id, type: 'contact', score });
    expect(mergeHits([[h('a', 1), h('b', 3)], [h('a', 5)]], 10)).toEqual([h('a', 5), h('b', 3)]);
    expect(mergeHits([[h('a', 1), h('b', 3)]], 1)).toEqual([h('b', 3)]);
  });
});
