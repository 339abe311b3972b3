// Table tests of the quotes10 round's classes (issue 61): a product sold by the kilometre reads its
// quantity from a number with the kilometre's word only («12 км», «двадцать семь километров», "30km",
// "sixty kilometres"); a count of the name's noun beside a distance per item ("3 tow rides of 10 km each")
// is asked back, never read as kilometres, and an article ("a tow ride of 25 km") is no count of it.
// Products and sentences are new ones, not the price-question sets'. Every row fails on the reader
// before this change, but the guards (kilometres beside a product sold by the piece: no count of it).
import { describe, expect, it } from 'vitest';
import { readLines, testProduct } from '../testing/test-product';

const catalog = [
  testProduct('tow', 'Эвакуатор по области', 'Tow Truck Ride', {
    unit: 'km',
    units: { ru: 'км', en: 'km' },
    kind: 'service',
  }),
  testProduct('mover', 'Грузчик', 'Mover', {
    unit: 'hour',
    units: { ru: 'час', en: 'hour' },
    kind: 'service',
  }),
  testProduct('box', 'Коробка картонная', 'Cardboard Box', { unit: 'pcs' }),
];
const read = (text: string) => readLines(text, catalog).lines;

describe('a product sold by the kilometre: its quantity from a number of kilometres', () => {
  it.each([
    ['Эвакуатор по области 14 км, сколько?', [['tow', 14]]],
    ['эвакуатор по области на двадцать три километра', [['tow', 23]]],
    ['Нужен эвакуатор по области, это 40 километров', [['tow', 40]]],
    ['tow truck ride 70km?', [['tow', 70]]],
    ['Tow truck ride for sixty kilometres please', [['tow', 60]]],
    ['Tow truck ride of 18 kilometers', [['tow', 18]]],
    [
      'грузчик 3 часа и эвакуатор по области 25 км',
      [
        ['mover', 3],
        ['tow', 25],
      ],
    ],
    [
      'a mover for 2 hours and a tow truck ride of 35 km',
      [
        ['mover', 2],
        ['tow', 35],
      ],
    ],
  ])('%s', (text, lines) => {
    expect(read(text)).toEqual(lines);
  });

  it('a count of rides beside kilometres per ride is asked back, never read as kilometres', () => {
    expect(read('How much are 3 tow truck rides of 10 km each?')).toEqual([['tow', null]]);
    expect(read('2 эвакуатора по области по 15 км')).toEqual([['tow', null]]);
  });

  it('guard: kilometres beside a product sold by the piece count none of it', () => {
    expect(read('10 коробок картонных, склад в 5 км от города')).toEqual([['box', 10]]);
    expect(read('5 km away: 12 cardboard boxes')).toEqual([['box', 12]]);
  });
});
