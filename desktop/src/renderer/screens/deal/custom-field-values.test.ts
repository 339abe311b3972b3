// The custom field values a deal stores and the typed values refused (custom-field-values.ts).
import { describe, expect, it } from 'vitest';
import type { CustomFieldDef } from '@app/shared/schemas';
import { customProblemsOf, moneyOf, moneyText, numberText } from './custom-field-values';

const defs: CustomFieldDef[] = [
  { id: 'guests', type: 'number', labels: { en: 'Guests', ru: 'Гостей' } },
  { id: 'budget', type: 'money', labels: { en: 'Budget', ru: 'Бюджет' } },
  { id: 'city', type: 'text', labels: { en: 'City', ru: 'Город' } },
  { id: 'day', type: 'date', labels: { en: 'Day', ru: 'День' } },
];

describe('custom field values', () => {
  it('stores a typed number as its digits, words as typed', () => {
    expect(numberText('1 500')).toBe('1500');
    expect(numberText('2,5')).toBe('2.5');
    expect(numberText('  ')).toBe('');
    expect(numberText('many')).toBe('many');
  });

  it('reads and writes money as an amount and a currency', () => {
    expect(moneyOf('2500000 RUB', 'USD')).toEqual({ amount: '2500000', currency: 'RUB' });
    expect(moneyOf('lots', 'USD')).toEqual({ amount: 'lots', currency: 'USD' });
    expect(moneyText('2 500 000', 'RUB')).toBe('2500000 RUB');
    expect(moneyText('', 'RUB')).toBe('');
    expect(moneyText('lots', 'RUB')).toBe('lots');
  });

  it('refuses a number or money that is none, and nothing else', () => {
    expect(customProblemsOf(defs, { guests: '150', budget: '10 EUR', city: 'x', day: '2027-01-01' })).toEqual(
      [],
    );
    expect(customProblemsOf(defs, { guests: 'many', budget: 'lots', city: '12' })).toEqual([
      'guests',
      'budget',
    ]);
    expect(customProblemsOf(defs, { guests: ' ', budget: '' })).toEqual([]);
  });
});
