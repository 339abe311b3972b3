// A computed quote as a deal keeps it (`LeadDoc.quote`): major units as the catalog's prices are, the
// discounts applied per line, the tax and the total, when, by whom (the agent that quoted a customer's
// message, or the rep who built it in the deal editor) and, for an agent's, the message it answered.
import type { LeadDoc } from '../schemas/index';
import { toMajor } from './money';
import type { Quote } from './quote';

type DealQuote = NonNullable<LeadDoc['quote']>;
/** Who made the quote: an agent (its role) or a rep (id and name). */
export type QuoteAuthor = NonNullable<DealQuote['by']>;

export function dealQuote(q: Quote, by: QuoteAuthor, messageId?: string): DealQuote {
  const major = (minor: number) => toMajor(BigInt(minor), q.currency);
  return {
    lines: q.lines.map((l) => ({
      productId: l.productId,
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      ...(l.period ? { period: l.period } : {}),
      unitPrice: major(l.unitMinor),
      discounts: l.discounts.map((d) => ({
        kind: d.kind,
        percent: d.percent,
        ...(d.code ? { code: d.code } : {}),
      })),
      total: major(l.totalMinor),
    })),
    subtotal: major(q.subtotalMinor),
    ...(q.tax ? { tax: major(q.tax.amountMinor) } : {}),
    total: q.total,
    currency: q.currency,
    ...(q.promoCode ? { promoCode: q.promoCode } : {}),
    ...(messageId ? { messageId } : {}),
    at: q.at,
    by,
  };
}
