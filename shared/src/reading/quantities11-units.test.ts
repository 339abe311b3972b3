// Table tests of the quotes11/quotes12 round's unit class (issue 61): a count of another unit than the
// product's ("3 rolls" of wire sold by the metre, "32 truffles" of a box of 16) is converted only when the
// catalog states how many one holds and the division is whole; else it is asked back, never priced as the
// product's unit. Products and sentences are new ones, not the price-question sets'.
import { describe, expect, it } from 'vitest';
import type { ProductDoc } from '../schemas/products';
import { readLines, testProduct } from '../testing/test-product';

const described = (p: ProductDoc, en: string, ru: string): ProductDoc => ({ ...p, descriptions: { en, ru } });
const catalog = [
  described(
    testProduct('wire', 'Провод медный', 'Copper Wire', { unit: 'm', units: { ru: 'м', en: 'm' } }),
    'Sold by the metre, 100 m per roll.',
    'Продаём от метра, в рулоне 100 м.',
  ),
  testProduct('rope', 'Верёвка джутовая', 'Jute Rope', { unit: 'm', units: { ru: 'м', en: 'm' } }),
  testProduct('truffles', 'Коробка трюфелей (16 шт.)', 'Truffle Box (16 pcs)', {
    unit: 'box',
    units: { ru: 'коробка', en: 'box' },
  }),
  described(
    testProduct('napkins', 'Салфетки бумажные', 'Paper Napkins', { unit: 'pcs' }),
    'Packed 50 napkins per pack.',
    'Упакованы по 50 штук.',
  ),
];
const read = (text: string) => readLines(text, catalog);

describe('a count of another unit: converted when the catalog says how, else asked back', () => {
  it.each([
    ['3 rolls of copper wire, how much?', [['wire', 300]]],
    ['Нужно 2 рулона медного провода', [['wire', 200]]],
    ['медный провод, возьмём 3 рулона', [['wire', 300]]],
    ['We need 32 truffles', [['truffles', 2]]],
    ['Нужно 48 трюфелей, сколько это стоит?', [['truffles', 3]]],
    ['4 packs of paper napkins', [['napkins', 200]]],
  ])('%s', (text, lines) => {
    expect(read(text).lines).toEqual(lines);
  });

  it.each([
    // The catalog says nothing of a roll of rope, nor of a box of wire.
    ['2 rolls of jute rope', 'rope'],
    ['5 boxes of copper wire', 'wire'],
    // Items that fill no whole box.
    ['20 truffles please', 'truffles'],
  ])('%s: asked back', (text, id) => {
    const r = read(text);
    expect(r.lines).toEqual([[id, null]]);
    expect(r.unread.map((u) => u.reason)).toEqual(['unit']);
  });

  it('guard: a count of the product’s own unit stays as read', () => {
    expect(read('3 коробки трюфелей').lines).toEqual([['truffles', 3]]);
    expect(read('4 truffle boxes').lines).toEqual([['truffles', 4]]);
    expect(read('6 m of copper wire').lines).toEqual([['wire', 6]]);
    expect(read('120 paper napkins').lines).toEqual([['napkins', 120]]);
  });
});
