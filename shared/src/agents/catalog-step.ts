// The catalog step of a run: when a customer's message names a product of the team's catalog, the
// supervisor routes it to the answer role with what it asks a quote for (before any knowledge lookup),
// and the answer role has the `quote` tool compute it (saved on the deal) before anyone writes a word.
// The computed arithmetic becomes the first knowledge passage, "the catalog", that the offline
// provider replies with and a model cites; a model's reply that leaves out the computed total is not
// sent (respond.ts). Customer text is only read for product names, quantities, period and promo code.
//
// A quantity is never guessed (issue 61): when the message names a product beside a number-like word
// the reader could not read ("несколько кресел", "пятнацать", "20-30"), or names products with and
// without quantities, the agent asks how many (askQuantity) and quotes nothing. The question is the
// conversation's state: the customer's next message, a short answer ("15", "пятнадцать", "15 штук"),
// is read with the products of the question the ask-back replied to (quantityAnswer), found again by
// reading that question. A product named with no quantity at all is priced for one, said as such.
import {
  formatMoney,
  howManyOfEachQuestion,
  howManyOpening,
  howManyQuestion,
  perOneUnit,
  perUnitHeading,
  periodSuffix,
  toMinor,
  readQuantityAnswer,
  readQuoteRequest,
  takesQuantity,
  type BillingPeriod,
  type QuoteRequest,
  type QuoteRequestLine,
} from '../catalog/index';
import type { KnowledgeHit, ToolCall } from '../llm/types';
import type { MessageDoc, ProductDoc } from '../schemas/index';
import type { SalesIntent } from './intents/sales-intents';
import type { RunContext } from './run-context';
import type { CatalogAccess } from './tools/types';

/** What the message asks a quote for (the products named, by id, with their SKU and name for the log). */
export type CatalogRequest = {
  lines: Array<QuoteRequestLine & { sku: string; name: string; unit?: string; units?: ProductDoc['units'] }>;
  currency?: string;
  period?: BillingPeriod;
  promoCode?: string;
  /** The currency the customer wrote that the products named have no price in ("в евро"): said so. */
  unpriced?: string;
  /** Products whose quantity must be asked, not guessed: the reply asks how many (askQuantity). */
  askBack?: Array<{ productId: string; name: string; unit?: string; units?: ProductDoc['units'] }>;
  /** Things asked for beside the products that the catalog does not have ("2 тумбочки"): said so. */
  notInCatalog?: string[];
};

/** The passage a quote is cited as: its source is the team's catalog. */
export const CATALOG_SOURCE_ID = 'catalog';
const catalogTitle = { ru: 'Каталог товаров', en: 'Product catalog' } as const;

/** Messages that name a product but ask no price: a complaint, an opt-out, a call for a human. */
const notQuoted = new Set<SalesIntent>(['human_request', 'opt_out', 'complaint']);

export async function catalogProducts(ctx: Pick<RunContext, 'store'>): Promise<readonly ProductDoc[]> {
  return ctx.store.products ? ctx.store.products() : ctx.store.find('products', {});
}

/** What the catalog tools of this run read: the team's products, its tax, the reply language. */
export function catalogAccess(ctx: RunContext): CatalogAccess {
  return {
    products: () => catalogProducts(ctx),
    ...(ctx.profile.taxes ? { taxes: ctx.profile.taxes } : {}),
    language: ctx.language,
  };
}

/**
 * The quote the message asks for, when it names a product on offer and is not of an intent above.
 * `sure`: the intent is the rules' or the classifier's above its threshold; a guess of one of those
 * intents ("Quote me 4 Dual Monitor Arms…" read as an opt-out at 0.24) does not stop a message that
 * states a quantity (or a number-like word to ask back) from being quoted.
 */
export async function catalogRequest(
  ctx: RunContext,
  intent: SalesIntent,
  sure = true,
): Promise<CatalogRequest | undefined> {
  if (notQuoted.has(intent) && sure) return undefined;
  const products = await catalogProducts(ctx);
  if (products.length === 0) return undefined;
  const request = readQuoteRequest(ctx.message.text.slice(0, 2000), products);
  // A thing counted that may be a product of the catalog, or not ("500 визиток" beside "4 часа
  // дизайна"): no partial total, no "not sold"; handed over.
  if (request.unsure?.length) return undefined;
  if (request.lines.length === 0) return notQuoted.has(intent) ? undefined : quantityAnswer(ctx, products);
  if (notQuoted.has(intent) && !request.lines.some((l) => l.quantityStated) && !request.askBack?.length)
    return undefined;
  return requestOf(ctx, request);
}

function requestOf(
  ctx: RunContext,
  request: QuoteRequest,
  answered?: { quantity: number },
): CatalogRequest | undefined {
  const named = new Map(request.mentions.map((m) => [m.product.id, m.product]));
  const currency = quoteCurrency(
    [...named.values()],
    [request.currency, ctx.lead.value?.currency, ...languageCurrencies([...named.values()], ctx.language)],
  );
  const asked = new Set(request.askBack ?? []);
  const lines = request.lines.map((l) =>
    answered && asked.has(l.productId) ? { ...l, quantity: answered.quantity, quantityStated: true } : l,
  );
  const askBack = answered ? [] : [...asked];
  return {
    lines: lines.map((l) => {
      const p = named.get(l.productId)!;
      return {
        ...l,
        sku: p.sku,
        name: nameIn(p, ctx.language),
        ...(p.unit ? { unit: p.unit } : {}),
        ...(p.units ? { units: p.units } : {}),
      };
    }),
    ...(currency ? { currency } : {}),
    ...(request.currency && request.currency !== currency ? { unpriced: request.currency } : {}),
    ...(request.period ? { period: request.period } : {}),
    ...(request.promoCode ? { promoCode: request.promoCode } : {}),
    ...(request.notInCatalog?.length ? { notInCatalog: request.notInCatalog } : {}),
    ...(askBack.length
      ? {
          askBack: askBack.map((id) => {
            const p = named.get(id)!;
            return {
              productId: id,
              name: nameIn(p, ctx.language),
              ...(p.unit ? { unit: p.unit } : {}),
              ...(p.units ? { units: p.units } : {}),
            };
          }),
        }
      : {}),
  };
}

const nameIn = (p: ProductDoc, language: 'ru' | 'en') => p.names?.[language] ?? p.name;

/**
 * The customer's answer to the agent's "how many?": when the agent's last reply in the conversation
 * asked it (the question it replied to still reads as an ask-back) and nothing came in since, the
 * quantity this message gives prices that question's products; a number-like word again is asked again.
 */
async function quantityAnswer(
  ctx: RunContext,
  products: readonly ProductDoc[],
): Promise<CatalogRequest | undefined> {
  const answer = readQuantityAnswer(ctx.message.text);
  if (answer.quantity === undefined && !answer.unread) return undefined;
  const earlier = (
    await ctx.store.find('messages', { conversationId: ctx.conversation.id }, { sortBy: 'createdAt' })
  ).filter((m: MessageDoc) => m.id !== ctx.message.id && m.createdAt <= ctx.message.createdAt);
  // The customer's message before this one, and the agent's reply to it: "how many?".
  const question = earlier.filter((m) => m.direction === 'inbound').pop();
  if (!question) return undefined;
  const asked = earlier.find(
    (m) => m.direction === 'outbound' && m.replyToId === question.id && m.author.kind === 'agent',
  );
  if (!asked || !askedHowMany(asked.text)) return undefined;
  const request = readQuoteRequest(question.text.slice(0, 2000), products);
  if (!request.askBack?.length) return undefined;
  // One number for several products asked is whose? Only "по 10" / "10 each" gives it to all; else
  // the question is asked again. So is a fraction ("2,5") of a product sold by the piece.
  const forAll = request.askBack.length === 1 || eachAnswer.test(ctx.message.text);
  const askedFor = request.mentions.filter((m) => request.askBack!.includes(m.product.id));
  const fits = (quantity: number) => askedFor.every((m) => takesQuantity(m.product, quantity));
  return requestOf(
    ctx,
    request,
    answer.quantity !== undefined && forAll && fits(answer.quantity)
      ? { quantity: answer.quantity }
      : undefined,
  );
}

/** An answer that gives every product asked the same count: "по 10", "10 each", "of each", "всех по 5". */
const eachAnswer = /(?:^|[^\p{L}])(?:по|each|apiece|of\s+each|кажд\p{L}*)(?![\p{L}])/iu;

/** Whether an agent's reply asked how many (howManyOpening: «Сколько», «На сколько», "How many"…). */
const askedHowMany = (text: string) => howManyOpening.test(text);

/**
 * The question the agent asks when it could not read how many: in the conversation's language and
 * each product's unit (format-quote.ts howManyQuestion: «На сколько суток нужен «Банкетный шатёр»?»).
 */
export function askBackText(askBack: NonNullable<CatalogRequest['askBack']>, language: 'ru' | 'en'): string {
  if (language === 'ru') {
    if (askBack.length === 1)
      return `${howManyQuestion(askBack[0]!, 'ru')} Напишите число — посчитаю точную стоимость со скидками.`;
    return `${howManyOfEachQuestion(askBack, 'ru')} Напишите число для каждого — посчитаю точную стоимость со скидками.`;
  }
  if (askBack.length === 1)
    return `${howManyQuestion(askBack[0]!, 'en')} Send me the number and I will work out the exact price with any discounts.`;
  return `${howManyOfEachQuestion(askBack, 'en')} Send me the numbers and I will work out the exact price with any discounts.`;
}

/**
 * The first of the wanted currencies every product named has a price in: the one the customer wrote,
 * the deal's, then the reply language's (languageCurrencies); none: the catalog's first price.
 */
function quoteCurrency(products: readonly ProductDoc[], wanted: ReadonlyArray<string | undefined>) {
  return wanted.find((c) => c && products.every((p) => p.prices.some((x) => x.currency === c)));
}

/**
 * A reply language's currencies: roubles in Russian; in English the catalog's other currencies first
 * (a customer writing English is quoted in the team's foreign price list, as its English pages are),
 * then roubles.
 */
function languageCurrencies(products: readonly ProductDoc[], language: 'ru' | 'en'): string[] {
  if (language === 'ru') return ['RUB'];
  const listed = [...new Set(products.flatMap((p) => p.prices.map((x) => x.currency)))];
  return [...listed.filter((c) => c !== 'RUB'), 'RUB'];
}

/** The `quote` call the answer role makes for the request (a server-side call, not a model's). */
export function quoteCall(request: CatalogRequest, language: 'ru' | 'en'): ToolCall {
  return {
    id: 'catalog-quote',
    name: 'quote',
    arguments: JSON.stringify({
      lines: request.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      ...(request.currency ? { currency: request.currency } : {}),
      ...(request.period ? { period: request.period } : {}),
      ...(request.promoCode ? { promoCode: request.promoCode } : {}),
      language,
    }),
  };
}

type QuoteResult = {
  text: string;
  total: number;
  currency: string;
  tax?: { included?: boolean };
  lines: Array<{ productId: string; unitPrice: number; period?: BillingPeriod; quantity: number }>;
};

const perUnit = {
  ru: {
    each: 'по 1 шт. каждого',
    withTax: 'с налогом',
    total: 'Итого',
    ask: 'Сколько штук вам нужно?',
    askEach: 'Сколько вам нужно каждого?',
    then: 'Посчитаю точную стоимость со скидками за объём.',
  },
  en: {
    each: 'one of each',
    withTax: 'with tax',
    total: 'Total',
    ask: 'How many do you need?',
    askEach: 'How many of each do you need?',
    then: 'I will work out the exact price with volume discounts.',
  },
} as const;

type Priced = { name: string; unit?: string; units?: ProductDoc['units'] };

/**
 * No quantity stated: the price for one, said as such, in the product's unit («Цена по каталогу за 1
 * сутки: / Банкетный шатёр: 27 500 ₽ за 1 сутки», «Кресло Ergo: 12 000 ₽ за 1 шт.»), never a total of
 * a quantity nobody asked for; the sum for one of each (or with tax) when it differs; then how many
 * in that unit (one product not in pieces: howManyQuestion).
 */
function unitPriceText(r: QuoteResult, request: CatalogRequest, language: 'ru' | 'en'): string {
  const w = perUnit[language];
  const money = (major: number) => formatMoney(Number(toMinor(major, r.currency)), r.currency, language);
  const priced: Priced[] = r.lines.map(
    (l) => request.lines.find((x) => x.productId === l.productId) ?? { name: l.productId },
  );
  const out: string[] = [perUnitHeading(priced, language)];
  r.lines.forEach((l, i) => {
    const per = l.period ? periodSuffix(l.period, language) : '';
    // Its own unit: «за 1 час» for a service by the hour, not «за 1 шт.».
    out.push(`${priced[i]!.name}: ${money(l.unitPrice)}${per} ${perOneUnit(priced[i]!, language)}`);
  });
  const sumOfUnits = r.lines.reduce((s, l) => s + l.unitPrice, 0);
  if (r.lines.length > 1 || Math.abs(sumOfUnits - r.total) > 0.005) {
    const what = [r.lines.length > 1 ? w.each : '', r.tax && !r.tax.included ? w.withTax : '']
      .filter(Boolean)
      .join(', ');
    out.push(`${w.total} (${what}): ${money(r.total)}.`);
  }
  const pieces = priced.every((p) => perOneUnit(p, 'en') === 'per unit');
  const ask = pieces ? w.ask : priced.length === 1 ? howManyQuestion(priced[0]!, language) : w.askEach;
  out.push(`${ask} ${w.then}`);
  return out.join('\n');
}

/** The customer asked in a currency the catalog has no price in: the quote is in another, said so. */
const unpricedNote = {
  ru: (asked: string, used: string) => `Цен в ${asked} в каталоге нет, поэтому считаю в ${used}.`,
  en: (asked: string, used: string) => `Our catalog has no prices in ${asked}, so here it is in ${used}.`,
} as const;

/**
 * Things asked for that the catalog does not have, said plainly after the quote or the ask-back
 * ("«2 тумбочки» — такого товара в нашем каталоге нет…"). The customer's words are kept to letters,
 * digits, spaces and hyphens.
 */
export function notInCatalogText(items: readonly string[] | undefined, language: 'ru' | 'en'): string {
  const shown = (items ?? [])
    .map((t) =>
      t
        .replace(/[^\p{L}\p{N}\s-]/gu, '')
        .replace(/\s+/gu, ' ')
        .trim()
        .slice(0, 60),
    )
    .filter(Boolean);
  if (!shown.length) return '';
  if (language === 'ru') {
    const list = shown.map((t) => `«${t}»`).join(', ');
    return shown.length === 1
      ? `${list} — такого товара в нашем каталоге нет, поэтому в расчёт он не вошёл.`
      : `${list} — таких товаров в нашем каталоге нет, поэтому в расчёт они не вошли.`;
  }
  const list = shown.map((t) => `"${t}"`).join(', ');
  return `${list}: not in our catalog, so not included in this quote.`;
}

/**
 * The quote's result as the knowledge passage the reply cites; none when nothing could be priced.
 * With no quantity stated, the passage gives the price for one, as such (unitPriceText).
 */
export function quoteHit(
  result: unknown,
  language: 'ru' | 'en',
  request?: CatalogRequest,
): KnowledgeHit | undefined {
  const r = result as Partial<QuoteResult> | undefined;
  if (!r?.text || !r.lines?.length) return undefined;
  const unstated = request && request.lines.every((l) => !l.quantityStated);
  const text = unstated && r.currency ? unitPriceText(r as QuoteResult, request, language) : r.text;
  const note = request?.unpriced && r.currency ? unpricedNote[language](request.unpriced, r.currency) : '';
  const missing = notInCatalogText(request?.notInCatalog, language);
  return {
    chunkId: `catalog:${r.lines.map((l) => l.productId).join('+')}`.slice(0, 128),
    sourceId: CATALOG_SOURCE_ID,
    title: catalogTitle[language],
    text: [note, text, missing].filter(Boolean).join('\n'),
    score: 1,
  };
}
