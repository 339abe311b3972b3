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

  it('matches the forms a stemmer leaves apart by all but the last two letters of a long stem, weighed down', async () => {
    const index = createBm25Index();
    const tokenizer = createMixedTokenizer(termCounts);
    const db = create({ schema: { text: 'string' } as const, components: { tokenizer, index } });
    await insert(db, { id: 'pregnant', text: 'Can I fly when I am pregnant?' });
    await insert(db, { id: 'card', text: 'Как оформить кредитную карту' });
    await insert(db, { id: 'other', text: 'Checked baggage allowance' });
    await insert(db, { id: 'short', text: 'карта для ребёнка' });
    const found = (terms: string[], stemPrefix: number) => {
      const { ids, scores } = bm25Scores(db.data.index, {
        terms,
        props: ['text'],
        relevance: { k: 1.2, b: 0.75, d: 0.5 },
        tolerance: 0,
        docsCount: 4,
        stemPrefix,
      });
      return new Map([...ids].map((iid, i) => [externalId(db, iid), scores[i]!]));
    };
    // "pregnancy" stems to "pregnanc", "pregnant" to "pregnant": 6 shared letters of 8.
    expect([...found(['pregnanc'], 0).keys()]).toEqual([]);
    expect([...found(['pregnanc'], 0.6).keys()]).toEqual(['pregnant']);
    // "кредитку" / "кредитную": "кредитк" and "кредитн" share 5 of 7.
    expect([...found(['кредитк'], 0.6).keys()]).toEqual(['card']);
    // Weighed down against the word itself.
    expect(found(['pregnanc'], 0.6).get('pregnant')!).toBeLessThan(found(['pregnant'], 0.6).get('pregnant')!);
    // The shared beginning is never shorter than five letters: "карточк" (cut to "карто") misses "карт".
    expect([...found(['карточк'], 0.6).keys()]).toEqual([]);
  });
});
