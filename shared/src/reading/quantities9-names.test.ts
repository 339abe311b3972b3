// Table tests of the quotes9 round's product names (issue 61): a name's "and" written "&" ("Chain
// Cleaning & Lubrication"); no name read across a comma ("3 bicycle chains, cleaning and lubrication": the
// chains stay the bicycle chain's); two heads joined by "and" each name the service ("cleaning for four
// chains"); «для автосервиса», «для партнёров» say who a product is for, not another thing; an English own
// unit noun with two letters swapped ("two axels") is that noun, another letter ("panels" for "panes") is
// not; a service named by two participles joined by "&" ("propellers fitted & balanced"). Products and
// sentences are new ones, not the price-question sets'. Every row fails on the reader before this change,
// but the guards ("5 panels": asked back before and after; a name with a bracket of
// its own, "Spanner Set (12 pcs)", read whole before and after).
import { describe, expect, it } from 'vitest';
import { productMentions } from '../catalog/product-match';
import { readLines, testProduct } from '../testing/test-product';

const catalog = [
  testProduct('clean', 'Чистка и смазка цепи', 'Chain Cleaning and Lubrication', {
    unit: 'bike',
    units: { ru: 'велосипед', en: 'bike' },
    kind: 'service',
  }),
  testProduct('chain', 'Велосипедная цепь', 'Bicycle Chain', { unit: 'pcs' }),
  testProduct('align', 'Проверка развала', 'Alignment Check', {
    unit: 'axle',
    units: { ru: 'ось', en: 'axle' },
    kind: 'service',
  }),
  testProduct('glass', 'Мойка стёкол', 'Glass Washing', {
    unit: 'pane',
    units: { ru: 'стекло', en: 'pane' },
    kind: 'service',
  }),
  testProduct('fluid', 'Тормозная жидкость DOT-4', 'Brake Fluid DOT-4', {
    unit: 'litre',
    units: { ru: 'л', en: 'litre' },
  }),
];
const read = (text: string) => readLines(text, catalog).lines;

describe('names', () => {
  it('reads a name whose "and" is written "&"', () => {
    const text = 'Chain cleaning & lubrication, how much?';
    const [m] = productMentions(text, catalog, { partial: true });
    expect([m?.product.id, m?.via, text.slice(m!.start, m!.end)]).toEqual([
      'clean',
      'name',
      'Chain cleaning & lubrication',
    ]);
  });

  it('reads no name across a comma', () => {
    const text = '3 bicycle chains, cleaning and lubrication for 3 bikes';
    const found = productMentions(text, catalog, { partial: true });
    expect(found.map((m) => [m.product.id, text.slice(m.start, m.end)])).toEqual([
      ['chain', 'bicycle chains'],
      ['clean', 'lubrication'],
    ]);
    expect(read(text)).toEqual([
      ['chain', 3],
      ['clean', 3],
    ]);
  });

  it('reads a name that has a bracket of its own across it', () => {
    const own = [
      testProduct('kit', 'Набор ключей (12 шт.)', 'Spanner Set (12 pcs)', { unit: 'set' }),
      testProduct('kit2', 'Набор отвёрток', 'Screwdriver Set', { unit: 'set' }),
    ];
    const text = 'Spanner Set (12 pcs) x 3';
    const [m] = productMentions(text, own, { partial: true });
    expect([m?.product.id, m?.via, text.slice(m!.start, m!.end)]).toEqual([
      'kit',
      'name',
      'Spanner Set (12 pcs',
    ]);
  });

  it('reads a service named by two participles of its name joined by "&"', () => {
    const own = [
      testProduct('prop', 'Установка и балансировка винтов', 'Propeller Fitting and Balancing', {
        unit: 'propeller',
        units: { ru: 'винт', en: 'propeller' },
        kind: 'service',
      }),
      testProduct('blade', 'Лопасть', 'Spare Blade', { unit: 'pcs' }),
    ];
    expect(readLines('two spare blades and three propellers fitted & balanced', own).lines).toEqual([
      ['blade', 2],
      ['prop', 3],
    ]);
  });

  it.each([
    ['cleaning for four bikes', [['clean', 4]]],
    ['Полсотни литров тормозной жидкости для автосервиса', [['fluid', 50]]],
    ['Сколько будет 12 литров жидкости для наших партнёров?', [['fluid', 12]]],
    ['alignment check for two axels', [['align', 2]]],
  ])('%s', (text, lines) => {
    expect(read(text)).toEqual(lines);
  });

  it('another letter is another word: "5 panels" is no count of panes', () => {
    expect(read('glass washing, 5 panels')).toEqual([['glass', null]]);
  });
});
