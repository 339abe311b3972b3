// What a customer's message asks a quote for, read by rules in Russian and English: the products it
// names (product-match.ts), how many of each ("20 Widget Pro", "Widget Pro x 5", "5 шт", "12 seats"),
// the billing period ("paid yearly", "на 12 месяцев", "в месяц") and a promo code ("promo SPRING10",
// "промокод ВЕСНА"). The text is data: nothing in it is followed, it is only read for these values.
import type { ProductDoc } from '../schemas/products';
import { productMentions, type CatalogIndex, type ProductMention } from './product-match';

export type BillingPeriod = 'once' | 'month' | 'year';

export type QuoteRequestLine = { productId: string; quantity: number; quantityStated: boolean };

export type QuoteRequest = {
  lines: QuoteRequestLine[];
  /** The currency the customer writes in ("$", "in euros", "рублей"), if any. */
  currency?: string;
  period?: BillingPeriod;
  promoCode?: string;
  mentions: ProductMention[];
};

const MAX_QUANTITY = 1_000_000;

const unitWords = String.raw`(?:шт\.?|штук[аи]?|pcs\.?|pieces?|units?|items?|seats?|users?|licen[cs]es?|лицензи\p{L}*|мест\p{L}*|пользовател\p{L}*|единиц\p{L}*|x|х|×|\*)`;
const periodWords = String.raw`(?:месяц\p{L}*|мес\.?|months?|mo|лет|год\p{L}*|years?|yrs?|дн\p{L}*|days?|недел\p{L}*|weeks?|час\p{L}*|hours?|%|процент\p{L}*|percent)`;

/** A whole number as people write it: "20", "1 000", "1,000" (not a part of a code like "WP-1"). */
const numberText = String.raw`\d{1,3}(?:[ \u00a0\u202f,]\d{3})+|\d+`;

const toNumber = (s: string) => Number(s.replace(/[\s,\u00a0\u202f]/g, ''));

/** The quantity written right before a mention ("20 Widget Pro", "20 шт. Widget Pro", "20 x WP-1"). */
function quantityBefore(text: string): number | undefined {
  const m = new RegExp(String.raw`(?:^|[^\p{L}\p{N}\-])(${numberText})\s*(?:${unitWords}\s*)?$`, 'iu').exec(
    text.slice(-40),
  );
  return m ? toNumber(m[1]!) : undefined;
}

/** The quantity written right after a mention ("Widget Pro x 20", "Widget Pro — 20 шт", "WP-1: 5"). */
function quantityAfter(text: string): number | undefined {
  const head = text.slice(0, 40);
  const withUnit = new RegExp(
    String.raw`^\s*[-—–:,(]?\s*(${numberText})\s*${unitWords}(?![\p{L}])`,
    'iu',
  ).exec(head);
  if (withUnit) return toNumber(withUnit[1]!);
  const times = new RegExp(String.raw`^\s*(?:x|х|×|\*)\s*(${numberText})(?![\p{L}\p{N}])`, 'iu').exec(head);
  if (times) return toNumber(times[1]!);
  // A bare number after the name, not a period or a percentage ("Widget Pro 20?").
  const bare = new RegExp(
    String.raw`^\s*[-—–:]?\s*(${numberText})(?!\s*${periodWords})(?![\p{L}\p{N}.,])`,
    'iu',
  );
  const b = bare.exec(head);
  return b ? toNumber(b[1]!) : undefined;
}

/** "12 seats", "5 шт": a quantity anywhere in the message, when it names one product. */
function quantityAnywhere(text: string): number | undefined {
  const m = new RegExp(String.raw`(?:^|[^\p{L}\p{N}\-])(${numberText})\s*${unitWords}(?![\p{L}])`, 'iu').exec(
    text,
  );
  return m ? toNumber(m[1]!) : undefined;
}

const sane = (n: number | undefined) =>
  n !== undefined && Number.isInteger(n) && n >= 1 && n <= MAX_QUANTITY ? n : undefined;

/** The billing period the message asks for, if any: 12 (24, ...) months is a year. */
export function readPeriod(text: string): BillingPeriod | undefined {
  const t = text.toLowerCase();
  const months = /(\d+)\s*(?:месяц\p{L}*|мес\b\.?|months?)/iu.exec(t);
  if (months) return Number(months[1]) % 12 === 0 ? 'year' : 'month';
  if (
    /\b(?:yearly|annual(?:ly)?|per year|a year|each year|every year|(?:for|by) (?:a |the |one )?year|\d+\s*years?)\b|(?:в|за|на)\s+(?:1\s+)?год(?![\p{L}])|годов\p{L}*|ежегодн\p{L}*|на\s+\d+\s+(?:год\p{L}*|лет)/iu.test(
      t,
    )
  )
    return 'year';
  if (
    /\b(?:monthly|per month|a month|each month|every month|by the month|month to month)\b|(?:в|за|на)\s+(?:1\s+)?месяц(?![\p{L}])|ежемесячн\p{L}*|помесячн\p{L}*/iu.test(
      t,
    )
  )
    return 'month';
  if (
    /\b(?:one[- ]time|once|lifetime|perpetual)\b|единоразов\p{L}*|разов\p{L}* (?:оплат|платеж)|бессрочн\p{L}*/iu.test(
      t,
    )
  )
    return 'once';
  return undefined;
}

const currencyWords: Array<[string, RegExp]> = [
  ['USD', /\$|\busd\b|dollars?|доллар\p{L}*/iu],
  ['EUR', /€|\beur\b|euros?|евро/iu],
  ['RUB', /₽|\brub\b|\bruble?s?\b|roubles?|руб\p{L}*/iu],
];

/** The currency a message names, if it names exactly one. */
export function readCurrency(text: string): string | undefined {
  const named = currencyWords.filter(([, re]) => re.test(text)).map(([code]) => code);
  return named.length === 1 ? named[0] : undefined;
}

/** A promo code the message gives ("promo SPRING10", "promo code: X", "промокод ВЕСНА", "купон Y"). */
export function readPromoCode(text: string): string | undefined {
  const m =
    /(?:promo\s*-?\s*code|promocode|promo|coupon|discount code|voucher|промо\s*-?\s*код\p{L}*|промо|купон\p{L}*|код(?:у|ом)?\s+(?:на\s+)?скидк\p{L}*)\s*[:#№-]?\s*[«"']?([\p{L}\p{N}][\p{L}\p{N}_-]{2,31})/iu.exec(
      text,
    );
  return m ? m[1]!.toUpperCase() : undefined;
}

/**
 * The quote a message asks for: one line per product it names (the quantity next to the name, else
 * the one quantity the message states, else 1), its period and promo code. No product named: no lines.
 */
export function readQuoteRequest(text: string, catalog: readonly ProductDoc[] | CatalogIndex): QuoteRequest {
  const mentions = productMentions(text, catalog);
  const period = readPeriod(text);
  const promoCode = readPromoCode(text);
  const currency = readCurrency(text);
  const anywhere = mentions.length === 1 ? sane(quantityAnywhere(text)) : undefined;
  const lines = mentions.map((m, i) => {
    const from = i > 0 ? mentions[i - 1]!.end : 0;
    const to = i + 1 < mentions.length ? mentions[i + 1]!.start : text.length;
    const stated =
      sane(quantityBefore(text.slice(from, m.start))) ??
      sane(quantityAfter(text.slice(m.end, to))) ??
      anywhere;
    return { productId: m.product.id, quantity: stated ?? 1, quantityStated: stated !== undefined };
  });
  return {
    lines,
    ...(currency ? { currency } : {}),
    ...(period ? { period } : {}),
    ...(promoCode ? { promoCode } : {}),
    mentions,
  };
}
