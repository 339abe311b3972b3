// Table tests of the events pack's classes added after replaying the blind set events8 (issue 61,
// tuning data since 2026-12-07 19:50 UTC: e-mails, voice-to-text, glued chats, web forms pasted as text,
// forwarded messages). The sentences are new ones, not the set's rows.
import { describe, expect, it } from 'vitest';
import { extractEvent } from './extract';

// A Monday.
const now = new Date('2026-12-07T09:00:00.000Z');
const read = (text: string) => extractEvent(text, now);

describe('events pack (events8 classes): a forwarded message header is no event date', () => {
  it.each([
    [
      '---------- Пересланное сообщение ----------\nОт: Иван Смирнов\nДата: 2 декабря 2026 г., 10:15\nТема: корпоратив\n\nКоллеги, корпоратив 26 декабря в Казани, человек 40.',
      '2026-12-26',
    ],
    [
      '---------- Forwarded message ---------\nFrom: Jane Doe <jane@example.com>\nDate: Wed, Dec 2, 2026 at 3:10 PM\nSubject: party\nTo: events@agency.com\n\nWe would like a dinner on March 5 in Chicago, 30 guests.',
      '2027-03-05',
    ],
    [
      'Begin forwarded message:\n\nFrom: Mark\nSent: 1 December 2026\n\nA gala on 14 February for 120 people.',
      '2027-02-14',
    ],
    // Guard: with no forward marker a «Дата:» field is the event's.
    ['Мероприятие: свадьба\nДата: 12 июня 2027\nГостей: 80', '2027-06-12'],
  ])('%s', (text, date) => {
    expect(read(text).date).toBe(date);
  });
});

describe('events pack (events8 classes): a date moved, a day said instead, fixed-day holidays', () => {
  it.each([
    ['Переносим банкет с 18 декабря на 25 декабря, гостей 50.', '2026-12-25'],
    ['Просим перенести ужин с 10 января на 17 января.', '2027-01-17'],
    ["We're moving the party from Dec 18 to Dec 23, 40 people.", '2026-12-23'],
    ['we planned it on the twelfth but the hall is taken so lets do the twentieth instead', '2026-12-20'],
    ['book it for the fourteenth instead, 25 guests', '2026-12-14'],
    ['вечеринка на Татьянин день, 80 студентов', '2027-01-25'],
    ['праздник ко Дню знаний для школы', '2027-09-01'],
    ['a barbecue on Independence Day for 60 people', '2027-07-04'],
    ['Boxing Day lunch for the family', '2026-12-26'],
    // Guards: a range is its first day; "instead of" rules out the day after it.
    ['конференция с 10 по 12 июня', '2027-06-10'],
    ['let us do Dec 20 instead of Dec 19', '2026-12-20'],
  ])('%s', (text, date) => {
    expect(read(text).date).toBe(date);
  });
  it('an ordinal with a noun after it is no day ("on the second floor")', () => {
    expect(read('the party is on the second floor, 30 guests').date).toBeUndefined();
  });
});

describe('events pack (events8 classes): head counts', () => {
  it.each([
    // An age after «исполняется»/"turning" is no head count.
    ['у сына день рождения ему исполняется шесть будет двенадцать детей', 12],
    ['birthday for my mum shes turning seventy about forty people', 40],
    // Staff and their children are parts of one party.
    ['Сотрудников 30, детей около 12. Ёлка 26 декабря.', 42],
    ['employees 50, kids about 20', 70],
    // A count taken back after "wait".
    ['45 guests — wait, 52 with the interns', 52],
    ['30 people, wait, 34', 34],
    // Guards: a count of the same people with no age word; an age in digits before a comma.
    ['ей будет весело, будет десять детей', 10],
    ['сыну исполнится 8, придут 15 детей', 15],
  ])('%s', (text, guests) => {
    expect(read(text).guests).toBe(guests);
  });
});

describe('events pack (events8 classes): budgets', () => {
  it.each([
    ['Форма:\nМероприятие: корпоратив\nБюджет, руб.: 750 000\nГород: Казань', 750_000, 'RUB'],
    ['Event type: Gala\nCity: Denver\nBudget (USD): 45,000\nSource: Google', 45_000, 'USD'],
    ['Event: wedding\nCity: Dublin\nBudget (EUR): 30000', 30_000, 'EUR'],
    ['Мероприятие: свадьба\nБюджет: 900000\nГости: 60', 900_000, 'RUB'],
    ['тимбилдинг\nчеловек 20\nбюдж 250к\nпод Казанью', 250_000, 'RUB'],
    ['Budget €20k, maybe stretch to €24k, 40 people in Rome', 24_000, 'EUR'],
    ['бюджет 400 тыс., можем дотянуть до 500 тыс.', 500_000, 'RUB'],
    // Guard: a lower amount after "stretch" is no ceiling.
    ['Budget $30k, could stretch to $5k for extras', 30_000, 'USD'],
  ])('%s', (text, amount, currency) => {
    expect(read(text).budget).toEqual({ amount, currency });
  });
});

describe('events pack (events8 classes): places', () => {
  it.each([
    ['corporate dinner in denver for 40 people', 'Denver'],
    ['team offsite in austin next month', 'Austin'],
    ['conference in Nashville, 200 attendees', 'Nashville'],
    ['свадьба в Денвере на 50 гостей', 'Denver'],
    ['We are a Berlin-based firm; a party in Vienna for 30 staff', 'Vienna'],
    ['a London-based startup, offsite in Lisbon', 'Lisbon'],
    // Guard: an ambiguous name capitalised nowhere but the message has capitals: not after "with".
    ['Dinner with austin and his friends in Boston', 'Boston'],
  ])('%s', (text, en) => {
    expect(read(text).place?.en).toBe(en);
  });
});

describe('events pack (events8 classes): types', () => {
  it.each([
    ['Наша фирма основана в 2007 году, осенью празднуем 20-летие, 150 гостей', 'anniversary'],
    ["Valentine's Day dinner for our marketing team, 15 people", 'corporate'],
    ["St. Patrick's Day drinks for our Boston office", 'corporate'],
    ['Christmas lunch for the Paris office, 40 staff', 'corporate'],
    ["New Year's party in St. Petersburg for our team, 30 people", 'corporate'],
    ['банкет для отдела продаж в пятницу', 'corporate'],
    ['retirement party for my dad, he turns 65, 40 guests', 'other'],
    ['проводы на пенсию нашего бухгалтера, 25 человек', 'other'],
    // Guards: a football team's party names no company; a founding year alone is no anniversary.
    ["Valentine's Day party for our football team", 'other'],
  ])('%s', (text, type) => {
    expect(read(text).type).toBe(type);
  });
});
