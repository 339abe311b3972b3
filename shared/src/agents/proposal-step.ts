// The proposal step of a run: a customer who asks for the commercial proposal ("пришлите КП", "send me
// a proposal / the quote as PDF") after a quote, where the profile lets agents send proposals, gets
// it: the supervisor plans it (no hand-off for want of knowledge), the answer role has the server's
// `send_proposal` tool make and send the PDF of the deal's saved quote, and the reply says it was sent.
import type { ToolCall } from '../llm/types';
import type { RunContext } from './run-context';

const asks: RegExp[] = [
  /(^|[^\p{L}])кп([^\p{L}]|$)/iu,
  /коммерческ\p{L}*\s+предложени/iu,
  /\bproposal\b/i,
  /\b(quote|offer|estimate)\b.{0,30}\bpdf\b/i,
  /\bpdf\b.{0,30}\b(quote|offer|estimate)\b/i,
  /(предложени|сч[её]т|расч[её]т)\p{L}*.{0,30}\bpdf\b/iu,
];

/** The message asks for the commercial proposal as a document. */
export function asksForProposal(text: string): boolean {
  const t = text.slice(0, 2000);
  return asks.some((re) => re.test(t));
}

/** The run may send the proposal: asked for, allowed by the profile, the deal quoted, a server to send. */
export function proposalRequested(ctx: RunContext): boolean {
  return (
    ctx.profile.sendsProposals === true &&
    !!ctx.store.sendProposal &&
    !!ctx.lead?.quote?.lines.length &&
    asksForProposal(ctx.message.text)
  );
}

/** The `send_proposal` call the answer role makes (a server-side call, not a model's). */
export const proposalCall = (): ToolCall => ({ id: 'send-proposal', name: 'send_proposal', arguments: '{}' });
