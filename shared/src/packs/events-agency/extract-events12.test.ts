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

describe('events pack (events12 classes): a date moved by an amount of time', () => {
  it.each([
    // The date said before, shifted.
    ['Фуршет стоял на 12 марта, но придётся сдвинуть его на неделю. 40 человек, Омск', '2027-03-19'],
    ['The gala was set for March 3, but we have to postpone it by two weeks. 90 guests', '2027-03-17'],
    ['We had April 20 for the picnic, can we move it a week earlier? 30 people', '2027-04-13'],
    // The date said after the shift.
    ['Хотели 2-3 апреля, но переносим на неделю — 9-10 апреля, участников 200', '2027-04-09'],
    // Guards: a week from now is no shift; a move of something else leaves the date.
    ['Через неделю, 17 декабря, ужин на 12 человек', '2026-12-17'],
    ['We moved offices two weeks ago; the party is on 15 January, 50 people', '2027-01-15'],
  ])('%s', (text, date) => {
    expect(read(text).date).toBe(date);
  });
});

describe('events pack (events12 classes): relative weekdays', () => {
  it.each([
    // «через N недель в пятницу»: that weekday of the week N weeks ahead (this week's Friday is 11 December).
    ['Через две недели в пятницу нужен корпоратив на 30 человек', '2026-12-25'],
    ['Через три недели, в субботу, день рождения дочки', '2027-01-02'],
    ['in two weeks on Monday we want a team dinner for 12', '2026-12-21'],
    // "the <weekday> after next": a week after the coming one.
    ['Could we do the friday after next? 25 people', '2026-12-18'],
    ['Dinner on the Sunday after next, 8 guests', '2026-12-20'],
    // Guards: a weekday named alone, next week's, and a count of weeks with no weekday.
    ['Dinner this Sunday, 8 guests', '2026-12-13'],
    ['Через две недели нужен банкет на 20 человек', '2026-12-24'],
  ])('%s', (text, date) => {
    expect(read(text).date).toBe(date);
  });
});

describe('events pack (events12 classes): a month, then a day alone', () => {
  it.each([
    ['Юбилей в мае, 15-го числа, гостей 50', '2027-05-15'],
    ['Свадьба планируется в июле, 3-го, человек 70', '2027-07-03'],
    ['We are thinking about a party in March, on the 14th, 40 people', '2027-03-14'],
    // Guards: a day alone with no month is the next such day; a month named elsewhere in the sentence does not take it.
    ['Банкет 22-го числа, гостей 30', '2026-12-22'],
    ['В марте у нас аудит, поэтому праздник 22-го, гостей 30', '2026-12-22'],
  ])('%s', (text, date) => {
    expect(read(text).date).toBe(date);
  });
});

const guests = (text: string) => read(text).guests;

describe('events pack (events12 classes): guests as a sum of parts', () => {
  it.each([
    // Each side of a wedding.
    ['Свадьба 5 июня, гостей со стороны невесты 45, со стороны жениха 30', 75],
    ['Гости: с нашей стороны 20, с их 25, Казань', 45],
    ['Wedding, June 5: 60 on my side and 40 on his side', 100],
    // Each one brings others.
    ['Holiday party, 40 employees, each can bring a plus-one', 80],
    ['Prom night: 30 students, each with up to two parents', 90],
    ['Корпоратив, сотрудников 25, каждый может прийти с супругом', 50],
    // The same number again.
    ['Ёлка для 30 детей и родителей столько же, 27 декабря', 60],
    ['About 25 kids and as many parents, Saturday', 50],
    // Children and adults, staff and business guests joined by a comma.
    ['Утренник: детей 15, взрослых человек 10', 25],
    ['Юбилей компании: сотрудников 120, клиентов около 40, Самара', 160],
    // People named by a short role word.
    ['Strategy offsite in Lisbon, March 3, 12 execs, budget €20k', 12],
    // Guards: speakers, a subset, one side alone, "each" with no one brought, staff with speakers.
    ['Конференция: участников 250, спикеров 12', 250],
    ['Гостей 50, из них детей 10', 50],
    ['С моей стороны будет 40 гостей, Тула', 40],
    ['Dinner for 20 people, each gets a gift bag', 20],
    ['Сотрудников 80, спикеров 5, 3 марта', 80],
  ])('%s', (text, n) => {
    expect(guests(text)).toBe(n);
  });
});

describe('events pack (events12 classes): a head count corrected after a reason', () => {
  it.each([
    ['Гостей 30, хотя нет, ещё придут соседи, так что около 40. 5 марта', 40],
    ['We are 20 people, actually my cousins are flying in too, so about 26', 26],
    // Guards: a reason with no new count leaves it; a number after the marker counting something else.
    ['Гостей 30, хотя нет, уточню у мужа и напишу', 30],
    ['40 guests — actually, the room has to be ready 2 hours before, so please plan', 40],
  ])('%s', (text, n) => {
    expect(guests(text)).toBe(n);
  });
});

describe('events pack (events12 classes): event types', () => {
  it.each([
    // A sales kick-off is a conference.
    ['Our annual sales kick-off, 2 March, 180 sales reps, Manchester', 'conference'],
    ['SKO for the EMEA team in Prague, Jan 19, 300 people', 'conference'],
    // A dinner for a company's board, directors or shareholders is corporate.
    ['Our chairman would like a dinner for twelve board members in Oslo on 4 March', 'corporate'],
    ['We need a reception for our shareholders after the AGM, 60 people', 'corporate'],
    // An end-of-year party with the company's people named.
    ['Planning an end-of-year party for about 60 staff in Leeds, 18 December', 'corporate'],
    // A party for the staff's children.
    ['Новогодний утренник для детей сотрудников, 26 декабря, детей 50', 'corporate'],
    ['A New Year’s celebration for the children of our employees, Dec 19, 40 children', 'corporate'],
    // 8 March or 23 February said in words, for the office's people.
    ['на восьмое марта что-нибудь для девушек из офиса, человек пятнадцать', 'corporate'],
    ['к двадцать третьему февраля для мужчин из офиса что-нибудь придумать', 'corporate'],
    // Guards: a school class's end-of-year party, a kids' party for friends, a dinner for the family.
    ['End-of-year party for my son’s class, 22 kids and 10 parents, June 11', 'other'],
    ['Birthday party for my daughter and her friends, 12 kids', 'birthday'],
    ['Christmas dinner for our family, 14 people, Dec 25', 'other'],
  ])('%s', (text, type) => {
    expect(read(text).type).toBe(type);
  });
});
