// Table tests of the quotes9 round's classes (issue 61): a product's own unit noun in its forms («стёкол»
// with «ё» and without, its abbreviation «сид.», «для шести стёкол»); numbers that say what a thing is
// and never how many (a tyre's size "195/65 R15", an engine's "2.0", "1.8 TFSI", a car's year beside its
// make, a plate «Е777КХ 99», a street's house «с Гагарина 12», digits of the product's own name "60ah"),
// nor make a plain quantity doubtful; the customer's cars counted beside a quantity ("from our two cars").
// An engine's litres are no amount of oil: asked back. Products and sentences are new ones, not the
// price-question sets'. Every row fails on the reader before this change, but the guards (an engine's
// litres, a count per car, counts of cars for a product sold per car, a fraction of a litre: asked back
// before and after; 2000 before a product named within three words: its count).
import { describe, expect, it } from 'vitest';
import { readLines, testProduct } from '../testing/test-product';

const catalog = [
  testProduct('tint', 'Тонировка автостёкол', 'Window Tinting', {
    unit: 'pane',
    units: { ru: 'стекло', en: 'pane' },
    kind: 'service',
  }),
  testProduct('seats', 'Химчистка салона', 'Interior Dry Cleaning', {
    unit: 'seat cover',
    units: { ru: 'сиденье', en: 'seat cover' },
    kind: 'service',
  }),
  testProduct('bal', 'Балансировка', 'Balancing', {
    unit: 'wheel',
    units: { ru: 'колесо', en: 'wheel' },
    kind: 'service',
  }),
  testProduct('summer', 'Летняя шина', 'Summer Tyre', { unit: 'pcs' }),
  testProduct('battery', 'Аккумулятор автомобильный 60Ah', 'Car Battery 60Ah', { unit: 'pcs' }),
  testProduct('oil', 'Полусинтетическое масло 10W-40', 'Semi-synthetic Oil 10W-40', {
    unit: 'litre',
    units: { ru: 'л', en: 'litre' },
  }),
];
const read = (text: string) => readLines(text, catalog).lines;

describe('a product’s own unit noun in its forms', () => {
  it.each([
    ['тонировка пяти стёкол', [['tint', 5]]],
    ['тонировка для трёх стекол', [['tint', 3]]],
    ['Сколько стоит тонировка для шести стёкол?', [['tint', 6]]],
    ['балансировка семи колёс', [['bal', 7]]],
    ['Химчистка салона, 5 сид., сколько?', [['seats', 5]]],
  ])('%s', (text, lines) => {
    expect(read(text)).toEqual(lines);
  });
});

describe('numbers that say what a thing is, not how many', () => {
  it.each([
    ['Нужно 4 летние шины 195/65 R15, сколько?', [['summer', 4]]],
    ['Машина Lada Vesta 2019, нужны 2 летние шины 205/60R16', [['summer', 2]]],
    ['I need 2 summer tyres 215/60 R16 for a 2017 Mazda', [['summer', 2]]],
    ['Нужно 2 аккумулятора 60ah', [['battery', 2]]],
    ['two car batteries, 60 AH please', [['battery', 2]]],
    ['полусинтетическое масло 10w40, двигатель 2.0, 5 литров', [['oil', 5]]],
    ['semi-synthetic oil 10W-40 for a 1.8 TFSI, 4 litres', [['oil', 4]]],
    ['госномер Е777КХ 99: балансировка четырёх колёс', [['bal', 4]]],
    ['plate A001AA 77, balancing of 4 wheels', [['bal', 4]]],
    ['Мы с Гагарина 12, нужно 4 летние шины', [['summer', 4]]],
  ])('%s', (text, lines) => {
    expect(read(text)).toEqual(lines);
  });

  it('an engine’s litres are no amount of oil: asked back', () => {
    expect(read('How much is semi-synthetic oil for a 2.5 litre engine?')).toEqual([['oil', null]]);
    expect(read('полусинтетическое масло в двигатель 1,6 л')).toEqual([['oil', null]]);
  });
});

describe('the customer’s cars counted beside a quantity', () => {
  it.each([
    ['балансировка 12 колёс с трёх наших машин', [['bal', 12]]],
    ['balancing for 8 wheels from our two cars', [['bal', 8]]],
    ['Для двух машин: восемь летних шин', [['summer', 8]]],
  ])('%s', (text, lines) => {
    expect(read(text)).toEqual(lines);
  });

  it('a count per car is still asked back', () => {
    expect(read('балансировка по 4 колеса на каждую из 3 машин')).toEqual([['bal', null]]);
  });

  it('a product counted in cars takes no count of cars for granted', () => {
    const wash = [
      testProduct('wash', 'Мойка кузова', 'Body Wash', {
        unit: 'car',
        units: { ru: 'машина', en: 'car' },
        kind: 'service',
      }),
    ];
    expect(readLines('Мойка кузова 3 машин, а потом ещё 2 машин', wash).lines).toEqual([['wash', null]]);
  });
});

describe('guards: what is no specification stays as it was', () => {
  it('a count like a year before a product named within three words is its count', () => {
    const cards = [testProduct('cards', 'Печать визиток', 'Business Cards Printing', { unit: 'pcs' })];
    expect(readLines('I need 2000 Glossy Business Cards Printing', cards).lines).toEqual([['cards', 2000]]);
  });

  it.each([
    // A product sold by the litre takes a fraction of litres (since the quotes12 round); an engine's
    // litres still ask back (quantities11-fractions.test.ts).
    ['полусинтетическое масло 1.5 л.', [['oil', 1.5]]],
    ['полусинтетическое масло объёмом 1.5 л', [['oil', 1.5]]],
  ])('%s', (text, lines) => {
    expect(read(text)).toEqual(lines);
  });
});
