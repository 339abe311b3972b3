// The catalog's view of a product: names in the UI's language, prices by Intl, the discount summary,
// the search, and the product editor's checks.
import { describe, expect, it } from 'vitest';
import { sampleDocs } from '@app/shared/fixtures';
import type { ProductDoc } from '@app/shared/schemas';
import { translator } from '../i18n/i18n';
import { formatter } from './format';
import { checkForm, discountTexts, formOf, matchesProduct, priceTexts, productName } from './product-view';

const product: ProductDoc = {
  ...sampleDocs.products,
  prices: [
    { currency: 'RUB', amount: 1250, period: 'month' },
    { currency: 'USD', amount: 15.5 },
  ],
  discounts: [
    { minQuantity: 50, percent: 10 },
    { minQuantity: 10, percent: 5 },
    { period: 'year', percent: 15 },
    { code: 'SPRING', percent: 20 },
  ],
};

describe('product view', () => {
  it('names, prices and discounts in each language', () => {
    expect(productName(product, 'ru')).toBe('Виджет Про');
    expect(productName(product, 'en')).toBe('Widget Pro');
    const ru = translator('ru');
    expect(priceTexts(product, ru, formatter('ru')).map((s) => s.replace(/\s/g, ' '))).toEqual([
      '1 250 ₽/мес.',
      '15,50 $',
    ]);
    expect(priceTexts(product, translator('en'), formatter('en'))).toEqual(['₽1,250/month', '$15.50']);
    expect(discountTexts(product.discounts, translator('en'))).toEqual([
      'from 10: −5%',
      'from 50: −10%',
      'yearly billing −15%',
      'code SPRING: −20%',
    ]);
  });

  it('searches SKU, names and descriptions in any case', () => {
    expect(matchesProduct(product, 'wp-1')).toBe(true);
    expect(matchesProduct(product, 'виджет')).toBe(true);
    expect(matchesProduct(product, 'teams')).toBe(true);
    expect(matchesProduct(product, 'gadget')).toBe(false);
  });

  it('reads prices as the deal form does (typed-number.ts): grouped thousands, decimal commas', () => {
    const form = formOf(product);
    const priced = (amount: string) => {
      const r = checkForm({ ...form, prices: [{ currency: 'RUB', amount, period: '' }] }, product, new Set());
      return r.ok ? r.fields.prices[0]!.amount : 'invalid';
    };
    expect(priced('1,490.50')).toBe(1490.5);
    expect(priced('190,000')).toBe(190000);
    expect(priced('1 490,5')).toBe(1490.5);
    expect(priced('1e3')).toBe('invalid');
    expect(priced('')).toBe('invalid');
  });

  it('checks the editor form and keeps the discounts it does not edit', () => {
    const form = formOf(product);
    const ok = checkForm(
      { ...form, tiers: [{ minQuantity: '20', percent: '7,5' }] },
      product,
      new Set(['OTHER']),
    );
    expect(ok.ok && ok.fields.discounts).toEqual([
      { minQuantity: 20, percent: 7.5 },
      { period: 'year', percent: 15 },
      { code: 'SPRING', percent: 20 },
    ]);
    const bad = checkForm(
      {
        ...form,
        sku: 'OTHER',
        name: ' ',
        prices: [
          { currency: 'XYZ', amount: '1', period: '' },
          { currency: 'RUB', amount: '-1', period: '' },
          { currency: 'USD', amount: '1 000', period: 'month' },
          { currency: 'USD', amount: '2', period: 'month' },
        ],
        tiers: [
          { minQuantity: '0', percent: '5' },
          { minQuantity: '10', percent: '5' },
          { minQuantity: '10', percent: '6' },
        ],
      },
      product,
      new Set(['OTHER']),
    );
    expect(bad.ok ? [] : bad.problems.map((p) => p.key)).toEqual([
      'catalog.form.skuTaken',
      'catalog.form.nameRequired',
      'catalog.form.currencyInvalid',
      'catalog.form.amountInvalid',
      'catalog.form.priceTwice',
      'catalog.form.tierInvalid',
      'catalog.form.tierTwice',
    ]);
    expect(checkForm({ ...form, prices: [] }, product, new Set()).ok).toBe(false);
  });
});
