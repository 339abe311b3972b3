// The catalog's pure parts on the issue's own case (Widget Pro, 20 units, 10% from 10: 22 500 ₽) and
// around it: names in either language and case, SKUs, quantities, periods, promo codes, integer money.
import { describe, expect, it } from 'vitest';
import { validateDoc } from '../validation';
import type { ProductDoc } from '../schemas/products';
import {
  findProducts,
  formatMoney,
  formatQuote,
  productMentions,
  quote,
  readPeriod,
  readPromoCode,
  readQuoteRequest,
  toMinor,
} from './index';
import { quoteFigures } from './quote-figures';
import { unitFor } from './units';

const at = '2026-03-01T00:00:00.000Z';
const now = new Date('2026-04-15T10:00:00.000Z');
const product = (
  p: Partial<ProductDoc> & Pick<ProductDoc, 'id' | 'sku' | 'name' | 'prices'>,
): ProductDoc => ({
  createdAt: at,
  updatedAt: at,
  ...p,
});

const widgetPro = product({
  id: 'p-wp',
  sku: 'WP-1',
  name: 'Widget Pro',
  names: { ru: 'Виджет Про' },
  prices: [{ currency: 'RUB', amount: 1250 }],
  discounts: [{ minQuantity: 10, percent: 10 }],
});
const widget = product({ id: 'p-w', sku: 'W-0', name: 'Widget', prices: [{ currency: 'RUB', amount: 900 }] });
const crm = product({
  id: 'p-crm',
  sku: 'CRM-SEAT',
  name: 'CRM Seat',
  names: { ru: 'Место в CRM', en: 'CRM Seat' },
  unit: 'seats',
  prices: [
    { currency: 'USD', amount: 19.99, period: 'month' },
    { currency: 'USD', amount: 199.9, period: 'year' },
    { currency: 'RUB', amount: 1490, period: 'month' },
  ],
  discounts: [
    { minQuantity: 5, percent: 5 },
    { minQuantity: 10, percent: 12.5 },
    { period: 'year', percent: 15 },
    {
      code: 'SPRING10',
      percent: 10,
      validFrom: '2026-03-01T00:00:00.000Z',
      validTo: '2026-05-31T23:59:59.000Z',
    },
    { code: 'WINTER', percent: 20, validTo: '2026-02-28T23:59:59.000Z' },
  ],
});
const retired = product({
  id: 'p-old',
  sku: 'OLD-1',
  name: 'Gadget Classic',
  active: false,
  prices: [{ currency: 'RUB', amount: 10 }],
});
const catalog = [widgetPro, widget, crm, retired];
const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('catalog fixtures', () => {
  it('are valid product docs', () => {
    for (const p of catalog) expect(validateDoc('products', p)).toMatchObject({ ok: true });
  });
});

describe('finding products a customer names', () => {
  it.each([
    ['How much for 20 Widget Pro?', 'p-wp'],
    ['Сколько стоят 20 Widget Pro?', 'p-wp'],
    ['сколько стоит виджет про', 'p-wp'],
    ['А 5 виджетов про со скидкой?', 'p-wp'],
    ['price of WIDGET PRO please', 'p-wp'],
    ['WP-1 x 3', 'p-wp'],
    ['wp1, 3 pcs', 'p-wp'],
    ['I need 12 CRM seats paid yearly', 'p-crm'],
    ['нужно 12 мест в CRM на 12 месяцев', 'p-crm'],
  ])('%s', (text, id) => {
    expect(productMentions(text, catalog).map((m) => m.product.id)).toEqual([id]);
  });

  it('a longer name wins over one inside it; two products in one message', () => {
    expect(productMentions('Widget and Widget Pro', catalog).map((m) => m.product.id)).toEqual([
      'p-w',
      'p-wp',
    ]);
  });

  it('names nothing when no product is named, and never a retired one', () => {
    expect(productMentions('How much is delivery to Kazan?', catalog)).toEqual([]);
    expect(productMentions('Gadget Classic price?', catalog)).toEqual([]);
  });

  it('findProducts ranks an exact SKU, then the fullest name match', () => {
    expect(findProducts('WP-1', catalog)[0]).toMatchObject({ product: { id: 'p-wp' }, score: 1, via: 'sku' });
    const ranked = findProducts('widget pro', catalog).map((m) => m.product.id);
    expect(ranked.slice(0, 2)).toEqual(['p-wp', 'p-w']);
    expect(findProducts('виджет', catalog).map((m) => m.product.id)).toContain('p-wp');
    expect(findProducts('gadget', catalog)).toEqual([]);
    expect(findProducts('gadget', catalog, { includeRetired: true })[0]?.product.id).toBe('p-old');
  });
});

describe('reading what a message asks a quote for', () => {
  it.each([
    ['How much for 20 Widget Pro?', 20],
    ['Сколько стоят 20 Widget Pro?', 20],
    ['Widget Pro x 7', 7],
    ['Widget Pro — 5 шт', 5],
    ['5 шт Widget Pro', 5],
    ['Widget Pro, 1 000 units', 1000],
    ['price for Widget Pro', 1],
    ['WP-1 please', 1],
  ])('%s: quantity %d', (text, quantity) => {
    expect(readQuoteRequest(text, catalog).lines).toEqual([
      {
        productId: 'p-wp',
        quantity,
        quantityStated: quantity !== 1 || /\b1\b(?!-)/.test(text.replace('WP-1', '')),
      },
    ]);
  });

  it('a word of a name another word qualifies is talk, not a quote, unless the message asks a price', () => {
    const support = product({
      id: 'p-sup',
      sku: 'SUP-247',
      name: 'Premium support 24/7',
      prices: [{ currency: 'USD', amount: 99 }],
    });
    // The demo's "When is your support team available?" was asked how many Premium support it needs.
    expect(readQuoteRequest('When is your support team available?', [support]).lines).toEqual([]);
    expect(readQuoteRequest('How much is the support team plan?', [support]).askBack).toEqual(['p-sup']);
  });

  it('quantities per product, and one stated elsewhere for a single product', () => {
    expect(readQuoteRequest('3 Widget and 20 Widget Pro', catalog).lines.map((l) => l.quantity)).toEqual([
      3, 20,
    ]);
    expect(readQuoteRequest('CRM seat, we are 12 users', catalog).lines[0]?.quantity).toBe(12);
  });

  it.each([
    ['12 seats paid yearly', 'year'],
    ['на 12 месяцев', 'year'],
    ['на 3 месяца', 'month'],
    ['annual plan', 'year'],
    ['оплата за год', 'year'],
    ['ежемесячно', 'month'],
    ['per month', 'month'],
    ['How much for 20 Widget Pro?', undefined],
  ])('period of %s', (text, period) => {
    expect(readPeriod(text)).toBe(period);
  });

  it('reads promo codes in either language', () => {
    expect(readPromoCode('promo SPRING10')).toBe('SPRING10');
    expect(readPromoCode('Promo code: spring10')).toBe('SPRING10');
    expect(readPromoCode('есть промокод ВЕСНА2026')).toBe('ВЕСНА2026');
    expect(readPromoCode('How much for 20 Widget Pro?')).toBeUndefined();
  });
});

describe('quote', () => {
  it('prices no fraction of a product sold by the piece: a problem, never a rounded count', () => {
    const q = quote(
      [
        { productId: 'p-wp', quantity: 2.5 },
        { productId: 'p-w', quantity: 3 },
      ],
      catalog,
      { now },
    );
    expect(q.problems).toEqual([{ reason: 'fractional-count', productId: 'p-wp', sku: widgetPro.sku }]);
    expect(q.lines.map((l) => [l.productId, l.quantity])).toEqual([['p-w', 3]]);
  });

  it("the issue's case: 20 Widget Pro at 1 250 ₽ with 10% from 10 is 22 500 ₽", () => {
    const q = quote([{ productId: 'p-wp', quantity: 20 }], catalog, { now });
    expect(q).toMatchObject({
      currency: 'RUB',
      subtotalMinor: 2_500_000,
      discountMinor: 250_000,
      totalMinor: 2_250_000,
      total: 22500,
    });
    expect(q.lines[0]?.discounts).toEqual([
      { kind: 'volume', percent: 10, minQuantity: 10, amountMinor: 250_000, afterMinor: 2_250_000 },
    ]);
    expect(spaces(formatQuote(q, 'en'))).toBe(
      'Price from our catalog:\nWidget Pro: 20 × ₽1,250 = ₽25,000; −10% from 10 pcs: ₽22,500.\n' +
        'Widget Pro with the discount: 20 × ₽1,125 = ₽22,500.',
    );
    expect(spaces(formatQuote(q, 'ru'))).toBe(
      'Стоимость по каталогу:\nВиджет Про: 20 × 1 250 ₽ = 25 000 ₽; −10 % от 10 шт.: 22 500 ₽.\n' +
        'Виджет Про со скидкой: 20 × 1 125 ₽ = 22 500 ₽.',
    );
    // The price for one after the discount is a computed figure: a model's reply may say it (reply gate).
    expect(quoteFigures([{ text: formatQuote(q, 'ru') }]).amounts).toContain(1125);
  });

  it('below the tier there is no discount; the highest tier reached applies', () => {
    expect(quote([{ sku: 'wp-1', quantity: 9 }], catalog, { now }).total).toBe(11250);
    const q = quote([{ productId: 'p-crm', quantity: 12 }], catalog, {
      now,
      currency: 'USD',
      period: 'month',
    });
    // 12 × 19.99 = 239.88; 12.5% of it is 29.985, rounded half up to 29.99 off: 209.89
    expect(q.lines[0]).toMatchObject({
      unitMinor: 1999,
      subtotalMinor: 23_988,
      totalMinor: 20_989,
      period: 'month',
    });
    expect(q.lines[0]?.discounts.map((d) => d.percent)).toEqual([12.5]);
  });

  it('the period discount and a valid promo code apply on top of the tier', () => {
    const q = quote([{ productId: 'p-crm', quantity: 12 }], catalog, {
      now,
      currency: 'USD',
      period: 'year',
      promoCode: 'spring10',
    });
    // 12 × 199.90 = 2398.80; −12.5% -> 2098.95; −15% -> 1784.11 (1784.1075); −10% -> 1605.70 (1605.699)
    expect(q.lines[0]?.discounts.map((d) => [d.kind, d.afterMinor])).toEqual([
      ['volume', 209_895],
      ['period', 178_411],
      ['promo', 160_570],
    ]);
    expect(q).toMatchObject({ total: 1605.7, promoCode: 'SPRING10', problems: [] });
    expect(spaces(formatQuote(q, 'en'))).toContain(
      '−15% yearly billing: $1,784.11; −10% promo code SPRING10: $1,605.70.',
    );
  });

  it('a monthly price paid yearly gets the yearly discount', () => {
    const q = quote([{ productId: 'p-crm', quantity: 1 }], catalog, { now, currency: 'RUB', period: 'year' });
    // 1490 a month (no yearly RUB price), −15% for paying yearly: 1266.50
    expect(q.lines[0]).toMatchObject({ period: 'month', unitMinor: 149_000, totalMinor: 126_650 });
    expect(q.lines[0]?.discounts.map((d) => d.kind)).toEqual(['period']);
  });

  it('a promo code outside its validity or unknown is not applied, and says so', () => {
    const late = quote([{ productId: 'p-crm', quantity: 1 }], catalog, {
      now,
      currency: 'USD',
      promoCode: 'WINTER',
    });
    expect(late.lines[0]?.discounts).toEqual([]);
    expect(late.problems).toEqual([{ reason: 'promo-not-valid-now', code: 'WINTER' }]);
    expect(formatQuote(late, 'ru')).toContain('Промокод WINTER сейчас не действует.');
    const unknown = quote([{ productId: 'p-wp', quantity: 1 }], catalog, { now, promoCode: 'FREE100' });
    expect(unknown.problems).toEqual([{ reason: 'promo-unknown', code: 'FREE100' }]);
    expect(unknown.total).toBe(1250);
  });

  it("units and money in the customer's language (issue 64: «за seat», «от 10 pcs»)", () => {
    // The CRM seat's unit is English only ("seats"): a Russian reply says «мест», an English one "seats".
    const seats = quote([{ productId: 'p-crm', quantity: 12 }], catalog, { now, currency: 'USD' });
    expect(spaces(formatQuote(seats, 'ru'))).toBe(
      'Стоимость по каталогу:\nМесто в CRM: 12 × 19,99 $/мес. = 239,88 $; −12,5 % от 10 мест: 209,89 $.\n' +
        'Место в CRM со скидкой: ≈ 17,49 $/мес. за место.',
    );
    expect(spaces(formatQuote(seats, 'en'))).toBe(
      'Price from our catalog:\nCRM Seat: 12 × $19.99/month = $239.88; −12.5% from 10 seats: $209.89.\n' +
        'CRM Seat with the discount: ≈ $17.49/month per seat.',
    );
    // A unit the team gave per language is taken as written; one not known here stays as written.
    const boxes = [
      { ...widgetPro, unit: 'box', units: { ru: 'коробок' } },
      { ...widget, unit: 'box' },
    ];
    const q = quote([{ productId: 'p-wp', quantity: 20 }], boxes, { now });
    expect(spaces(formatQuote(q, 'ru'))).toContain('от 10 коробок');
    expect(spaces(formatQuote(q, 'en'))).toContain('from 10 box');
    // From one: «от 1 места», "from 1 seat"; hours: «от 5 часов».
    expect(unitFor({ unit: 'seat' }, 'ru', 1, { from: true })).toBe('места');
    expect(unitFor({ unit: 'seat' }, 'en', 1, { from: true })).toBe('seat');
    expect(unitFor({ unit: 'час' }, 'ru', 5, { from: true })).toBe('часов');
    expect(unitFor({ unit: 'час' }, 'en', 3)).toBe('hours');
    expect(unitFor({}, 'ru', 3)).toBe('шт.');
    expect(formatMoney(213_750, 'USD', 'ru').replace(/\s/g, ' ')).toBe('2 137,50 $');
    expect(formatMoney(213_750, 'USD', 'en')).toBe('$2,137.50');
  });

  it('taxes on top or included', () => {
    const onTop = quote([{ productId: 'p-wp', quantity: 20 }], catalog, {
      now,
      taxes: { percent: 20, included: false, name: 'VAT' },
    });
    expect(onTop).toMatchObject({ totalMinor: 2_700_000, tax: { amountMinor: 450_000 } });
    expect(spaces(formatQuote(onTop, 'en'))).toContain('VAT 20%: ₽4,500. Total: ₽27,000.');
    const included = quote([{ productId: 'p-wp', quantity: 20 }], catalog, {
      now,
      taxes: { percent: 20, included: true, name: 'НДС' },
    });
    expect(included).toMatchObject({ totalMinor: 2_250_000, tax: { amountMinor: 375_000 } });
    expect(spaces(formatQuote(included, 'ru'))).toContain('Итого: 22 500 ₽ (в т. ч. НДС 20 %: 3 750 ₽).');
  });

  it('reports what it cannot price instead of guessing', () => {
    const q = quote(
      [
        { productId: 'p-w', quantity: 2 },
        { productId: 'nope', quantity: 1 },
        { productId: 'p-old', quantity: 1 },
      ],
      catalog,
      { now, currency: 'USD' },
    );
    expect(q.lines).toEqual([]);
    expect(q.problems.map((p) => p.reason)).toEqual([
      'unknown-product',
      'not-offered',
      'no-price-in-currency',
    ]);
    expect(q.total).toBe(0);
  });

  it('has no floating-point drift', () => {
    expect(toMinor(1250.1, 'RUB')).toBe(125_010n);
    expect(toMinor(0.1 + 0.2, 'USD')).toBe(30n);
    expect(toMinor(1000, 'JPY')).toBe(1000n);
    const cheap = product({ id: 'p-c', sku: 'C', name: 'Cheap', prices: [{ currency: 'USD', amount: 0.1 }] });
    expect(quote([{ productId: 'p-c', quantity: 3 }], [cheap], { now }).total).toBe(0.3);
  });

  it('two lines have a total', () => {
    const q = quote(
      [
        { productId: 'p-wp', quantity: 20 },
        { productId: 'p-w', quantity: 2 },
      ],
      catalog,
      { now },
    );
    expect(q.total).toBe(24300);
    expect(spaces(formatQuote(q, 'ru')).split('\n').at(-1)).toBe('Итого: 24 300 ₽.');
  });
});
