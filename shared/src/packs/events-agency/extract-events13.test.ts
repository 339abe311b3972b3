// Table tests of the events pack's classes added after replaying the blind set events13 (issue 61, tuning
// data since 2026-12-08 01:36 UTC: forwarded briefs, answers to an agency's questions, values revised in
// the same message). The sentences are new ones, not the set's rows.
import { describe, expect, it } from 'vitest';
import { extractEvent } from './extract';

// A Thursday.
const now = new Date('2026-12-10T09:00:00.000Z');
const read = (text: string) => extractEvent(text, now);

describe('events pack (events13 classes): a budget first said, then decided or approved', () => {
  it.each([
    ['Бюджет изначально был 900 тыс., но директор утвердил 1,2 млн. Корпоратив 20 марта, 60 человек', 1_200_000],
    ['Сначала думали про 400 тысяч рублей, потом согласовали 550 тысяч рублей. Свадьба, 50 гостей', 550_000],
    ['Originally we had $40k, but the board has now approved $48k for the gala. 200 guests', 48_000],
    ['Budget: at first £12k, then finance signed off on £15k. Summer party, 90 staff', 15_000],
    ['We were deciding between €30k and €35k and settled on €33k. Conference, 150 people', 33_000],
    ['Выбирали между 2 млн и 3 млн, остановились на 2,5 млн. Форум, 300 участников', 2_500_000],
    // Guards: a word of deciding with no earlier value; an approval before the only amount.
    ['We have decided on a budget of $20k for the party of 40 guests.', 20_000],
    ['Руководство утвердило бюджет 700 тыс. руб., 45 сотрудников, 25 декабря', 700_000],
  ])('%s', (text, amount) => {
    expect(read(text).budget?.amount).toBe(amount);
  });
});

describe('events13 classes: a place chosen between two', () => {
  it.each([
    ['Выбирали между Сочи и Казанью, в итоге остановились на Казани. Корпоратив на 80 человек', 'Kazan'],
    ['We were torn between Paris and Rome, and after a family vote it’s Rome. Wedding, 60 guests', 'Rome'],
    ['Сначала хотели в Москве, но решили всё-таки Петербург: свадьба, 70 гостей', 'Saint Petersburg'],
    ['Initially Manchester, but we have now settled on Leeds for the awards night, 120 people', 'Leeds'],
    // Guard: two places and no decision: the first.
    ['Party in Berlin for 30 people; some guests fly in from Munich.', 'Berlin'],
  ])('%s', (text, city) => {
    expect(read(text).place?.en).toBe(city);
  });
});

describe('events13 classes: a range of money with the currency on both ends', () => {
  it.each([
    ['Budget is $40,000–$50,000 for 200 guests in Chicago', 50_000],
    ['Our budget: £8k to £10k, 60 people, Leeds', 10_000],
    ['Бюджет от 300 тыс. руб. до 400 тыс. руб., гостей 50', 400_000],
    ['Budget somewhere between €20k and €25k, 80 guests', 25_000],
    // Guards: two amounts that are not a range (a price per guest, then a total; a deposit).
    ['Budget $30,000, deposit $5,000 by January. 100 guests', 30_000],
  ])('%s', (text, amount) => {
    expect(read(text).budget?.amount).toBe(amount);
  });
});
