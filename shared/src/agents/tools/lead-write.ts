// A tool's change to the customer's lead, written the one way every tool writes it: the profile's
// policy splits it (lead-effects.ts) into what is done, what is proposed to a rep and what is refused;
// the done part and any extra fields the tool sets (a quote) are saved with their field times, and
// proposals and refusals are activity entries reps see. The result tells the model what was NOT done.
import {
  pendingProposals,
  type LeadDoc,
  type LeadProposal,
  type LeadProposalChanges,
} from '../../schemas/index';
import { splitLeadChange, type LeadChange } from './lead-effects';
import type { ToolContext } from './types';

export type LeadWriteResult = {
  leadId: string;
  updated: string[];
  proposedToRep?: { fields: string[]; proposalId: string; note: string };
  denied?: { fields: string[]; note: string };
};

export async function writeLeadChange(
  ctx: ToolContext,
  lead: LeadDoc,
  change: LeadChange,
  /** Fields that are no consequential effect, written as they are (with their field times). */
  extra: Partial<Omit<LeadDoc, keyof LeadChange | 'id' | 'contactId'>> = {},
): Promise<LeadWriteResult> {
  const at = ctx.now.toISOString();
  const split = splitLeadChange(lead, change, ctx.leadPolicy ?? {});
  const proposal = Object.keys(split.propose).length ? proposalFor(lead, split.propose, ctx) : undefined;
  const fieldUpdatedAt = { ...lead.fieldUpdatedAt };
  for (const k of [...Object.keys(split.apply), ...Object.keys(extra)]) fieldUpdatedAt[k] = at;
  if (proposal?.fresh) fieldUpdatedAt.proposals = at;
  const next = {
    ...lead,
    ...extra,
    ...split.apply,
    ...(split.apply.stage && split.apply.stage !== lead.stage ? { stageChangedAt: at } : {}),
    ...(proposal?.fresh ? { proposals: proposal.proposals } : {}),
    fieldUpdatedAt,
    updatedAt: at,
  };
  if (Object.keys(split.apply).length || Object.keys(extra).length || proposal?.fresh)
    await ctx.scope.saveLead(next);
  if (proposal) {
    await ctx.log.record({
      role: ctx.role,
      kind: 'step',
      name: 'lead-change-proposed',
      status: 'ok',
      input: split.propose,
      output: { leadId: lead.id, proposalId: proposal.id, waitsFor: 'a rep to approve or reject it' },
      startedAt: ctx.now,
    });
  }
  if (split.denied.length) {
    await ctx.log.record({
      role: ctx.role,
      kind: 'step',
      name: 'lead-change-denied',
      status: 'denied',
      input: Object.fromEntries(split.denied.map((f) => [f, change[f as keyof LeadChange]])),
      error: 'the agent profile denies these lead changes',
      startedAt: ctx.now,
    });
  }
  return {
    leadId: lead.id,
    updated: Object.keys(split.apply),
    ...(proposal
      ? {
          proposedToRep: {
            fields: Object.keys(split.propose),
            proposalId: proposal.id,
            note: 'NOT done: proposed to a rep, who approves or rejects it. Do not tell the customer it is done.',
          },
        }
      : {}),
    ...(split.denied.length
      ? { denied: { fields: split.denied, note: 'NOT done: the assistant may not make these changes.' } }
      : {}),
  };
}

/** A pending proposal for the change: the same one again if it is already waiting for a rep. */
function proposalFor(lead: LeadDoc, changes: LeadProposalChanges, ctx: ToolContext) {
  const waiting = pendingProposals(lead).find((p) => JSON.stringify(p.changes) === JSON.stringify(changes));
  if (waiting) return { id: waiting.id, fresh: false, proposals: lead.proposals ?? [] };
  const proposal: LeadProposal = {
    id: ctx.newId('proposal'),
    status: 'pending',
    changes,
    proposedBy: { kind: 'agent', id: ctx.role },
    runId: ctx.runId.slice(0, 128),
    messageId: ctx.messageId,
    createdAt: ctx.now.toISOString(),
  };
  // Decided proposals go first when the list is full; pending ones stay.
  const all = [...(lead.proposals ?? []), proposal];
  const excess = Math.max(0, all.length - 50);
  const drop = new Set(
    all
      .filter((p) => p.status !== 'pending')
      .slice(0, excess)
      .map((p) => p.id),
  );
  return { id: proposal.id, fresh: true, proposals: all.filter((p) => !drop.has(p.id)).slice(-50) };
}
