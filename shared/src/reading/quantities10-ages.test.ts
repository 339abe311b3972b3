// Table tests of the quotes10 round's class "a pet's age is no amount of time" (issue 61): "9 years old",
// "aged 3", «ему 2 года», «им по 3 года», «Коту 5 лет» (a dative noun starting the sentence) beside a stay
// sold by the night leave its nights read. Products and sentences are new ones, not the price-question
// sets'. Every row fails on the reader before this change, but the guard (years asked of the stay itself:
// asked back, as before).
import { describe, expect, it } from 'vitest';
import { readLines, testProduct } from '../testing/test-product';

const catalog = [
  testProduct('board', 'Передержка питомца', 'Pet Boarding', {
    unit: 'night',
    units: { ru: 'сутки', en: 'night' },
    kind: 'service',
  }),
];
const read = (text: string) => readLines(text, catalog).lines;

describe('an age beside a stay sold by the night', () => {
  it.each([
    ['Коту 5 лет, нужна передержка питомца на 6 суток', [['board', 6]]],
    ['передержка питомца на 3 суток, ему 2 года', [['board', 3]]],
    ['Передержка питомца на 4 суток, им по 3 года', [['board', 4]]],
    ['My cat is 11 years old, pet boarding for 4 nights', [['board', 4]]],
    ['Pet boarding for 5 nights, she is aged 3 years', [['board', 5]]],
  ])('%s', (text, lines) => {
    expect(read(text)).toEqual(lines);
  });

  it('guard: years asked of the stay itself are asked back', () => {
    expect(read('pet boarding for 2 years')).toEqual([['board', null]]);
  });
});
