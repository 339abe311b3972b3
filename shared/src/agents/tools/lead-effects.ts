// The profile's policy for consequential lead changes a tool asks for: moving a lead to won or lost
// (or out of it), its deal value and its owner. Each is `allow` (done at once), `propose` (kept on the
// lead as a proposal a rep approves in the app) or `deny`. Everything else a tool changes is done.
import {
  toolEffectModeOf,
  type AgentSettingsDoc,
  type LeadDoc,
  type LeadProposalChanges,
  type ToolEffectKind,
} from '../../schemas/index';

export type LeadEffectPolicy = Pick<AgentSettingsDoc, 'toolEffects'>;
export type LeadChange = Partial<
  Pick<LeadDoc, 'stage' | 'title' | 'value' | 'nextFollowUpAt' | 'tags' | 'lostReason' | 'ownerId'>
>;

const closed = (stage: string | undefined) => stage === 'won' || stage === 'lost';
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Which consequential effect writing `field` as in `next` would have on `lead`, if any. */
export function effectOf(field: string, lead: LeadDoc, next: Partial<LeadDoc>): ToolEffectKind | undefined {
  if (field === 'stage')
    return next.stage !== lead.stage && (closed(next.stage) || closed(lead.stage)) ? 'closeStage' : undefined;
  if (field === 'value') return same(next.value, lead.value) ? undefined : 'value';
  if (field === 'ownerId') return same(next.ownerId, lead.ownerId) ? undefined : 'owner';
  return undefined;
}

export type SplitChange = {
  /** Fields written now. */
  apply: LeadChange;
  /** Fields left to a rep's approval. */
  propose: LeadProposalChanges;
  /** Fields refused by the policy. */
  denied: string[];
};

export function splitLeadChange(lead: LeadDoc, change: LeadChange, policy: LeadEffectPolicy): SplitChange {
  const out: SplitChange = { apply: {}, propose: {}, denied: [] };
  const stageMode = effectOf('stage', lead, change) && toolEffectModeOf(policy, 'closeStage');
  for (const [field, value] of Object.entries(change) as [keyof LeadChange, unknown][]) {
    // A lost reason goes with the stage change it explains.
    const kind = field === 'lostReason' && stageMode ? 'closeStage' : effectOf(field, lead, change);
    const mode = kind ? toolEffectModeOf(policy, kind) : 'allow';
    if (mode === 'allow') Object.assign(out.apply, { [field]: value });
    else if (mode === 'propose') Object.assign(out.propose, { [field]: value });
    else out.denied.push(field);
  }
  return out;
}

/** The consequential effects `next` has on `lead` that the policy does not allow outright. */
export function unallowedEffects(lead: LeadDoc, next: LeadDoc, policy: LeadEffectPolicy): ToolEffectKind[] {
  const kinds = ['stage', 'value', 'ownerId'].flatMap((f) => {
    const kind = effectOf(f, lead, next);
    return kind ? [kind] : [];
  });
  return kinds.filter((k) => toolEffectModeOf(policy, k) !== 'allow');
}
