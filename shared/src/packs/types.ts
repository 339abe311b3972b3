// A domain pack: what makes the agents fit one business, as data. Pipeline templates (stages named in
// English and Russian), their custom deal fields and rate cards, agent profiles (role prompts, tools),
// intents with training examples in both languages, and knowledge templates. Applying a pack to a team
// (apply.ts) stores its pipelines and profiles as the team's own docs, the ones the app and the agents
// already read; the intents train the pack's classifier, which the pack's agents route by.
import type { LabelledExample } from '../llm/offline/intent-classifier';
import type { CustomFieldDef, PipelineStage, RateCard, StageKind, Vendor } from '../schemas/pipelines';
import type { AgentSettingsDoc, packModelRoles } from '../schemas/index';

type PackModelRole = (typeof packModelRoles)[number];

export type PackLanguage = 'en' | 'ru';
export type Localized = Readonly<Record<PackLanguage, string>>;

export type PackStage = Readonly<{
  id: string;
  kind: StageKind;
  probability: number;
  name: Localized;
  notify?: PipelineStage['notify'];
}>;

export type PackPipeline = Readonly<{
  id: string;
  name: Localized;
  description: Localized;
  stages: readonly PackStage[];
  currencies: readonly string[];
  fields: readonly CustomFieldDef[];
  rateCards?: readonly RateCard[];
  /** A starting vendor directory (the team replaces it with its own). */
  vendors?: readonly Vendor[];
}>;

export type PackProfile = Readonly<{
  id: string;
  name: Localized;
  persona: Localized;
  instructions: Localized;
  allowedTools: readonly string[];
  toolEffects?: AgentSettingsDoc['toolEffects'];
  /**
   * A role's model by the kind of provider, used where the team has a provider of that kind when the
   * pack is applied (GigaChat for Maestro); the team changes it on the Agents screen.
   */
  preferredModels?: Readonly<Partial<Record<PackModelRole, { kind: string; model: string }>>>;
  /** The agents' roles this profile speaks for (Maestro routes to Planning and Finance). */
  roles: readonly { id: string; name: Localized; prompt: Localized }[];
}>;

export type KnowledgeTemplate = Readonly<{ id: string; title: Localized; text: Localized }>;

export type PackIntent = Readonly<{ label: string; description: Localized }>;

export type DomainPack = Readonly<{
  id: string;
  name: Localized;
  description: Localized;
  /** The pack today's teams work without applying anything (its pipeline and profile are built in). */
  builtin?: boolean;
  pipelines: readonly PackPipeline[];
  profiles: readonly PackProfile[];
  intents: readonly PackIntent[];
  /** Training examples of the intents, Russian and English (labels among `intents`). */
  examples: readonly LabelledExample[];
  knowledge: readonly KnowledgeTemplate[];
}>;
