// The events pack's reading (issue 61) as table tests: what the checks missed ("гостей ~60",
// "бюджет миллион рублей", a company anniversary read as a birthday, "Подмосковье" and "New York" not
// read as places), guests and budgets in words and with multipliers, dates in words and relative to
// the conversation's now, and Finance's estimate in the budget's currency with no "0 guests".
import { describe, expect, it } from 'vitest';
import { extractEvent } from './extract';
import { eventDateOf } from './event-date';
import { checkBudget, estimateFor } from './finance';
import { eventsAgencyPack } from './index';

// A Sunday.
const now = new Date('2026-12-06T09:00:00.000Z');
const read = (text: string) => extractEvent(text, now);

describe('events pack: the issue 61 misses', () => {
  it('reads "гостей ~60", "бюджет миллион рублей" and "Подмосковье"', () => {
    expect(read('Корпоратив в Подмосковье, гостей ~60, бюджет миллион рублей, 26 декабря')).toMatchObject({
      type: 'corporate',
      guests: 60,
      budget: { amount: 1_000_000, currency: 'RUB' },
      city: 'Московская область',
      place: { en: 'Moscow Oblast', kind: 'region' },
      date: '2026-12-26',
    });
  });

  it('tells a company anniversary from a birthday', () => {
    expect(read('Юбилей компании, 25 лет, человек 150').type).toBe('anniversary');
    expect(read('Празднуем 15-летие компании, 120 гостей').type).toBe('anniversary');
    expect(read('Хотим отметить годовщину фирмы').type).toBe('anniversary');
    expect(read('Our firm’s 25th anniversary gala for 300 guests').type).toBe('anniversary');
    expect(read('Юбилей мамы, 60 лет, 25 гостей').type).toBe('birthday');
    expect(read('День рождения мужа, человек 30').type).toBe('birthday');
    expect(read('50th birthday party for my dad, 45 people').type).toBe('birthday');
  });

  it('reads "New York" and "NYC" as a place', () => {
    expect(read('A corporate party in New York for 120 people').place?.en).toBe('New York City');
    expect(read('A conference in NYC for 500 people').city).toBe('New York City');
  });
});

describe('events pack: guests, budget and place', () => {
  it.each([
    ['гостей ~60', 60],
    ['человек 50, корпоратив', 50],
    ['около сотни гостей', 100],
    ['банкет на 120 персон', 120],
    ['about 120 people', 120],
    ['for a hundred guests', 100],
    ['сотрудников — 65, бюджет 900 000 руб.', 65],
    ['15 детей, 10 лет', 15],
    ['Нас будет около 60, пересчитайте', 60],
    ['корпоратив на 40 человек, бюджет 600 тысяч', 40],
    ['10 лет компании, 14 марта, бюджет 2 млн', undefined],
  ])('%s -> %s guests', (text, guests) => {
    expect(read(text).guests).toBe(guests);
  });

  it.each([
    ['бюджет миллион рублей', 1_000_000, 'RUB'],
    ['бюджет 2,5 млн', 2_500_000, 'RUB'],
    ['budget $40k', 40_000, 'USD'],
    ['до 400 тыс.', 400_000, 'RUB'],
    ['бюджет 600к', 600_000, 'RUB'],
    ['бюджет 60 тыс. долларов', 60_000, 'USD'],
    ['бюджет — полтора миллиона рублей', 1_500_000, 'RUB'],
    ['Budget is $1.2m', 1_200_000, 'USD'],
    ['budget about twenty thousand dollars', 20_000, 'USD'],
    ['бюджет 30 млн тенге', 30_000_000, 'KZT'],
    ['бюджет 5 000 ₽ на человека, 40 гостей', 200_000, 'RUB'],
  ])('%s -> %s %s', (text, amount, currency) => {
    expect(read(text).budget).toEqual({ amount, currency });
  });

  it('keeps a place it does not know as written, and knows none where none is named', () => {
    expect(read('Корпоратив в Урюпинске на 40 человек').city).toBe('Урюпинске');
    expect(read('Корпоратив в Урюпинске на 40 человек').place).toBeUndefined();
    expect(read('Корпоратив на 40 человек, 27 декабря').city).toBeUndefined();
  });
});

describe('events pack: the event day', () => {
  it.each([
    ['14 марта 2027', '2027-03-14'],
    ['26 декабря', '2026-12-26'],
    ['5 февраля', '2027-02-05'],
    ['15-16 апреля', '2027-04-15'],
    ['20-21 мая 2027', '2027-05-20'],
    ['12.06.2027', '2027-06-12'],
    ['3/15/2027', '2027-03-15'],
    ['2027-03-14', '2027-03-14'],
    ['on March 14', '2027-03-14'],
    ['January 16th', '2027-01-16'],
    ['on the 2nd of January', '2027-01-02'],
    ['завтра вечером', '2026-12-07'],
    ['послезавтра', '2026-12-08'],
    ['через две недели', '2026-12-20'],
    ['через месяц', '2027-01-06'],
    ['in 3 months', '2027-03-06'],
    ['в эту пятницу', '2026-12-11'],
    ['в следующую субботу', '2026-12-12'],
    ['next Friday', '2026-12-11'],
    ['this Saturday', '2026-12-12'],
    ['25-го', '2026-12-25'],
    ['в конце апреля', undefined],
    ['next month', undefined],
    ['бюджет 2.5 млн', undefined],
    ['10 лет, 15 детей', undefined],
  ])('%s -> %s', (text, day) => {
    expect(eventDateOf(text, now)).toBe(day);
  });
});

describe('events pack: the estimate', () => {
  const cards = eventsAgencyPack.pipelines[0]!.rateCards!;
  const [rub, gbp] = cards;

  it('estimates in the budget currency, and makes none in a currency with no rate card', () => {
    const usd = estimateFor(cards, 40, { amount: 15_000, currency: 'USD' }, 'RUB');
    expect(usd && 'check' in usd && usd.check.estimate.currency).toBe('USD');
    // A team whose cards are roubles and pounds only: no estimate in them for a dollar budget.
    expect(estimateFor([rub!, gbp!], 40, { amount: 15_000, currency: 'USD' }, 'RUB')).toEqual({
      noCardFor: 'USD',
    });
    expect(estimateFor(cards, 40, { amount: 30_000_000, currency: 'KZT' }, 'RUB')).toEqual({
      noCardFor: 'KZT',
    });
    const none = estimateFor(cards, 40, undefined, 'GBP');
    expect(none && 'check' in none && none.check.estimate.currency).toBe('GBP');
  });

  it('never counts 0 guests: a budget under the fixed costs says so', () => {
    // £5,000 is below AV and staff (£7,000) before any guest.
    const poor = checkBudget(gbp!, 60, { amount: 5_000, currency: 'GBP' });
    expect(poor.cheaper).toMatchObject({ fits: false, belowFixedCosts: true });
    expect(poor.cheaper?.guestsThatFit).toBeUndefined();
    const short = checkBudget(gbp!, 120, { amount: 15_000, currency: 'GBP' });
    expect(short.cheaper?.guestsThatFit).toBeGreaterThan(0);
    expect(short.cheaper?.guestsThatFit).toBeLessThan(120);
  });
});
