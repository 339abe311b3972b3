// Domain packs (types.ts): the list, and what applying one to a team adds and keeps. Applying is
// planned here over the team's stored docs, as plain data, so the API's preview and its apply are
// the same computation: a pipeline or profile whose id the team has already is kept as the team has
// it (never overwritten), so applying twice adds nothing.
import type { AgentSettingsDoc, PipelineDoc } from '../schemas/index';
import { eventsAgencyPack } from './events-agency/index';
import { softwareSalesPack } from './software-sales/index';
import type { AgentPlugin } from '../agents/plugins';
import { eventsAgencyPlugin } from './events-agency/plugin';
import type { DomainPack, PackLanguage, PackProfile } from './types';

export type * from './types';
export { inLanguage, packPipelineName, packProfileName, packStageName } from './pack-names';
export { packClassifier } from './classifier';
export { maestroStep, eventsPipelineOf } from './events-agency/maestro';
export { EVENTS_PACK_ID, EVENTS_PIPELINE_ID, eventsAgencyPack } from './events-agency/index';
export { softwareSalesPack } from './software-sales/index';
export {
  extractEvent,
  detectLanguage,
  isEventRequest,
  readNumber,
  type EventRequest,
} from './events-agency/extract';
export { eventsReport, type EventsReport } from './events-agency/analytics';
export { matchVendors } from './events-agency/vendors';
export { RFQ_TAG, quotedAmount, quoteRequestText } from './events-agency/quotes';
export { planEvent, type PlannedTask } from './events-agency/planning';
export { checkBudget, estimate, cardFor, type BudgetCheck, type Estimate } from './events-agency/finance';

export const packs: readonly DomainPack[] = [softwareSalesPack, eventsAgencyPack];

export const findPack = (id: string) => packs.find((p) => p.id === id);

/** The packs' plug-ins of the agents engine (agents/plugins.ts), each named by its pack's id. */
export const agentPlugins: readonly AgentPlugin[] = [eventsAgencyPlugin];
export { eventsAgencyPlugin };

export type PackItem = {
  kind: 'pipeline' | 'profile' | 'custom-fields' | 'rate-cards' | 'vendors' | 'intents' | 'knowledge';
  id: string;
  name: string;
  /** Why it is kept (the team has its own, or it is built in). */
  reason?: string;
};

export type ApplyPlan = {
  packId: string;
  added: PackItem[];
  kept: PackItem[];
  docs: {
    pipelines: PipelineDoc[];
    agent_settings: AgentSettingsDoc[];
    /** Knowledge templates to add as Markdown knowledge sources (ingested like an upload). */
    knowledge: { id: string; title: string; fileName: string; text: string }[];
  };
};

export type TeamSetup = {
  pipelines: readonly PipelineDoc[];
  profiles: readonly AgentSettingsDoc[];
  /** The ids of the team's knowledge sources. */
  knowledgeSourceIds?: readonly string[];
  /** The team's model providers (id and kind), for a pack profile's preferred models. */
  providers?: readonly { id: string; kind: string }[];
};

/** A pack profile's preferred models the team has a provider for (the first of the kind). */
function preferredModelsOf(
  p: PackProfile,
  providers: readonly { id: string; kind: string }[],
): Pick<AgentSettingsDoc, 'models'> {
  const models: NonNullable<AgentSettingsDoc['models']> = {};
  for (const [role, want] of Object.entries(p.preferredModels ?? {})) {
    const provider = providers.find((x) => x.kind === want.kind);
    if (provider) models[role as keyof typeof models] = { provider: provider.id, model: want.model };
  }
  return Object.keys(models).length ? { models } : {};
}

/** The knowledge source id a pack's template is stored under (one per pack and template). */
export const packKnowledgeId = (packId: string, templateId: string) => `pack-${packId}-${templateId}`;

/** What a pack pipeline brings beside itself: its custom fields, rate cards and vendors. */
function pipelineParts(p: DomainPack['pipelines'][number], language: PackLanguage): PackItem[] {
  return [
    ...(p.fields.length
      ? [
          {
            kind: 'custom-fields' as const,
            id: `${p.id}.fields`,
            name: p.fields.map((f) => f.labels[language]).join(', '),
          },
        ]
      : []),
    ...(p.rateCards?.length
      ? [
          {
            kind: 'rate-cards' as const,
            id: `${p.id}.rateCards`,
            name: p.rateCards.map((c) => c.currency).join(', '),
          },
        ]
      : []),
    ...(p.vendors?.length
      ? [{ kind: 'vendors' as const, id: `${p.id}.vendors`, name: p.vendors.map((v) => v.name).join(', ') }]
      : []),
  ];
}

/** What applying `pack` to a team with `team`'s docs adds (with the docs to store) and keeps. */
export function planPackApply(
  pack: DomainPack,
  team: TeamSetup,
  options: { language: PackLanguage; now: Date },
): ApplyPlan {
  const { language } = options;
  const at = options.now.toISOString();
  const added: PackItem[] = [];
  const kept: PackItem[] = [];
  const docs: ApplyPlan['docs'] = { pipelines: [], agent_settings: [], knowledge: [] };
  const builtin = language === 'ru' ? 'встроено' : 'built in';
  const own = language === 'ru' ? 'у команды уже есть свой' : 'the team has its own';
  let position = Math.max(0, ...team.pipelines.map((p) => p.position ?? 0));
  let primaryTaken = team.pipelines.some((p) => p.boardDefault);
  for (const p of pack.pipelines) {
    const item = { kind: 'pipeline' as const, id: p.id, name: p.name[language] };
    const parts = pipelineParts(p, language);
    const stored = team.pipelines.find((s) => s.id === p.id);
    if (pack.builtin || stored) {
      const reason = stored ? own : builtin;
      kept.push({ ...item, reason }, ...parts.map((x) => ({ ...x, reason })));
      continue;
    }
    added.push(item, ...parts);
    docs.pipelines.push({
      id: p.id,
      name: p.name[language],
      names: { ...p.name },
      description: p.description[language],
      stages: p.stages.map((s) => ({
        id: s.id,
        kind: s.kind,
        probability: s.probability,
        name: s.name[language],
        names: { ...s.name },
        ...(s.notify ? { notify: s.notify } : {}),
      })),
      currencies: [...p.currencies],
      position: ++position,
      ...(p.fields.length ? { fields: p.fields.map((f) => ({ ...f, labels: { ...f.labels } })) } : {}),
      pack: pack.id,
      ...(p.rateCards?.length ? { rateCards: p.rateCards.map((c) => ({ ...c })) } : {}),
      ...(p.vendors?.length ? { vendors: p.vendors.map((v) => ({ ...v })) } : {}),
      // The team's board opens on the pack's first pipeline unless the team has chosen one already.
      ...(primaryTaken ? {} : { boardDefault: (primaryTaken = true) }),
      createdAt: at,
      updatedAt: at,
    });
  }
  const hasDefault = team.profiles.some((p) => p.isDefault);
  for (const p of pack.profiles) {
    const item = { kind: 'profile' as const, id: p.id, name: p.name[language] };
    const stored = team.profiles.find((s) => s.id === p.id);
    if (pack.builtin || stored) {
      kept.push({ ...item, reason: stored ? own : builtin });
      continue;
    }
    added.push(item);
    docs.agent_settings.push({
      id: p.id,
      name: p.name[language],
      persona: p.persona[language],
      instructions: p.instructions[language],
      localized: {
        en: { persona: p.persona.en, instructions: p.instructions.en },
        ru: { persona: p.persona.ru, instructions: p.instructions.ru },
      },
      language: 'auto',
      allowedTools: [...p.allowedTools],
      channels: [],
      followUp: { enabled: true, afterHours: 24, maxAttempts: 2 },
      ...(p.toolEffects ? { toolEffects: { ...p.toolEffects } } : {}),
      ...preferredModelsOf(p, team.providers ?? []),
      // The team's own default profile stays the default; a team without one gets the pack's.
      isDefault: !hasDefault && docs.agent_settings.length === 0,
      createdAt: at,
      updatedAt: at,
    });
  }
  for (const k of pack.knowledge) {
    const id = packKnowledgeId(pack.id, k.id);
    const item = { kind: 'knowledge' as const, id, name: k.title[language] };
    if (team.knowledgeSourceIds?.includes(id)) {
      kept.push({ ...item, reason: own });
      continue;
    }
    added.push(item);
    docs.knowledge.push({
      id,
      title: k.title[language],
      fileName: `${k.id}.md`,
      text: `# ${k.title[language]}\n\n${k.text[language]}\n`,
    });
  }
  const intents = {
    kind: 'intents' as const,
    id: `${pack.id}.intents`,
    name: pack.intents.map((i) => i.description[language]).join(', '),
  };
  // The intents come with the pack's pipeline (its `pack`): they are the team's once that is stored.
  if (docs.pipelines.length) added.push(intents);
  else kept.push({ ...intents, reason: pack.builtin ? builtin : own });
  return { packId: pack.id, added, kept, docs };
}
