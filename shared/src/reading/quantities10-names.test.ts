// Table tests of the quotes10 round's naming and unit classes (issue 61): a product named by a
// distinctive word of its name that no other product's name has, said as the name says it ("lake
// cabin" for "Lake Cabin Stay", «глэмпинг» for «Проживание в глэмпинге»); a
// stay sold by the night reads «суток», «сут.», "days" as its nights. Products and sentences are new
// ones, not the price-question sets'. Every row fails on the reader before this change, but the guards
// (a shared word alone, a distinctive word without the word before it, days beside a product sold by the
// day: as before).
import { describe, expect, it } from 'vitest';
import { readLines, testProduct } from '../testing/test-product';

const catalog = [
  testProduct('cabin', 'Проживание в глэмпинге', 'Lake Cabin Stay', {
    unit: 'night',
    units: { ru: 'сутки', en: 'night' },
    kind: 'service',
  }),
  testProduct('boat', 'Прокат лодки', 'Lake Boat Trip', {
    unit: 'hour',
    units: { ru: 'час', en: 'hour' },
    kind: 'service',
  }),
  testProduct('kayak', 'Каяк прогулочный', 'Touring Ocean Kayak', { unit: 'pcs' }),
  testProduct('bike', 'Велосипед напрокат', 'Bike Hire', { unit: 'day', units: { ru: 'день', en: 'day' } }),
];
const read = (text: string) => readLines(text, catalog).lines;

describe('a distinctive word of the name names the product', () => {
  it.each([
    ['Lake cabin for 3 nights, how much?', [['cabin', 3]]],
    ['What would four nights in a lake cabin cost?', [['cabin', 4]]],
    ['lake boat 2 hours', [['boat', 2]]],
    ['глэмпинг на 3 суток, сколько?', [['cabin', 3]]],
    ['Хотим в глэмпинге пожить пять ночей', [['cabin', 5]]],
  ])('%s', (text, lines) => {
    expect(read(text)).toEqual(lines);
  });

  it('guard: a word two names share, or a distinctive word without the name’s word before it, names none', () => {
    expect(read('lake 3 nights')).toEqual([]);
    expect(read('a cabin for 3 nights')).toEqual([]);
    // The product named by its own head word: the distinctive word after it is no second mention.
    expect(read('3 kayaks, the touring ocean ones')).toEqual([['kayak', 3]]);
  });
});

describe('a stay sold by the night: «суток», «сут.», "days" are its nights', () => {
  it.each([
    ['Проживание в глэмпинге на 5 суток', [['cabin', 5]]],
    ['проживание в глэмпинге 6 сут., цена?', [['cabin', 6]]],
    ['Lake cabin stay for 10 days, how much?', [['cabin', 10]]],
    ['проживание в глэмпинге, думаю семь суток', [['cabin', 7]]],
  ])('%s', (text, lines) => {
    expect(read(text)).toEqual(lines);
  });

  it('guard: a product sold by the day reads its days as before', () => {
    expect(read('велосипед напрокат на 3 дня')).toEqual([['bike', 3]]);
  });
});
