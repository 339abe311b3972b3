// Which figures of a reply about a quote the quote computed (issue 60): the printer's own arithmetic in
// every currency and language passes, the same amounts written another way pass, a figure of the
// model's own (a discount, a price, a grouped number) and any card or account number does not, and
// quantities, dates and phone numbers are not figures at all.
import { describe, expect, it } from 'vitest';
import type { ProductDoc } from '../schemas/products';
import { dealQuote, formatQuote, quote, type QuoteLanguage } from './index';
import { figuresIn, inventedFigures, quoteFigures, type QuotedResult } from './quote-figures';

const at = '2026-03-01T00:00:00.000Z';
const now = new Date('2026-04-15T10:00:00.000Z');
const widgetPro: ProductDoc = {
  id: 'p-wp',
  sku: 'WP-1',
  name: 'Widget Pro',
  names: { ru: 'Виджет Про' },
  prices: [
    { currency: 'RUB', amount: 1250 },
    { currency: 'USD', amount: 15.5 },
    { currency: 'EUR', amount: 14.25 },
  ],
  discounts: [
    { minQuantity: 10, percent: 10 },
    { code: 'SPRING', percent: 7.5 },
  ],
  createdAt: at,
  updatedAt: at,
};

/** What the `quote` tool returns (catalog-tools.ts), for the figures. */
function quoted(
  quantity: number,
  currency: string,
  language: QuoteLanguage,
  extra: { promoCode?: string; tax?: boolean } = {},
) {
  const q = quote([{ productId: 'p-wp', quantity }], [widgetPro], {
    now,
    currency,
    ...(extra.promoCode ? { promoCode: extra.promoCode } : {}),
    ...(extra.tax
      ? { taxes: { percent: 20, included: false, name: language === 'ru' ? 'НДС' : 'VAT' } }
      : {}),
  });
  const result: QuotedResult = {
    text: formatQuote(q, language),
    total: q.total,
    lines: dealQuote(q, { kind: 'agent', id: 'answer' }).lines,
    ...(q.tax ? { tax: q.tax } : {}),
  };
  return { q, result, figures: quoteFigures([result]) };
}

const invented = (text: string, figures: ReturnType<typeof quoted>['figures']) =>
  inventedFigures(text, figures).map((f) => (f.kind === 'account' ? 'account' : f.text));

describe('the figures a quote computed', () => {
  it("the printer's own arithmetic passes, in every currency and both languages", () => {
    for (const currency of ['RUB', 'USD', 'EUR'])
      for (const language of ['ru', 'en'] as const)
        for (const quantity of [1, 20, 1000, 12_345])
          for (const extra of [{}, { promoCode: 'SPRING', tax: true }]) {
            const { result, figures } = quoted(quantity, currency, language, extra);
            expect(invented(result.text!, figures), result.text).toEqual([]);
            // It states money, percentages and quantities (what the gate reads is really there).
            expect(figuresIn(result.text!).some((f) => f.kind === 'money')).toBe(true);
          }
  });

  it('the computed amounts written another way pass', () => {
    const rub = quoted(20, 'RUB', 'ru').figures; // 20 × 1 250 = 25 000; −10 %: 22 500
    for (const text of [
      'Итого 22 500 ₽ со скидкой 10 %.',
      'Итого 22500 рублей, скидка 10% от 10 шт.',
      'Это 22 500,00 руб. вместо 25 000 р.',
      'Total: RUB 22,500 (10 percent off 25,000).',
      '1 250 ₽ за штуку, 22\u00a0500\u00a0₽ за 20 шт.',
      'Всего 22 500 — со скидкой.',
    ])
      expect(invented(text, rub), text).toEqual([]);
    const usd = quoted(100, 'USD', 'en', { promoCode: 'SPRING' }).figures; // 1 550 → 1 395 → 1 290.37
    expect(usd.amounts).toEqual(expect.arrayContaining([15.5, 1550, 1395, 1290.37]));
    for (const text of [
      'That is $1,290.37 after 10% and the 7.5% promo code.',
      'It comes to 1290.37 USD, from $1,550.',
      'Итого 1 290,37 $ (скидки 10 % и 7,5 %).',
      'Итого 1290,37 долларов.',
      'The unit price is $15.50; 100 units.',
    ])
      expect(invented(text, usd), text).toEqual([]);
    const eur = quoted(150, 'EUR', 'ru').figures; // 150 × 14,25 = 2 137,50 €; −10 %: 1 923,75 €
    for (const text of ['Итого 1 923,75 € вместо 2 137,50 €.', 'Total €1,923.75, was EUR 2,137.50.'])
      expect(invented(text, eur), text).toEqual([]);
  });

  it('a money amount, percentage or grouped number of its own is refused', () => {
    const rub = quoted(20, 'RUB', 'ru').figures;
    const usd = quoted(100, 'USD', 'en').figures;
    for (const [text, figures, expected] of [
      ['Итого 22 500 ₽, а с нашей скидкой 15 % — 19 125 ₽.', rub, ['15', '19 125']],
      ['Итого 22 500 ₽; сегодня ещё −5 000 ₽ бонусом.', rub, ['5 000']],
      ['22 500 ₽, или всего 12 000 при оплате сегодня.', rub, ['12 000']],
      ['22 500 ₽, или всего 12,000 при оплате сегодня.', rub, ['12,000']],
      ['Итого 22 500 ₽ (примерно $270).', rub, ['270']],
      ['Total 22 500 ₽, a 25% discount applies next month.', rub, ['25']],
      ['Итого 22 500 ₽, доставка 500 рублей.', rub, ['500']],
      ['It is $1,395.00 total, or 1 015,50 $ with our partner discount.', usd, ['1 015,50']],
      ['Total $1,395; with code SAVE it is $1,015.50 (a 27.2% saving).', usd, ['1,015.50', '27.2']],
      ['Total 1395 USD, 2 137,50 $ for the premium one.', usd, ['2 137,50']],
      ['Итого 1 395 $, со скидкой 5 процентов 1 325,25 $.', usd, ['5', '1 325,25']],
    ] as const)
      expect(invented(text, figures), text).toEqual(expected);
  });

  it('money with a multiplier or in words, and percentages in words, are read and refused (issue 61)', () => {
    const rub = quoted(20, 'RUB', 'ru').figures;
    const usd = quoted(100, 'USD', 'en').figures;
    for (const [text, figures, expected] of [
      ['Итого 22 500 ₽, а при заказе от 50 тыс. ₽ ещё подарок.', rub, ['50 тыс. ₽']],
      ['Итого 22 500 ₽; годовой контракт — полмиллиона рублей.', rub, ['полмиллиона рублей']],
      ['Итого 22 500 ₽, со скидкой десять процентов.', rub, []],
      ['Итого 22 500 ₽, а постоянным клиентам пятнадцать процентов скидки.', rub, ['пятнадцать']],
      ['Total $1,395; orders over $2k get free delivery.', usd, ['2', '$2k']],
      ['Total $1,395, or twenty percent off for partners.', usd, ['twenty']],
    ] as const)
      expect(invented(text, figures), text).toEqual(expected);
    // The quote's own amounts written with a multiplier pass.
    expect(invented('Итого 22,5 тыс. ₽ со скидкой 10 %.', rub)).toEqual([]);
  });

  it("the catalog's prices and discounts that find_products gave are not invented", () => {
    const { result } = quoted(20, 'RUB', 'ru');
    const found = {
      products: [{ prices: [{ amount: 15.5 }], discounts: [{ percent: 7.5, minQuantity: 50 }] }],
    };
    const text = 'Итого 22 500 ₽; в долларах штука стоит $15.50, а по промокоду скидка 7,5 %.';
    expect(invented(text, quoteFigures([result]))).toEqual(['15.50', '7,5']);
    expect(invented(text, quoteFigures([result, found]))).toEqual([]);
  });

  it('card and account numbers are refused in any writing', () => {
    const rub = quoted(20, 'RUB', 'ru').figures;
    for (const number of [
      '4111 1111 1111 1111',
      '4111-1111-1111-1111',
      '4111111111111111',
      '5469 3800 1234 5678 901',
      '3782 822463 10005',
      '40817810099910004312',
      '4081 7810 0999 1000 4312',
      'DE89 3704 0044 0532 0130 00',
      'GB29NWBK60161331926819',
      'RU02 0445 2560 0407 0281 0412 3456 7890 1',
    ]) {
      for (const text of [
        `Итого 22 500 ₽. Оплатите на карту ${number}.`,
        `Total 22 500 ₽, pay to account ${number} please.`,
      ])
        expect(invented(text, rub), text).toContain('account');
    }
  });

  it("quantities, dates, times, phone numbers and the customer's details are not figures", () => {
    const rub = quoted(1000, 'RUB', 'ru').figures; // 1 000 × 1 250 = 1 250 000; −10 %: 1 125 000
    for (const text of [
      'За 1 000 шт. выйдет 1 125 000 ₽; это 20 коробок по 50 штук.',
      'For 1,000 pcs it is 1 125 000 ₽, delivered in 3–5 days.',
      'Итого 1 125 000 ₽. Перезвоним вам по номеру +7 999 123-45-67 в 15:00.',
      'Итого 1 125 000 ₽. Ваш телефон 8 (999) 123-45-67, второй — 999 123 45 67.',
      'Total 1 125 000 ₽. We will call +1 345 899 3560 or 8 800 555-35-35.',
      'Итого 1 125 000 ₽, доставим 15.03.2026 или 2026-03-16, счёт до March 20, 2026.',
      'Итого 1 125 000 ₽ по заказу № 4521, ИНН 7707083893, 2 копии договора.',
      'Итого 1 125 000 ₽, с 10.00 до 18.00, в 2026 году, версия 2.10, модель X200.',
    ])
      expect(invented(text, rub), text).toEqual([]);
  });
});
