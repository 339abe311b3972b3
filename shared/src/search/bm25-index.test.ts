import { create, insert } from '@orama/orama';
import { describe, expect, it } from 'vitest';
import { createBm25Index, termCounts } from './bm25-index';
import { createMixedTokenizer } from './tokenizer';

describe('the BM25 index component', () => {
  it("takes Orama's filter set of any size (facets with a filter at 100k+ docs)", async () => {
    const index = createBm25Index();
    const tokenizer = createMixedTokenizer(termCounts);
    const db = create({ schema: { text: 'string' } as const, components: { tokenizer, index } });
    await insert(db, { id: 'a', text: 'delivery to Moscow' });
    await insert(db, { id: 'b', text: 'delivery to Kazan' });
    // Internal ids 1 and 2, among 200,000 allowed ones.
    const allowed = new Set(Array.from({ length: 200_000 }, (_, i) => i + 2));
    const hits = index.search(
      db.data.index as never,
      'delivery',
      tokenizer,
      undefined,
      ['text'],
      false,
      0,
      {},
      { k: 1.2, b: 0.75, d: 0.5 },
      2,
      allowed,
    ) as Array<[number, number]>;
    expect(hits.map(([iid]) => iid)).toEqual([2]);
  });
});
