// Table tests of the events pack's classes added after replaying the blind set events11 (issue 61, tuning
// data since 2026-12-07 23:00 UTC: an agency inbox with changes of mind). The sentences are new ones, not
// the set's rows.
import { describe, expect, it } from 'vitest';
import { extractEvent } from './extract';

// A Wednesday.
const now = new Date('2026-12-09T09:00:00.000Z');
const read = (text: string) => extractEvent(text, now);
const fields = (text: string) => {
  const e = read(text);
  return { guests: e.guests, date: e.date, budget: e.budget?.amount };
};

describe('events pack (events11 classes): a date moved "to" another with no "from"', () => {
  it.each([
    [
      'Планировали на 14 февраля, но ведущий заболел — переносим на 21 февраля. 40 гостей, Самара.',
      '2027-02-21',
    ],
    ['Хотели 5 марта, площадка не смогла, сдвинули на 12 марта, 25 человек', '2027-03-12'],
    [
      'Our offsite was set for 3 March, the CEO is travelling so we are moving it to 10 March. 30 people.',
      '2027-03-10',
    ],
    ['Initially 9 April, but we had to postpone the party to 16 April, 50 guests', '2027-04-16'],
    // Guard: a move that is not the event's ("moving to Berlin") leaves the event's day.
    ['We are moving to Berlin next year; the party is on 12 May, 40 guests', '2027-05-12'],
  ])('%s', (text, date) => {
    expect(read(text).date).toBe(date);
  });
});

describe('events pack (events11 classes): an update note under the message', () => {
  it.each([
    [
      'Юбилей мамы 20 марта, гостей 40, Рязань.\n\nUPD: уточнили — гостей будет 48',
      { guests: 48, date: '2027-03-20', budget: undefined },
    ],
    [
      'Corporate dinner, Feb 18, 25 people, Leeds, £5k.\nEdit: the boss says 31 people will come.',
      { guests: 31, date: '2027-02-18', budget: 5_000 },
    ],
    [
      'Party on Feb 18, 25 people, budget $8k.\nUpdate: budget is $9k now',
      { guests: 25, date: '2027-02-18', budget: 9_000 },
    ],
    // Guard: "edit" as a verb is no note.
    [
      'Wedding 40 guests, June 5, please edit: 45 is too many, keep 40',
      { guests: 40, date: '2027-06-05', budget: undefined },
    ],
  ])('%s', (text, want) => {
    expect(fields(text)).toEqual(want);
  });
});

describe('events pack (events11 classes): a budget cut or raised to another amount', () => {
  it.each([
    ['The budget was €50k but the board cut it to €40k. Conference, 120 people, 4 March.', 40_000],
    ['Бюджет был 900 тысяч, но финдиректор урезал до 700 тысяч. Корпоратив 60 человек.', 700_000],
    ['Budget $20k, management bumped it up to $25k. 40 guests, Austin.', 25_000],
    // Guard: a guest list cut is no budget change.
    ['Budget $20k; we cut the guest list to 50.', 20_000],
  ])('%s', (text, budget) => {
    expect(read(text).budget?.amount).toBe(budget);
  });
});

describe('events pack (events11 classes): a holiday with the whole company, chat "4"', () => {
  it.each([
    ['Рождество хотим отметить всем коллективом, 30 человек, Ярославль', 'corporate'],
    ['Новый год встречаем с коллегами, 25 человек, 28 декабря', 'corporate'],
    ['Christmas lunch with the whole team, 18 people, Dec 19', 'corporate'],
    ['new year drinks 4 the office, 40 ppl, Dec 27', 'corporate'],
    // Guards: a holiday with family stays private; "4" before a count is no "for".
    ['Christmas dinner with my family, 10 people', 'other'],
    ['birthday party 4 my son, 10 kids', 'birthday'],
  ])('%s', (text, type) => {
    expect(read(text).type).toBe(type);
  });
});
