// The proposal's words in English and Russian, and its numbers, money and dates formatted by Intl in
// the customer's locale (so "1 234,50 ₽" in Russian and "RUB 1,234.50"-style in English come from
// the platform, never from string building).
export type ProposalLanguage = 'en' | 'ru';

export const proposalLabels = {
  en: {
    title: 'Commercial proposal',
    number: 'No.',
    date: 'Date',
    validUntil: 'Valid until',
    customer: 'Prepared for',
    deal: 'Subject',
    item: 'Item',
    sku: 'SKU',
    quantity: 'Qty',
    unitPrice: 'Unit price',
    discount: 'Discount',
    lineTotal: 'Amount',
    subtotal: 'Subtotal',
    discountTotal: 'Discount',
    tax: 'Tax',
    total: 'Total',
    closing: 'We will be glad to answer your questions. This proposal is valid until {date}.',
    fileName: 'Proposal',
  },
  ru: {
    title: 'Коммерческое предложение',
    number: '№',
    date: 'Дата',
    validUntil: 'Действительно до',
    customer: 'Для',
    deal: 'Предмет',
    item: 'Наименование',
    sku: 'Артикул',
    quantity: 'Кол-во',
    unitPrice: 'Цена',
    discount: 'Скидка',
    lineTotal: 'Сумма',
    subtotal: 'Промежуточный итог',
    discountTotal: 'Скидка',
    tax: 'Налог',
    total: 'Итого',
    closing: 'С удовольствием ответим на ваши вопросы. Предложение действительно до {date}.',
    fileName: 'КП',
  },
} as const satisfies Record<ProposalLanguage, Record<string, string>>;

export type ProposalLabels = (typeof proposalLabels)[ProposalLanguage];

const locales: Record<ProposalLanguage, string> = { en: 'en-US', ru: 'ru-RU' };

/** Intl formatters of one language; the same ones the tests use to expect the printed text. */
export function proposalFormat(language: ProposalLanguage, currency: string) {
  const locale = locales[language];
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  return {
    money: (n: number) => money.format(n),
    number: (n: number) => number.format(n),
    percent: (p: number) => percent.format(p / 100),
    /** A calendar day `YYYY-MM-DD` or an ISO time, as a long date. */
    date: (d: string) => day.format(new Date(d.length === 10 ? `${d}T00:00:00Z` : d)),
  };
}
