// Table tests of how multi-word product names meet the numbers around them (issue 61, after the blind
// set 3): an adjective that is a word of one product's name, agreeing with another product's noun,
// qualifies that noun («5 мягких подставок для ног» counts footrests, not sofas); a name's tail in any
// case, with its cardinal in digits («шкафов для 2 папок»); a number after the tail's preposition
// counts the tail's noun, not the product («подставка для 3 мониторов»); and a thing not sold keeps its
// name's tail («5 вешалок для верхней одежды», "3 boxes of printer paper"); a count weighed in its own
// sentence ("Looking at 40.", «Рассматриваем 4.»); «на всех наших …» as a whole group. Words of our own,
// not the sets' rows.
import { describe, expect, it } from 'vitest';
import type { ProductDoc } from '../schemas/products';
import { findQuantities } from './index';

const at = '2026-01-01T00:00:00.000Z';
const product = (id: string, ru: string, en: string, unit?: string): ProductDoc => ({
  id,
  sku: `${id.toUpperCase()}-7`,
  name: en,
  names: { ru, en },
  ...(unit ? { unit } : {}),
  prices: [{ currency: 'RUB', amount: 1000 }],
  createdAt: at,
  updatedAt: at,
});
const catalog = [
  product('sofa', 'Мягкий диван', 'Lounge Sofa'),
  product('shelf', 'Металлический стеллаж', 'Metal Shelf'),
  product('stool', 'Офисный табурет', 'Office Stool'),
  product('cab', 'Шкаф для двух папок', 'Two Folder Cabinet'),
  product('rest', 'Подставка для ног', 'Foot Rest'),
  product('lamp', 'Настольная лампа', 'Desk Lamp'),
  product('clean', 'Чистка мебели', 'Furniture Cleaning', 'hour'),
  product('boss', 'Кресло руководителя', 'Executive Chair'),
  product('guest', 'Кресло для посетителей', 'Visitor Chair'),
];

const read = (text: string) => {
  const q = findQuantities(text, catalog);
  return {
    lines: q.lines.map((l) => [l.product.id, l.quantity ?? null] as const),
    unread: q.unread.map((u) => [u.productId, u.reason] as const),
    others: q.others.map((o) => o.text),
  };
};

describe('an adjective of one name before another product’s noun qualifies that noun', () => {
  it.each([
    ['Нужно 6 мягких подставок для ног', [['rest', 6]]],
    ['Сколько стоят двенадцать офисных ламп?', [['lamp', 12]]],
    ['Посчитайте 4 металлических шкафа для двух папок', [['cab', 4]]],
    ['с тремя мягкими подставками для ног, цена?', [['rest', 3]]],
    ['Цена 9 офисных настольных ламп', [['lamp', 9]]],
    [
      'Нужно 5 офисных ламп и 2 табурета',
      [
        ['lamp', 5],
        ['stool', 2],
      ],
    ],
    ['7 metal desk lamps, how much?', [['lamp', 7]]],
  ] as const)('%s', (text, lines) => {
    expect(read(text)).toEqual({ lines, unread: [], others: [] });
  });

  it.each([
    // The adjective's own product, its noun written: still that product.
    ['Нужно 5 металлических стеллажей', 'shelf', 5],
    ['Мягкий диван, 2 штуки', 'sofa', 2],
    ['восемь офисных табуретов', 'stool', 8],
  ] as const)('%s: the adjective’s own product', (text, id, n) => {
    expect(read(text).lines).toEqual([[id, n]]);
  });

  it('an adjective before a noun two products share names neither the adjective’s product nor a guess', () => {
    // «офисных» is the stool's word, «кресел» is both chairs': no product is named, nothing is priced.
    expect(read('Нужно 5 офисных кресел')).toEqual({ lines: [], unread: [], others: [] });
    expect(read('Нужно 5 офисных кресел руководителя').lines).toEqual([['boss', 5]]);
  });

  it('an adjective no name of the noun has still makes it maybe another thing: asked', () => {
    // «металлических» is the shelf's word, not the lamp's: a metal lamp may be no «Настольная лампа».
    expect(read('Нужно 5 металлических ламп')).toEqual({
      lines: [['lamp', null]],
      unread: [['lamp', 'qualified']],
      others: [],
    });
  });
});

describe('a name’s tail in any case, with its cardinal in digits', () => {
  it.each([
    ['Цена 8 шкафов для 2 папок', [['cab', 8]]],
    ['Шкаф для 2 папок — 3 шт.', [['cab', 3]]],
    ['двадцати подставок для ног', [['rest', 20]]],
    ['How much for 12 Foot Rests?', [['rest', 12]]],
  ] as const)('%s', (text, lines) => {
    expect(read(text)).toEqual({ lines, unread: [], others: [] });
  });

  it.each([
    // A number after the tail's preposition counts the tail's noun: another thing, asked.
    ['Подставка для 3 мониторов, сколько стоит?', 'rest'],
    ['Lounge Sofa for 4 guests, price?', 'sofa'],
  ] as const)('%s: not the product’s count, asked', (text, id) => {
    expect(read(text)).toMatchObject({ lines: [[id, null]], unread: [[id, 'unplaced']] });
  });
});

describe('a thing not sold keeps its name’s tail', () => {
  it.each([
    ['10 ламп и 5 вешалок для верхней одежды', [['lamp', 10]], ['5 вешалок для верхней одежды']],
    ['2 настольные лампы и 4 коробки из картона', [['lamp', 2]], ['4 коробки из картона']],
    ['2 desk lamps and 3 boxes of printer paper', [['lamp', 2]], ['3 boxes of printer paper']],
    ['2 desk lamps and 6 stands for monitors, price?', [['lamp', 2]], ['6 stands for monitors']],
    // Who or where it is for is no part of its name.
    ['2 лампы и 3 тумбы для офиса', [['lamp', 2]], ['3 тумбы']],
    ['2 лампы и 3 тумбы для наших сотрудников', [['lamp', 2]], ['3 тумбы']],
    ['2 desk lamps and 3 easels for the team', [['lamp', 2]], ['3 easels']],
  ] as const)('%s', (text, lines, others) => {
    expect(read(text)).toEqual({ lines, unread: [], others });
  });
});

// A count weighed in its own sentence ("Looking at 40."), and a whole group after «на всех».
describe('a count weighed in its own sentence; a whole group', () => {
  it.each([
    ['Do you stock Foot Rests? We’re thinking about 35.', 'rest', 35],
    ['Desk Lamps in bulk? Planning on 60', 'lamp', 60],
    ['Есть мягкие диваны? Рассматриваем 4.', 'sofa', 4],
    ['Интересуют металлические стеллажи. Планируем 15!', 'shelf', 15],
  ] as const)('%s', (text, id, n) => {
    expect(read(text).lines).toEqual([[id, n]]);
  });

  it.each([
    // The number counts something else in its sentence, or a whole group is named: asked.
    ['Do you stock Foot Rests? Looking at 2 options.', 'rest', 'unplaced'],
    ['Интересуют настольные лампы. Планируем закупку в 3 офиса', 'lamp', 'unplaced'],
    ['Сколько стоят настольные лампы на всех наших сотрудников?', 'lamp', 'vague'],
    ['Подставки для ног на всех гостей, цена?', 'rest', 'vague'],
  ] as const)('%s: asked', (text, id, reason) => {
    expect(read(text)).toMatchObject({ lines: [[id, null]], unread: [[id, reason]] });
  });
});
