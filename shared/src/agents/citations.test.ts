// Citations as a customer reads them: markers in every form a model writes them leave the text, the
// citations stay exactly the passages cited, and one closing line names the sources in the reply's language.
import { describe, expect, it } from 'vitest';
import type { KnowledgeHit } from '../llm/types';
import { citationNumbers, citedHits, readableAnswer, sourceTitle, withoutMarkers } from './citations';

const hit = (chunkId: string, title: string): KnowledgeHit => ({
  chunkId,
  sourceId: chunkId.split(':')[0]!,
  title,
  text: '…',
  score: 1,
});
const hits = [
  hit('prices:0', 'Тарифы 2026 › Бизнес'),
  hit('support:0', 'Support'),
  hit('prices:1', 'Тарифы 2026 › Команда'),
  hit('prices-en:0', 'Prices 2026'),
];

describe('citation markers', () => {
  it('reads every form a model writes, in order, unknown numbers too', () => {
    expect(
      citationNumbers('a [1] b [1][2] c [1, 3] d [^4] e 【2】 f 【3†source】 g [7] h [2-4] [Source 1]'),
    ).toEqual([1, 1, 2, 1, 3, 4, 2, 3, 7, 2, 3, 4, 1]);
    expect(citationNumbers('no markers: [x], [2026], [link](https://x.test), a[b]')).toEqual([]);
  });

  it('cites each known hit once, in the order of its number', () => {
    expect(citedHits('b [3] a [1][1] x [9] [0]', hits).map((h) => h.chunkId)).toEqual([
      'prices:0',
      'prices:1',
    ]);
  });

  it('leaves the text as if the markers had never been there', () => {
    expect(withoutMarkers('Стоит 500 ₽ [1]. Возврат — 14 дней [1][2].')).toBe(
      'Стоит 500 ₽. Возврат — 14 дней.',
    );
    expect(withoutMarkers('Costs 24 USD [1, 2], billed yearly【3】.')).toBe('Costs 24 USD, billed yearly.');
    expect(withoutMarkers('[1] Доставка 3–5 дней.\n[2] Самовывоз бесплатно.')).toBe(
      'Доставка 3–5 дней.\nСамовывоз бесплатно.',
    );
    expect(withoutMarkers('Ships in 2 days.[^1]Returns are free.')).toBe(
      'Ships in 2 days. Returns are free.',
    );
    expect(withoutMarkers('Ответ [12].\n\nИсточники: [1], [2]')).toBe('Ответ.');
    expect(withoutMarkers('No markers: [x] stays.')).toBe('No markers: [x] stays.');
  });
});

describe('readableAnswer', () => {
  it('names the cited sources by title, once, in the reply language; citations exact', () => {
    const r = readableAnswer(
      'Тариф «Бизнес» стоит 1990 ₽ [1], «Команда» — 990 ₽ [3]. Поддержка 24/7 [2].',
      hits,
      'ru',
    );
    expect(r.text).toBe(
      'Тариф «Бизнес» стоит 1990 ₽, «Команда» — 990 ₽. Поддержка 24/7.\n\nИсточники: Тарифы 2026; Support',
    );
    expect(r.cited.map((h) => h.chunkId)).toEqual(['prices:0', 'support:0', 'prices:1']);
    expect(readableAnswer('The plan costs 24 USD [4].', hits, 'en').text).toBe(
      'The plan costs 24 USD.\n\nSource: Prices 2026',
    );
    expect(readableAnswer('Тариф стоит 990 ₽ [1][3].', hits, 'ru').text).toBe(
      'Тариф стоит 990 ₽.\n\nИсточник: Тарифы 2026',
    );
    expect(readableAnswer('It costs 24 USD [^2] [1, 4].', hits, 'en').text).toBe(
      'It costs 24 USD.\n\nSources: Тарифы 2026; Support; Prices 2026',
    );
  });

  it('adds no line when nothing is cited, and drops markers of sources it was never given', () => {
    expect(readableAnswer('Здравствуйте! Чем помочь?', hits, 'ru')).toEqual({
      text: 'Здравствуйте! Чем помочь?',
      cited: [],
    });
    expect(readableAnswer('Costs 5 USD [7].', hits, 'en')).toEqual({ text: 'Costs 5 USD.', cited: [] });
    expect(readableAnswer('Costs 5 USD [1].', [], 'en')).toEqual({ text: 'Costs 5 USD.', cited: [] });
  });

  it("replaces the answer's own list of sources with the closing line", () => {
    expect(readableAnswer('It costs 24 USD [4].\n\nSources:\n[4] Prices 2026', hits, 'en').text).toBe(
      'It costs 24 USD.\n\nSource: Prices 2026',
    );
    expect(readableAnswer('Стоит 990 ₽ [1].\nИсточник: [1] Тарифы 2026 › Бизнес', hits, 'ru').text).toBe(
      'Стоит 990 ₽.\n\nИсточник: Тарифы 2026',
    );
  });

  it("shows the source's title, not the chunk's headings", () => {
    expect(sourceTitle({ title: 'Prices 2026 › Business › Discounts' })).toBe('Prices 2026');
    expect(sourceTitle({ title: `${'Long '.repeat(40)}title` })).toHaveLength(100);
  });
});
