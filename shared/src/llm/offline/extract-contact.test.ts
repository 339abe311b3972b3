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
    ['Call 555-123-4567 or +44 20 7946 0958', { phone: '5551234567' }],
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
