// The names of what a pack stored (its pipeline, stages and agent profile) in the reader's language.
// A doc holds its ids and the name it was stored under; a pack's doc also holds both names (`names`,
// pipelines v5) or, stored before that, is named through its pack by its ids. A name the team has
// changed (no longer one of the pack's) is shown as the team wrote it. Light on purpose: the app
// imports it without loading the packs (their intents and examples).
import { eventsPipelineName, eventsStageNames, maestroName } from './events-agency/names';
import type { Localized, PackLanguage } from './types';

type PackNames = Readonly<{
  pipelines: Readonly<Record<string, { name: Localized; stages: Readonly<Record<string, Localized>> }>>;
  profiles: Readonly<Record<string, Localized>>;
}>;

const packNames: Readonly<Record<string, PackNames>> = {
  'events-agency': {
    pipelines: { events: { name: eventsPipelineName, stages: eventsStageNames } },
    profiles: { 'agent-pack-events-maestro': maestroName },
  },
};

/** `stored` in `language` while it is one of `names` (the team has not renamed it), else as stored. */
export function inLanguage(stored: string, names: Localized | undefined, language: PackLanguage): string {
  return names && (stored === names.en || stored === names.ru) ? names[language] : stored;
}

type NamedPipeline = { id: string; name: string; names?: Localized | undefined; pack?: string | undefined };
type NamedStage = { id: string; name?: string | undefined; names?: Localized | undefined };

/** A stored pipeline's name in `language`. */
export function packPipelineName(p: NamedPipeline, language: PackLanguage): string {
  const names = p.names ?? (p.pack ? packNames[p.pack]?.pipelines[p.id]?.name : undefined);
  return inLanguage(p.name, names, language);
}

/**
 * A stored stage's name in `language` (undefined when it has none): its own names, else a pack
 * stage's of the same id that it is named as.
 */
export function packStageName(stage: NamedStage, language: PackLanguage): string | undefined {
  if (!stage.name) return undefined;
  if (stage.names) return inLanguage(stage.name, stage.names, language);
  for (const pack of Object.values(packNames))
    for (const p of Object.values(pack.pipelines)) {
      const names = p.stages[stage.id];
      if (names && (stage.name === names.en || stage.name === names.ru)) return names[language];
    }
  return stage.name;
}

/** A stored agent profile's name in `language` (a pack's profile by its id). */
export function packProfileName(profile: { id: string; name: string }, language: PackLanguage): string {
  const names = Object.values(packNames).find((p) => p.profiles[profile.id])?.profiles[profile.id];
  return inLanguage(profile.name, names, language);
}
