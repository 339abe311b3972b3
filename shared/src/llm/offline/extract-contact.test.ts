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
      { company: 'Вектор', position: 'head: директор', meeting_at: '2026-03-03T15:00:00.000Z' },
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
    ['I am the CEO, my telegram is @john_acme', { position: 'owner/CEO: CEO', telegram: '@john_acme' }],
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
