// The agents' way to send a deal's commercial proposal (the StorePort's `sendProposal`, called by the
// `send_proposal` tool): the same service the API's make and send use, the deal's saved quote made
// into a PDF and sent through its conversation with the agent as author.
import type { SentProposal } from '@app/shared/agents';
import type { PlanPolicy, Store } from '../context';
import { createProposal, sendProposal } from './proposal-service';
import type { ProposalRenderer } from './proposal-renderer';

export type AgentProposalSender = (
  leadId: string,
  options: { language?: 'ru' | 'en' },
) => Promise<SentProposal>;

export function agentProposals(deps: {
  store: Store;
  renderer: ProposalRenderer;
  now?: () => Date;
  /** The team's plan: the PDF within its storage (past it, the tool fails and says why). */
  plans?: Pick<PlanPolicy, 'assertStorage'>;
}): (teamId: string) => AgentProposalSender {
  const service = {
    store: deps.store,
    renderer: deps.renderer,
    now: deps.now ?? (() => new Date()),
    plans: deps.plans,
  };
  return (teamId) => async (leadId, options) => {
    const made = await createProposal(service, teamId, leadId, options, 'agent');
    const { proposal, messageId } = await sendProposal(service, teamId, leadId, made.id, {
      kind: 'agent',
      id: 'answer',
    });
    return {
      proposalId: proposal.id,
      number: proposal.number,
      total: proposal.total,
      currency: proposal.currency,
      messageId,
    };
  };
}
