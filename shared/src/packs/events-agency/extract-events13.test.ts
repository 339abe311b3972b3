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
    [
      'Бюджет изначально был 900 тыс., но директор утвердил 1,2 млн. Корпоратив 20 марта, 60 человек',
      1_200_000,
    ],
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

describe('events13 classes: guests, the parts of a count', () => {
  it.each([
    // The two sides of a wedding, with or without «стороны»/"side".
    ['Гостей с двух сторон: с моей 30 человек, с его — 45. Свадьба в Казани', 75],
    ['Свадьба: от невесты 40 гостей, от жениха 25, бюджет 1 млн', 65],
    ['Wedding in York: the bride’s side 50, the groom’s side 40', 90],
    ['Гости с обеих сторон — с моей около 20, с её 30', 50],
    // Roles joined by «и», "+", "and".
    ['Едут 12 менеджеров и 3 ассистента, Стамбул, 5 апреля', 15],
    ['Участники: 250 + 50 организаторов и волонтёров', 300],
    ['We are 40 engineers and 6 interns, offsite in Bath', 46],
    ['Летят 20 директоров и два помощника', 22],
    // Tables and their seats.
    ['We need four tables of eight and a top table of six, dinner in Leeds', 38],
    ['Нужно 5 столов по 10 человек, банкет в Самаре', 50],
    ['Six round tables for 10, please, gala in Bath', 60],
    // Guards: a count before the list of who they are; people counted apart; the count first asked for.
    ['Юбилей папы, человек 15: дети, внуки и три его друга', 15],
    ['Conference: 300 delegates, plus 20 speakers whom we will host separately', 300],
    ['Форум: 200 участников и 10 спикеров, их размещаем отдельно', 200],
    ['Please plan for 90 rather than the 120 covers we first asked for', 90],
    ['Гостей будет 60, а не те 80, которые мы изначально заявляли', 60],
    ['Корпоратив на 50 человек, 5 столов по 10 человек', 50],
  ])('%s', (text, guests) => {
    expect(read(text).guests).toBe(guests);
  });
});
