// What a proposal is made from: a deal's quote as plain data (lines with quantities, unit prices,
// discounts and line totals; subtotal, discount, tax, total in one currency), parsed and bounded here
// so the document never grows past what a worker renders quickly. The lead's own quote maps onto it.
import { z } from 'zod';

/** At most this many product lines in one proposal (a longer quote is refused, 4xx). */
export const MAX_PROPOSAL_LINES = 200;

const money = z.number().finite().min(0).max(1e12);

export const proposalQuoteLineSchema = z.strictObject({
  sku: z.string().max(64).default(''),
  name: z.string().min(1).max(300),
  quantity: z.number().finite().positive().max(1e9),
  unit: z.string().max(32).default(''),
  unitPrice: money,
  discountPercent: z.number().finite().min(0).max(100).default(0),
  lineTotal: money,
});

export const proposalQuoteSchema = z.strictObject({
  lines: z.array(proposalQuoteLineSchema).min(1).max(MAX_PROPOSAL_LINES),
  currency: z.string().regex(/^[A-Z]{3}$/),
  subtotal: money,
  discount: money.default(0),
  tax: money.default(0),
  total: money,
});

export type ProposalQuoteLine = z.output<typeof proposalQuoteLineSchema>;
export type ProposalQuote = z.output<typeof proposalQuoteSchema>;
