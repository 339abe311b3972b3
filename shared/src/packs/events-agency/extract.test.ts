// The events pack's reading (issue 61) as table tests: what the checks missed ("гостей ~60",
// "бюджет миллион рублей", a company anniversary read as a birthday, "Подмосковье" and "New York" not
// read as places), guests and budgets in words and with multipliers, dates in words and relative to
// the conversation's now, and Finance's estimate in the budget's currency with no "0 guests".
import { describe, expect, it } from 'vitest';
import { extractEvent } from './extract';
import { eventDateOf } from './event-date';
import { checkBudget, estimateFor } from './finance';
import { eventsAgencyPack } from './index';

// A Sunday.
const now = new Date('2026-12-06T09:00:00.000Z');
const read = (text: string) => extractEvent(text, now);

describe('events pack: the issue 61 misses', () => {
  it('reads "гостей ~60", "бюджет миллион рублей" and "Подмосковье"', () => {
    expect(read('Корпоратив в Подмосковье, гостей ~60, бюджет миллион рублей, 26 декабря')).toMatchObject({
      type: 'corporate',
      guests: 60,
      budget: { amount: 1_000_000, currency: 'RUB' },
      city: 'Московская область',
      place: { en: 'Moscow Oblast', kind: 'region' },
      date: '2026-12-26',
    });
  });

  it('tells a company anniversary from a birthday', () => {
    expect(read('Юбилей компании, 25 лет, человек 150').type).toBe('anniversary');
    expect(read('Празднуем 15-летие компании, 120 гостей').type).toBe('anniversary');
    expect(read('Хотим отметить годовщину фирмы').type).toBe('anniversary');
    expect(read('Our firm’s 25th anniversary gala for 300 guests').type).toBe('anniversary');
    expect(read('Юбилей мамы, 60 лет, 25 гостей').type).toBe('birthday');
    expect(read('День рождения мужа, человек 30').type).toBe('birthday');
    expect(read('50th birthday party for my dad, 45 people').type).toBe('birthday');
  });

  it('reads "New York" and "NYC" as a place', () => {
    expect(read('A corporate party in New York for 120 people').place?.en).toBe('New York City');
    expect(read('A conference in NYC for 500 people').city).toBe('New York City');
  });
});

describe('events pack: guests, budget and place', () => {
  it.each([
    ['гостей ~60', 60],
    ['человек 50, корпоратив', 50],
    ['около сотни гостей', 100],
    ['банкет на 120 персон', 120],
    ['about 120 people', 120],
    ['for a hundred guests', 100],
    ['сотрудников — 65, бюджет 900 000 руб.', 65],
    ['15 детей, 10 лет', 15],
    ['Нас будет около 60, пересчитайте', 60],
    ['корпоратив на 40 человек, бюджет 600 тысяч', 40],
    ['10 лет компании, 14 марта, бюджет 2 млн', undefined],
  ])('%s -> %s guests', (text, guests) => {
    expect(read(text).guests).toBe(guests);
  });

  it.each([
    ['бюджет миллион рублей', 1_000_000, 'RUB'],
    ['бюджет 2,5 млн', 2_500_000, 'RUB'],
    ['budget $40k', 40_000, 'USD'],
    ['до 400 тыс.', 400_000, 'RUB'],
    ['бюджет 600к', 600_000, 'RUB'],
    ['бюджет 60 тыс. долларов', 60_000, 'USD'],
    ['бюджет — полтора миллиона рублей', 1_500_000, 'RUB'],
    ['Budget is $1.2m', 1_200_000, 'USD'],
    ['budget about twenty thousand dollars', 20_000, 'USD'],
    ['бюджет 30 млн тенге', 30_000_000, 'KZT'],
    ['бюджет 5 000 ₽ на человека, 40 гостей', 200_000, 'RUB'],
  ])('%s -> %s %s', (text, amount, currency) => {
    expect(read(text).budget).toEqual({ amount, currency });
  });

  it('keeps a place it does not know as written, and knows none where none is named', () => {
    expect(read('Корпоратив в Урюпинске на 40 человек').city).toBe('Урюпинске');
    expect(read('Корпоратив в Урюпинске на 40 человек').place).toBeUndefined();
    expect(read('Корпоратив на 40 человек, 27 декабря').city).toBeUndefined();
  });
});

describe('events pack: the event day', () => {
  it.each([
    ['14 марта 2027', '2027-03-14'],
    ['26 декабря', '2026-12-26'],
    ['5 февраля', '2027-02-05'],
    ['15-16 апреля', '2027-04-15'],
    ['20-21 мая 2027', '2027-05-20'],
    ['12.06.2027', '2027-06-12'],
    ['3/15/2027', '2027-03-15'],
    ['2027-03-14', '2027-03-14'],
    ['on March 14', '2027-03-14'],
    ['January 16th', '2027-01-16'],
    ['on the 2nd of January', '2027-01-02'],
    ['завтра вечером', '2026-12-07'],
    ['послезавтра', '2026-12-08'],
    ['через две недели', '2026-12-20'],
    ['через месяц', '2027-01-06'],
    ['in 3 months', '2027-03-06'],
    ['в эту пятницу', '2026-12-11'],
    ['в следующую субботу', '2026-12-12'],
    ['next Friday', '2026-12-11'],
    ['this Saturday', '2026-12-12'],
    ['25-го', '2026-12-25'],
    ['в конце апреля', undefined],
    ['next month', undefined],
    ['бюджет 2.5 млн', undefined],
    ['10 лет, 15 детей', undefined],
  ])('%s -> %s', (text, day) => {
    expect(eventDateOf(text, now)).toBe(day);
  });
});

describe('events pack: the estimate', () => {
  const cards = eventsAgencyPack.pipelines[0]!.rateCards!;
  const [rub, gbp] = cards;

  it('estimates in the budget currency, and makes none in a currency with no rate card', () => {
    const usd = estimateFor(cards, 40, { amount: 15_000, currency: 'USD' }, 'RUB');
    expect(usd && 'check' in usd && usd.check.estimate.currency).toBe('USD');
    // A team whose cards are roubles and pounds only: no estimate in them for a dollar budget.
    expect(estimateFor([rub!, gbp!], 40, { amount: 15_000, currency: 'USD' }, 'RUB')).toEqual({
      noCardFor: 'USD',
    });
    expect(estimateFor(cards, 40, { amount: 30_000_000, currency: 'KZT' }, 'RUB')).toEqual({
      noCardFor: 'KZT',
    });
    const none = estimateFor(cards, 40, undefined, 'GBP');
    expect(none && 'check' in none && none.check.estimate.currency).toBe('GBP');
  });

  it('never counts 0 guests: a budget under the fixed costs says so', () => {
    // £5,000 is below AV and staff (£7,000) before any guest.
    const poor = checkBudget(gbp!, 60, { amount: 5_000, currency: 'GBP' });
    expect(poor.cheaper).toMatchObject({ fits: false, belowFixedCosts: true });
    expect(poor.cheaper?.guestsThatFit).toBeUndefined();
    const short = checkBudget(gbp!, 120, { amount: 15_000, currency: 'GBP' });
    expect(short.cheaper?.guestsThatFit).toBeGreaterThan(0);
    expect(short.cheaper?.guestsThatFit).toBeLessThan(120);
  });
});

// Classes added after replaying the event-request set 2 (issue 61; tuning data since 2026-12-07 14:56
// UTC). The sentences are new ones, not the set's rows.
describe('events pack: head counts of a group, friends and colleagues', () => {
  it.each([
    ['Ищем площадку для группы из 35, 12 марта', 35],
    ['нас 18: выпускной в июне', 18],
    ['Birthday drinks for a party of 14 in London', 14],
    ['a group of 45 from our Berlin office, March 3', 45],
    ['Our crew of 26 needs a venue on Friday', 26],
    ['we are 9, a quiet dinner please', 9],
    ['a team of twenty for a quiz night', 20],
    ['half a dozen friends and me, budget $500', 6],
    ['40 friends of the bride, 5 June', 40],
    ['двадцать друзей мужа, 5 июня', 20],
    ['пригласим 16 одноклассников', 16],
    // Years, ages, times and money after a group word are no head count.
    ['a group of 2027 graduates', undefined],
    ['нас 2 дня не будет, потом корпоратив', undefined],
  ])('%s -> %s guests', (text, guests) => {
    expect(read(text).guests).toBe(guests);
  });
});

describe('events pack: budgets in thousands of roubles abbreviated, a phone after the budget', () => {
  it.each([
    ['банкет на 30 человек, бюджет 200 тр', 200_000, 'RUB'],
    ['свадьба, 80 гостей, до 900 т. р.', 900_000, 'RUB'],
    ['корпоратив, бюджет до 450 тыр, 1 марта', 450_000, 'RUB'],
    ['Бюджет 3 млн. Звоните: 8 (3842) 45-67-89', 3_000_000, 'RUB'],
    ['бюджет 2 млн. Тел. 8 (34369) 2-33-44', 2_000_000, 'RUB'],
  ])('%s -> %s %s', (text, amount, currency) => {
    expect(read(text).budget).toEqual({ amount, currency });
  });

  it.each([
    'Свадьба на 60 гостей. Телефон: 8 (4922) 33-44-55',
    'корпоратив на 40 человек, звоните 8-800-555-35-35',
    'Конференция, 200 участников, мой номер 89164445566',
  ])('a phone is no budget (a guard): %s', (text) => {
    expect(read(text).budget).toBeUndefined();
  });
});

describe('events pack: a region named in English with "region", "oblast" or "province"', () => {
  it.each([
    ['A retreat in the Tver region for 25 people', 'Tver Oblast'],
    ['wedding somewhere in the Kursk region', 'Kursk Oblast'],
    ['a conference in Sverdlovsk Province', 'Sverdlovsk Oblast'],
    ['корпоратив в Калужском регионе', 'Kaluga Oblast'],
  ])('%s -> %s', (text, en) => {
    expect(read(text).place?.en).toBe(en);
  });
});

describe('events pack: event types by what is celebrated and for whom', () => {
  it.each([
    // «др» is a birthday; «и др.» ("and others") is not.
    ['у сына ДР 3 апреля, 20 детей', 'birthday'],
    ['на др подруги, человек 12', 'birthday'],
    ['днюха у брата, 15 человек', 'birthday'],
    ['70-летие папы в ресторане', 'birthday'],
    ['нужны ведущий, фотограф и др. на вечеринку', 'other'],
    // A company's jubilee, whatever the order of the words.
    ['У нашего банка 30-летие', 'anniversary'],
    ['у нашего агентства десятилетие, 80 гостей', 'anniversary'],
    ['холдингу скоро юбилей', 'anniversary'],
    ['Our agency is turning 25 in May', 'anniversary'],
    ['the studio turns fifteen next month', 'anniversary'],
    ['банкет на юбилей мамы', 'birthday'],
    // A named wedding anniversary is an anniversary, not a wedding.
    ['серебряная свадьба у родителей, 40 гостей', 'anniversary'],
    ['празднуем жемчужную свадьбу', 'anniversary'],
    ['30 лет со дня свадьбы бабушки и дедушки', 'anniversary'],
    ["my parents' ruby wedding, 50 guests", 'anniversary'],
    ['a golden wedding celebration in Sochi', 'anniversary'],
    ['wedding for 80 guests, silver wedding dress theme', 'wedding'],
    // A party, dinner or reception a company holds for its people or clients.
    ['ужин для сотрудников отдела продаж, 30 человек', 'corporate'],
    ['праздник нашего коллектива 27 декабря', 'corporate'],
    ['коктейль для партнёров компании', 'corporate'],
    ['a farewell dinner for our staff', 'corporate'],
    ['a dinner for 40 clients of our firm', 'corporate'],
    ['Office Halloween party, 60 people', 'corporate'],
    ['team Christmas lunch for 25', 'corporate'],
    // An event for clients with no kind named stays other.
    ['мероприятие для наших клиентов', 'other'],
    ['an event for our partners in Riga', 'other'],
  ])('%s -> %s', (text, type) => {
    expect(read(text).type).toBe(type);
  });
});

describe('events pack: a day as an ordinal in words, a holiday on a fixed day', () => {
  it.each([
    ['второго апреля', '2027-04-02'],
    ['на третье мая', '2027-05-03'],
    ['к двадцать пятому января', '2027-01-25'],
    ['тридцатого декабря', '2026-12-30'],
    ['двадцать первого июня 2027 года', '2027-06-21'],
    ['четвёртого числа', '2027-01-04'],
    ['on the second of April', '2027-04-02'],
    ['the twenty-second of February', '2027-02-22'],
    ['on June the fifth', '2027-06-05'],
    ['July first', '2027-07-01'],
    ['New Year’s Eve dinner', '2026-12-31'],
    ['NYE party, 40 people', '2026-12-31'],
    ['в новогоднюю ночь', '2026-12-31'],
    ['в канун Нового года', '2026-12-31'],
    ['on Christmas Eve', '2026-12-24'],
    ["New Year's Day brunch", '2027-01-01'],
    ["Valentine's Day dinner", '2027-02-14'],
    // A sentence's full stop right after the month.
    ['банкет 14 мая. Нас 40', '2027-05-14'],
    ['свадьба 2 мая. Гостей около 30', '2027-05-02'],
    // An ordinal with no month, a party named after a holiday: no day.
    ['второй этаж ресторана', undefined],
    ['first week of April', undefined],
    ['Christmas party for the office', undefined],
    ['новогодний корпоратив', undefined],
    ['we may first need a quote', undefined],
  ])('%s -> %s', (text, day) => {
    expect(eventDateOf(text, now)).toBe(day);
  });
});

// The classes the blind set events3 missed (issue 61; events3 is tuning data since 2026-12-07 15:28 UTC),
// with new sentences, not the set's rows.
describe('events pack (events3 classes): guests', () => {
  it.each([
    // «под»/«на» after a counted noun: "about".
    ['Гостей человек под восемьдесят, июль', 80],
    ['банкет, гостей под 50, бюджет 300 тыс.', 50],
    ['отметим 12 января гостей на 40', 40],
    ['юбилей мамы 3 марта человек на 25', 25],
    // A date before a counted noun is no head count.
    ['15 марта человек 30, ресторан', 30],
    // A changed count: the new one.
    ['участников станет 60 вместо 40', 60],
    ['вместо 50 гостей будет 70', 70],
    ['the guests will now be 45 instead of 30', 45],
    // "N of us", «нас будет N», "we will be N".
    ['There will be 12 of us on the night', 12],
    ['all 30 of us are coming', 30],
    ['we will be 25, need a hall', 25],
    ["we'll be 40, a buffet please", 40],
    // Pupils, students, graduates as guests.
    ['a prom night for about 50 pupils', 50],
    // Parts of one party with no total are summed since events6 (was 30: the first count).
    ['30 школьников и 5 учителей, выпускной', 35],
    ['посвящение в студенты, 120 студентов', 120],
    ['школьников придёт 40 в актовый зал', 40],
    ['90 alumni are coming in May', 90],
    // Guards: «под» before a place, a number after «вместо» alone, ages, a class's year.
    ['class of 2028 graduation, 45 guests', 45],
    ['банкет под Москвой на 40 человек', 40],
    ['вместо 30 гостей', undefined],
    ['сыну исполняется 7, праздник', undefined],
  ])('%s -> %s guests', (text, guests) => {
    expect(read(text).guests).toBe(guests);
  });
});

describe('events pack (events3 classes): budget', () => {
  it.each([
    // Slang, an inverted multiplier, a half before a multiplier.
    ['свадьба, бюджет три ляма', 3_000_000, 'RUB'],
    ['корпоратив, 60 человек, бюджет тысяч 300', 300_000, 'RUB'],
    ['юбилей, бюджет три с половиной миллиона рублей', 3_500_000, 'RUB'],
    ['wedding, budget two and a half million roubles', 2_500_000, 'RUB'],
    // A budget word beats other money in the message.
    ['Вход стоит 1500 руб., а бюджет на праздник — 600 тысяч', 600_000, 'RUB'],
    ['The room costs $500 a night, our budget for the event is $20k', 20_000, 'USD'],
    ['Аренда зала 100 тыс. руб., бюджет у нас около 900 тысяч', 900_000, 'RUB'],
    // A currency named after the amount beats the place's.
    ['a party in Paris, budget 10 grand in US dollars', 10_000, 'USD'],
    ['dinner in London for 30, budget 30 thousand in euros', 30_000, 'EUR'],
    // A phone right after the budget.
    ['бюджет до 250 тысяч звоните 89031112233', 250_000, 'RUB'],
    // Guards: the budget alone, a ticket beside a budget.
    ['budget $5000, tickets are $20', 5_000, 'USD'],
    ['a party in Paris, budget 10 grand', 10_000, 'EUR'],
  ])('%s -> %s %s', (text, amount, currency) => {
    expect(read(text).budget).toEqual({ amount, currency });
  });

  it.each([
    'Entry tickets are €30 each, 200 guests, Berlin',
    'Билет на вечер стоит 2000 рублей, гостей 100',
    'admission is $15 per person, about 80 people',
  ])('a ticket price is no budget: %s', (text) => {
    expect(read(text).budget).toBeUndefined();
  });
});

describe('events pack (events3 classes): event types', () => {
  it.each([
    // A child's or a person's birthday.
    ['Проводите детские дни рождения?', 'birthday'],
    ['дочке исполняется 5, праздник на 10 детей', 'birthday'],
    ['маме исполнится 70, хотим банкет', 'birthday'],
    ['my wife turns 40 next month, party for 30', 'birthday'],
    ['Mum is turning 70, lunch for the family', 'birthday'],
    // A wedding by its verbs or parts.
    ['хотим расписаться летом, гостей 30', 'wedding'],
    ['выездная церемония бракосочетания на 40 гостей', 'wedding'],
    ['регистрация брака в Сочи, 20 гостей', 'wedding'],
    ['we are getting married in June, 80 guests', 'wedding'],
    ['We want to get married on a beach', 'wedding'],
    // A marriage proposal, a dinner for two: other.
    ['хочу сделать предложение руки и сердца, ресторан на двоих', 'other'],
    ['I want to propose to my girlfriend in Rome', 'other'],
    ['a romantic dinner for two', 'other'],
    ['ужин на двоих 14 февраля', 'other'],
    // A presentation: a launch (other in the eval); one for a company's dealers is corporate (events4's
    // rule: a launch or presentation for partners, dealers, clients or staff; events3 labelled such a
    // row other, events4 corporate).
    ['презентация нашего нового продукта, 100 гостей', 'launch'],
    ['презентация новой модели для дилеров', 'corporate'],
    // A New Year or Christmas party for friends or family is no corporate.
    ['новогодний праздник для друзей и семьи', 'other'],
    ['Christmas party with friends at home', 'other'],
    // Guards: a company's staff or clients, a company's birthday, an off-site for a department.
    ['новогодний вечер для сотрудников', 'corporate'],
    ['Christmas party for the office', 'corporate'],
    ['компании исполняется 20 лет', 'anniversary'],
    ['выездное мероприятие для отдела', 'teambuilding'],
    ['регистрация участников конференции', 'conference'],
    ['коммерческое предложение на корпоратив', 'corporate'],
    ['после ужина перезвоните, площадка на 50 человек', undefined],
    ['call me after dinner, a venue for 40', undefined],
  ])('%s -> %s', (text, type) => {
    expect(read(text).type).toBe(type);
  });
});

// The classes the blind set events4 missed (2026-12-07 15:44 UTC), with new sentences (not its rows).
describe("events pack (events4 classes): a document's own date is not the event's", () => {
  it.each([
    ['Свадьба 12 сентября, 60 гостей. Заявка №512 от 03.12', '2027-09-12'],
    ['Юбилей 9 мая, счёт № 77/3 от 30.11.2026 оплатим', '2027-05-09'],
    ['Invoice #2231 dated 11/30/2026. The party is on March 3', '2027-03-03'],
    ['Order 118 from 1 December: a dinner on February 14 for 20', '2027-02-14'],
    // Guards (read before too): a document's date after the event's, a date with «от» and no
    // document word, a request from people.
    ['Корпоратив 25 декабря. Письмо от 1 декабря пересылаю', '2026-12-25'],
    ['праздник от 15 января до 20 января', '2027-01-15'],
    ['a request from 20 people for June 5', '2027-06-05'],
  ])('%s -> %s', (text, date) => {
    expect(read(text).date).toBe(date);
  });
});

describe('events pack (events4 classes): guests', () => {
  it.each([
    // Approximate words before a count in words or digits.
    ['Участников приблизительно двести, конференция', 200],
    ['гостей ориентировочно девяносто', 90],
    ['человек плюс-минус 70', 70],
    ['guests approx. 45, dinner', 45],
    // Guard (read before too).
    ['We expect approximately 250 attendees', 250],
    // A total beats its parts.
    ['Нас трое и коллеги, всего 22 человека', 22],
    ['дети 10 и родители, итого 25 гостей', 25],
    ['Five of us plus partners, 14 total', 14],
    ['8 adults and some kids, about 30 in total', 30],
    // People named by who they are.
    ['семинар, 60 учителей', 60],
    ['120 менеджеров, форум в Казани', 120],
    ['7 девчонок, девичник', 7],
    ['12 мужчин, баня', 12],
    ['35 doctors, a dinner', 35],
    ['offsite, 40 engineers', 40],
    ['hen party, 9 ladies', 9],
    ['25 ppl, Friday', 25],
    ['40 чел, пятница', 40],
  ])('%s -> %s', (text, guests) => {
    expect(read(text).guests).toBe(guests);
  });

  it('a total of days or money is no head count', () => {
    expect(read('всего 3 дня, 50 гостей').guests).toBe(50);
    expect(read('30 guests, 2 days in total').guests).toBe(30);
  });
});

describe('events pack (events4 classes): short forms of Saint Petersburg and Yekaterinburg', () => {
  it.each([
    ['conference in St. Pete, 300 people', 'Saint Petersburg'],
    ["a party at St Pete's, 50 guests", 'Saint Petersburg'],
    ['SPb, корпоратив на 80', 'Saint Petersburg'],
    ['wedding in Ekb, 60 guests', 'Yekaterinburg'],
  ])('%s -> %s', (text, place) => {
    expect(read(text).place?.en).toBe(place);
  });

  it('"10:00 MSK" names no place', () => {
    expect(read('call me at 10:00 MSK').place).toBeUndefined();
  });
});

describe('events pack (events4 classes): event types', () => {
  it.each([
    // A company turning N years, words between.
    ['Нашей фирме «Альфа» весной исполнится 20 лет', 'anniversary'],
    ['Банку «Восход» в этом году исполняется десять лет, отметим в мае', 'anniversary'],
    ['Our company Nordlight is turning 25 this autumn', 'anniversary'],
    // A launch or presentation for a company's partners, clients or staff: corporate; for the public: launch.
    ['запуск новой линейки для наших клиентов, 90 гостей', 'corporate'],
    ['a product launch for our resellers in Dubai', 'corporate'],
    ['презентация продукта, вход свободный', 'launch'],
    // Congratulating the company's people on a holiday: corporate.
    ['хотим поздравить сотрудниц с 8 марта, 30 человек', 'corporate'],
    ['женский коллектив поздравить на восьмое марта', 'corporate'],
    ["we want to celebrate our team on Women's Day", 'corporate'],
    // Parties for a life event that is none of the types: other.
    ['Мальчишник для жениха, 10 друзей', 'other'],
    ['девичник перед свадьбой', 'other'],
    ['a hen do in Riga, 12 girls', 'other'],
    ['stag weekend in Prague, 15 guys', 'other'],
    ['bridal shower for 20', 'other'],
    ['family reunion, 60 relatives', 'other'],
    ['вечер встречи выпускников 2010 года', 'other'],
    // Someone's Nth: a birthday.
    ["my mom's 60th on May 3, 50 guests", 'birthday'],
    ['Planning her 30th in Lisbon', 'birthday'],
    // A client reception, a partner dinner: corporate.
    ['a client dinner in Paris for 40', 'corporate'],
    ['customer reception, 200 guests', 'corporate'],
    // "Developer", "envelope": no wedding ("elope" only as a word).
    ['Developer meetup, 80 people', undefined],
    ['Developers summit in Lisbon', 'conference'],
    ['we want to elope in Iceland', 'wedding'],
    // A bare event names no kind; an event for someone does (a guard: read before too).
    ['Event for about 60 people in Baku', undefined],
    ['Нужно мероприятие на 40 человек', undefined],
    ['an event for our partners, 70 guests', 'other'],
    // Guards (read before too): a wedding anniversary, a floor, a launch for the public, a verb «elope».
    ["my parents' 40th wedding anniversary", 'anniversary'],
    ['a venue on the 5th floor for 30', undefined],
  ])('%s -> %s', (text, type) => {
    expect(read(text).type).toBe(type);
  });
});

// Classes the blind set events5 missed (issue 61), in new sentences; guards marked.
describe('events pack (events5 classes): a date ruled out, a month/day with no year', () => {
  it.each([
    ['Свадьба: 14 марта не подходит, давайте 21 марта', '2027-03-21'],
    ['20 февраля отпадает — нужно 27 февраля, 40 гостей', '2027-02-27'],
    ['Feb 12 won’t work for us, so Feb 19, 30 people', '2027-02-19'],
    ['March 5 is booked, we would take March 6', '2027-03-06'],
    ['вместо 10 января хотим 17 января', '2027-01-17'],
    ['dinner on 3/14 for 12 friends', '2027-03-14'],
    ['the party is on 1/9, 40 guests', '2027-01-09'],
    ['corporate event 2/20, about 50 people', '2027-02-20'],
    ['банкет на 25/12, 30 гостей', '2026-12-25'],
    // Guards (read before too): a date that suits, a fraction, "24/7", a full date.
    ['14 марта нам подходит, 30 гостей', '2027-03-14'],
    ['2/3 of the guests are kids', undefined],
    ['24/7 support, we need a venue', undefined],
    ['party on 3/15/2027', '2027-03-15'],
  ])('%s -> %s', (text, date) => {
    expect(eventDateOf(text, now)).toBe(date);
  });
});

describe('events pack (events5 classes): guests', () => {
  it.each([
    // A total in words or after its noun beats the parts before it.
    ['детей 8 и 4 взрослых, всего двенадцать. Казань', 12],
    ['студентов 40 плюс преподаватели, всего человек 48', 48],
    ['30 kids + their parents, total ~70 people', 70],
    ['ребят 10 и 3 вожатых, итого пятнадцать, Сочи', 15],
    // People named by their trade, a guest list's size (the old count replaced).
    ['a meetup in Berlin, 60 devs, June 3', 60],
    ['зал в Казани, 25 разрабов, 3 июня', 25],
    ['the guest list is now 64 (was 50)', 64],
    ['headcount is 110 now', 110],
    // Guards (read before too): a guest count after its noun and a dash, a total of days, a bare count.
    ['количество гостей — 38', 38],
    ['всего 3 дня, человек 20', 20],
    ['гостей 30', 30],
  ])('%s -> %s', (text, guests) => {
    expect(read(text).guests).toBe(guests);
  });
});

describe('events pack (events5 classes): budget', () => {
  it.each([
    ['Бюджет — до 900 тыс. Казань. Телефон +7 903 111-22-33', 900_000, 'RUB'],
    ['свадьба, бюджет лям триста', 1_300_000, 'RUB'],
    ['бюджет два миллиона пятьсот', 2_500_000, 'RUB'],
    ['Бюджет на человека 4 000 руб., итого до 120 тыс.', 120_000, 'RUB'],
    // Guards (read before too): a colon before "up to", the per-head amount after the total, a per-head price alone is multiplied by the guests; «миллион двести тысяч».
    ['Budget: up to 40k. Call me', 40_000, 'USD'],
    ['per head $90, in total no more than $4,500', 4_500, 'USD'],
    ['30 гостей, 3 000 руб. на человека', 90_000, 'RUB'],
    ['бюджет миллион двести тысяч', 1_200_000, 'RUB'],
  ])('%s -> %s %s', (text, amount, currency) => {
    expect(read(text).budget).toEqual({ amount, currency });
  });
});

describe('events pack (events5 classes): event types', () => {
  it.each([
    ['ужин для ключевых партнёров компании, 40 гостей', 'corporate'],
    ['приём для постоянных клиентов банка', 'corporate'],
    ['a dinner for our key clients in Milan', 'corporate'],
    ['симпозиум кардиологов, 150 участников', 'conference'],
    ['an international symposium on AI', 'conference'],
    ['хакатон на 48 часов, 100 участников', 'other'],
    ['we host a hackathon in May', 'other'],
    ['Christmas with three families, 14 people', 'other'],
    ['Новый год с друзьями, 12 человек, Сочи', 'other'],
    // A banquet or buffet names a format, not an occasion: no type alone.
    ['интересует банкет на 20 марта, 40 персон', undefined],
    ['нужен фуршет на 30 человек', undefined],
    ['a banquet for 50 people on May 2', undefined],
    // Guards (read before too): a buffet alone, a banquet for an occasion, a New Year's party for staff.
    ['a buffet for 50 people on May 2', undefined],
    ['банкет на день рождения жены, 20 гостей', 'birthday'],
    ['новогодний корпоратив для сотрудников', 'corporate'],
    ['свадебный банкет на 60 гостей', 'wedding'],
  ])('%s -> %s', (text, type) => {
    expect(read(text).type).toBe(type);
  });
});
