import { describe, expect, it } from 'vitest';
import type { LeadDoc } from '../../schemas/index';
import {
  checkBudget,
  eventsReport,
  extractEvent,
  matchVendors,
  planEvent,
  planPackApply,
  readNumber,
  type EventRequest,
} from '../index';
import { eventsAgencyPack } from './index';

const now = new Date('2026-12-01T10:00:00.000Z');
const rub = eventsAgencyPack.pipelines[0]!.rateCards![0]!;
const gbp = eventsAgencyPack.pipelines[0]!.rateCards![1]!;

describe('events pack: reading a request', () => {
  it('reads the Russian request of the issue', () => {
    expect(
      extractEvent('Нужен корпоратив на 120 человек в Москве 14 марта 2027, бюджет 2 млн рублей', now),
    ).toEqual({
      type: 'corporate',
      date: '2027-03-14',
      city: 'Москва',
      place: expect.objectContaining({ en: 'Moscow', ru: 'Москва', kind: 'city', country: 'RU' }),
      guests: 120,
      budget: { amount: 2_000_000, currency: 'RUB' },
      wishes: [],
      language: 'ru',
    });
  });

  it('reads the English request of the issue', () => {
    expect(
      extractEvent(
        'We need a corporate party for 120 people in London on 14 March 2027, budget 50,000 GBP',
        now,
      ),
    ).toEqual({
      type: 'corporate',
      date: '2027-03-14',
      city: 'London',
      place: expect.objectContaining({ en: 'London', ru: 'Лондон', kind: 'city', country: 'GB' }),
      guests: 120,
      budget: { amount: 50_000, currency: 'GBP' },
      wishes: [],
      language: 'en',
    });
  });

  it.each([
    [
      'Свадьба на 60 гостей, 12.08.2027, Сочи, бюджет 2 000 000 ₽, хотим ведущего и живую музыку',
      {
        type: 'wedding',
        date: '2027-08-12',
        city: 'Сочи',
        guests: 60,
        budget: { amount: 2_000_000, currency: 'RUB' },
        wishes: ['ведущий', 'живая музыка'],
      },
    ],
    [
      'Конференция, 300 участников, Казань, онлайн-трансляция не нужна, очно, до 1,5 млн руб.',
      {
        type: 'conference',
        city: 'Казань',
        guests: 300,
        format: 'in-person',
        budget: { amount: 1_500_000, currency: 'RUB' },
      },
    ],
    [
      'Тимбилдинг для отдела, человек 40, 5 июня, бюджет 800 тыс',
      {
        type: 'teambuilding',
        guests: 40,
        date: '2027-06-05',
        budget: { amount: 800_000, currency: 'RUB' },
      },
    ],
    [
      'Birthday party for 30 guests on March 3rd, 2027 in Manchester, £12k, with a DJ',
      {
        type: 'birthday',
        date: '2027-03-03',
        city: 'Manchester',
        guests: 30,
        budget: { amount: 12_000, currency: 'GBP' },
        wishes: ['DJ'],
      },
    ],
    [
      'Hybrid conference, 250 attendees, 2027-05-20, budget 50k GBP',
      {
        type: 'conference',
        date: '2027-05-20',
        guests: 250,
        format: 'hybrid',
        budget: { amount: 50_000, currency: 'GBP' },
      },
    ],
    [
      'Our Christmas party: about 80 staff in Edinburgh on December 18, spend up to $40,000',
      {
        type: 'corporate',
        date: '2026-12-18',
        city: 'Edinburgh',
        guests: 80,
        budget: { amount: 40_000, currency: 'USD' },
      },
    ],
  ])('reads %s', (text, expected) => {
    expect(extractEvent(text, now)).toMatchObject(expected);
  });

  it('takes no guests, date or budget it was not given', () => {
    const e = extractEvent('Здравствуйте, расскажите, чем вы занимаетесь?', now);
    expect(e).toEqual({ wishes: [], language: 'ru' });
    expect(extractEvent('We need a venue for 14 people', now).budget).toBeUndefined();
  });

  it('reads numbers in both notations', () => {
    expect(readNumber('2 000 000')).toBe(2_000_000);
    expect(readNumber('50,000')).toBe(50_000);
    expect(readNumber('1,5')).toBe(1.5);
    expect(readNumber('2.000.000,50')).toBe(2_000_000.5);
  });
});

describe('events pack: plan and budget', () => {
  it('plans at least five tasks, all after now and before the event', () => {
    const tasks = planEvent('corporate', '2027-03-14', now, 'ru');
    expect(tasks.length).toBeGreaterThanOrEqual(5);
    for (const t of tasks) {
      expect(Date.parse(t.dueAt)).toBeLessThan(Date.parse('2027-03-14T00:00:00Z'));
      expect(Date.parse(t.dueAt)).toBeGreaterThanOrEqual(now.getTime());
    }
    expect(tasks.map((t) => t.dueAt)).toEqual([...tasks.map((t) => t.dueAt)].sort());
  });

  it('squeezes the plan of an event that is soon between now and the day', () => {
    const tasks = planEvent('wedding', '2026-12-20', now, 'en');
    expect(tasks.length).toBeGreaterThanOrEqual(5);
    for (const t of tasks) {
      expect(Date.parse(t.dueAt)).toBeLessThan(Date.parse('2026-12-20T00:00:00Z'));
      expect(Date.parse(t.dueAt)).toBeGreaterThanOrEqual(now.getTime());
    }
  });

  it('estimates 120 guests in Moscow within 2 million roubles', () => {
    const check = checkBudget(rub, 120, { amount: 2_000_000, currency: 'RUB' });
    // (3500 + 5500) x 120 + 150 000 + 100 000 + 120 000 = 1 450 000, +15% = 1 667 500
    expect(check.estimate.total).toBe(1_667_500);
    expect(check.fits).toBe(true);
    expect(check.cheaper).toBeUndefined();
  });

  it('offers a cheaper option when the budget is short, and the guests that fit when even that is', () => {
    const tight = checkBudget(gbp, 120, { amount: 35_000, currency: 'GBP' });
    expect(tight.fits).toBe(false);
    expect(tight.cheaper).toMatchObject({ fits: true });
    expect(tight.cheaper!.total).toBeLessThanOrEqual(35_000);
    const short = checkBudget(gbp, 120, { amount: 15_000, currency: 'GBP' });
    expect(short.cheaper).toMatchObject({ fits: false });
    const n = short.cheaper!.guestsThatFit!;
    expect(checkBudget(gbp, n, { amount: 15_000, currency: 'GBP' }).cheaper?.fits).toBe(true);
    expect(checkBudget(gbp, n + 1, { amount: 15_000, currency: 'GBP' }).cheaper?.fits).toBe(false);
  });
});

describe('events pack: analytics', () => {
  it('counts deals per type with the win rate, average budgets and the estimated margin', () => {
    const pipeline = planPackApply(eventsAgencyPack, { pipelines: [], profiles: [] }, { language: 'en', now })
      .docs.pipelines[0]!;
    const deal = (id: string, stage: string, type: string, budget: string, estimate?: string): LeadDoc => ({
      id,
      title: id,
      pipelineId: 'events',
      stage,
      source: { channel: 'webchat' },
      customFields: { eventTypeId: type, budget, ...(estimate ? { estimate } : {}) },
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
    });
    const report = eventsReport(
      [
        deal('a', 'held', 'wedding', '1000000 RUB', '1150000 RUB'),
        deal('b', 'lost', 'wedding', '3000000 RUB'),
        deal('c', 'inquiry', 'wedding', '20000 GBP', '23000 GBP'),
        deal('d', 'held', 'corporate', '500000 RUB'),
        { ...deal('e', 'new', 'corporate', '1 RUB'), pipelineId: 'default' },
      ],
      pipeline,
    );
    expect(report).toEqual({
      pipelineId: 'events',
      deals: 4,
      byType: [
        {
          type: 'wedding',
          deals: 3,
          won: 1,
          lost: 1,
          winRate: 0.5,
          averageBudget: { RUB: 2_000_000, GBP: 20_000 },
        },
        { type: 'corporate', deals: 1, won: 1, lost: 0, winRate: 1, averageBudget: { RUB: 500_000 } },
      ],
      averageBudget: { RUB: 1_500_000, GBP: 20_000 },
      estimated: { RUB: 1_150_000, GBP: 23_000 },
      estimatedMargin: { RUB: 150_000, GBP: 3000 },
    });
  });
});

describe('events pack: vendors', () => {
  const directory = eventsAgencyPack.pipelines[0]!.vendors!;
  const event = (over: Partial<EventRequest>): EventRequest => ({ wishes: [], language: 'ru', ...over });

  it('picks per kind the cheapest vendor in the city that is free and holds the guests', () => {
    const picked = matchVendors(directory, event({ city: 'Москва', guests: 120, date: '2027-03-14' }));
    expect(picked.map((v) => v.id)).toEqual(['loft-arbat', 'vkusno-catering', 'zvuk-pro', 'host-ivanov']);
    // Too many guests for the loft: the bigger hall.
    expect(matchVendors(directory, event({ city: 'Москва', guests: 300 }))[0]!.id).toBe('hall-neva');
  });

  it('skips a vendor taken on the day, matches the city in either language, and finds none elsewhere', () => {
    const taken = directory.map((v) => (v.id === 'loft-arbat' ? { ...v, datesTaken: ['2027-03-14'] } : v));
    expect(matchVendors(taken, event({ city: 'Москва', guests: 120, date: '2027-03-14' }))[0]!.id).toBe(
      'hall-neva',
    );
    const english = matchVendors(directory, event({ city: 'Moscow', guests: 50, language: 'en' }), [
      'Москва',
      'Moscow',
    ]);
    expect(english.map((v) => v.kind)).toEqual(['venue', 'catering', 'av', 'host']);
    expect(matchVendors(directory, event({ city: 'Казань', guests: 50 }))).toEqual([]);
  });
});
