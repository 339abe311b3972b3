// Table tests of the quotes12 round's fraction class (issue 61): a product sold by a measure that divides
// (kg, m, m³, litre, hour) takes a fraction ("2,5 кг", "1.5 m", «три с половиной», "four and a half",
// «полтора»), priced exactly in minor units and rounded half up; counts (pieces, people, nights, months)
// stay whole, a fraction of them asked back. Products and sentences are new ones, not the sets'.
import { describe, expect, it } from 'vitest';
import { quote } from '../catalog/quote';
import { formatQuote } from '../catalog/format-quote';
import { unitFor } from '../catalog/units';
import { findNumbers } from './numbers';
import { readLines, testProduct } from '../testing/test-product';

const catalog = [
  testProduct('cheese', 'Сыр пармезан', 'Parmesan', {
    unit: 'kg',
    units: { ru: 'кг', en: 'kg' },
    amount: 1999,
  }),
  testProduct('fabric', 'Ткань льняная', 'Linen Fabric', {
    unit: 'm',
    units: { ru: 'м', en: 'm' },
    amount: 333,
  }),
  testProduct('tutor', 'Занятие с репетитором', 'Tutoring Session', {
    unit: 'hour',
    units: { ru: 'час', en: 'hour' },
    kind: 'service',
    amount: 1500,
  }),
  testProduct('vase', 'Ваза керамическая', 'Ceramic Vase', { unit: 'pcs' }),
  testProduct('room', 'Номер в гостинице', 'Hotel Room', {
    unit: 'night',
    units: { ru: 'ночь', en: 'night' },
  }),
];
const read = (text: string) => readLines(text, catalog).lines;
const now = new Date('2026-06-01T00:00:00Z');

describe('a half after a number ends it', () => {
  it.each([
    ['пять с половиной метров', 5.5],
    ['seven and a half kilos', 7.5],
    ['12 с половиной кг', 12.5],
    ['two and a half hours', 2.5],
  ])('%s', (text, value) => {
    expect(findNumbers(text).map((n) => n.value)).toEqual([value]);
  });

  it('guard: a half before a multiplier or after a counted noun reads as before', () => {
    expect(findNumbers('два с половиной миллиона').map((n) => n.value)).toEqual([2_500_000]);
    expect(findNumbers('a dozen and a half').map((n) => n.value)).toEqual([18]);
  });
});

describe('a measure that divides takes a fraction', () => {
  it.each([
    ['сыр пармезан 2,5 кг', [['cheese', 2.5]]],
    ['Parmesan, one and a half kilos please', [['cheese', 1.5]]],
    ['льняная ткань, три с половиной метра', [['fabric', 3.5]]],
    ['4.5 m of linen fabric', [['fabric', 4.5]]],
    ['занятие с репетитором на полтора часа', [['tutor', 1.5]]],
  ])('%s', (text, lines) => {
    expect(read(text)).toEqual(lines);
  });

  it('guard: a count stays whole, its fraction asked back', () => {
    expect(read('2.5 ceramic vases')).toEqual([['vase', null]]);
    // Two amounts of one measure: asked back as before.
    expect(read('Пармезан 0,75 кг? Нет, лучше 1,25 кг пармезана')).toEqual([['cheese', null]]);
    expect(read('номер в гостинице на полторы ночи')).toEqual([['room', null]]);
  });
});

describe('quote(): a fractional quantity priced exactly, rounded half up', () => {
  it('prices 2.5 kg and 1.5 m in minor units and prints the fraction', () => {
    const q = quote(
      [
        { productId: 'cheese', quantity: 2.5 },
        { productId: 'fabric', quantity: 1.5 },
      ],
      catalog,
      { now },
    );
    // 2.5 × 1 999 = 4 997.50; 1.5 × 333 = 499.50.
    expect(q.lines.map((l) => [l.quantity, l.subtotalMinor])).toEqual([
      [2.5, 499_750],
      [1.5, 49_950],
    ]);
    expect(q.total).toBe(5497);
    expect(formatQuote(q, 'ru')).toMatch(/2,5 × 1\s999\s₽/u);
    expect(formatQuote(q, 'en')).toMatch(/1\.5 × ₽333/u);
  });

  it('rounds a third of a cent half up', () => {
    const q = quote([{ productId: 'fabric', quantity: 1.3333 }], catalog, { now });
    // 1.3333 × 333.00 = 443.9889 → 443.99.
    expect(q.lines[0]!.subtotalMinor).toBe(44_399);
  });

  it('a tier compares the fractional quantity', () => {
    const tiered = [{ ...catalog[0]!, discounts: [{ minQuantity: 5, percent: 10 }] }];
    expect(quote([{ productId: 'cheese', quantity: 4.5 }], tiered, { now }).lines[0]!.discounts).toEqual([]);
    expect(quote([{ productId: 'cheese', quantity: 5.5 }], tiered, { now }).lines[0]!.discounts).toHaveLength(
      1,
    );
  });

  it('guard: a fraction of a count is not priced (a problem, never a count rounded to a guess)', () => {
    const q = quote([{ productId: 'vase', quantity: 2.7 }], catalog, { now });
    expect(q.lines).toEqual([]);
    expect(q.problems.map((p) => p.reason)).toEqual(['fractional-count']);
  });

  it('a fraction takes the genitive singular in Russian', () => {
    expect(unitFor(catalog[2]!, 'ru', 1.5)).toBe('часа');
    expect(unitFor(catalog[2]!, 'en', 1.5)).toBe('hours');
  });
});
