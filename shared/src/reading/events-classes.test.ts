// Table tests of the reader's classes added after replaying the event-request set 2 (issue 61, tuning
// data since 2026-12-07 14:56 UTC): thousands of roubles abbreviated («т.р.», «тр», «тыс.р.», «к.р.»), a
// budget's «млн.» ending its sentence, phone numbers with a city code of 3 to 5 digits or without "+"
// (never money), ordinals in words («первого», «тридцать первого», "twenty-first"), head counts after
// a group ("a party of 40", «группа из 25»: never a product's quantity) and a region's other names in
// English ("the Tver region", "Sverdlovsk Province", "Krasnodar territory") and Russian («в Свердловском
// регионе»). The sentences are new ones, not the set's rows.
import { describe, expect, it } from 'vitest';
import type { ProductDoc } from '../schemas/products';
import { findMoney, findNumbers, findQuantities } from './index';
import { findOrdinals, ordinalWord } from './ordinals';
import { findPlace } from './places/match';

const money = (text: string) => findMoney(text).map((m) => [m.amount, m.currency ?? null] as const);

describe('findMoney: thousands of roubles abbreviated', () => {
  it.each([
    ['до 80 тр', 80_000],
    ['бюджет 250 т. р.', 250_000],
    // Guards (read before too): «тыс.р.», «тыс. руб.».
    ['тратим 90 тыс.р. максимум', 90_000],
    ['выделили 40 к.р. на банкет', 40_000],
    ['300т.р. на всё', 300_000],
    ['около 75 тыс. руб.', 75_000],
    ['1,5 т.р. за час', 1_500],
  ])('%s -> %s RUB', (text, amount) => {
    expect(money(text)).toEqual([[amount, 'RUB']]);
  });

  it('a tonne or a word after т is no money', () => {
    expect(money('5 т кирпича')).toEqual([]);
    expect(money('3 тренера')).toEqual([]);
  });
});

describe('findMoney: a budget before the next sentence, phone numbers', () => {
  it.each([
    ['Бюджет 4 млн. Пишите на почту', [[4_000_000, null]]],
    ['бюджет 700 тыс. Телефон для связи ниже', [[700_000, null]]],
    // Guards (read before too): a phone after a comma, before the budget, with "+"-less forms.
    ['бюджет 3 млн, звоните 8 (3412) 12-34-56', [[3_000_000, null]]],
    ['тел. 8-495-123-45-67, бюджет 500 тыс.', [[500_000, null]]],
    ['Бюджет 1,2 млн руб. Мой номер (812) 555-44-33', [[1_200_000, 'RUB']]],
    ['звоните 89261112233, бюджет 900 000 руб.', [[900_000, 'RUB']]],
    // Still a count of things, not money: no budget word, or the same sentence.
    ['нужно 3 тыс. кресел', []],
  ] as const)('%s', (text, found) => {
    expect(money(text)).toEqual(found);
  });

  it.each([
    '8 (3412) 12-34-56',
    '8 (48439) 2-11-33',
    '(495) 123-45-67',
    '8-812-555-44-33',
    '8 916 555 12 34',
    '89261112233',
  ])('%s is no number', (phone) => {
    expect(findNumbers(`звоните ${phone} после обеда`)).toEqual([]);
  });

  it('a number with spaces between its thousands is still one', () => {
    expect(findNumbers('бюджет 8 000 000').map((n) => n.value)).toEqual([8_000_000]);
  });
});

describe('ordinals in words', () => {
  it.each([
    ['первого', 1],
    ['первое', 1],
    ['второго', 2],
    ['третьего', 3],
    ['третье', 3],
    ['четвёртого', 4],
    ['седьмому', 7],
    ['восьмое', 8],
    ['одиннадцатого', 11],
    ['пятнадцатым', 15],
    ['двадцатого', 20],
    ['тридцатое', 30],
    ['first', 1],
    ['third', 3],
    ['twelfth', 12],
    ['twentieth', 20],
  ])('%s -> %s', (word, value) => {
    expect(ordinalWord(word)).toBe(value);
  });

  it.each([
    ['двадцать второго', 22],
    ['тридцать первое', 31],
    ['двадцать третьего', 23],
    ['twenty-first', 21],
    ['thirty first', 31],
    ['twenty third', 23],
  ])('%s -> %s', (text, value) => {
    expect(findOrdinals(`на ${text} число`).map((o) => o.value)).toEqual([value]);
  });

  it('cardinals, weekdays and other words are no ordinals', () => {
    for (const w of ['пять', 'пятница', 'вторник', 'двадцать', 'secondly', 'firstly', 'пятерых'])
      expect(findOrdinals(w)).toEqual([]);
  });
});

const at = '2026-01-01T00:00:00.000Z';
const product = (id: string, ru: string, en: string): ProductDoc => ({
  id,
  sku: `${id.slice(0, 2).toUpperCase()}-1`,
  name: en,
  names: { ru, en },
  prices: [{ currency: 'RUB', amount: 1000 }],
  createdAt: at,
  updatedAt: at,
});
const catalog = [
  product('chair', 'Офисное кресло', 'Office Chair'),
  product('desk', 'Стол с регулировкой высоты', 'Standing Desk'),
];
const quantities = (text: string) => {
  const q = findQuantities(text, catalog);
  return {
    lines: q.lines.map((l) => [l.product.id, l.quantity ?? null] as const),
    unread: q.unread.map((u) => [u.productId, u.reason] as const),
  };
};

describe('a group before a number counts people, not a product', () => {
  it.each([
    ['A party of 30 needs 12 standing desks', [['desk', 12]]],
    ['группа из 25, нужно 10 кресел', [['chair', 10]]],
    ['a chair for each of our 9 friends', [['chair', 9]]],
  ] as const)('%s', (text, lines) => {
    expect(quantities(text)).toEqual({ lines, unread: [] });
  });

  // Guards: a group's count alone beside a product is asked, never its quantity.
  it.each([
    ['office chairs for a party of 40', 'chair'],
    ['standing desks for a group of 16', 'desk'],
    ['кресла, нас будет 12 друзей', 'chair'],
  ] as const)('%s: asked back', (text, id) => {
    expect(quantities(text)).toEqual({ lines: [[id, null]], unread: [[id, 'unplaced']] });
  });
});

describe('places: a Russian region by its other names', () => {
  it.each([
    ['an offsite in the Tver region', 'Tver Oblast'],
    ['venues in Sverdlovsk Province', 'Sverdlovsk Oblast'],
    ['a retreat in the Krasnodar territory', 'Krasnodar Krai'],
    ['в Свердловском регионе', 'Sverdlovsk Oblast'],
    ['по Краснодарскому региону', 'Krasnodar Krai'],
    // Guards (read before too): "oblast" in any case, the table's own "Moscow Region", the Russian name.
    ['somewhere in the Kaluga oblast', 'Kaluga Oblast'],
    ['near the Moscow region', 'Moscow Oblast'],
    ['в Тверской области', 'Tver Oblast'],
  ])('%s -> %s', (text, en) => {
    expect(findPlace(text)?.place.en).toBe(en);
  });
});
