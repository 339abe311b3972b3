// Table tests of the events pack's classes added after replaying the blind set events10 (issue 61,
// tuning data since 2026-12-07 22:38 UTC: threads answering the agency's quoted questions, second-language
// writers, numbers spelled the other language's way, two fields revised at once). The sentences are new
// ones, not the set's rows.
import { describe, expect, it } from 'vitest';
import { extractEvent } from './extract';

// A Wednesday.
const now = new Date('2026-12-09T09:00:00.000Z');
const read = (text: string) => extractEvent(text, now);
const fields = (text: string) => {
  const e = read(text);
  return { guests: e.guests, date: e.date, place: e.place?.en, budget: e.budget?.amount };
};

describe('events pack (events10 classes): lines quoted with ">" and no header', () => {
  it.each([
    // The agency's questions answered on the line after each: the answers are fields.
    [
      'Thanks for the questions!\n> How many people?\nroughly 60\n> When?\nMarch 12\n> Where?\nLisbon\n> Budget?\n€20k',
      { guests: 60, date: '2027-03-12', place: 'Lisbon', budget: 20_000 },
    ],
    [
      'Отвечаю на вопросы:\n> Сколько?\nоколо 45\n> Когда?\n14 февраля\n> Город?\nКазань\n> Бюджет?\nпримерно 700 тыс.',
      { guests: 45, date: '2027-02-14', place: 'Kazan', budget: 700_000 },
    ],
    // The earlier request quoted with ">": the new message's date and budget beat it, the rest comes from it.
    [
      'Небольшая правка к заявке:\n> 20 марта, 80 гостей, бюджет 2 млн, Казань\nПереносим на 27 марта, бюджет урезали до 1,7 млн.',
      { guests: 80, date: '2027-03-27', place: 'Kazan', budget: 1_700_000 },
    ],
    [
      'Update on our booking:\n> 40 guests, Feb 5, Vienna\nWe need Feb 12 instead of Feb 5, and the headcount goes up to 52.',
      { guests: 52, date: '2027-02-12', place: 'Vienna', budget: undefined },
    ],
  ])('%s', (text, want) => {
    expect(fields(text)).toEqual(want);
  });
});

describe('events pack (events10 classes): «Вы писали: «…»» / "You wrote: "…""', () => {
  it.each([
    [
      'Вы писали: «Сколько будет гостей?»\n73, может чуть больше.\nВы писали: «Где?» — Самара.',
      { guests: 73, date: undefined, place: 'Samara', budget: undefined },
    ],
    [
      'You wrote: "How many?" — 35 or so\nYou wrote: "Budget?" — $9k',
      { guests: 35, date: undefined, place: undefined, budget: 9000 },
    ],
  ])('%s', (text, want) => {
    expect(fields(text)).toEqual(want);
  });
});

describe('events pack (events10 classes): head counts', () => {
  it.each([
    // A person's age after «она будет» / "she'll be" is no head count.
    ['Празднуем юбилей мужа, он будет 45. Гостей примерно сорок.', 40],
    // (guard, passes without the fix: the English age beside "of us")
    ["Surprise party for my husband, he'll be 50. Twenty of us, in Oslo.", 20],
    // Teens and teenagers are people.
    ['We want a party in Riga for about 18 teenagers on May 2.', 18],
    // (guard, passes without the fix)
    ['Квест в Казани, будет около 16 подростков и 2 вожатых.', 16],
    // A count restated after «то есть» / "i.e.": the total.
    ['Гостей: 30 пар, то есть 60 человек.', 60],
    ['We invite 25 couples, i.e. 50 people.', 50],
    // A count said as «меньше — N» / "fewer: N" after an earlier one: the new count.
    ['Сначала писали 90 человек. Но гостей будет меньше — 70.', 70],
    // Two parts with a noun each, the second's noun before its number («человек 15 родителей»): summed.
    ['Выпускной: 22 ученика и человек 15 родителей.', 37],
  ])('%s', (text, guests) => {
    expect(read(text).guests).toBe(guests);
  });
});

describe('events pack (events10 classes): a place or date refused or replaced', () => {
  it.each([
    ['Казань не предлагайте, мы в Самаре и праздновать будем тут. 40 человек.', 'Samara', undefined],
    ['Rome is out, let us do it in Milan, 30 guests.', 'Milan', undefined],
    ["Change of plans: it's no longer March 4 in Vienna but March 11 in Prague.", 'Prague', '2027-03-11'],
    ['Планы поменялись: уже не 5 марта в Самаре, а 12 марта в Казани.', 'Kazan', '2027-03-12'],
    // Guard: a negation in another clause leaves the place.
    ['Не знаю точно дату, но хотим в Самаре.', 'Samara', undefined],
  ])('%s', (text, place, date) => {
    const e = read(text);
    expect([e.place?.en, e.date]).toEqual([place, date]);
  });
});

describe('events pack (events10 classes): a Russian request in Latin letters', () => {
  it.each([
    [
      'Dobryi den! Khotim svadbu na 80 gostey 14 iyulya v Kazani, byudzhet 2 mln rubley.',
      { guests: 80, date: '2027-07-14', place: 'Kazan', budget: 2_000_000 },
    ],
    [
      'Privet, nuzhen korporativ 25 dekabrya v Pitere, chelovek 40, byudzhet 600 tys.',
      { guests: 40, date: '2026-12-25', place: 'Saint Petersburg', budget: 600_000 },
    ],
  ])('%s', (text, want) => {
    expect(fields(text)).toEqual(want);
    expect(read(text).budget?.currency).toBe('RUB');
  });
  it('one transliterated word in English is no Russian text, but names the event', () => {
    const e = read('hi, need korporativ for 40 ppl in Riga, 20 dec, budget 9k eur');
    expect([e.type, e.guests, e.place?.en]).toEqual(['corporate', 40, 'Riga']);
    expect(read('We are a company, want to make corporative party for our workers').type).toBe('corporate');
  });
});

describe('events pack (events10 classes): event type', () => {
  it.each([
    ['Отдел продаж хочет отметить 8 Марта, нас 15, офис в Туле.', 'corporate'],
    ['Девушки из бухгалтерии хотят поздравить мужчин с 23 Февраля, 12 человек.', 'corporate'],
    ['Наша команда хочет новогодний ужин, 18 человек.', 'corporate'],
    ['Организуете бар-мицву? Гостей около 60.', 'other'],
    ['Do you do bat mitzvahs? About 90 guests.', 'other'],
    // Guards (pass without the fix): a Christmas dinner with family stays private; "our Berlin team".
    ['Christmas dinner with my family, 12 people.', 'other'],
    ['Our Berlin team wants a Christmas dinner on Dec 18, 20 people.', 'corporate'],
  ])('%s', (text, type) => {
    expect(read(text).type).toBe(type);
  });
});
