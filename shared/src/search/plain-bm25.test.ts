import { describe, expect, it } from 'vitest';
import { PlainBm25, plainTokens } from './plain-bm25';

describe('plain BM25 baseline', () => {
  it('tokenizes like \\w+ on lower-cased Unicode text: no stemming, no stop words', () => {
    expect(plainTokens('What is a Lead? Don’t ЁЛКА_2, доставкой!')).toEqual([
      'what',
      'is',
      'a',
      'lead',
      'don',
      't',
      'ёлка_2',
      'доставкой',
    ]);
  });

  // Two docs, avgdl 2.5, k1 1.2, b 0.75, idf = ln(1 + (N - df + 0.5) / (df + 0.5)), worked by hand:
  // "dog": idf ln 2; d2 (tf 1, len 3): norm 1.2 (0.25 + 0.75 * 3 / 2.5) = 1.38, 0.6931 * 2.2 / 2.38.
  // "cat": idf ln 1.2; d1 (tf 1, len 2): norm 1.02, 0.18232 * 2.2 / 2.02 = 0.19857;
  //        d2 (tf 2): 0.18232 * 4.4 / 3.38 = 0.23734.
  const index = new PlainBm25([
    { id: 'd1', text: 'Cat sat' },
    { id: 'd2', text: 'cat cat dog' },
  ]);

  it('scores a tiny corpus as computed by hand', () => {
    const dog = index.search('dog');
    expect(dog.map((h) => h.id)).toEqual(['d2']);
    expect(dog[0]!.score).toBeCloseTo((Math.LN2 * 2.2) / 2.38, 6);
    const cat = index.search('CAT');
    expect(cat.map((h) => h.id)).toEqual(['d2', 'd1']);
    expect(cat[0]!.score).toBeCloseTo(0.23734, 4);
    expect(cat[1]!.score).toBeCloseTo(0.19857, 4);
    expect(index.search('cat dog')[0]!.score).toBeCloseTo(0.23734 + (Math.LN2 * 2.2) / 2.38, 4);
  });

  it('finds nothing for unknown words and joins a title to its text', () => {
    expect(index.search('cats')).toEqual([]);
    const titled = new PlainBm25([{ id: 't', title: 'Delivery', text: 'free' }]);
    expect(titled.search('delivery').map((h) => h.id)).toEqual(['t']);
  });
});
