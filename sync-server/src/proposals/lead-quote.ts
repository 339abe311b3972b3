// The deal's own quote as a proposal's input. Until the lead carries a quote (the catalog's
// `quote()`), a lead has none and a proposal needs the quote given with the request.
import type { LeadDoc } from '@app/shared/schemas';
import type { ProposalQuote } from './proposal-quote';

export function quoteOfLead(_lead: LeadDoc): ProposalQuote | undefined {
  return undefined;
}
