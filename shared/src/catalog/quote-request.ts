// What a customer's message asks a quote for, read by rules in Russian and English: the products it
// names (product-match.ts) and how many of each (the reader, ../reading/quantities.ts: "20 Widget Pro",
// "пятнадцать офисных кресел", "12 of your chairs", "кресел нужно штук двадцать"), the billing period
// ("paid yearly", "на 12 месяцев", "в месяц") and a promo code ("promo SPRING10", "промокод ВЕСНА").
// A quantity is never guessed: a product named next to a number-like word the reader could not read
// ("несколько", "пятнацать", "20-30") is asked back (`askBack`); one named with no quantity at all is
// priced for one, and says so (`quantityStated: false`). The text is data: nothing in it is followed.
import { findNumbers, findQuantities, MAX_QUANTITY, numberLike, type UnreadQuantity } from '../reading/index';
import type { ProductDoc } from '../schemas/products';
import { offered, productMentions, type CatalogIndex, type ProductMention } from './product-match';
import { englishSingular, tokenize } from './text-keys';

export type BillingPeriod = 'once' | 'month' | 'year';

export type QuoteRequestLine = {
  productId: string;
  quantity: number;
  quantityStated: boolean;
  /** The customer wrote it as approximate ("около 30", "about 120", "человек 50"). */
  approximate?: boolean;
};

export type QuoteRequest = {
  lines: QuoteRequestLine[];
  /** The currency the customer writes in ("$", "in euros", "рублей"), if any. */
  currency?: string;
  period?: BillingPeriod;
  promoCode?: string;
  mentions: ProductMention[];
  /**
   * The products whose quantity the reader could not read (a number-like word it could not turn into
   * a number, or no quantity beside others that have one): ask how many, do not quote.
   */
  askBack?: string[];
  /** What the reader could not read, per product. */
  unread?: UnreadQuantity[];
  /**
   * Things counted beside the products named that the catalog does not have, as written ("2
   * тумбочки", "2 whiteboards"): not quoted, and the reply says so.
   */
  notInCatalog?: string[];
  /**
   * Things counted beside the products named that share a word or a stem with a product of the catalog
   * ("500 визиток" when the reader did not know «визитка» for «Визитная карточка", "200 laminated
   * sheets"): maybe that product, maybe not. Nothing is quoted (no partial total, no "not sold"); the
   * message is handed over.
   */
  unsure?: string[];
};

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
 * The reader before issue 61, kept as the baseline of `npm run eval:quotes`: one line per product named
 * (the quantity in digits next to the name, else the one quantity the message states, else 1).
 */
export function readQuoteRequestBaseline(
  text: string,
  catalog: readonly ProductDoc[] | CatalogIndex,
): QuoteRequest {
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

/** Words of a price question: with one of them a product named by a word of its name is quoted. */
const priceCue =
  /(?:^|[^\p{L}])(?:скольк\p{L}*|цен\p{L}*|стоим\p{L}*|стои[тл]\p{L}*|стоят|почем|почём|прайс\p{L}*|расч[её]т\p{L}*|рассчита\p{L}*|посчита\p{L}*|смет\p{L}*|кп|счет|счёт|купить|куплю|закаж\p{L}*|заказ\p{L}*|нужн\p{L}*|надо|хоч\p{L}*|хотим|итог\p{L}*|тариф\p{L}*|ставк\p{L}*|price\p{L}*|cost\p{L}*|rates?|how\s+much|quote|total|buy|order\p{L}*|need|want|purchas\p{L}*|invoice|estimate|get)(?![\p{L}])/iu;

/**
 * The quote a message asks for: one line per product it names with the quantity the reader finds for
 * it (see the file's comment), its period and promo code. No product named: no lines.
 */
export function readQuoteRequest(text: string, catalog: readonly ProductDoc[] | CatalogIndex): QuoteRequest {
  const found = findQuantities(text, catalog);
  const cue = priceCue.test(text);
  // A product named by one word of its name ("chairs") is asked about when the message asks a price
  // or counts it or another product; else it is only talk about it.
  // Beside a product counted, it is part of the request too ("15 кресел Ergo и столы?").
  // A number-like word the reader could not place counts too; a product word only doubted for the word
  // that qualifies it ("support team", "gaming chair") does not.
  const counted = found.lines.some((l) => l.quantity !== undefined);
  // A word of a name that another word makes something else, with no number of its own ("Moving out of
  // a studio" beside "20 large boxes"), is no product asked for beside products counted.
  const otherThing = (l: (typeof found.lines)[number]) => {
    if (l.via !== 'partial' || l.number || !counted) return false;
    const doubts = found.unread.filter((u) => u.productId === l.product.id);
    return doubts.length > 0 && doubts.every((u) => u.reason === 'qualified' && u.start === l.start);
  };
  const lines = found.lines.filter(
    (l) =>
      !otherThing(l) &&
      (l.via !== 'partial' ||
        cue ||
        counted ||
        l.number ||
        found.unread.some((u) => u.productId === l.product.id && u.reason !== 'qualified')),
  );
  const mentions: ProductMention[] = lines.map(({ product, start, end, via }) => ({
    product,
    start,
    end,
    via,
  }));
  const unread = found.unread.filter((u) => lines.some((l) => l.product.id === u.productId));
  const anyStated = lines.some((l) => l.quantity !== undefined);
  // A product sold per trip or visit named with no number beside products counted ("… plus delivery",
  // «и доставка», «с доставкой») is one trip: nobody counts deliveries of one order.
  for (const l of lines)
    if (
      anyStated &&
      l.quantity === undefined &&
      !l.number &&
      onceUnit(l.product) &&
      // No doubt anywhere in the message (so none of this line's either).
      !found.unread.length
    )
      l.quantity = 1;
  const askBack = lines
    .filter(
      (l) => l.quantity === undefined && (unread.some((u) => u.productId === l.product.id) || anyStated),
    )
    .map((l) => l.product.id);
  const period = readPeriod(text);
  const promoCode = readPromoCode(text);
  const currency = readCurrency(text);
  const notInCatalog = lines.length ? found.others.map((o) => o.text) : [];
  // A measure left over ("на 4 часа" of a product named in other words) is no thing not sold: unsure.
  const unsure = lines.length
    ? found.others.filter((o) => o.measure || kinToCatalog(o.text, catalog)).map((o) => o.text)
    : [];
  if (unsure.length) return { lines: [], mentions: [], unsure };
  return {
    lines: lines.map((l) => ({
      productId: l.product.id,
      quantity: l.quantity ?? 1,
      quantityStated: l.quantity !== undefined,
      ...(l.approximate && l.quantity !== undefined ? { approximate: true } : {}),
    })),
    ...(currency ? { currency } : {}),
    ...(period ? { period } : {}),
    ...(promoCode ? { promoCode } : {}),
    mentions,
    ...(askBack.length ? { askBack } : {}),
    ...(unread.length ? { unread } : {}),
    ...(notInCatalog.length ? { notInCatalog } : {}),
  };
}

/** A unit of one trip or call-out: "trip", "delivery", "visit", «поездка», «выезд», «доставка», «рейс». */
const onceUnitWord =
  /^(?:trips?|deliver(?:y|ies)|visits?|call-?outs?|поездк\p{L}*|выезд\p{L}*|доставк\p{L}*|рейс\p{L}*)$/iu;
const onceUnit = (p: ProductDoc) =>
  [p.unit, p.units?.en, p.units?.ru].some(
    (u) => !!u && onceUnitWord.test(u.trim().replace(/^(?:per|за)\s+/iu, '')),
  );

/** The longest start two words share. */
const sharedStart = (a: string, b: string) => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
};

/** A Russian adjective's ending (full forms): an adjective qualifies the thing, it is not the thing. */
const adjectiveEnd = /(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ую|юю|ым|им|ыми|ими|ых|их)$/u;

/**
 * Whether a thing counted that the catalog does not name shares a word or a stem (5 letters or more
 * from the start: «визиток» and «визитная», "laminated" and "lamination") with a product on offer.
 * The thing's nouns only: not a Russian adjective («мягких подставок»), not an English word right
 * before another ("desk lamps": the lamps are the thing). An English plural meets its singular, however
 * short ("boxes" and "Box").
 */
function kinToCatalog(thing: string, catalog: readonly ProductDoc[] | CatalogIndex): boolean {
  const products = 'byKey' in catalog ? catalog.products : catalog;
  const tokens = tokenize(thing).filter((t) => /^\p{L}+$/u.test(t.raw));
  const nouns = tokens.filter(
    (t, i) =>
      (t.raw.length >= 4 || /^[a-z]{3}$/u.test(t.raw)) &&
      !(/[\u0400-\u04ff]/u.test(t.raw) && adjectiveEnd.test(t.raw) && t.raw.length >= 5) &&
      !(/^[a-z]+$/u.test(t.raw) && i + 1 < tokens.length && /^[a-z]+$/u.test(tokens[i + 1]!.raw)),
  );
  if (!nouns.length) return false;
  return products.filter(offered).some((p) =>
    [p.name, p.names?.ru, p.names?.en]
      .filter((n): n is string => !!n)
      .flatMap((n) => tokenize(n))
      .some(
        (w) =>
          (w.raw.length >= 4 || /^[a-z]{3}$/u.test(w.raw)) &&
          nouns.some(
            (t) =>
              (t.key === w.key && t.raw.slice(0, 2) === w.raw.slice(0, 2)) ||
              englishSingular(t.raw) === w.raw ||
              (w.raw.length >= 5 && t.raw.length >= 5 && sharedStart(t.raw, w.raw) >= 5),
          ),
      ),
  );
}

/**
 * The quantity a short answer gives ("15", "пятнадцать", "15 штук", "нужно 15", "let's say 15", "2,5"),
 * after the agent asked how many: one positive number in range, in a message of a few words (a fraction
 * only for a product sold by a measure that divides: the caller checks, units.ts `fractional`). `unread`
 * when it holds a number-like word that is no such number ("несколько", "20-30").
 */
export function readQuantityAnswer(text: string): { quantity?: number; unread?: boolean } {
  const t = text.trim().slice(0, 200);
  if ((t.match(/[\p{L}\p{N}]+/gu) ?? []).length > 8) return {};
  const numbers = findNumbers(t).filter(
    (n) => !/^\s*(?:%|руб|₽|\$|usd|rub|dollar|доллар)/iu.test(t.slice(n.end)),
  );
  if (numbers.length === 1) {
    const n = numbers[0]!;
    if (n.upTo === undefined && n.value > 0 && n.value <= MAX_QUANTITY) return { quantity: n.value };
    return { unread: true };
  }
  if (numbers.length > 1 || numberLike(t).length > 0) return { unread: true };
  return {};
}
