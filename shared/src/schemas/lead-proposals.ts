// Proposed lead changes: a consequential effect an agent asked for (stage to won or lost, the deal's
// value, its owner) that the profile's policy leaves to a rep. The proposal waits on the lead itself;
// a rep approves or rejects it in the app, and approving writes the change through the normal lead
// write path (RxDB -> /sync, or the API), like any edit of theirs.
import type { LeadDoc } from './leads';

export type LeadProposal = NonNullable<LeadDoc['proposals']>[number];
export type LeadProposalChanges = LeadProposal['changes'];

export const pendingProposals = (lead: Pick<LeadDoc, 'proposals'>): LeadProposal[] =>
  (lead.proposals ?? []).filter((p) => p.status === 'pending');

/**
 * The patch a rep's decision writes to the lead: on approval the proposed fields (and the time the
 * stage changed), and in both cases the proposal marked decided. Undefined if it is not pending.
 */
export function decideLeadProposal(
  lead: LeadDoc,
  proposalId: string,
  decision: 'approved' | 'rejected',
  by: string,
  at: string,
): Partial<LeadDoc> | undefined {
  const proposal = (lead.proposals ?? []).find((p) => p.id === proposalId);
  if (!proposal || proposal.status !== 'pending') return undefined;
  const proposals = (lead.proposals ?? []).map((p) =>
    p.id === proposalId ? { ...p, status: decision, decidedAt: at, decidedBy: by.slice(0, 128) } : p,
  );
  if (decision === 'rejected') return { proposals };
  const { stage, ...rest } = proposal.changes;
  return {
    ...rest,
    ...(stage && stage !== lead.stage ? { stage: stage as LeadDoc['stage'], stageChangedAt: at } : {}),
    proposals,
  } as Partial<LeadDoc>;
}
