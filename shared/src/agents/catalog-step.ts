// The catalog step of a run: when a customer's message names a product of the team's catalog, the
// supervisor routes it to the answer role with what it asks a quote for (before any knowledge lookup),
// and the answer role has the `quote` tool compute it (saved on the deal) before anyone writes a word.
// The computed arithmetic becomes the first knowledge passage, "the catalog", that the offline
// provider replies with and a model cites; a model's reply that leaves out the computed total is not
// sent (respond.ts). Customer text is only read for product names, quantities, period and promo code.
import { readQuoteRequest, type BillingPeriod, type QuoteRequestLine } from '../catalog/index';
import type { KnowledgeHit, ToolCall } from '../llm/types';
import type { ProductDoc } from '../schemas/index';
import type { SalesIntent } from './intents/sales-intents';
import type { RunContext } from './run-context';
import type { CatalogAccess } from './tools/types';

/** What the message asks a quote for (the products named, by id, with their SKU and name for the log). */
export type CatalogRequest = {
  lines: Array<QuoteRequestLine & { sku: string; name: string }>;
  currency?: string;
  period?: BillingPeriod;
  promoCode?: string;
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

/** The quote the message asks for, when it names a product on offer and is not of an intent above. */
export async function catalogRequest(
  ctx: RunContext,
  intent: SalesIntent,
): Promise<CatalogRequest | undefined> {
  if (notQuoted.has(intent)) return undefined;
  const products = await catalogProducts(ctx);
  if (products.length === 0) return undefined;
  const request = readQuoteRequest(ctx.message.text.slice(0, 2000), products);
  if (request.lines.length === 0) return undefined;
  const named = new Map(request.mentions.map((m) => [m.product.id, m.product]));
  const currency = quoteCurrency(
    [...named.values()],
    [request.currency, ctx.lead.value?.currency, ...languageCurrencies([...named.values()], ctx.language)],
  );
  return {
    lines: request.lines.map((l) => ({
      ...l,
      sku: named.get(l.productId)!.sku,
      name: named.get(l.productId)!.name,
    })),
    ...(currency ? { currency } : {}),
    ...(request.period ? { period: request.period } : {}),
    ...(request.promoCode ? { promoCode: request.promoCode } : {}),
  };
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

type QuoteResult = { text: string; total: number; lines: Array<{ productId: string }> };

/** The quote's result as the knowledge passage the reply cites; none when nothing could be priced. */
export function quoteHit(result: unknown, language: 'ru' | 'en'): KnowledgeHit | undefined {
  const r = result as Partial<QuoteResult> | undefined;
  if (!r?.text || !r.lines?.length) return undefined;
  return {
    chunkId: `catalog:${r.lines.map((l) => l.productId).join('+')}`.slice(0, 128),
    sourceId: CATALOG_SOURCE_ID,
    title: catalogTitle[language],
    text: r.text,
    score: 1,
  };
}
