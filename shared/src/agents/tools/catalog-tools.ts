// The catalog tools: `find_products` (the team's products a query names, best first, with their prices
// and discounts as data) and `quote` (the price of products and quantities, computed by code from the
// catalog: shared/src/catalog/quote.ts). A quote is saved on the customer's deal (lines, total,
// currency, when) and the deal's amount follows it as the profile's policy allows (lead-write.ts).
// A model never computes a price: it reads the numbers and the arithmetic from `quote`'s result.
import { z } from 'zod';
import { dealQuote, findProducts, formatQuote, quote, type Quote } from '../../catalog/index';
import { defineZodTool } from './define-tool';
import { writeLeadChange } from './lead-write';
import type { CatalogAccess, ToolContext } from './types';

const catalogOf = (ctx: ToolContext): CatalogAccess => {
  if (!ctx.catalog) throw new Error('This team has no product catalog');
  return ctx.catalog;
};

export const findProductsTool = defineZodTool({
  name: 'find_products',
  description:
    "Find products in the team's catalog by name (any language) or SKU. Returns SKUs, names, units, prices per currency and period, discounts, availability. Use `quote` for any price of a quantity.",
  schema: z
    .object({ query: z.string().trim().min(1).max(300), limit: z.number().int().min(1).max(20).optional() })
    .strict(),
  async execute(args, ctx) {
    const products = await catalogOf(ctx).products();
    return {
      products: findProducts(args.query, products, { limit: args.limit ?? 5 }).map(
        ({ product: p, score }) => ({
          sku: p.sku,
          name: p.name,
          ...(p.names ? { names: p.names } : {}),
          ...(p.unit ? { unit: p.unit } : {}),
          prices: p.prices,
          discounts: (p.discounts ?? [])
            .filter((d) => !d.code)
            .map(({ percent, minQuantity, period }) => ({ percent, minQuantity, period })),
          ...(p.availability ? { availability: p.availability } : {}),
          ...(p.delivery ? { delivery: p.delivery } : {}),
          score,
        }),
      ),
    };
  },
});

const quoteSchema = z
  .object({
    lines: z
      .array(
        z
          .object({
            sku: z.string().trim().min(1).max(64).optional(),
            productId: z.string().trim().min(1).max(128).optional(),
            // A measure may be a fraction ("2.5" kg); quote() reports a fraction of a count as a problem.
            quantity: z.number().positive().max(1_000_000),
          })
          .strict()
          .refine((l) => l.sku || l.productId, 'give the sku (or productId) of each product'),
      )
      .min(1)
      .max(50),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    period: z.enum(['once', 'month', 'year']).optional(),
    promoCode: z.string().trim().min(1).max(64).optional(),
    language: z.enum(['ru', 'en']).optional(),
  })
  .strict();

export const quoteTool = defineZodTool({
  name: 'quote',
  description:
    "Compute the price of catalog products (by SKU) and quantities: volume tiers, billing-period discounts, a promo code within its validity, the team's tax. Returns the totals and `text`, the arithmetic to tell the customer word for word. Never state a price this tool did not return. The quote is saved on the customer's deal.",
  schema: quoteSchema,
  async execute(args, ctx) {
    const catalog = catalogOf(ctx);
    const products = await catalog.products();
    const q = quote(args.lines, products, {
      now: ctx.now,
      ...(args.currency ? { currency: args.currency } : {}),
      ...(args.period ? { period: args.period } : {}),
      ...(args.promoCode ? { promoCode: args.promoCode } : {}),
      ...(catalog.taxes ? { taxes: catalog.taxes } : {}),
    });
    const text = formatQuote(q, args.language ?? catalog.language);
    const deal = q.lines.length ? await saveOnDeal(ctx, q) : undefined;
    return {
      currency: q.currency,
      total: q.total,
      lines: dealQuote(q, { kind: 'agent', id: ctx.role }, ctx.messageId).lines,
      ...(q.tax ? { tax: q.tax } : {}),
      ...(q.promoCode ? { promoCode: q.promoCode } : {}),
      ...(q.problems.length ? { problems: q.problems } : {}),
      text,
      ...(deal ? { deal } : {}),
      note: 'These numbers are computed from the catalog: quote them as they are; do not compute prices yourself.',
    };
  },
});

/** The quote on the customer's deal, its amount following it (as the profile allows), a step reps see. */
async function saveOnDeal(ctx: ToolContext, q: Quote) {
  const lead = await ctx.scope.lead();
  if (!lead) return undefined;
  const saved = dealQuote(q, { kind: 'agent', id: ctx.role }, ctx.messageId);
  const result = await writeLeadChange(
    ctx,
    lead,
    { value: { amount: q.total, currency: q.currency } },
    { quote: saved },
  );
  await ctx.log.record({
    role: ctx.role,
    kind: 'step',
    name: 'deal-quote',
    status: 'ok',
    input: { lines: saved.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) },
    output: {
      leadId: lead.id,
      total: q.total,
      currency: q.currency,
      amount: result.updated.includes('value')
        ? 'the deal amount follows the quote'
        : result.proposedToRep
          ? 'the deal amount is proposed to a rep'
          : 'the deal amount is unchanged',
    },
    startedAt: ctx.now,
  });
  return result;
}
