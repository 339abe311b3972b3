// Table tests of the events pack's classes added after replaying the blind set events9 (issue 61,
// tuning data since 2026-12-07 22:40 UTC: people organising for others, e-mails quoting an earlier
// thread, voice-to-text, web forms, numbers that belong to other things). The sentences are new ones,
// not the set's rows.
import { describe, expect, it } from 'vitest';
import { extractEvent } from './extract';

// A Tuesday.
const now = new Date('2026-12-08T09:00:00.000Z');
const read = (text: string) => extractEvent(text, now);

describe('events pack (events9 classes): a reply quoting the earlier thread', () => {
  it.each([
    // The new message's count and date beat the quote's; what it leaves unsaid comes from the quote.
    [
      'Коллеги, участников будет не 110, как писали, а 130.\n\n-----Исходное сообщение-----\nОт: Павел\nДата: 2 декабря 2026 г.\nФорум для партнёров 20 января в Казани на 110 участников, бюджет 2 млн.',
      { guests: 130, date: '2027-01-20', place: 'Kazan', budget: 2_000_000 },
    ],
    [
      'Hi, small change: we are now 48 people.\n\nOn Tue, Dec 1, 2026 at 4:05 PM, Laura Stone wrote:\n> Team lunch on Jan 12 in Boston for 40 people, budget $6,000.',
      { guests: 48, date: '2027-01-12', place: 'Boston', budget: 6000 },
    ],
    [
      'Сдвигаем на 30 января, остальное в силе.\n\n> 01.12.2026, 09:10, Марина пишет:\n> Банкет 23 января, 60 человек, Самара, бюджет 900 тыс.',
      { guests: 60, date: '2027-01-30', place: 'Samara', budget: 900_000 },
    ],
    [
      'Пересылаю уточнение: город Тула.\n\n> Ср, 2 дек. 2026 г. в 12:00, Олег <oleg@corp.ru>:\n> Ужин для клиентов 18 декабря, человек 35, бюджет 500 тыс.',
      { guests: 35, date: '2026-12-18', place: 'Tula', budget: 500_000 },
    ],
    [
      'Good news: we can now spend €12,000.\n\n---- Original message ----\nSubject: Dinner\nSent: Monday\nA dinner in Vienna on Feb 3 for 25 guests, budget €10,000.',
      { guests: 25, date: '2027-02-03', place: 'Vienna', budget: 12_000 },
    ],
  ])('%s', (text, want) => {
    const e = read(text);
    expect({ guests: e.guests, date: e.date, place: e.place?.en, budget: e.budget?.amount }).toEqual(want);
  });
  it('the quote header line is no event date', () => {
    expect(
      read('Ужин 19 декабря, 20 человек.\n\n> 04.12.2026, 10:00, Игорь пишет:\n> Шеф просил скромнее.').date,
    ).toBe('2026-12-19');
  });
});

describe('events pack (events9 classes): head counts', () => {
  it.each([
    // A spoken range with no "to" (voice-to-text): its high end.
    ['гостей человек сто сто двадцать город казань', 120],
    ['so we are like forty fifty people', 50],
    // Others added, then what it comes to: the total.
    ['Студентов 45, с преподавателями и родителями получится около 120.', 120],
    ['Staff 60, with partners and kids it comes to about 140.', 140],
    // A company's size in brackets gives way to the count invited.
    ['Мы компания «Вектор» (400 сотрудников, 3 офиса). Зовём только руководителей — человек 35.', 35],
    ['We are Nordlys (1200 employees) and invite our top 80 managers.', 80],
    // A count changed with a verb and «до» / "down to"; «было» after the guest noun names the first count.
    ['гостей изначально было сто двадцать но решили сократить до девяноста', 90],
    ['guests initially 150, we had to trim the list down to 110', 110],
    // A school class's number is no head count; «ребёнка» and chaperones count people.
    ['Родители 4 класса: 22 ребёнка плюс 4 сопровождающих, квест 20 декабря.', 26],
    // Web-form fields one a line: children and adults summed.
    ['Event: class party\nChildren: 24\nAdults: 6\nCity: Denver', 30],
    ['Праздник: ёлка\nДети: 18\nВзрослые: 7\nГород: Омск', 25],
    // «мест» / seats count people.
    ['Форум для дилеров, 300 мест, Минск.', 300],
    // Guards: seats per hall; what is added («ещё 15 мест») is not the count.
    ['Зал: 2 зала по 80 мест, участников 140', 140],
    ['Добавьте ещё 15 мест, теперь всего будет 95.', 95],
    // A head count said after "for the … party".
    ['Update: the headcount for the winter party is now 72.', 72],
  ])('%s', (text, guests) => {
    expect(read(text).guests).toBe(guests);
  });
  it('guard: single digits said one after the other are no range (a phone in words)', () => {
    expect(read('call me on five five two three, we are 30 people').guests).toBe(30);
  });
});

describe('events pack (events9 classes): budget, place and dates', () => {
  it.each([
    // A share each chips in beside the total: the total; a share alone gives no budget.
    ['Ёлка для класса, 28 детей, скидываемся по 2000 рублей, всего получится около 56 тысяч.', 56_000],
    ['Each family chips in $40, in total it comes to about $1,000.', 1000],
    ['Ёлка для класса, 25 детей, сдаём по 1500 рублей.', undefined],
  ])('%s', (text, amount) => {
    expect(read(text).budget?.amount).toBe(amount);
  });
  it.each([
    ["hi it's mark from the london office, we need a dinner in paris for 20 people", 'Paris'],
    ['Hi, Olga from our Vienna office here: a lunch in Prague for 15 people.', 'Prague'],
  ])('%s', (text, place) => {
    expect(read(text).place?.en).toBe(place);
  });
  it.each([
    // A poll's or a form's closing date is no event date.
    ['Корпоратив 25 декабря, число гостей скажу после опроса (анкета открыта до 14.12).', '2026-12-25'],
    ['The RSVP form closes on Dec 12; the party itself is on Jan 16.', '2027-01-16'],
    // A room number that looks like a date is no date.
    ['Квест в эту субботу, человек 10. Наш кабинет 5.12, если что.', '2026-12-12'],
    ['Lunch this Friday, 12 people, we are in room 3.11.', '2026-12-11'],
    // Guard: a date after «до» with no poll or form stays a date.
    ['Праздник до 15.12, человек 20', '2026-12-15'],
  ])('%s', (text, date) => {
    expect(read(text).date).toBe(date);
  });
});

describe('events pack (events9 classes): event types', () => {
  it.each([
    // A school class's party organised by parents: other.
    ['Мы родители 3 «Б» класса, хотим квест для ребят 26 декабря', 'other'],
    ['Хотим встретить Новый год с классом, 25 детей и 8 взрослых', 'other'],
    ["Room parents of class 4B: kids' holiday party, 30 kids", 'other'],
    // A farewell (like a retirement): other.
    ['Farewell lunch for our COO, 20 people', 'other'],
    ['Send-off drinks for Marta on Friday, 30 people', 'other'],
    // A company's people or guests: corporate.
    ['Шеф попросил организовать фуршет для делегации из Индии, 12 человек', 'corporate'],
    ['Директор просит собрать отдел на ужин в пятницу, нас 14', 'corporate'],
    ['Праздник к 8 Марта для женского коллектива, 30 человек', 'corporate'],
    ['Банкет для мужской части коллектива к 23 февраля, 45 человек', 'corporate'],
    ['Our annual all-hands with drinks after, 250 staff', 'corporate'],
    ['A company summer family day, 90 employees and their kids', 'corporate'],
    ["Our department's winter lunch for 16 people", 'corporate'],
    ['a welcome dinner for our visiting partners, 20 guests', 'corporate'],
    // A company's years in business: an anniversary.
    ['We are marking 25 years in business with a party for 300 guests', 'anniversary'],
    ['Отмечаем 20 лет на рынке, гостей 150', 'anniversary'],
    // Sweet sixteen: a birthday.
    ['sweet sixteen for my daughter, 40 teens', 'birthday'],
    // Guards: a child's birthday with the class invited stays a birthday; a farewell dinner for a company's
    // staff stays corporate.
    ['a farewell dinner for our employees, 60 people', 'corporate'],
    ['День рождения сына, позовём весь класс, 20 детей', 'birthday'],
  ])('%s', (text, type) => {
    expect(read(text).type).toBe(type);
  });
});
