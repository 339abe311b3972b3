// Table tests of the events pack's classes added after replaying the blind set events12 (issue 61, tuning
// data since 2026-12-08 01:16 UTC: winter messages to an agency, people correcting themselves halfway
// through). The sentences are new ones, not the set's rows.
import { describe, expect, it } from 'vitest';
import { extractEvent } from './extract';

// A Thursday.
const now = new Date('2026-12-10T09:00:00.000Z');
const read = (text: string) => extractEvent(text, now);

describe('events pack (events12 classes): a date corrected later in the message', () => {
  it.each([
    ['Банкет думали на 6 марта, но нет, лучше 13-го, 40 гостей, Тверь', '2027-03-13'],
    ['Выпускной 19 июня, нет, лучше 26 июня — зал свободен. Человек 60', '2027-06-26'],
    ['Our gala is on Friday, April 9th — sorry, April 16th. 120 guests, Leeds.', '2027-04-16'],
    ['Engagement dinner on 3 July, make that 10 July, 20 people', '2027-07-10'],
    // Guards: "sorry" before any date, a date with nothing said after the marker, «но нет» with no pause.
    ['Sorry for the late reply! The party is on 12 March, 40 guests.', '2027-03-12'],
    ['Party on 12 March. Sorry, forgot to say: 40 guests, budget $5k.', '2027-03-12'],
    ['Планируем на 20 марта, но нет идей по программе, 27 человек', '2027-03-20'],
  ])('%s', (text, date) => {
    expect(read(text).date).toBe(date);
  });
});

describe('events pack (events12 classes): a choice between two days, then decided', () => {
  it.each([
    ['Корпоратив в пятницу или в субботу… ладно, давайте субботу. 30 человек', '2026-12-12'],
    ['Can we do February 5 or February 6? OK, let’s go with February 6. 25 guests', '2027-02-06'],
    ['Свадьба 14 августа или 21 августа, в итоге решили 21 августа, гостей 80', '2027-08-21'],
    // Guards: a word of deciding with no choice before it changes nothing.
    ['Давайте 5 марта, ладно? Гостей 30, Москва', '2027-03-05'],
    ['Party on 5 March, ok, and on 6 March we fly home. 20 people', '2027-03-05'],
  ])('%s', (text, date) => {
    expect(read(text).date).toBe(date);
  });
});
