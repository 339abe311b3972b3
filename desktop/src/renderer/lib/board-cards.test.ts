import { describe, expect, it } from 'vitest';
import { ageOf, personName, scoreBand, splitMoney } from './board-cards';

describe('board cards', () => {
  it('sums a column in the main currency and names the others apart, largest first', () => {
    expect(splitMoney({ RUB: 9_310_000, USD: 125_500, EUR: 25_500 }, 'USD')).toEqual({
      currency: 'USD',
      amount: 125_500,
      others: [
        { currency: 'RUB', amount: 9_310_000 },
        { currency: 'EUR', amount: 25_500 },
      ],
    });
    expect(splitMoney({ EUR: 0, RUB: 10 }, 'RUB')).toEqual({ currency: 'RUB', amount: 10, others: [] });
    expect(splitMoney({}, 'RUB')).toEqual({ currency: 'RUB', amount: 0, others: [] });
  });

  it('names a member by their name, else by their login written as a name, never the address', () => {
    expect(personName({ name: ' Anna Admin ', email: 'a@x.io' })).toBe('Anna Admin');
    expect(personName({ email: 'anna.petrova@example.com' })).toBe('Anna Petrova');
    expect(personName({ email: 'rep-1764@example.com' })).toBe('Rep 1764');
    expect(personName({ email: '@' })).toBe('@');
  });

  it('tells the age in its largest whole unit', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    expect(ageOf('2026-11-20T11:00:00Z', now)).toEqual({ value: 3, unit: 'day' });
    expect(ageOf('2026-11-23T09:30:00Z', now)).toEqual({ value: 2, unit: 'hour' });
    expect(ageOf('2026-11-23T11:58:00Z', now)).toEqual({ value: 2, unit: 'minute' });
    expect(ageOf('2026-11-24T00:00:00Z', now)).toEqual({ value: 0, unit: 'minute' });
    expect(ageOf(undefined, now)).toBeNull();
    expect(ageOf('soon', now)).toBeNull();
  });

  it('bands scores at 40 and 70', () => {
    expect([0, 39, 40, 69, 70, 100].map(scoreBand)).toEqual(['cold', 'cold', 'warm', 'warm', 'hot', 'hot']);
  });
});
