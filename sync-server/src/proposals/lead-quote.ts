// The deal's own quote (the catalog's `quote()`, saved on the lead as `quote` by the agents' quote tool)
// as a proposal's input: each line's discounts folded into one percent, the quote's subtotal (before
// discounts), the difference to the lines' totals as the discount, the tax and total as the quote says.
// Each line's product name and unit are written in the document's language when the product is still
// in the catalog (its `names` and `units`, catalog/units.ts); else the name saved with the quote.
// A saved quote that does not fit a proposal (no line with a quantity) gives none: the API says 409.
import { unitFor } from '@app/shared/catalog';
import type { LeadDoc, ProductDoc } from '@app/shared/schemas';
import { MAX_PROPOSAL_LINES, proposalQuoteSchema, type ProposalQuote } from './proposal-quote';
import type { ProposalLanguage } from './proposal-labels';

const cents = (n: number) => Math.round(n * 100) / 100;

export function quoteOfLead(
  lead: Pick<LeadDoc, 'quote'>,
  language?: ProposalLanguage,
  products: readonly Pick<ProductDoc, 'id' | 'names' | 'unit' | 'units'>[] = [],
): ProposalQuote | undefined {
  const q = lead.quote;
  const saved = (q?.lines ?? []).filter((l) => l.quantity > 0).slice(0, MAX_PROPOSAL_LINES);
  if (!q || !saved.length) return undefined;
  const lines = saved.map((l) => {
    const kept = (l.discounts ?? []).reduce((left, d) => left * (1 - d.percent / 100), 1);
    const product = language ? products.find((p) => p.id === l.productId) : undefined;
    return {
      sku: l.sku,
      name: (language && product?.names?.[language]) || l.name,
      quantity: l.quantity,
      unit: product && language ? unitFor(product, language, l.quantity).slice(0, 32) : '',
      unitPrice: l.unitPrice,
      discountPercent: cents((1 - kept) * 100),
      lineTotal: l.total,
    };
  });
  const gross = q.subtotal ?? cents(lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0));
  const net = cents(lines.reduce((sum, l) => sum + l.lineTotal, 0));
  const parsed = proposalQuoteSchema.safeParse({
    lines,
    currency: q.currency,
    subtotal: gross,
    discount: Math.max(0, cents(gross - net)),
    tax: q.tax ?? 0,
    total: q.total,
  });
  return parsed.success ? parsed.data : undefined;
}
