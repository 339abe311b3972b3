// Products named in everyday words (issue 61, after the blind set 6): a two-word Russian name said as
// one noun in «-ка» («зачётная книжка» → «зачётка»), a service named by a word of its stem
// ("engraved", «забрендировать», "branded") or by who does it, when sold by time ("a photographer",
// «массажиста»); a number right before another product counts that one; a multiplier word after a
// product («нужна тысяча») is a count, not money; house numbers, a range of dates and a date with a
// slash are not counts; and a thing counted that shares a stem with a product is handed over, never
// called "not sold" beside a partial total. Sentences and products of our own, not the sets' rows.
import { describe, expect, it } from 'vitest';
import { readQuoteRequest } from '../catalog/quote-request';
import type { ProductDoc } from '../schemas/products';
import { findQuantities } from './index';
import { testProduct } from '../testing/test-product';

const product = (
  id: string,
  ru: string,
  en: string,
  unit?: string,
  kind?: 'product' | 'service',
): ProductDoc => testProduct(id, ru, en, { ...(unit ? { unit } : {}), ...(kind ? { kind } : {}) });
const catalog = [
  product('book', 'Зачётная книжка', 'Record Book'),
  product('calendar', 'Настенный календарь', 'Wall Calendar'),
  product('box', 'Подарочная коробка', 'Gift Box'),
  product('table', 'Банкетный стол', 'Banquet Table'),
  product('layout', 'Вёрстка', 'Layout', 'hour', 'service'),
  product('photo', 'Фотосъёмка мероприятий', 'Event Photography', 'hour', 'service'),
  product('massage', 'Массаж спины', 'Back Massage', 'hour', 'service'),
  product('engrave', 'Гравировка металла', 'Metal Engraving', 'pcs', 'service'),
  product('brand', 'Брендирование одежды', 'Clothing Branding', 'pcs', 'service'),
  product('print', 'Печать фото', 'Photo Printing', 'pcs', 'service'),
  product('tent', 'Шатёр', 'Party Tent', 'day'),
];

const read = (text: string) => {
  const q = findQuantities(text, catalog);
  return {
    lines: q.lines.map((l) => [l.product.id, l.quantity ?? null] as const),
    unread: q.unread.map((u) => u.productId),
  };
};

describe('a two-word name said as one noun in «-ка» (univerbation)', () => {
  it.each([
    ['Сколько стоят 40 зачёток?', [['book', 40]]],
    ['Нужны зачётки, штук 25', [['book', 25]]],
    ['Почём одна зачётка?', [['book', 1]]],
    ['Сколько стоит зачётка?', [['book', null]]],
  ])('%s', (text, lines) => {
    expect(read(text).lines).toEqual(lines);
  });

  it('not from a masculine name: «банкетка» is a bench, not «Банкетный стол»', () => {
    expect(read('Нужно 6 банкеток').lines).toEqual([]);
  });
});

describe('a service named by a word of its stem, or by who does it when sold by time', () => {
  it.each([
    ['How much for 12 plates engraved?', [['engrave', 12]]],
    ['we want to engrave 30 key rings', [['engrave', 30]]],
    ['Нужно забрендировать 30 футболок', [['brand', 30]]],
    ['45 branded clothing items please', [['brand', 45]]],
    ['300 printed photos, how much?', [['print', 300]]],
    ['Need a photographer for 3 hours', [['photo', 3]]],
    ['Нужен массажист на два часа', [['massage', 2]]],
    ['Сколько стоят 2 часа массажиста?', [['massage', 2]]],
  ])('%s', (text, lines) => {
    expect(read(text).lines).toEqual(lines);
  });

  it('an agent noun does not name a service sold by the piece: "printers" are no Photo Printing', () => {
    expect(read('We need 3 printers for the office').lines).toEqual([]);
  });
});

describe('numbers of other products, multiplier words, addresses and dates', () => {
  it.each([
    [
      'Сначала часа два вёрстки, потом тысячу календарей',
      [
        ['layout', 2],
        ['calendar', 1000],
      ],
    ],
    [
      'two hours of layout, forty photos printed and a thousand wall calendars',
      [
        ['layout', 2],
        ['print', 40],
        ['calendar', 1000],
      ],
    ],
    ['Календарей нужна тысяча, сколько выйдет?', [['calendar', 1000]]],
    ['Please ship to 14 Elm Street: 25 wall calendars', [['calendar', 25]]],
    ['Доставка на ул. Садовая, 12: нужно 25 настенных календарей', [['calendar', 25]]],
    ['Праздник с 5 по 7 июня 2027 года, шатёр нужен на 3 дня', [['tent', 3]]],
    ['Party from 5 to 7 June, the tent for 3 days', [['tent', 3]]],
    ['The fair is on 14/08, budget 9000 rubles: 6 hours of layout', [['layout', 6]]],
  ])('%s', (text, lines) => {
    expect(read(text).lines).toEqual(lines);
    expect(read(text).unread).toEqual([]);
  });

  it('a multiplier word after a budget word stays money', () => {
    expect(read('Календари, бюджет тысяча').lines).toEqual([['calendar', null]]);
  });
});

describe('a thing counted that shares a stem with a product: handed over, no partial total', () => {
  it.each([
    'Нужно 4 часа вёрстки и 100 подарков',
    'Нужно 4 часа вёрстки и 100 подарков для клиентов',
    '3 hours of layout and 50 photoprints',
  ])('%s', (text) => {
    const r = readQuoteRequest(text, catalog);
    expect(r.lines).toEqual([]);
    expect(r.unsure?.length).toBe(1);
    expect(r.notInCatalog).toBeUndefined();
  });

  it.each([
    ['3 hours of layout and 50 mugs', '50 mugs'],
    ['4 часа вёрстки и 20 кружек', '20 кружек'],
  ])('a thing with nothing in common is still not sold: %s', (text, thing) => {
    const r = readQuoteRequest(text, catalog);
    expect(r.lines.map((l) => l.productId)).toEqual(['layout']);
    expect(r.notInCatalog).toEqual([thing]);
  });
});
