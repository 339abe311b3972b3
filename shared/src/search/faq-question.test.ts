// The FAQ question field (issue 35): a Q&A import's question, or a Markdown FAQ's heading, counts in
// ranking with its own weight, beside the answer; it stays out of what the index hands back.
import { describe, expect, it } from 'vitest';
import { faqQuestionOf, type SearchDoc } from './docs';
import { evalDocs, type BeirSet } from './retrieval-eval';
import { SearchIndex } from './search-index';

const doc = (id: string, text: string, extra: Partial<SearchDoc> = {}): SearchDoc => ({
  id,
  docId: id,
  type: 'knowledge',
  title: 'FAQ',
  text,
  ...extra,
});

// The question's words stand in the answer of another entry, shorter and said twice: on the text
// alone, BM25 prefers that entry.
const cancel = doc(
  'cancel',
  'How do I cancel my subscription?\nOpen Settings, then Billing, and press the button at the bottom of the page. ' +
    'Your plan stays active until the end of the period you paid for, and nothing more is charged after that. ' +
    'Invoices of past periods stay in the Billing section, where you can download them at any time.',
  { question: 'How do I cancel my subscription?', answer: 'Open Settings…' },
);
const refund = doc(
  'refund',
  'Can I get a refund?\nIf you cancel a yearly subscription in its first month, we refund it; cancel later and the subscription runs to its end.',
  { question: 'Can I get a refund?', answer: 'If you cancel…' },
);

async function indexOf(options: ConstructorParameters<typeof SearchIndex>[0]) {
  const index = new SearchIndex(options);
  await index.upsert([cancel, refund]);
  return index;
}

const first = async (index: SearchIndex, query: string) =>
  (await index.search(query, { mode: 'fulltext' })).hits[0]?.id;

describe('the FAQ question field', () => {
  it('is the Q&A question, else the deepest heading, and only for knowledge', () => {
    expect(
      faqQuestionOf({ type: 'knowledge', question: ' Can I pay by invoice? ', headings: ['Billing'] }),
    ).toBe('Can I pay by invoice?');
    expect(faqQuestionOf({ type: 'knowledge', headings: ['Billing', 'Can I pay by invoice?'] })).toBe(
      'Can I pay by invoice?',
    );
    expect(faqQuestionOf({ type: 'knowledge', headings: [] })).toBeUndefined();
    expect(faqQuestionOf({ type: 'message', question: 'x' })).toBeUndefined();
  });

  it('ranks the entry that asks the question above one whose answer uses its words', async () => {
    const query = 'cancel subscription';
    expect(await first(await indexOf({ questionBoost: 0 }), query)).toBe('refund');
    expect(await first(await indexOf({ questionBoost: 2 }), query)).toBe('cancel');
  });

  it('finds a Markdown FAQ entry by its heading', async () => {
    const docs = [
      doc('a', 'Open Settings, then Billing, and press the button at the bottom of the page.', {
        title: 'Help › How do I cancel my subscription?',
        headings: ['How do I cancel my subscription?'],
      }),
      doc('b', 'Cancel a subscription in its first month and we refund it; later, the subscription runs on.'),
    ];
    const firstWith = async (questionBoost: number) => {
      const index = new SearchIndex({ questionBoost });
      await index.upsert(docs);
      return first(index, 'cancel subscription');
    };
    expect(await firstWith(0)).toBe('b'); // the heading in the title alone is not enough here
    expect(await firstWith(2)).toBe('a');
  });

  it('stays out of the docs the index hands back, and survives a snapshot', async () => {
    const index = await indexOf({ questionBoost: 2 });
    expect(index.get('cancel')).toEqual(cancel);
    const hit = (await index.search('cancel subscription', { mode: 'fulltext' })).hits[0]!;
    expect(hit).not.toHaveProperty('faqQuestion');
    const restored = await SearchIndex.restore(await index.serialize(), { questionBoost: 2 });
    expect(await first(restored, 'cancel subscription')).toBe('cancel');
    expect(restored.get('cancel')).toEqual(cancel);
  });

  it('is filled from an FAQ set in the retrieval eval, as an import would fill it', () => {
    const set: BeirSet = {
      corpus: [
        { id: 'a', text: 'How do I cancel?\nOpen Settings.' },
        { id: 'b', title: 'Can I get a refund?', text: 'Yes, in the first month.' },
      ],
      queries: [],
      qrels: new Map(),
    };
    expect(evalDocs(set).map((d) => d.question)).toEqual(['How do I cancel?', 'Can I get a refund?']);
    const prose: BeirSet = {
      corpus: [{ id: 'p', text: 'A passage with no question line.' }],
      queries: [],
      qrels: new Map(),
    };
    expect(evalDocs(prose)[0]).not.toHaveProperty('question');
  });
});
