// A quote's arithmetic as the customer reads it, in Russian or English, every number formatted by Intl:
// "Widget Pro: 20 × 1 250 ₽ = 25 000 ₽; −10% от 10 мест: 22 500 ₽". Amounts, quantities, percentages,
// units (units.ts) and words all follow the customer's language: a Russian reader sees "2 137,50 $",
// an English one "$2,137.50" and "₽22,500".
import { minorDigits, toMajor } from './money';
import type { Quote, QuoteLine } from './quote';
import type { BillingPeriod } from './quote-request';
import { unitFor } from './units';

export type QuoteLanguage = 'ru' | 'en';

const languageLocales: Record<QuoteLanguage, string> = { ru: 'ru-RU', en: 'en-US' };

/** An amount in minor units as text ("22 500 ₽", "2 137,50 $", "$2,137.50"): no decimals when whole. */
export function formatMoney(minor: number, currency: string, language: QuoteLanguage): string {
  const major = toMajor(BigInt(minor), currency);
  const whole = Number.isInteger(major);
  return new Intl.NumberFormat(languageLocales[language], {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: whole ? 0 : minorDigits(currency),
    maximumFractionDigits: minorDigits(currency),
  }).format(major);
}

const formatNumber = (n: number, language: QuoteLanguage) =>
  new Intl.NumberFormat(languageLocales[language]).format(n);

const formatPercent = (percent: number, language: QuoteLanguage) =>
  new Intl.NumberFormat(languageLocales[language], { style: 'percent', maximumFractionDigits: 2 }).format(
    percent / 100,
  );

const words = {
  en: {
    intro: 'Price from our catalog:',
    from: 'from',
    perPeriod: { month: '/month', year: '/year', once: '' },
    period: { month: 'monthly billing', year: 'yearly billing', once: 'one-time payment' },
    promo: 'promo code',
    total: 'Total',
    includes: 'incl.',
    tax: 'tax',
    promoUnknown: (code: string) => `Promo code ${code} is not in our catalog.`,
    promoInvalid: (code: string) => `Promo code ${code} is not valid now.`,
  },
  ru: {
    intro: 'Стоимость по каталогу:',
    from: 'от',
    perPeriod: { month: '/мес.', year: '/год', once: '' },
    period: { month: 'при оплате помесячно', year: 'при оплате за год', once: 'при разовой оплате' },
    promo: 'по промокоду',
    total: 'Итого',
    includes: 'в т. ч.',
    tax: 'налог',
    promoUnknown: (code: string) => `Промокода ${code} нет в нашем каталоге.`,
    promoInvalid: (code: string) => `Промокод ${code} сейчас не действует.`,
  },
} as const;

/** A price's period as the quote writes it after the amount ("/month", "/мес."; nothing for once). */
export const periodSuffix = (period: BillingPeriod, language: QuoteLanguage): string =>
  words[language].perPeriod[period];

/** One line's arithmetic: "Widget Pro: 20 × 1 250 ₽ = 25 000 ₽; −10% от 10 шт.: 22 500 ₽". */
export function formatQuoteLine(line: QuoteLine, currency: string, language: QuoteLanguage): string {
  const w = words[language];
  const money = (minor: number) => formatMoney(minor, currency, language);
  const name = line.names?.[language] ?? line.name;
  const per = line.period ? w.perPeriod[line.period] : '';
  const parts = [
    `${name}: ${formatNumber(line.quantity, language)} × ${money(line.unitMinor)}${per} = ${money(line.subtotalMinor)}`,
  ];
  for (const d of line.discounts) {
    const what =
      d.kind === 'volume'
        ? d.minQuantity && d.minQuantity > 1
          ? ` ${w.from} ${formatNumber(d.minQuantity, language)} ${unitFor(line, language, d.minQuantity, { from: true })}`
          : ''
        : d.kind === 'period'
          ? ` ${w.period[d.period ?? 'once']}`
          : ` ${w.promo} ${d.code ?? ''}`;
    parts.push(`−${formatPercent(d.percent, language)}${what}: ${money(d.afterMinor)}`);
  }
  return `${parts.join('; ')}.`;
}

/**
 * A discounted line's price for one, so the customer sees what one costs after the discount: "Офисное
 * кресло со скидкой: 15 × 11 400 ₽ = 171 000 ₽." When the line's amount does not divide into whole
 * cents, the price for one is said as approximate ("≈ 370,03 $ за шт."). None without a discount or
 * for one unit (the line already says it).
 */
export function formatUnitAfterDiscount(
  line: QuoteLine,
  currency: string,
  language: QuoteLanguage,
): string | undefined {
  const last = line.discounts[line.discounts.length - 1];
  if (!last || line.quantity <= 1) return undefined;
  const money = (minor: number) => formatMoney(minor, currency, language);
  const name = line.names?.[language] ?? line.name;
  const per = line.period ? words[language].perPeriod[line.period] : '';
  const one = last.afterMinor / line.quantity;
  const what = language === 'ru' ? `${name} со скидкой` : `${name} with the discount`;
  if (Number.isInteger(one))
    return `${what}: ${formatNumber(line.quantity, language)} × ${money(one)}${per} = ${money(last.afterMinor)}.`;
  const each =
    language === 'ru'
      ? `за ${unitFor(line, 'ru')}`
      : line.unit || line.units?.en
        ? `per ${unitFor(line, 'en')}`
        : 'each';
  return `${what}: ≈ ${money(Math.round(one))}${per} ${each}`.replace(/\.*$/u, '.');
}

/**
 * The whole quote: its lines (each discounted one followed by its price for one after the discount),
 * the tax and total when there is more than one line or a tax, problems.
 */
export function formatQuote(q: Quote, language: QuoteLanguage): string {
  const w = words[language];
  const money = (minor: number) => formatMoney(minor, q.currency, language);
  const out = [
    w.intro,
    ...q.lines.flatMap((l) => {
      const one = formatUnitAfterDiscount(l, q.currency, language);
      return [formatQuoteLine(l, q.currency, language), ...(one ? [one] : [])];
    }),
  ];
  const taxName = q.tax ? `${q.tax.name ?? w.tax} ${formatPercent(q.tax.percent, language)}` : '';
  if (q.tax && !q.tax.included) {
    out.push(`${taxName}: ${money(q.tax.amountMinor)}. ${w.total}: ${money(q.totalMinor)}.`);
  } else if (q.tax) {
    out.push(`${w.total}: ${money(q.totalMinor)} (${w.includes} ${taxName}: ${money(q.tax.amountMinor)}).`);
  } else if (q.lines.length > 1) out.push(`${w.total}: ${money(q.totalMinor)}.`);
  for (const p of q.problems) {
    if (p.reason === 'promo-unknown' && p.code) out.push(w.promoUnknown(p.code));
    if (p.reason === 'promo-not-valid-now' && p.code) out.push(w.promoInvalid(p.code));
  }
  return out.join('\n');
}
