// Table tests of the quotes10 round's class "a count of the thing the service is done to, named in the
// product's name" (issue 61): a service sold per visit counts one visit per thing of its name's noun after
// a number («мойка для трёх машин», «двум нашим машинам», "car wash for 4 cars"). Products and sentences are
// new ones, not the price-question sets'. Every row fails on the reader before this change (but "for our 6
// cars", read before too, kept as a row) but the guard
// (the name's noun before another product's hours: those hours, as before).
import { describe, expect, it } from 'vitest';
import { readLines, testProduct } from '../testing/test-product';

const catalog = [
  testProduct('wash', 'Мойка машины', 'Car Wash', {
    unit: 'visit',
    units: { ru: 'визит', en: 'visit' },
    kind: 'service',
  }),
  testProduct('polish', 'Полировка машины', 'Car Polishing', {
    unit: 'hour',
    units: { ru: 'час', en: 'hour' },
    kind: 'service',
  }),
];
const read = (text: string) => readLines(text, catalog).lines;

describe('a count of the name’s own noun: one visit each', () => {
  it.each([
    ['Сколько стоит мойка машины для трёх машин?', [['wash', 3]]],
    ['Нужна мойка двум нашим машинам', [['wash', 2]]],
    ['car wash for 4 cars please', [['wash', 4]]],
    ['Car wash for our 6 cars, total?', [['wash', 6]]],
  ])('%s', (text, lines) => {
    expect(read(text)).toEqual(lines);
  });

  it('guard: the name’s noun before another product’s hours counts no visits', () => {
    expect(read('мойка машины и полировка машины 3 часа')).toEqual([
      ['wash', null],
      ['polish', 3],
    ]);
  });
});
