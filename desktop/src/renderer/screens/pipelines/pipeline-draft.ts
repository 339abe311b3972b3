// A pipeline as the settings form edits it (PipelineSettings.tsx): the draft made from a stored
// pipeline or for a new one, a new stage's id, and the body saved from a draft.
import { leadStages, type PipelineDoc, type PipelineStage } from '@app/shared/schemas';
import { notifyBody } from '../../components/StageNotifyEditor';
import { pipelineLabel, stageLabel } from '../../data/pipelines';
import type { Translate } from '../../i18n/i18n';

export type Draft = { id?: string; name: string; currencies: string; stages: PipelineStage[] };
/** The select's value for "a new pipeline". */
export const NEW = '__new';

/**
 * The form of a pipeline as the admin reads it: the default pipeline still under its built-in name,
 * built-in stages without a name of their own, and a pack's pipeline and stages are shown in the UI's
 * language (pipelineLabel, stageLabel) and saved unchanged unless the admin types another name
 * (`saveBody` below).
 */
export const draftOf = (t: Translate, p: PipelineDoc): Draft => ({
  id: p.id,
  name: pipelineLabel(t, p),
  currencies: p.currencies.join(', '),
  stages: p.stages.map((s) => ({
    ...s,
    ...(s.name ? { name: stageLabel(t, s) } : builtInStageName(t, s.id)),
  })),
});

/** A built-in stage's shown name as its draft name (`{}` for a stage of the admin's own). */
export const builtInStageName = (t: Translate, id: string): { name?: string } =>
  (leadStages as readonly string[]).includes(id) ? { name: stageLabel(t, { id }) } : {};

/** A new pipeline's draft: the first pipeline's currencies, and new, won and lost stages. */
export const newDraft = (t: Translate, pipelines: PipelineDoc[]): Draft => ({
  name: '',
  currencies: (pipelines[0]?.currencies ?? ['USD']).join(', '),
  stages: [
    { id: 'new', kind: 'open', probability: 10, ...builtInStageName(t, 'new') },
    { id: 'won', kind: 'won', probability: 100, ...builtInStageName(t, 'won') },
    { id: 'lost', kind: 'lost', probability: 0, ...builtInStageName(t, 'lost') },
  ],
});

/** A new stage's id from its name (Latin letters and digits; otherwise `stage`), unique in the list. */
export function stageIdFor(name: string, taken: readonly string[]): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 30) || 'stage';
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}

/** The draft with a new open stage after the last open one (named "Add stage" until renamed). */
export function withNewStage(t: Translate, draft: Draft): Draft {
  const name = t('pipelines.addStage');
  const id = stageIdFor(
    `stage-${draft.stages.length + 1}`,
    draft.stages.map((s) => s.id),
  );
  const open = draft.stages.filter((s) => s.kind === 'open').length;
  const stages = [...draft.stages];
  stages.splice(open, 0, { id, name, kind: 'open', probability: 50 });
  return { ...draft, stages };
}

/**
 * What is saved from the draft. What the form shows in the UI's language is saved as it was stored:
 * the built-in name stays the built-in one (so it reads in each member's language), a stage shown by
 * its built-in name keeps none.
 */
export function saveBody(t: Translate, draft: Draft, original: PipelineDoc | undefined, selected: string) {
  const shownDefault = selected === 'default' && original && pipelineLabel(t, original) !== original.name;
  const stageName = (s: PipelineStage) => {
    const name = s.name?.trim() ?? '';
    const builtIn = builtInStageName(t, s.id).name;
    const stored = original?.stages.find((o) => o.id === s.id)?.name;
    if (!name || (name === builtIn && stored !== name)) return {};
    // A pack's stage keeps both its names while it is named as one of them.
    return s.names && (name === s.names.en || name === s.names.ru) ? { name, names: s.names } : { name };
  };
  return {
    name:
      shownDefault && draft.name.trim() === pipelineLabel(t, original) ? original.name : draft.name.trim(),
    currencies: draft.currencies
      .split(/[\s,;]+/)
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean),
    stages: draft.stages.map((s) => ({
      id: s.id,
      kind: s.kind,
      probability: Number(s.probability),
      ...stageName(s),
      ...notifyBody(s.notify),
    })),
  };
}
