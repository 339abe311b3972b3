// Table tests of the events pack's classes added after replaying the blind set events7 (issue 61,
// tuning data since 2026-12-07 19:16 UTC: short chat messages, slang, glued messages, changes of mind,
// pasted tables). The sentences are new ones, not the set's rows.
import { describe, expect, it } from 'vitest';
import { extractEvent } from './extract';
import { tableAsLines } from './pasted-table';

// A Monday.
const now = new Date('2026-12-07T09:00:00.000Z');
const read = (text: string) => extractEvent(text, now);

describe('events pack (events7 classes): head counts', () => {
  it.each([
    // A year is no head count: after a month, or with its people not right after it.
    ['свадьба 5 августа 2027 в казани гостей 60', 60],
    ['birthday on 3 May 2027 in Riga guests 45', 45],
    ['юбилей 14 марта 2027 в кафе гостей 40', 40],
    // Codes, order and room numbers, times are no head count.
    ['заказ 4512 гостей 30', 30],
    ['Ref 2231 guests, dinner for 25', 25],
    ['№ 12 участников 40', 40],
    ['сбор в 7 вечера гостей, ужин на 30 персон', 30],
    // «их N»: a count of the people just named.
    ['праздник для наших сотрудниц, их 32, в пятницу', 32],
    ['для наших менеджеров, их 18', 18],
    // Plus-ones, partners: the total with them.
    ['нас 25 человек, с парами получится 50', 50],
    ['staff of 30, with plus-ones it will be 55', 55],
    ['40 employees, 70 with partners', 70],
    // A count to plan for after earlier counts.
    ['записалось 90 гостей, но рассчитывайте на 120', 120],
    ['60 people confirmed so far, plan for 75', 75],
    // People named in chat words.
    ['18 peeps coming', 18],
    ['dinner, 22 covers', 22],
    ['so far 48 signups for the gala', 48],
    ['40 folks from the office', 40],
    ['на 8 марта, сотрудниц 26', 26],
    // A couple of dozen.
    ['a couple of dozen friends for drinks', 24],
    // Guards (read so before too): a round number after its people, a total with its children included.
    ['форум на 2000 участников в мае', 2000],
    ['участников: 2000, даты уточним', 2000],
    ['Guests 90 (incl. 10 children)', 90],
  ])('%s -> %s', (text, guests) => {
    expect(read(text).guests).toBe(guests);
  });
  it.each([
    // Guards: a year alone, a code, an order number leave guests empty.
    ['свадьба 5 августа 2027 в казани'],
    ['корпоратив в 2027 году, дата позже'],
    ['room 412, need a venue'],
    ['starts at 8 pm guests welcome'],
    ['их 5 залов нам не нужно'],
  ])('%s -> none', (text) => {
    expect(read(text).guests).toBeUndefined();
  });
});

describe('events pack (events7 classes): a table pasted as text', () => {
  it('tab-separated header and row', () => {
    const text =
      'Из таблицы:\nМероприятие\tДата\tГостей\tБюджет\nЮбилей компании\t12.03.2027\t120\t2 000 000 ₽';
    const e = read(text);
    expect([e.guests, e.date, e.budget, e.type]).toEqual([
      120,
      '2027-03-12',
      { amount: 2_000_000, currency: 'RUB' },
      'anniversary',
    ]);
  });
  it('a markdown key | value list', () => {
    const text =
      '| Field | Value |\n|---|---|\n| Occasion | Christmas party for our staff |\n| When | 18 Dec 2026 |\n| Headcount | 64 (incl. 4 kids) |\n| Budget | €9,000 |\n| PO | 2026-118 |';
    const e = read(text);
    expect([e.guests, e.date, e.budget, e.type]).toEqual([
      64,
      '2026-12-18',
      { amount: 9000, currency: 'EUR' },
      'corporate',
    ]);
  });
  it('a markdown table with a header row', () => {
    expect(tableAsLines('| Date | Guests |\n|---|---|\n| 12.03 | 40 |')).toBe('Date: 12.03\nGuests: 40\n');
  });
  it('text with no table stays as it is', () => {
    expect(tableAsLines('гостей 40, бюджет 300к')).toBe('гостей 40, бюджет 300к');
  });
});

describe('events pack (events7 classes): a change of mind inside the message', () => {
  it.each([
    // The date: the one said after the marker; a day alone keeps the month it replaces.
    ['ужин 20 января… ой, 20-е не подходит, давайте на 22-е', '2027-01-22'],
    ['банкет 14 февраля, хотя нет, точнее 13 февраля', '2027-02-13'],
    ['Party on April 3rd. Actually scratch that, make it April 10th', '2027-04-10'],
    ['dinner on Jan 15, oops I mean Jan 16', '2027-01-16'],
    // Guards: a marker with no later date, or no date before it.
    ['ой, забыла: банкет 14 февраля', '2027-02-14'],
    ['банкет 14 февраля, ой, гостей будет 40', '2027-02-14'],
  ])('date: %s -> %s', (text, date) => {
    expect(read(text).date).toBe(date);
  });
  it.each([
    ['бюджет 1,5 млн... хотя нет, максимум 1 200 000 руб.', { amount: 1_200_000, currency: 'RUB' }],
    ['бюджет 900 тыс, хотя нет, до 700', { amount: 700_000, currency: 'RUB' }],
    ['budget $30k, actually make it $25k', { amount: 25_000, currency: 'USD' }],
    ['budget €50k. On second thought, max 40', { amount: 40_000, currency: 'EUR' }],
    // Guards: a later number that is no budget; a bare number of no near scale leaves it unsaid.
    ['бюджет 500 тыс, ой, гостей будет 40', { amount: 500_000, currency: 'RUB' }],
    ['budget $20k, actually we are 35 people', { amount: 20_000, currency: 'USD' }],
    ['бюджет 300 тыс… хотя нет, максимум 50', undefined],
    ['бюджет 500 тыс. Ой, забыла: гостей до 40', { amount: 500_000, currency: 'RUB' }],
  ])('budget: %s', (text, budget) => {
    expect(read(text).budget).toEqual(budget);
  });
  it.each([
    ['свадьба в Казани… хотя нет, в Сочи', 'Sochi'],
    ['Offsite in Berlin. Actually, Lisbon is better', 'Lisbon'],
    // Where the customer lives or works is not the event's place when another is named.
    ['мы из Тулы, офис в Москве, а корпоратив хотим в Калуге', 'Kaluga'],
    ["we're based in London but the retreat is in Lisbon", 'Lisbon'],
    // Guard: the office's city is the event's when it is the only one.
    ['офис в Москве, корпоратив на 40 человек', 'Moscow'],
  ])('place: %s -> %s', (text, place) => {
    expect(read(text).place?.en).toBe(place);
  });
});

describe('events pack (events7 classes): holidays', () => {
  it.each([
    ["St Patrick's Day drinks for 40", '2027-03-17'],
    ['вечеринка на Хэллоуин', '2027-10-31'],
    ['отметим старый Новый год', '2027-01-13'],
    ["a Women's Day lunch for our team", '2027-03-08'],
    ['поздравить коллег с Днём защитника Отечества', '2027-02-23'],
    ['Thanksgiving dinner for 12', '2027-11-25'],
  ])('%s -> %s', (text, date) => {
    expect(read(text).date).toBe(date);
  });
});

describe('events pack (events7 classes): event types', () => {
  it.each([
    // A party for a company's women staff («сотрудниц»).
    ['праздник к 8 марта для наших сотрудниц', 'corporate'],
    ['ужин для сотрудниц отдела продаж', 'corporate'],
    // Founded in a year, then "we" are N years old: the company's anniversary, and N no head count.
    ['Фирма основана в 2002 году, в следующем году нам 25 лет, отметим в мае', 'anniversary'],
    ["Founded in 2007 — next year we're twenty. A gala in June", 'anniversary'],
    // Typos and slang of "conference".
    ['need a conferance for 80 people in Riga', 'conference'],
    ['a confrance on AI in May', 'conference'],
    ['нужна конфа на 100 человек', 'conference'],
    // Chat short forms and typos: «корпор», «тимбилд», «тимбилдинк», "weding"; «офисная вечеринка».
    ['корпор на 25 чел в пятницу', 'corporate'],
    ['офисная вечеринка в пятницу', 'corporate'],
    ['тимбилд для отдела продаж', 'teambuilding'],
    ['нужен тимбилдинк на природе', 'teambuilding'],
    ['a weding in june', 'wedding'],
    // «юбилей свадьбы» is an anniversary, not a wedding.
    ['юбилей свадьбы родителей, 30 лет', 'anniversary'],
    // A pub or bar crawl for the office.
    ['bar crawl for our office, 20 ppl', 'corporate'],
    ['a pub crawl for my friends', 'other'],
  ])('%s -> %s', (text, type) => {
    expect(read(text).type).toBe(type);
  });
  it('a company age after its founding year is no head count', () => {
    expect(read("Founded in 2007 — next year we're twenty. A gala in June").guests).toBeUndefined();
    expect(read('Основаны в 2001-м, в мае нам будет 25, гостей 90').guests).toBe(90);
  });
});

describe('events pack (events7 classes): dates in chat forms', () => {
  it.each([
    // Short weekdays after a word that names a day; «след.» for «следующую».
    ['next sat, 20 ppl', '2026-12-19'],
    ['this fri drinks', '2026-12-11'],
    ['в эту сб человек 15', '2026-12-12'],
    ['в пт вечером', '2026-12-11'],
    ['в след. пятницу', '2026-12-18'],
    // Short months, «12е», "tmrw", "N weeks from now", «через 2 нед.».
    ['ужин 18 дек', '2026-12-18'],
    ['банкет на 23 фев.', '2027-02-23'],
    ['корпоратив 5 сент', '2027-09-05'],
    ['на 12е, человек 30', '2026-12-12'],
    ['tmrw evening, 8 ppl', '2026-12-08'],
    ['3 weeks from now', '2026-12-28'],
    ['через 2 нед.', '2026-12-21'],
    // Guards: "we sat", "sun" as words are no weekdays.
    ['we sat down and chose a venue', undefined],
    ['on sun loungers by the pool', undefined],
  ])('%s -> %s', (text, date) => {
    expect(read(text).date).toBe(date);
  });
});

describe('events pack (events7 classes): a year is no head count', () => {
  it.each([
    ['свадьба 2026 гостей 70', 70],
    ['гостей 2027', undefined],
    ['a party for 2027 graduates', undefined],
    ['участников: 2000', 2000],
    ['1950 guests', 1950],
  ])('%s -> %s', (text, guests) => {
    expect(read(text).guests).toBe(guests);
  });
});

describe('events pack (events7 classes): a price per head in chat forms', () => {
  it.each([
    ['€70pp, 30 guests', { amount: 2100, currency: 'EUR' }],
    ['£40 pp for 50 people', { amount: 2000, currency: 'GBP' }],
    ['90 евро/чел, гостей 20', { amount: 1800, currency: 'EUR' }],
    ['3000 р/чел, нас 12', { amount: 36_000, currency: 'RUB' }],
    ['по 2 тыс. с носа, человек 40', { amount: 80_000, currency: 'RUB' }],
    ['$120/head, 25 people', { amount: 3000, currency: 'USD' }],
    // Guards: a price per head with no head count is no budget (asked); a rate per hour is none.
    ['€70pp, date to be decided', undefined],
    ['аренда 5000 р/час, 30 человек', undefined],
    ['a DJ at $150 per hour, 40 guests', undefined],
  ])('%s', (text, budget) => {
    expect(read(text).budget).toEqual(budget);
  });
});

describe('events pack (events7 classes): a head count taken back', () => {
  it.each([
    ['человек 30, точнее 33', 33],
    ['гостей 50... хотя нет, 55', 55],
    ['we are 18, oops I mean 21', 21],
    ['40 people. Actually make it 44', 44],
    // Guards: a subset, another measure, a budget corrected, no count before.
    ['40 people. Actually, 6 of them are vegan', 40],
    ['гостей 40, ой, на 3 дня', 40],
    ['гостей 40, бюджет 300к, точнее 350', 40],
    ['ой, забыла: нас 12', 12],
  ])('%s -> %s', (text, guests) => {
    expect(read(text).guests).toBe(guests);
  });
  it('a bare budget right after the marker keeps the scale', () => {
    expect(read('бюджет 400к, точнее 450').budget).toEqual({ amount: 450_000, currency: 'RUB' });
  });
});

describe('events pack (events7 classes): chat short forms of cities', () => {
  it.each([
    ['корпоратив в нске, 30 чел', 'Novosibirsk'],
    ['праздник в Сочах', 'Sochi'],
    ['offsite in SF, 30 ppl', 'San Francisco'],
    // Guard: "SF" with no place word before it is no place.
    ['an SF book club party', undefined],
  ])('%s -> %s', (text, place) => {
    expect(read(text).place?.en).toBe(place);
  });
});
