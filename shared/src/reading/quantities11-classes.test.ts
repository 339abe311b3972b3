// Table tests of the quotes11/quotes12 round's classes (issue 61), with products and sentences of their
// own, not the price-question sets'. Each class says only what it knows: a product phrase that looks
// like a product of the catalog is matched or the message handed over, never called "not in our
// catalog". Guards keep what was read before.
import { describe, expect, it } from 'vitest';
import { readQuoteRequest } from '../catalog/quote-request';
import { testProduct } from '../testing/test-product';

const gifts = [
  testProduct('box', 'Коробка подарочная деревянная', 'Wooden Gift Box'),
  testProduct('ribbon', 'Лента атласная', 'Satin Ribbon', { unit: 'm', units: { ru: 'м', en: 'm' } }),
  testProduct('van', 'Микроавтобус с шофёром', 'Minibus with Chauffeur', {
    unit: 'hour',
    units: { ru: 'час', en: 'hour' },
    kind: 'service',
  }),
  testProduct('wrap', 'Упаковка подарков', 'Gift Wrapping', { kind: 'service' }),
  testProduct('assembly', 'Сборка стеллажей', 'Shelf Assembly', {
    unit: 'hour',
    units: { ru: 'час', en: 'hour' },
    kind: 'service',
  }),
];
const twoBoxes = [
  testProduct('gift-box', 'Коробка подарочная', 'Gift Box'),
  testProduct('crate-box', 'Коробка для переезда', 'Moving Box'),
  testProduct('ribbon', 'Лента атласная', 'Satin Ribbon', { unit: 'm', units: { ru: 'м', en: 'm' } }),
];
const lines = (text: string, catalog = gifts) => {
  const r = readQuoteRequest(text, catalog);
  return {
    lines: r.lines.filter((l) => l.quantityStated).map((l) => [l.productId, l.quantity]),
    ...(r.notInCatalog ? { notInCatalog: r.notInCatalog } : {}),
    ...(r.unsure ? { unsure: r.unsure } : {}),
    ...(r.askBack ? { askBack: r.askBack } : {}),
  };
};

describe('several products: a phrase that looks like a product is matched or handed over', () => {
  it.each([
    // A short English head noun's "-es" plural ("boxes" of "Box").
    [
      '25 wooden boxes and 30 m of satin ribbon',
      [
        ['box', 25],
        ['ribbon', 30],
      ],
    ],
    ['How much for eight boxes?', [['box', 8]]],
    // A verb of the total after the noun qualifies nothing.
    ['What do 12 gift boxes come to?', [['box', 12]]],
    ['how much would 40 boxes run?', [['box', 40]]],
    // A name's word that another word makes something else, no number of its own, beside products counted.
    [
      'Assembly hall is booked, so just 25 wooden boxes and 10 m of ribbon',
      [
        ['box', 25],
        ['ribbon', 10],
      ],
    ],
  ])('%s', (text, expected) => {
    expect(lines(text)).toEqual({ lines: expected });
  });

  it('a measure left over beside products read is handed over, never "not in our catalog"', () => {
    expect(lines('Упаковка подарков 20 штук, автобус с шофёром на 3 часа и 10 коробок')).toEqual({
      lines: [],
      unsure: ['3 часа'],
    });
    expect(lines('10 wooden boxes, a car with a driver for 4 hours and 20 m of ribbon').unsure).toEqual([
      '4 hours',
    ]);
  });

  it('a thing counted that shares a short English noun with two products is handed over', () => {
    expect(lines('30 boxes and 10 m of satin ribbon', twoBoxes)).toEqual({ lines: [], unsure: ['30 boxes'] });
  });

  it('guard: a thing the catalog has nothing like is still said not to be in it', () => {
    expect(lines('25 wooden boxes and 3 candles')).toEqual({
      lines: [['box', 25]],
      notInCatalog: ['3 candles'],
    });
    expect(lines('10 коробок и 2 свечи')).toEqual({ lines: [['box', 10]], notInCatalog: ['2 свечи'] });
  });

  it('guard: a qualified word with its own number is still asked back', () => {
    expect(lines('3 assembly kits and 25 boxes').askBack).toEqual(['assembly']);
  });
});
