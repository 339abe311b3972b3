// The `send_proposal` tool: the deal's commercial proposal (a PDF of its saved quote) sent to the
// customer through the deal's conversation. Only where the profile lets agents send proposals
// (`sendsProposals`) and the server gives the run a way to (ToolContext.proposals); the PDF itself is
// made and sent by the server (sync-server/src/proposals/), the same steps a rep's send takes.
import { z } from 'zod';
import { DomainError } from '../../errors';
import { defineZodTool } from './define-tool';

const sendProposalSchema = z.strictObject({
  /** The document's language; unset: the customer's. */
  language: z.enum(['ru', 'en']).optional(),
});

export const sendProposalTool = defineZodTool({
  name: 'send_proposal',
  description:
    "Send the customer the commercial proposal (a PDF) of their deal's latest quote, when they ask for a proposal, an offer or the quote as a document. Only after a quote was computed (tool `quote`); the PDF goes to the customer by itself: say in one sentence that it was sent.",
  schema: sendProposalSchema,
  async execute(args, ctx) {
    if (!ctx.proposals)
      throw new DomainError(
        'tool-not-allowed',
        'This profile does not send proposals (sendsProposals is off)',
      );
    const lead = await ctx.scope.lead();
    if (!lead) throw new DomainError('lead-not-found', 'The customer has no deal to propose');
    if (!lead.quote?.lines.length)
      throw new DomainError('quote-missing', 'The deal has no quote yet: compute one with `quote` first');
    const sent = await ctx.proposals.send(lead.id, args.language ? { language: args.language } : {});
    return {
      ...sent,
      leadId: lead.id,
      note: 'The PDF is on its way to the customer: do not attach or restate it.',
    };
  },
});
