// The quotes12 round's one-trip class (issue 61): a product sold per trip or visit named with no number
// beside products counted ("… plus delivery", «с доставкой») is one; alone, or beside a number it could
// not read, it is as before. Products and sentences are new ones, not the sets'.
import { describe, expect, it } from 'vitest';
import { testProduct } from '../testing/test-product';
import { readQuoteRequest } from './quote-request';

const catalog = [
  testProduct('pizza', 'Пицца маргарита', 'Margherita Pizza'),
  testProduct('courier', 'Курьерская доставка', 'Courier Delivery', {
    unit: 'trip',
    units: { ru: 'поездка', en: 'trip' },
    kind: 'service',
  }),
  testProduct('tech', 'Выезд мастера', 'Technician Visit', {
    unit: 'visit',
    units: { ru: 'выезд', en: 'visit' },
    kind: 'service',
  }),
  testProduct('filter', 'Фильтр для воды', 'Water Filter'),
];
const read = (text: string) => {
  const r = readQuoteRequest(text, catalog);
  return { lines: r.lines.map((l) => [l.productId, l.quantity, l.quantityStated]), askBack: r.askBack ?? [] };
};

describe('a product sold per trip or visit beside products counted is one', () => {
  it.each([
    ['4 margherita pizzas plus courier delivery', 'courier'],
    ['Пицца маргарита 3 шт. с курьерской доставкой', 'courier'],
    ['2 water filters and a technician visit to fit them', 'tech'],
    ['Фильтр для воды 2 шт и выезд мастера', 'tech'],
  ])('%s', (text, id) => {
    const r = read(text);
    expect(r.askBack).toEqual([]);
    expect(r.lines).toContainEqual([id, 1, true]);
  });

  it('guard: a piece named with no number beside products counted is still asked back', () => {
    expect(read('4 margherita pizzas and water filters').askBack).toEqual(['filter']);
  });

  it('guard: alone it is priced for one, said as such; a vague word is asked back', () => {
    expect(read('courier delivery, how much?').lines).toEqual([['courier', 1, false]]);
    expect(read('3 pizzas and several courier deliveries').askBack).toEqual(['courier']);
  });
});
