// Table tests of findQuantities: the number each product named is counted by, words between them,
// several products, plurals of multi-word names, and what is unread (asked back, never guessed).
import { describe, expect, it } from 'vitest';
import type { ProductDoc } from '../schemas/products';
import { findQuantities } from './index';

const at = '2026-01-01T00:00:00.000Z';
const product = (id: string, sku: string, ru: string, en: string, unit?: string): ProductDoc => ({
  id,
  sku,
  name: en,
  names: { ru, en },
  ...(unit ? { unit } : {}),
  prices: [{ currency: 'RUB', amount: 1000 }],
  createdAt: at,
  updatedAt: at,
});
const catalog = [
  product('chair', 'CH-1', 'Кресло Ergo', 'Ergo Chair'),
  product('desk', 'DK-2', 'Стол с подъёмом', 'Standing Desk'),
  product('arm', 'MA-3', 'Кронштейн для двух мониторов', 'Dual Monitor Arm'),
  product('asm', 'AS-4', 'Сборка', 'Assembly', 'hour'),
];

const read = (text: string) => {
  const q = findQuantities(text, catalog);
  return {
    lines: q.lines.map((l) => [l.product.id, l.quantity ?? null, l.approximate] as const),
    unread: q.unread.map((u) => [u.productId, u.text, u.reason] as const),
  };
};

describe('findQuantities: read', () => {
  it.each([
    ['How much for 20 Ergo Chairs?', [['chair', 20, false]]],
    ['3 hours of assembly', [['asm', 3, false]]],
    ['4 часа сборки', [['asm', 4, false]]],
    ['price for 12 of your chairs?', [['chair', 12, false]]],
    ['Нужно пятнадцать офисных кресел', [['chair', 15, false]]],
    ['кресел нужно штук двадцать', [['chair', 20, true]]],
    ['около 30 кресел Ergo', [['chair', 30, true]]],
    ['человек 50 кресел?', [['chair', 50, true]]],
    ['Ergo Chair x 20', [['chair', 20, false]]],
    ['Стол с подъёмом — 6 шт', [['desk', 6, false]]],
    ['a dozen chairs', [['chair', 12, false]]],
    ['half a dozen standing desks', [['desk', 6, false]]],
    ['a couple of standing desks', [['desk', 2, false]]],
    ['полтора десятка кресел', [['chair', 15, false]]],
    ['двадцати пяти кресел', [['chair', 25, false]]],
    ['пару столов с подъёмом', [['desk', 2, false]]],
    ['сто двадцать кресел', [['chair', 120, false]]],
    ['25 кронштейнов для двух мониторов', [['arm', 25, false]]],
    ['25 Dual Monitor Arms', [['arm', 25, false]]],
    [
      '3 desks plus 3 dual monitor arms',
      [
        ['desk', 3, false],
        ['arm', 3, false],
      ],
    ],
    [
      '2 стола и четыре кресла',
      [
        ['desk', 2, false],
        ['chair', 4, false],
      ],
    ],
    [
      'кресла 20 и столы 5',
      [
        ['chair', 20, false],
        ['desk', 5, false],
      ],
    ],
    ['chairs, we are 12 users', [['chair', 12, false]]],
    // After a price word the number counts the product, it is no budget ("стоимость 12 кресел").
    ['Стоимость 12 кресел Ergo в рублях', [['chair', 12, false]]],
    ['Посчитайте стоимость трёх столов с подъёмом', [['desk', 3, false]]],
    // "двух" of "Кронштейн для двух мониторов" is a numeral, not that product named.
    [
      'Цена трёх кресел Ergo и двух столов с подъёмом?',
      [
        ['chair', 3, false],
        ['desk', 2, false],
      ],
    ],
    // "tell" sounds like "dual" (both "tl") but begins otherwise: no Dual Monitor Arm named.
    ['Hi! Could you tell me the price of 9 Ergo Chairs?', [['chair', 9, false]]],
    ['How much for a hundred or so Ergo chairs?', [['chair', 100, true]]],
    // One product sold by the hour: hours stated apart from it.
    ['Почём сборка? Нужно часов пять', [['asm', 5, false]]],
    ['Assembly please, we need 6 hours', [['asm', 6, false]]],
    // Names misspelt by one letter (two in long words).
    ['How much for 3 Standing Dekss?', [['desk', 3, false]]],
    ['Сколько стоят 6 крессел Ergo?', [['chair', 6, false]]],
    ['Price for 8 dual moniter arms?', [['arm', 8, false]]],
    ['Сколько стоят 5 столов с подемом?', [['desk', 5, false]]],
    // The price for one asked at a quantity; a count asked in its own sentence.
    ['Какая цена одного кресла Ergo при покупке 60 штук?', [['chair', 60, false]]],
    ['Сколько стоит кресло Ergo? Нам надо 25', [['chair', 25, false]]],
    ['Price for 4 desks please', [['desk', 4, false]]],
    ['кресла для офиса, 20 штук', [['chair', 20, false]]],
    ['Сколько стоит полтораста кресел Ergo?', [['chair', 150, false]]],
    ['Не меньше 20 кресел Ergo, какая цена?', [['chair', 20, false]]],
    ['Какая цена за одно кресло Ergo, если брать 25?', [['chair', 25, false]]],
    ['Нужна тыща кресел Ergo', [['chair', 1000, false]]],
    ['I need Ergo chairs. 15 of them. Price?', [['chair', 15, false]]],
    // Dates, times, ordinals and house numbers are not counts.
    ['We are at 221B Baker Street, need 20 Ergo Chairs', [['chair', 20, false]]],
    ['Нужно 20 кресел Ergo к 15 марта', [['chair', 20, false]]],
    ['20 Ergo chairs by March 15', [['chair', 20, false]]],
    ['20 кресел Ergo на 2-й этаж к 10 утра', [['chair', 20, false]]],
    ['Стоимость 5-ти кресел Ergo', [['chair', 5, false]]],
    // An abbreviated unit's dot ends no sentence.
    [
      'Нужно 15 шт. CH-1 и 3 шт. DK-2',
      [
        ['chair', 15, false],
        ['desk', 3, false],
      ],
    ],
    [
      'Стол с подъёмом — 6 шт. Кресло Ergo — 4 шт.',
      [
        ['desk', 6, false],
        ['chair', 4, false],
      ],
    ],
    // A dot before three digits groups thousands ("1.000" was one chair).
    ['Сколько стоят 1.000 кресел Ergo?', [['chair', 1000, false]]],
    ['Ergo Chair (x4)', [['chair', 4, false]]],
    [
      'Standing Desk 4 pcs + Dual Monitor Arm 8 pcs',
      [
        ['desk', 4, false],
        ['arm', 8, false],
      ],
    ],
    // Beside counted products, "a" is one.
    [
      'How much for a standing desk and two monitor arms?',
      [
        ['desk', 1, false],
        ['arm', 2, false],
      ],
    ],
    // One count for every product named.
    [
      'How much for 3 desks with a dual monitor arm each?',
      [
        ['desk', 3, false],
        ['arm', 3, false],
      ],
    ],
    [
      'Ergo chairs and standing desks, 10 of each',
      [
        ['chair', 10, false],
        ['desk', 10, false],
      ],
    ],
    [
      'Кресла Ergo и столы с подъёмом, по 10 штук каждого',
      [
        ['chair', 10, false],
        ['desk', 10, false],
      ],
    ],
  ])('%s', (text, lines) => {
    expect(read(text)).toEqual({ lines, unread: [] });
  });

  it.each([
    ['Ergo chairs for 12 months', [['chair', null, false]]],
    ['кресла Ergo со скидкой 10%', [['chair', null, false]]],
    ['кресла Ergo за 5000 руб', [['chair', null, false]]],
    ['кресло Ergo, доставка 12.05.2026', [['chair', null, false]]],
    ['how much is an Ergo Chair', [['chair', null, false]]],
  ])('not a quantity: %s', (text, lines) => {
    expect(read(text)).toEqual({ lines, unread: [] });
  });
});

describe('findQuantities: a qualifier of the name is no product named', () => {
  it.each(['Сколько стоят 10 мониторов?', 'How much are 10 monitors?', 'подъёмом 5'])('%s', (text) => {
    expect(read(text)).toEqual({ lines: [], unread: [] });
  });
});

describe('findQuantities: a count by reference or a vague pair is asked', () => {
  it.each([
    ['Пятнадцать кресел Ergo и столько же столов', [15, undefined]],
    ['We need 20 Ergo Chairs and the same number of Standing Desks', [20, undefined]],
    ['Пару-тройку столов с подъёмом', [undefined]],
  ])('%s', (text, quantities) => {
    const q = findQuantities(text, catalog);
    expect(q.lines.map((l) => l.quantity)).toEqual(quantities);
    expect(q.unread).toHaveLength(1);
  });
});

describe('findQuantities: hours are no count of a product sold by the piece', () => {
  it('сборка двух столов, часа 3: asked, not 2 hours of assembly and 3 desks', () => {
    const q = findQuantities('Сколько стоит сборка двух столов, часа 3?', catalog);
    expect(q.lines.map((l) => [l.product.id, l.quantity])).toEqual([
      ['asm', undefined],
      ['desk', undefined],
    ]);
  });
});

describe('findQuantities: a name ending in a size', () => {
  const storage = product('sto', 'ST-100', 'Доп. хранилище 100 ГБ', 'Extra Storage 100 GB');
  it.each([
    ['3 extra storages please', 3],
    ['Нужно 2 доп. хранилища', 2],
  ])('%s', (text, quantity) => {
    expect(findQuantities(text, [storage]).lines.map((l) => l.quantity)).toEqual([quantity]);
  });
});

describe('findQuantities: why a line is unsure', () => {
  it.each([
    // Named by one word that another word qualifies: maybe another thing (quote-request.ts lets it pass as talk).
    ['How much for 30 desk lamps?', 'qualified'],
    ['Цена на 5 столов для переговоров?', 'qualified'],
    ['When is your support team available?', 'qualified'],
    // A number the reader could not place is a doubt about the count, not the product.
    ['chairs for our 15 employees', 'unplaced'],
  ])('%s: %s', (text, reason) => {
    const support = product('support', 'SP-1', 'Премиум поддержка 24/7', 'Premium support 24/7');
    expect(findQuantities(text, [...catalog, support]).unread.map((u) => u.reason)).toEqual([reason]);
  });
});

describe('findQuantities: unsure, every line asked', () => {
  it.each([
    ['How much for 30 desk lamps?', [['desk', '30']]],
    // A word before it makes it another thing: "gaming chair", "угловых стола".
    ['Price for 10 gaming chairs?', [['chair', '10']]],
    ['Цена на 3 угловых стола?', [['desk', '3']]],
    ['Цена на 5 столов для переговоров?', [['desk', '5']]],
    ['We need 10 Ergo Chairs for each of our 3 offices', [['chair', '10']]],
    ['Нужно 10 кресел Ergo в каждый из 3 офисов', [['chair', '10']]],
    [
      '2 dual monitor arms per desk, 6 desks',
      [
        ['arm', '2'],
        ['desk', '6'],
      ],
    ],
    [
      'По 2 кронштейна для двух мониторов на каждый из 6 столов',
      [
        ['arm', '2'],
        ['desk', '6'],
      ],
    ],
    ['Can I get a price on a few dozen Ergo Chairs?', [['chair', 'dozen']]],
    // A number counting a thing not in the catalog, not in a list with the product: not sure.
    ['20 Ergo Chairs with 20 footrests', [['chair', '20']]],
    // Assembly hours written as a verb: the total would leave them out.
    ["I'd like to get 3 standing desks and have them assembled (3 hours)", [['desk', '3']]],
    // A bound is no count ("от 50" / "at least 20" are).
    ['Up to 30 Ergo Chairs, what is the price?', [['chair', '30']]],
    ['Больше 50 кресел Ergo, цена?', [['chair', '50']]],
    // A price after the product, not a count.
    ['Кресло Ergo за 12000 — это за штуку?', [['chair', '12000']]],
  ])('%s', (text, unread) => {
    const q = findQuantities(text, catalog);
    expect(q.lines.map((l) => l.quantity)).toEqual(unread.map(() => undefined));
    expect(q.unread.map((u) => [u.productId, u.text])).toEqual(unread);
  });
});

describe('findQuantities: unread', () => {
  it.each([
    ['несколько кресел', 'несколько', 'vague'],
    ['several chairs', 'several', 'vague'],
    // One letter from two numbers (десяти, девяти): which one is not sure.
    ['деяти кресел', 'деяти', 'typo'],
    ['20-30 chairs', '20-30', 'range'],
    ['1,5 кресла', '1,5', 'fraction'],
    ['кресла, нас 15 человек', '15', 'unplaced'],
    ['chairs for our 15 employees', '15', 'unplaced'],
    ['десятки кресел', 'десятки', 'vague'],
    ['How much for some Ergo chairs?', 'some', 'vague'],
    ['some of your chairs, price?', 'some', 'vague'],
    ['Price for 10 to 15 Ergo Chairs?', '10 to 15', 'range'],
    ['between 10 and 15 chairs', '10 and 15', 'range'],
    ['10...15 кресел', '10...15', 'range'],
    // Two numbers side by side: which one counts the chairs is not sure.
    ['2 x 10 chairs', '10', 'unplaced'],
    ['12 / 15 кресел', '15', 'unplaced'],
  ])('%s', (text, words, reason) => {
    const q = findQuantities(text, catalog);
    expect(q.lines.map((l) => l.quantity)).toEqual([undefined]);
    expect(q.unread.map((u) => [u.productId, u.text, u.reason])).toEqual([['chair', words, reason]]);
  });
});
