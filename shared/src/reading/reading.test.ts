// Table tests of the reader: every numeral form the README lists, approximate forms, ranges, things that
// are not numbers, money with multipliers and currencies.
import { describe, expect, it } from 'vitest';
import { findMoney, findNumbers, numberLike } from './index';

const read = (text: string) =>
  findNumbers(text).map((n) => ({
    text: text.slice(n.start, n.end),
    value: n.value,
    ...(n.approximate ? { approximate: true } : {}),
    ...(n.upTo !== undefined ? { upTo: n.upTo } : {}),
  }));

describe('findNumbers: digits', () => {
  it.each([
    ['1 500 стульев', '1 500', 1500],
    ['1\u00a0500 стульев', '1\u00a0500', 1500],
    ['1,500 chairs', '1,500', 1500],
    ['2,5 кг', '2,5', 2.5],
    ['1.5 l', '1.5', 1.5],
    ['1.500.000 руб', '1.500.000', 1500000],
    ['нужно 20шт', '20', 20],
    ['400 тыс.', '400 тыс.', 400000],
    ['2,5 млн', '2,5 млн', 2500000],
    ['3 тысячи', '3 тысячи', 3000],
    ['2 десятка', '2 десятка', 20],
    ['5 dozen', '5 dozen', 60],
    ['400к', '400к', 400000],
    ['40k', '40k', 40000],
    ['10 thousand', '10 thousand', 10000],
  ])('%s', (text, written, value) => {
    expect(read(text)).toEqual([{ text: written, value }]);
  });

  it('reads "1.5m" as millions only when asked (money), metres otherwise', () => {
    expect(findNumbers('1.5m').map((n) => n.value)).toEqual([1.5]);
    expect(findNumbers('1.5m', { mSuffix: true }).map((n) => n.value)).toEqual([1500000]);
    // In capitals as people write money too: "$2.5M", "3MM", "1BN" (never 2.5 dollars).
    expect(findNumbers('2.5M', { mSuffix: true }).map((n) => n.value)).toEqual([2500000]);
    expect(findNumbers('3MM', { mSuffix: true }).map((n) => n.value)).toEqual([3000000]);
    expect(findNumbers('1BN', { mSuffix: true }).map((n) => n.value)).toEqual([1e9]);
    expect(findNumbers('2.5M').map((n) => n.value)).toEqual([2.5]);
    expect(findMoney('ceiling of $2.5M for the gala').map((m) => [m.amount, m.currency])).toEqual([
      [2500000, 'USD'],
    ]);
    expect(findMoney('бюджет 3М рублей').map((m) => [m.amount, m.currency])).toEqual([[3000000, 'RUB']]);
  });

  it.each([
    ['артикул WP-1', []],
    ['12.05.2024 в 10:30', []],
    ['звоните +7 999 123-45-67', []],
    ['8 (999) 123-45-67', []],
    ['A4 paper', []],
  ])('not a number: %s', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });
});

describe('findNumbers: Russian words', () => {
  it.each([
    ['один', 1],
    ['одну', 1],
    ['одного', 1],
    ['два', 2],
    ['две', 2],
    ['двух', 2],
    ['двумя', 2],
    ['трех', 3],
    ['трём', 3],
    ['четырьмя', 4],
    ['пять', 5],
    ['пяти', 5],
    ['восьми', 8],
    ['десять', 10],
    ['одиннадцать', 11],
    ['пятнадцать', 15],
    ['пятнадцати', 15],
    ['девятнадцатью', 19],
    ['двадцать', 20],
    ['двадцати', 20],
    ['тридцатью', 30],
    ['сорок', 40],
    ['сорока', 40],
    ['пятьдесят', 50],
    ['пятидесяти', 50],
    ['шестьюдесятью', 60],
    ['восьмидесяти', 80],
    ['девяносто', 90],
    ['девяноста', 90],
    ['сто', 100],
    ['ста', 100],
    ['двести', 200],
    ['двухсот', 200],
    ['трехстах', 300],
    ['четырьмястами', 400],
    ['пятьсот', 500],
    ['пятисот', 500],
    ['восьмистам', 800],
    ['девятьсот', 900],
    ['двадцать пять', 25],
    ['двадцати пяти', 25],
    ['сто двадцать пять', 125],
    ['ста сорока двух', 142],
    ['триста одиннадцать', 311],
    ['тысяча', 1000],
    ['тысячу', 1000],
    ['три тысячи двести', 3200],
    ['две тысячи пятьсот', 2500],
    ['пяти тысяч', 5000],
    ['миллион', 1000000],
    ['два миллиона', 2000000],
    ['двое', 2],
    ['двоих', 2],
    ['трое', 3],
    ['троих', 3],
    ['четверо', 4],
    ['пятерых', 5],
    ['обоих', 2],
    ['полсотни', 50],
    ['полтысячи', 500],
    ['пол тысячи', 500],
    ['полмиллиона', 500000],
    ['полтора миллиона', 1500000],
    ['полторы тысячи', 1500],
    ['полдюжины', 6],
    ['десяток', 10],
    ['десятка', 10],
    ['полтора десятка', 15],
    ['два десятка', 20],
    ['пару десятков', 20],
    ['пару', 2],
    ['пара', 2],
    ['дюжина', 12],
    ['дюжину', 12],
    ['сотня', 100],
    ['сотню', 100],
    ['пару сотен', 200],
    ['три сотни', 300],
    ['ноль', 0],
  ])('%s = %d', (text, value) => {
    expect(read(text)).toEqual([{ text, value }]);
  });

  it('keeps ё: "трём" is "трем"', () => {
    expect(findNumbers('к трём часам')[0]?.value).toBe(3);
  });

  it('reads two numbers apart: "пять двадцать" is not 25', () => {
    expect(read('пять двадцать').map((n) => n.value)).toEqual([5, 20]);
  });

  it('reads a number inside a sentence, with its offsets', () => {
    const text = 'Нам нужно пятнадцать офисных кресел';
    const [n] = findNumbers(text);
    expect(n).toMatchObject({ value: 15, words: true, approximate: false });
    expect(text.slice(n!.start, n!.end)).toBe('пятнадцать');
  });

  it('"пол" alone is the floor, not a half', () => {
    expect(read('коврик на пол')).toEqual([]);
  });
});

describe('findNumbers: English words', () => {
  it.each([
    ['one', 1],
    ['twelve', 12],
    ['fifteen', 15],
    ['twenty', 20],
    ['twenty-five', 25],
    ['twenty five', 25],
    ['ninety-nine', 99],
    ['a hundred', 100],
    ['one hundred', 100],
    ['one hundred and twenty', 120],
    ['two hundred fifty', 250],
    ['two thousand five hundred', 2500],
    ['a thousand', 1000],
    ['three million', 3000000],
    ['a dozen', 12],
    ['two dozen', 24],
    ['half a dozen', 6],
    ['a couple', 2],
    ['a pair', 2],
    ['both', 2],
  ])('%s = %d', (text, value) => {
    expect(read(text)).toEqual([{ text, value }]);
  });

  it('"a couple of chairs" ends before "of"', () => {
    expect(read('a couple of chairs')).toEqual([{ text: 'a couple', value: 2 }]);
  });

  it('"a" alone is no number', () => {
    expect(read('a chair and a desk')).toEqual([]);
  });
});

describe('findNumbers: approximate and ranges', () => {
  it.each([
    ['гостей ~60', '60', 60],
    ['≈60', '60', 60],
    ['около 30', '30', 30],
    ['примерно сорок', 'сорок', 40],
    ['приблизительно 25', '25', 25],
    ['порядка сотни', 'сотни', 100],
    ['где-то 50', '50', 50],
    ['about 120', '120', 120],
    ['around fifty', 'fifty', 50],
    ['roughly 30', '30', 30],
    ['50+ people', '50', 50],
    ['30 or so', '30', 30],
    ['человек 50', '50', 50],
    ['штук двадцать', 'двадцать', 20],
  ])('%s', (text, written, value) => {
    expect(read(text)).toEqual([{ text: written, value, approximate: true }]);
  });

  it('exact numbers are not approximate', () => {
    expect(findNumbers('нужно 30 кресел')[0]?.approximate).toBe(false);
  });

  it.each([
    ['20-30 шт', '20-30', 20, 30],
    ['20 – 30', '20 – 30', 20, 30],
    ['от 20 до 30', '20 до 30', 20, 30],
    ['20 or 30 chairs', '20 or 30', 20, 30],
    ['пять-шесть', 'пять-шесть', 5, 6],
  ])('range %s', (text, written, value, upTo) => {
    expect(read(text)).toEqual([{ text: written, value, approximate: true, upTo }]);
  });
});

describe('numberLike', () => {
  it.each([
    ['несколько кресел', ['несколько']],
    ['нужно много столов', ['много']],
    ['десятки кресел', ['десятки']],
    ['тысячи кресел', ['тысячи']],
    ['several desks', ['several']],
    ['a few chairs', ['few']],
    ['dozens of chairs', ['dozens']],
    ['пятнацать кресел', ['пятнацать']],
    ['twelwe chairs', ['twelwe']],
    ['пятнадцать кресел', []],
    ['a few', ['few']],
    ['few people know', []],
    ['what is the weight of the chair', []],
    ['сколько стоит кресло', []],
  ])('%s', (text, words) => {
    expect(numberLike(text).map((n) => n.text)).toEqual(words);
  });
});

describe('findMoney', () => {
  const money = (text: string) =>
    findMoney(text).map((m) => ({
      text: text.slice(m.start, m.end),
      amount: m.amount,
      ...(m.currency ? { currency: m.currency } : {}),
      ...(m.approximate ? { approximate: true } : {}),
    }));

  it.each([
    ['2,5 млн', 2500000, undefined],
    ['1.5m', 1500000, undefined],
    ['400 тыс.', 400000, undefined],
    ['400к', 400000, undefined],
    ['$40k', 40000, 'USD'],
    ['миллион рублей', 1000000, 'RUB'],
    ['полмиллиона', 500000, undefined],
    ['2 137,50 $', 2137.5, 'USD'],
    ['€3000', 3000, 'EUR'],
    ['5000 руб.', 5000, 'RUB'],
    ['5000 ₽', 5000, 'RUB'],
    ['5000р.', 5000, 'RUB'],
    ['USD 300', 300, 'USD'],
    ['300 долларов', 300, 'USD'],
    ['300 dollars', 300, 'USD'],
    ['200 евро', 200, 'EUR'],
    ['$1,015.50', 1015.5, 'USD'],
    ['два миллиона рублей', 2000000, 'RUB'],
    ['1,2 млн руб.', 1200000, 'RUB'],
    ['$2.5m', 2500000, 'USD'],
  ])('%s', (text, amount, currency) => {
    expect(money(text)).toEqual([{ text, amount, ...(currency ? { currency } : {}) }]);
  });

  it('reads a budget, approximate when the text says so', () => {
    expect(money('бюджет 300000')).toEqual([{ text: '300000', amount: 300000 }]);
    expect(money('budget of about $5,000')).toEqual([
      { text: '$5,000', amount: 5000, currency: 'USD', approximate: true },
    ]);
    expect(money('бюджет около 200 тыс на всё')).toEqual([
      { text: '200 тыс', amount: 200000, approximate: true },
    ]);
  });

  it('a count of thousands of things is not money; plain numbers are not money', () => {
    expect(money('3 тысячи кресел')).toEqual([]);
    expect(money('20 chairs, 3 desks, 10%')).toEqual([]);
  });

  it('finds every amount of a sentence', () => {
    expect(money('20 chairs for $1,200 each, 24 000 ₽ in total').map((m) => m.amount)).toEqual([1200, 24000]);
  });
});
