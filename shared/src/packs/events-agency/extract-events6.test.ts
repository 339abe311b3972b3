// Table tests of the events pack's classes added after replaying the blind set events6 (issue 61,
// tuning data since 2026-12-07 18:31 UTC): corporate e-mails (an outgoing letter's number and date, "my
// email of …", a deadline for the proposal, a range «с … по …») and voice-to-text (lower-case "may
// thirteenth", «в пятницу на следующей неделе», "Friday the 18th", head counts in words, parts without
// a total, a changed count). The sentences are new ones, not the set's rows.
import { describe, expect, it } from 'vitest';
import { eventDateOf } from './event-date';
import { extractEvent } from './extract';

// A Monday.
const now = new Date('2026-12-07T09:00:00.000Z');
const read = (text: string) => extractEvent(text, now);

describe('events pack (events6 classes): the event day', () => {
  it.each([
    // A range «с … по …», "through": its first day.
    ['форум пройдёт с 3 по 5 марта 2027 года', '2027-03-03'],
    ['выезд с 20 по 22 февраля, 40 человек', '2027-02-20'],
    ['the retreat runs 8 through 11 April', '2027-04-08'],
    // An outgoing letter's number and date, "my email of …": the document's, not the event's.
    ['Исх. № 412/7 от 03.12.2026. Просим организовать приём 20 февраля 2027 г.', '2027-02-20'],
    ['Вх. № 88 от 1 декабря. Банкет 16 января', '2027-01-16'],
    ['№ 45/2 от 02.12.2026. Приглашаем на приём 20 марта', '2027-03-20'],
    ['As per my email of 2 December, the dinner is on January 14th', '2027-01-14'],
    ['Further to our e-mail from 4 Dec: gala on 6 March', '2027-03-06'],
    // A deadline for the proposal or estimate.
    ['Праздник 15 января. Смету пришлите, пожалуйста, до 18.12', '2027-01-15'],
    ['Коммерческое предложение просим направить не позднее 14 декабря. Вечер 28 января.', '2027-01-28'],
    ['Ответ нужен до 20.12 включительно, мероприятие 9 февраля', '2027-02-09'],
    ['please send your proposal by 14 December; the party is on 20 January', '2027-01-20'],
    ['We need a quote no later than Dec 15 for a dinner on Feb 2', '2027-02-02'],
    ['Please get back to us by 11 December. The event is on 20 January', '2027-01-20'],
    ['сообщите до 15.12, банкет 30 января', '2027-01-30'],
    // A weekday with next week or a day after it.
    ['ужин во вторник на следующей неделе', '2026-12-15'],
    ['drinks on Thursday next week', '2026-12-17'],
    ['на следующей неделе в среду, человек 15', '2026-12-16'],
    ['the party is on Tuesday the 22nd', '2026-12-22'],
    ['в субботу, 19-го, человек двадцать', '2026-12-19'],
    ['on Friday the 8th of next month', '2027-01-08'],
    // Lower-case "may" before an ordinal in words (voice-to-text).
    ['a picnic on may fifth for thirty people', '2027-05-05'],
    ['sunday may sixteenth in riga', '2027-05-16'],
    ['on may first we are in town', '2027-05-01'],
    // Guards (read before too): a deadline-free «до», a weekday with a count, the verb "may".
    ['корпоратив до 25 человек 26 декабря', '2026-12-26'],
    ['this Saturday, 12 girls, up to €2k', '2026-12-12'],
    ['we may first need a venue, any ideas?', undefined],
    ['в пятницу', '2026-12-11'],
  ])('%s -> %s', (text, date) => {
    expect(eventDateOf(text, now)).toBe(date);
  });
});

describe('events pack (events6 classes): a day of next month', () => {
  it.each([
    ['the 18th of next month', '2027-01-18'],
    ['25-го следующего месяца', '2027-01-25'],
    // Guard: this month's.
    ['the 18th', '2026-12-18'],
  ])('%s -> %s', (text, date) => {
    expect(eventDateOf(text, now)).toBe(date);
  });
});

describe('events pack (events6 classes): guests', () => {
  it.each([
    // A total with an approximate word before it.
    ['Сотрудников 70, гостей около 40 — итого порядка 110 человек', 110],
    ['студентов 50, преподавателей 12, всего приблизительно 62', 62],
    // Parts of one party with no total: their sum.
    ['будет двадцать взрослых и шесть детей', 26],
    ['детей человек восемь и родителей десять', 18],
    ['twelve adults and maybe five kids', 17],
    ['40 employees plus 15 partners', 55],
    // A count changed later: the new one.
    ['мы говорили про сорок гостей но теперь получается пятьдесят два', 52],
    ['we first said sixty people but now it is closer to seventy', 70],
    ['the head count has gone up from 40 to 55', 55],
    ['the guest count went down from 90 to 75', 75],
    ['было 60 гостей, стало 75', 75],
    ['гостей будет не 40, а 50', 50],
    ['детей не десять, а двенадцать', 12],
    ['будет 25 взрослых, 10 детей', 35],
    ['10 kids, 14 parents', 24],
    // A list's size or attendance said with other verbs.
    ['Expected attendance is 200-250.', 250],
    ['The guest list currently stands at 140.', 140],
    // A ten before an ordinal day is no count.
    ['свадьба двадцать пятого июня гостей сорок', 40],
    // Guards (read before too): a subset, the same people twice, a total beside parts.
    ['60 гостей, из них 10 детей', 60],
    ['50 guests and 5 of them kids', 50],
    ['30 adults and 10 kids, 40 in total', 40],
    ['нас будет 25 человек', 25],
    ['We are 40 people, now 3 of them vegetarian', 40],
    ['We are 40 people and now 3 vegans', 40],
    ['нужно не 3 дня, а 4, человек 20', 20],
    ['60 гостей, 10 детей', 60],
  ])('%s -> %s', (text, guests) => {
    expect(read(text).guests).toBe(guests);
  });
});

describe('events pack (events6 classes): event types', () => {
  it.each([
    // An organisation founded in a year, turning an age; a parenthesis between its name and the age.
    ['Нашему институту (основан в 1977 году) исполняется 50 лет, готовим вечер', 'anniversary'],
    ['Типография, созданная в 2001 году, в марте отмечает 25 лет', 'anniversary'],
    ['Harbor Freight Lines, established in 1987, turns 40 in May; we want a gala', 'anniversary'],
    ['Our studio (founded 2016) is celebrating ten years with a party', 'anniversary'],
    // Team building in its adjective form.
    ['командообразующий выезд для отдела продаж', 'teambuilding'],
    ['командообразующая игра на 30 человек', 'teambuilding'],
    // A christening or baptism: other.
    ['крестины дочки, человек двадцать', 'other'],
    ['a baptism lunch for our son, 25 guests', 'other'],
    ['christening for the twins in Riga, 40 guests', 'other'],
    // A company's barbecue or picnic, a dinner for a counted number of clients: corporate.
    ['a summer bbq for our staff, 80 people', 'corporate'],
    ['a cookout for the whole company on July 4', 'corporate'],
    ['пикник для наших сотрудников в июне', 'corporate'],
    ['lunch for twelve clients next Tuesday', 'corporate'],
    ['ужин для восьми партнёров в пятницу', 'corporate'],
    // Guards (read before too): a person's birthday, a barbecue with friends, a wedding.
    ['день рождения мужа, 40 лет, человек тридцать', 'birthday'],
    ['a barbecue with friends for my 30th birthday', 'birthday'],
    ['свадьба на 60 гостей', 'wedding'],
  ])('%s -> %s', (text, type) => {
    expect(read(text).type).toBe(type);
  });
});
