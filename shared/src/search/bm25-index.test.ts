import { create, insert } from '@orama/orama';
import { describe, expect, it } from 'vitest';
import {
  bm25Scores,
  createBm25Index,
  externalId,
  termCounts,
  topScores,
  type FieldModel,
} from './bm25-index';
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

  it("scores a passage's title and FAQ question as one field: a word in both counts as said twice, not as two words", async () => {
    const index = createBm25Index();
    const tokenizer = createMixedTokenizer(termCounts);
    const schema = { title: 'string', faqQuestion: 'string', text: 'string' } as const;
    const db = create({ schema, components: { tokenizer, index } });
    // A Markdown FAQ's heading is both its title and its question: "esim" twice, "price" never.
    await insert(db, {
      id: 'heading',
      title: 'set up esim',
      faqQuestion: 'set up esim',
      text: 'open the app',
    });
    // The passage that holds both words of the query.
    await insert(db, {
      id: 'both',
      title: 'esim on your new phone',
      faqQuestion: '',
      text: 'the price of it and more',
    });
    for (const [i, text] of ['price list', 'a price', 'roaming', 'voicemail', 'top up'].entries())
      await insert(db, { id: `other-${i}`, title: 'other', faqQuestion: '', text });
    const best = (fieldModel: FieldModel) => {
      const scores = bm25Scores(db.data.index, {
        terms: ['esim', 'price'],
        props: ['title', 'faqQuestion', 'text'],
        relevance: { k: 1.2, b: 0.75, d: 0.5 },
        tolerance: 0,
        docsCount: 7,
        fieldModel,
      });
      const [[top]] = topScores(scores, 1) as [[number, number]];
      return externalId(db, top);
    };
    expect(best('headings')).toBe('both');
    // Fields added on their own let the repeated heading outweigh the second word.
    expect(best('sum')).toBe('heading');
  });
});
