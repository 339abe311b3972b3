// Proximity re-ranking: the window score and the sentence score (a question is usually answered by
// one sentence, so query words inside one sentence count more than the same words across a boundary).
import { describe, expect, it } from 'vitest';
import { docTerms, proximityScore, sentenceScore } from './proximity';
import { SearchIndex } from './search-index';

const idf = () => 1;

describe('sentence score', () => {
  it('numbers each content stem by its sentence', () => {
    const d = docTerms('Turbines have stators. Rotors spin!\nThe shaft turns');
    expect(d.terms).toEqual(['turbin', 'stator', 'rotor', 'spin', 'shaft', 'turn']);
    expect([...d.sentenceOf]).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('counts the distinct query stems of the best sentence, not of the whole window', () => {
    const query = new Set(['turbin', 'stator']);
    const apart = docTerms('The turbine has discs. Stators are fixed.');
    const together = docTerms('The turbine stators are fixed. It has discs.');
    // Both stems stand within a window of 12 words in either text...
    expect(proximityScore(query, apart.terms, idf, 12)).toBe(2);
    expect(proximityScore(query, together.terms, idf, 12)).toBe(2);
    // ...but share one sentence in one text only; a repeated stem counts once.
    expect(sentenceScore(query, apart, idf)).toBe(1);
    expect(sentenceScore(query, together, idf)).toBe(2);
    expect(sentenceScore(query, docTerms('Stators, stators and stators.'), idf)).toBe(1);
  });

  it('ranks the passage whose one sentence holds the query words above the same words split across sentences', async () => {
    const index = new SearchIndex();
    const filler = ['Pumps move water uphill.', 'Valves stop the flow.', 'Boilers make steam.'];
    await index.upsert(
      [
        // The same words in both passages, so BM25 and the window score cannot tell them apart.
        'turbine discs spin quickly. stators stay fixed to the casing.',
        'turbine stators stay fixed. discs spin quickly to the casing.',
        ...filler,
      ].map((text, i) => ({ id: `d${i}`, docId: `d${i}`, type: 'knowledge', title: '', text })),
    );
    const { hits } = await index.search('turbine stators', { mode: 'fulltext', snippetLength: 0 });
    expect(hits[0]!.id).toBe('d1');
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    const off = new SearchIndex({ proximity: { sentence: 0 } });
    await off.upsert(index.ids().map((id) => index.get(id)!));
    const plain = await off.search('turbine stators', { mode: 'fulltext', snippetLength: 0 });
    expect(plain.hits[0]!.score).toBeCloseTo(plain.hits[1]!.score, 9);
  });
});
