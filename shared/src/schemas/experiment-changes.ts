// What an admin does to a profile's A/B tests (issue 38), as patches of the profile: start one
// (at most one running per profile), stop it (nothing new is assigned; every conversation goes back
// to the profile's own instructions), promote a winner (its instructions become the profile's). The
// API and the desktop write the same patches.
import { DomainError } from '../errors';
import type { AgentSettingsDoc } from './agent-settings';

export type ExperimentDoc = NonNullable<AgentSettingsDoc['experiments']>[number];
export type ExperimentVariant = ExperimentDoc['variants'][number];
export type ConversationExperiment = { experimentId: string; variantId: string; assignedAt: string };

type Profile = Pick<AgentSettingsDoc, 'experiments' | 'instructions' | 'localized'>;

/** The profile's running experiment, if any. */
export const runningExperiment = (profile: Pick<AgentSettingsDoc, 'experiments'>) =>
  profile.experiments?.find((e) => e.status === 'running');

/** Adds a running experiment; refused while another one runs or when variant ids repeat. */
export function startExperiment(profile: Profile, experiment: ExperimentDoc): Pick<Profile, 'experiments'> {
  const running = runningExperiment(profile);
  if (running)
    throw new DomainError(
      'conflict',
      `Experiment '${running.id}' is still running on this profile; stop it first`,
    );
  if ((profile.experiments ?? []).some((e) => e.id === experiment.id))
    throw new DomainError('conflict', `Experiment '${experiment.id}' exists already`);
  const ids = new Set(experiment.variants.map((v) => v.id));
  if (ids.size !== experiment.variants.length)
    throw new DomainError('validation-failed', 'variants: each variant needs its own id');
  // The oldest finished ones make room (the schema keeps 20).
  const kept = (profile.experiments ?? []).slice(-19);
  return { experiments: [...kept, { ...experiment, status: 'running' }] };
}

function replaced(profile: Profile, id: string, change: (e: ExperimentDoc) => ExperimentDoc) {
  const found = profile.experiments?.find((e) => e.id === id);
  if (!found) throw new DomainError('not-found', `Experiment '${id}' was not found`);
  return profile.experiments!.map((e) => (e.id === id ? change(e) : e));
}

/** Stops a running experiment (a stopped or promoted one answers 409). */
export function stopExperiment(profile: Profile, id: string, at: string): Pick<Profile, 'experiments'> {
  return {
    experiments: replaced(profile, id, (e) => {
      if (e.status !== 'running')
        throw new DomainError('conflict', `Experiment '${id}' is ${e.status} already`);
      return { ...e, status: 'stopped', stoppedAt: at };
    }),
  };
}

/**
 * Promotes a variant: the experiment stops (if it still ran) with that winner, and the profile's
 * instructions become the variant's, for every reply language (per-language instructions are
 * dropped, as the variant replaced them during the test; per-language personas stay). A greeting is
 * the experiment's only: the profile has none.
 */
export function promoteVariant(
  profile: Profile,
  id: string,
  variantId: string,
  at: string,
): Pick<Profile, 'experiments' | 'instructions' | 'localized'> {
  let winner: ExperimentVariant | undefined;
  const experiments = replaced(profile, id, (e) => {
    if (e.status === 'promoted') throw new DomainError('conflict', `Experiment '${id}' has a winner already`);
    winner = e.variants.find((v) => v.id === variantId);
    if (!winner) throw new DomainError('not-found', `Variant '${variantId}' is not in experiment '${id}'`);
    return { ...e, status: 'promoted', stoppedAt: e.stoppedAt ?? at, winnerVariantId: variantId };
  });
  const localized = Object.fromEntries(
    Object.entries(profile.localized ?? {}).map(([lang, text]) => {
      const { instructions: _dropped, ...rest } = text ?? {};
      return [lang, rest];
    }),
  ) as AgentSettingsDoc['localized'];
  return { experiments, instructions: winner!.instructions, localized };
}
