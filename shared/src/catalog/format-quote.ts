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

// ---------------------------------------------------------------------------------------------------
// How a quote asks and says "how many", in the product's unit (issue 61): one place for every phrase
// that turns a unit into words. A product counted in pieces is asked "how many" («Сколько штук «Кресло
// Ergo» вам нужно?», "How many Ergo Chairs do you need?"); one sold by time or per person "for how long /
// for how many" («На сколько суток нужен «Банкетный шатёр»?», "For how many days do you need the
// Banquet Tent?"); one sold by weight, area, length or volume "how many of the unit" («Сколько кг
// «Сухой лёд» вам нужно?», "How many kg of Dry Ice do you need?"). Unit words come from units.ts
// (`unitFor`), plural forms by Intl.PluralRules there.

/** A product as these phrases read it: its name in the reply's language and its unit fields. */
export type UnitPhraseProduct = { name: string; unit?: string; units?: { ru?: string; en?: string } };

/** How a unit is asked: counted things, a time or a number of people, an amount of a measure, unknown. */
type UnitKind = 'count' | 'span' | 'amount' | 'other';

/** The English plural unitFor writes for a known unit (units.ts), by how it is asked. */
const kindOfEnglish: Record<string, UnitKind> = {
  pcs: 'count',
  seats: 'count',
  users: 'count',
  licenses: 'count',
  sets: 'count',
  hours: 'span',
  days: 'span',
  nights: 'span',
  weeks: 'span',
  months: 'span',
  years: 'span',
  people: 'span',
  guests: 'span',
  'sq m': 'amount',
  m: 'amount',
  kg: 'amount',
  t: 'amount',
  l: 'amount',
};

function unitKind(p: UnitPhraseProduct): UnitKind {
  return kindOfEnglish[unitFor(p, 'en', 5).toLowerCase()] ?? 'other';
}

const isPiece = (p: UnitPhraseProduct) => unitFor(p, 'en', 5) === 'pcs';

/** "Ergo Chair" -> "Ergo Chairs", "Dual Monitor Arm" -> "Dual Monitor Arms", "Battery" -> "Batteries". */
export function englishPlural(name: string): string {
  if (/[^\p{L}]$/u.test(name) || /s$/i.test(name)) return name;
  if (/[^aeiou]y$/i.test(name)) return `${name.slice(0, -1)}ies`;
  if (/(ch|sh|x|z)$/i.test(name)) return `${name}es`;
  return `${name}s`;
}

/**
 * «нужен», «нужна», «нужно» or «нужны» for a Russian name, by the ending of its first word («Банкетный
 * шатёр», «Фотобудка с печатью», «Кресло Ergo», «Услуги диджея»); undefined when the ending does not say
 * (a word in -ь, a Latin name).
 */
function needed(name: string): string | undefined {
  const first = lowerFirstWord(name);
  if (!first || !/[а-яё]$/u.test(first)) return undefined;
  if (/(?:ый|ий|ой)$/u.test(first)) return 'нужен';
  if (/(?:ая|яя)$/u.test(first)) return 'нужна';
  if (/(?:ое|ее)$/u.test(first)) return 'нужно';
  if (/(?:ые|ие|[ыи])$/u.test(first)) return 'нужны';
  if (/[ая]$/u.test(first)) return 'нужна';
  if (/[оеё]$/u.test(first)) return 'нужно';
  if (/[бвгджзйклмнпрстфхцчшщ]$/u.test(first)) return 'нужен';
  return undefined;
}

const lowerFirstWord = (name: string) =>
  /^[\p{L}-]+/u.exec(name.trim())?.[0]?.toLowerCase().replace(/-.*/u, '');

/**
 * The question for one product whose quantity the agent asks: «Сколько штук «Кресло Ergo» вам
 * нужно?», «На сколько суток нужен «Банкетный шатёр»?», «Сколько кг «Сухой лёд» вам нужно?»; "How many
 * Ergo Chairs do you need?", "For how many days do you need the Banquet Tent?", "How many kg of Dry Ice
 * do you need?".
 */
export function howManyQuestion(p: UnitPhraseProduct, language: QuoteLanguage): string {
  const kind = unitKind(p);
  if (language === 'ru') {
    const name = `«${p.name}»`;
    if (kind === 'span') {
      const need = needed(p.name);
      const unit = unitFor(p, 'ru', 5);
      return need ? `На сколько ${unit} ${need} ${name}?` : `На сколько ${unit} вам понадобится ${name}?`;
    }
    if (kind === 'other') return `Сколько ${name} вам нужно (${unitFor(p, 'ru', 5)})?`;
    return `Сколько ${isPiece(p) ? 'штук' : unitFor(p, 'ru', 5)} ${name} вам нужно?`;
  }
  if (kind === 'span') return `For how many ${unitFor(p, 'en', 5)} do you need the ${p.name}?`;
  if (kind === 'amount' || kind === 'other')
    return `How many ${unitFor(p, 'en', 5)} of ${p.name} do you need?`;
  return `How many ${englishPlural(p.name)} do you need?`;
}

/**
 * The question for several products at once: «Сколько штук вам нужно: «A», «B»?» / "How many of each
 * do you need: A, B?", each with its unit when not all are pieces («Сколько вам нужно: «Банкетный
 * шатёр» (суток), «Сухой лёд» (кг)?», "How many of each do you need: Banquet Tent (days), Dry Ice
 * (kg)?").
 */
export function howManyOfEachQuestion(ps: readonly UnitPhraseProduct[], language: QuoteLanguage): string {
  const pieces = ps.every(isPiece);
  const each = (p: UnitPhraseProduct, name: string) =>
    pieces ? name : `${name} (${unitFor(p, language, 5)})`;
  if (language === 'ru')
    return `Сколько ${pieces ? 'штук ' : ''}вам нужно: ${ps.map((p) => each(p, `«${p.name}»`)).join(', ')}?`;
  return `How many of each do you need: ${ps.map((p) => each(p, p.name)).join(', ')}?`;
}

/**
 * What a reply that asks how many starts with, in either language: «Сколько», «На сколько», "How
 * many", "For how many" (howManyQuestion, howManyOfEachQuestion). The next message is read as its
 * answer; the eval's judge counts such a reply as asked back.
 */
export const howManyOpening = /^\s*(?:Сколько|На\s+сколько|How\s+many|For\s+how\s+many)(?![\p{L}])/u;

/** One product's price for one unit after its amount: «за 1 сутки», «за 1 шт.»; "per day", "per unit". */
export function perOneUnit(p: UnitPhraseProduct, language: QuoteLanguage): string {
  if (language === 'ru') return `за 1 ${unitFor(p, 'ru', 1)}`;
  // "per pc" is not English: a piece stays "per unit".
  return isPiece(p) ? 'per unit' : `per ${unitFor(p, 'en', 1)}`;
}

/**
 * The heading of prices for one unit: «Цена по каталогу за 1 сутки:», "Catalog price per day:" when
 * every product is sold in that unit; «Цена по каталогу за единицу:» / "Catalog price per unit:" for
 * products in different units.
 */
export function perUnitHeading(ps: readonly UnitPhraseProduct[], language: QuoteLanguage): string {
  const each = [...new Set(ps.map((p) => perOneUnit(p, language)))];
  const per = each.length === 1 ? each[0]! : language === 'ru' ? 'за единицу' : 'per unit';
  return language === 'ru' ? `Цена по каталогу ${per}:` : `Catalog price ${per}:`;
}

/**
 * The heading perUnitHeading writes, in either language, as the eval's judge finds it: «Цена по
 * каталогу за 1 шт.:», «… за 1 сутки:», «… за единицу:», "Catalog price per unit:", "… per day:".
 */
export const perUnitHeadingPattern = /Цена по каталогу за (?:1 [^:\n]+|единицу):|Catalog price per [^:\n]+:/u;
