// Table tests of the quotes11 round's hours class (issue 61): a service sold per person-hour
// ("cleaner-hour", «чел.-час») counted as people and hours is their product («3 уборщицы на 2 часа»: 6),
// one sold by the hour counted as vehicles and hours each likewise ("two vans, 4 hours each": 8); only
// when the product's clause says just that. Products and sentences are new ones, not the sets'.
import { describe, expect, it } from 'vitest';
import { readLines, testProduct } from '../testing/test-product';

const catalog = [
  testProduct('cleaner', 'Услуги уборщицы', 'Cleaner', {
    unit: 'cleaner-hour',
    units: { ru: 'чел.-час', en: 'cleaner-hour' },
    kind: 'service',
  }),
  testProduct('van', 'Микроавтобус с шофёром', 'Minibus with Chauffeur', {
    unit: 'hour',
    units: { ru: 'час', en: 'hour' },
    kind: 'service',
  }),
  testProduct('mop', 'Швабра', 'Mop', { unit: 'pcs' }),
];
const read = (text: string) => readLines(text, catalog).lines;

describe('hours times people (per person-hour) or vehicles (by the hour)', () => {
  it.each([
    ['Нужно 3 уборщицы на 2 часа', [['cleaner', 6]]],
    ['four cleaners for a 5 hour shift, price?', [['cleaner', 20]]],
    ['2 hours of one cleaner, how much?', [['cleaner', 2]]],
    ['уборщица часа на четыре, один человек', [['cleaner', 4]]],
    ['two minibuses with chauffeur, 4 hours each', [['van', 8]]],
    ['Микроавтобусов с шофёром нужно три, каждый на 2 часа', [['van', 6]]],
    [
      'one cleaner for 3 hours plus the minibus with chauffeur for 2 hours',
      [
        ['cleaner', 3],
        ['van', 2],
      ],
    ],
  ])('%s', (text, lines) => {
    expect(read(text)).toEqual(lines);
  });

  it('guard: a number of another thing or an order number is no count of people or vehicles', () => {
    // An order's number before the name.
    expect(read('К заказу №5120 добавьте микроавтобус с шофёром на 3 часа')).toEqual([['van', 3]]);
    // A number of the next thing after the name.
    expect(read('уборщица на 2 часа, потом 5 швабр')).not.toContainEqual(['cleaner', 10]);
    // Two amounts of hours: asked back.
    expect(read('3 cleaners for 2 or 4 hours')).toEqual([['cleaner', null]]);
  });
});
