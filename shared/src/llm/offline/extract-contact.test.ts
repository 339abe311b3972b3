// Contact details by rules, Russian and English, with dates resolved against a fixed "now".
import { describe, expect, it } from 'vitest';
import { extractContactFacts, stripContactDetails } from './extract-contact';

const now = new Date('2026-03-02T10:00:00Z'); // a Monday
const facts = (t: string) => Object.fromEntries(extractContactFacts(t, now).map((f) => [f.key, f.value]));

describe('extractContactFacts', () => {
  it.each([
    [
      'Меня зовут Иван Петров, телефон +7 (999) 123-45-67, почта Ivan@Romashka.ru',
      { name: 'Иван Петров', phone: '+79991234567', email: 'ivan@romashka.ru' },
    ],
    [
      'Я Анна из компании «Ромашка», бюджет 500 тыс руб, нас 20 человек',
      { name: 'Анна', company: 'Ромашка', budget: '500000 RUB', team_size: '20' },
    ],
    [
      'Работаю в ООО «Вектор», директор по продажам. Созвонимся завтра в 15:00?',
      { company: 'Вектор', position: 'директор', meeting_at: '2026-03-03T15:00:00.000Z' },
    ],
    ['Звоните 8 916 123 45 67', { phone: '+79161234567' }],
    ['Запишите мой номер 89161234567', { phone: '+79161234567' }],
    ['Call 555-123-4567 or +44 20 7946 0958', { phone: '+442079460958' }],
    ['Бюджет до 300 000 рублей, нужно срочно', { budget: '300000 RUB', timeline: 'asap' }],
    ['Давайте 12 марта в 11 утра', { meeting_at: '2026-03-12T11:00:00.000Z' }],
    [
      "Hi, I'm John Smith from Acme Corp, budget is $5,000, we are 12 people, call me at +1 415 555 0134",
      {
        name: 'John Smith',
        company: 'Acme Corp',
        budget: '5000 USD',
        team_size: '12',
        phone: '+14155550134',
      },
    ],
    [
      'Can we do a demo next Monday at 3 pm? My email: john@acme.com',
      { email: 'john@acme.com', meeting_at: '2026-03-09T15:00:00.000Z' },
    ],
    ['My budget is 10k EUR, we need it this quarter', { budget: '10000 EUR', timeline: 'this quarter' }],
    ['I am the CEO, my telegram is @john_acme', { position: 'CEO', telegram: '@john_acme' }],
    ['Я владелец магазина «Ромашка»', { position: 'владелец' }],
  ])('%s', (text, expected) => {
    expect(facts(text)).toMatchObject(expected);
  });

  it('finds nothing in plain questions', () => {
    expect(facts('Хочу купить 5 штук')).toEqual({});
    expect(facts('How much is the Team plan?')).toEqual({});
  });

  it('strips contact details for routing', () => {
    expect(stripContactDetails('Сколько стоит? Меня зовут Анна, почта anna@x.ru')).toBe('Сколько стоит?');
  });
});

// Issue 15: contact details on messages the rules were never tuned on.
describe('extractContactFacts: phones, dates and roles (issue 15)', () => {
  const all = (t: string, regions?: string[]) => extractContactFacts(t, now, regions ? { regions } : {});
  const phones = (t: string, regions?: string[]) =>
    all(t, regions)
      .filter((f) => f.key === 'phone')
      .map((f) => f.value);

  it.each([
    ['Ring me on +46 (0)8 928 571 38 after lunch', [], ['+46892857138']],
    ['Vous pouvez m’appeler au 03.93.92.16.85', ['FR'], ['+33393921685']],
    ['Call 345-899-3560x4587 anytime', ['US'], ['+13458993560;ext=4587']],
    ['My cell is (579)888-3058', ['US'], ['+15798883058']],
    ['Reach me at 001-518-640-0854', ['US'], ['+15186400854']],
    ['Mobile: +447700 921 916', [], ['+447700921916']],
  ])('finds %s as E.164', (text, regions, expected) => {
    expect(phones(text, regions)).toEqual(expected);
  });

  it('reads a national number in the region given, an international one in its own', () => {
    expect(phones('Call 555-123-4567 or +44 20 7946 0958', ['US'])).toEqual([
      '+15551234567',
      '+442079460958',
    ]);
    // Without a region, a national number that is valid nowhere is not guessed at.
    expect(phones('Call 555-123-4567 or +44 20 7946 0958')).toEqual(['+442079460958']);
    expect(phones('Мой номер 8 (916) 123-45-67')).toEqual(['+79161234567']);
  });

  it('keeps every phone and e-mail of one message', () => {
    const facts = all(
      'Work: +7 495 123-45-67, mobile 8 916 765-43-21; mail anna@romashka.ru or anna.p@gmail.com',
      ['RU'],
    );
    expect(facts.filter((f) => f.key === 'phone').map((f) => f.value)).toEqual([
      '+74951234567',
      '+79167654321',
    ]);
    expect(facts.filter((f) => f.key === 'email').map((f) => f.value)).toEqual([
      'anna@romashka.ru',
      'anna.p@gmail.com',
    ]);
  });

  it('reads no date from the digits of a phone number', () => {
    // A French number in dots read as 1 August 2003 ("01.08.03").
    expect(facts('Appelez-moi au 01.08.03.16.85')).not.toHaveProperty('meeting_at');
    expect(facts('Мой номер (99) 645-791')).not.toHaveProperty('meeting_at');
    expect(facts('Номер для связи: 12.05.26.11.30')).not.toHaveProperty('meeting_at');
  });

  it('reads no date from bare digits without a date or time word', () => {
    expect(facts('Артикул 12.03, партия 2026-03-12-7')).not.toHaveProperty('meeting_at');
    expect(facts('Давайте встретимся 2026-03-12 в 11 утра')).toMatchObject({
      meeting_at: '2026-03-12T11:00:00.000Z',
    });
  });

  it.each([
    'I want to talk to a human manager',
    'Can I speak with your manager please?',
    'Позовите менеджера',
    'Хочу поговорить с менеджером',
    'Соедините меня с живым менеджером, пожалуйста',
    'Let me talk to the director',
  ])('reads no position from a request for a person: %s', (text) => {
    expect(facts(text)).not.toHaveProperty('position');
  });

  it('still reads the customer’s own position', () => {
    expect(facts("I'm a sales manager at Acme")).toMatchObject({ position: 'manager' });
    expect(facts('Я менеджер по закупкам, хочу поговорить с директором')).toMatchObject({
      position: 'purchasing',
    });
  });
});

// Issue 35: numbers written as phones but valid in no region known, form dates, requests for a person.
describe('extractContactFacts: labelled numbers, form dates and requests (issue 35)', () => {
  const all = (t: string, regions: string[] = []) => extractContactFacts(t, now, { regions });
  const phones = (t: string, regions: string[] = []) =>
    all(t, regions)
      .filter((f) => f.key === 'phone')
      .map((f) => f.value);

  it.each([
    ['Phone: 0490 75 40 81', '0490 75 40 81'],
    ['Mobile: (99) 645-791, prefer afternoons', '(99) 645-791'],
    ['Please call me on 450 0840 tomorrow', '450 0840'],
    ['Bonjour, Phone: 01.84.17.61.18', '01.84.17.61.18'],
    ['мой номер 45-67-89, городской', '45-67-89'],
  ])('keeps a labelled number no region validates as written: %s', (text, raw) => {
    expect(phones(text)).toEqual([raw]);
  });

  it('gives a labelled number in E.164 when a region validates it', () => {
    expect(phones('Phone: 0490 75 40 81', ['AU'])).toEqual(['+61490754081']);
    expect(phones('Тел.: 8 (495) 123-45-67', ['RU'])).toEqual(['+74951234567']);
  });

  it('keeps every labelled number of a message, each once', () => {
    expect(phones('Phone: 0412 345 678, Mobile: 0413 555 019', ['AU'])).toEqual([
      '+61412345678',
      '+61413555019',
    ]);
    expect(phones('Tel. 0490 75 40 81 / Mob. 450 0840')).toEqual(['0490 75 40 81', '450 0840']);
  });

  it.each([
    'Phone: 12.03.2026',
    'Call me on 2026-03-12 10:00',
    'Телефон: 1 250 000 руб.',
    'Order no.: 45891236',
    'Submitted: 2026-03-01 18:04',
    'Дата: 12.03.2019 10:15',
    'Order #A-2026-33910',
  ])('reads no phone from dates, amounts, codes: %s', (text) => {
    expect(phones(text, ['RU'])).toEqual([]);
  });

  it.each([
    'Name: Lisa Hart\nDate: 1978-04-13 12:20:39\nMessage: interested',
    'Submitted: 2026-03-05 18:04\nName: Olga',
    'Дата: 12.03.2026 10:15\nИмя: Пётр',
    'We spoke on 2025-11-03 about the Team plan',
    'Мы встречались 15.10.2025 в 14:00',
  ])('reads no meeting from a form date line or a past date: %s', (text) => {
    expect(facts(text)).not.toHaveProperty('meeting_at');
  });

  it('still reads a meeting ahead, beside a past date', () => {
    expect(facts('Last time 2025-11-03; can we meet on 2026-03-12 at 11?')).toMatchObject({
      meeting_at: '2026-03-12T11:00:00.000Z',
    });
    expect(facts('Can we do a call on 2026-03-05 at 10:00?')).toMatchObject({
      meeting_at: '2026-03-05T10:00:00.000Z',
    });
  });

  it.each([
    'Please have the manager call me',
    'I would like the manager to call me back',
    'Can I speak to your director?',
    'Can the head of procurement reach out to me?',
    'Пусть менеджер перезвонит мне завтра',
    'Соедините с руководителем',
    'Соедините меня с владельцем компании',
  ])('reads no position from a request for a person: %s', (text) => {
    expect(facts(text)).not.toHaveProperty('position');
  });

  it('still reads the customer’s own role', () => {
    expect(facts('I have been a sales manager for 10 years')).toMatchObject({ position: 'manager' });
    expect(facts('As head of procurement I need 20 seats')).toMatchObject({
      position: 'head of procurement',
    });
  });
});
