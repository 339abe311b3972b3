// Table tests of the reader's classes added after replaying the blind event-request set events6 (issue
// 61, tuning data since 2026-12-07 18:31 UTC): money written in parts («1 млн 200 тыс.», "2 million 500
// thousand"), money slang followed by a counted noun («на пол ляма человек на 35»: slang counts money
// only), a thousand said as "k" after a numeral in words ("forty k dollars", voice-to-text), and a ten
// before an ordinal unit («двадцать третьего», "twenty second": a day, no number). The sentences are
// new ones, not the set's rows.
import { describe, expect, it } from 'vitest';
import { findMoney, findNumbers } from './index';

const money = (text: string) => findMoney(text).map((m) => [m.amount, m.currency ?? null] as const);
const numbers = (text: string) => findNumbers(text).map((n) => n.value);

describe('findMoney: an amount written in parts', () => {
  it.each([
    ['бюджет 2 млн 300 тыс. руб.', [[2_300_000, 'RUB']]],
    ['выделено 3 млн 50 тыс. рублей', [[3_050_000, 'RUB']]],
    ['about 3 million 250 thousand euros', [[3_250_000, 'EUR']]],
    ['1 млрд 200 млн', [[1_200_000_000, null]]],
    // Guards: a comma between, or a larger part after, are two amounts.
    [
      'в прошлом году 1 млн, в этом 800 тыс.',
      [
        [1_000_000, null],
        [800_000, null],
      ],
    ],
    [
      'сначала 300 тыс., потом 2 млн',
      [
        [300_000, null],
        [2_000_000, null],
      ],
    ],
  ] as const)('%s', (text, found) => {
    expect(money(text)).toEqual(found);
  });

  it('a thousand after a thousand is no part of it', () => {
    expect(numbers('5 тыс 300 гостей')).toEqual([5000, 300]);
  });
});

describe('findMoney: money slang counts money only', () => {
  it.each([
    ['праздник на пол ляма человек на сорок', [[500_000, null]]],
    ['свадьба на три ляма гостей под сто', [[3_000_000, null]]],
    ['отдали 20 косарей аниматорам', [[20_000, null]]],
  ] as const)('%s', (text, found) => {
    expect(money(text)).toEqual(found);
  });

  it('a thousand before a counted noun still counts it', () => {
    expect(money('нужно 3 тысячи стульев')).toEqual([]);
  });
});

describe('findNumbers: "k" after a numeral in words', () => {
  it.each([
    ['budget about sixty k euros', [[60_000, 'EUR']]],
    ['we can spend twenty five k', [[25_000, null]]],
    ['a hundred k us dollars max', [[100_000, 'USD']]],
  ] as const)('%s', (text, found) => {
    expect(money(text)).toEqual(found);
  });

  it.each([
    ['seven k-pop fans', [7]],
    ["twelve k's worth", [12]],
    ['thirty kids', [30]],
  ] as const)('%s is no thousand', (text, values) => {
    expect(numbers(text)).toEqual(values);
  });
});

describe('findNumbers: a ten before an ordinal unit is a day, no number', () => {
  it.each([
    ['двадцать третьего января гостей тридцать', [30]],
    ['свадьба тридцать первого декабря нас сорок', [40]],
    ['on june twenty second about thirty guests', [30]],
    ['the thirty first of may for fifty people', [50]],
    // Guards: cardinals stay.
    ['двадцать три гостя', [23]],
    ['twenty two people', [22]],
    ['двадцать человек, первого числа', [20]],
  ] as const)('%s', (text, values) => {
    expect(numbers(text)).toEqual(values);
  });
});
