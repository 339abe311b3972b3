// Which variant of a profile's running A/B test (issue 38) a conversation gets, and the profile the
// agents then follow in it. The choice is a stable hash of team, experiment and conversation id cut
// by the variants' weights: the same conversation always lands in the same variant, on any server
// process, with no shared counter. It is written on the conversation the first time the agents handle
// it (conversations that began before the experiment started are left out); a stopped experiment
// assigns nothing new and changes no text any more (its assignments stay for the report).
import {
  runningExperiment,
  type AgentSettingsDoc,
  type ConversationDoc,
  type ConversationExperiment,
  type ExperimentDoc,
  type ExperimentVariant,
} from '../schemas/index';

/** FNV-1a over the UTF-16 units, then murmur3's finaliser (so nearby ids spread): 32 bits. */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The variant of `conversationId` in an experiment: its place in [0, 1) against the cumulative weights. */
export function variantFor(
  teamId: string,
  experiment: Pick<ExperimentDoc, 'id' | 'variants'>,
  conversationId: string,
): ExperimentVariant {
  const point = stableHash(`${teamId}\u0000${experiment.id}\u0000${conversationId}`) / 2 ** 32;
  const total = experiment.variants.reduce((sum, v) => sum + v.weight, 0);
  let edge = 0;
  for (const v of experiment.variants) {
    edge += v.weight / total;
    if (point < edge) return v;
  }
  return experiment.variants[experiment.variants.length - 1]!;
}

/** The profile as a variant has it: the variant's instructions for every reply language. */
export function profileWithVariant(profile: AgentSettingsDoc, variant: ExperimentVariant): AgentSettingsDoc {
  const localized = Object.fromEntries(
    Object.entries(profile.localized ?? {}).map(([lang, text]) => {
      const { instructions: _own, ...rest } = text ?? {};
      return [lang, rest];
    }),
  ) as AgentSettingsDoc['localized'];
  return { ...profile, instructions: variant.instructions, ...(profile.localized ? { localized } : {}) };
}

export type ExperimentChoice = {
  profile: AgentSettingsDoc;
  /** Set when this run assigned the conversation: write it, and open the first reply with the greeting. */
  assigned?: ConversationExperiment;
  variant?: ExperimentVariant;
};

/**
 * The profile to follow in a conversation: its running experiment's variant for the conversation
 * (assigned now when it has none and began after the experiment started), else the profile itself.
 */
export function chooseVariant(
  teamId: string,
  profile: AgentSettingsDoc,
  conversation: Pick<ConversationDoc, 'id' | 'createdAt' | 'experiment'>,
  now: Date,
): ExperimentChoice {
  const experiment = runningExperiment(profile);
  if (!experiment) return { profile };
  const own = conversation.experiment;
  if (own) {
    if (own.experimentId !== experiment.id) return { profile };
    const variant = experiment.variants.find((v) => v.id === own.variantId);
    return variant ? { profile: profileWithVariant(profile, variant), variant } : { profile };
  }
  if (Date.parse(conversation.createdAt) < Date.parse(experiment.startedAt)) return { profile };
  const variant = variantFor(teamId, experiment, conversation.id);
  return {
    profile: profileWithVariant(profile, variant),
    variant,
    assigned: { experimentId: experiment.id, variantId: variant.id, assignedAt: now.toISOString() },
  };
}
