// The team's pipelines in the app: replicated docs (admins edit them through the API, Settings) with
// the built-in default standing in until one is stored, the board's chosen pipeline (the member's
// pick on this device, else the team's primary one, else the default), shown pipeline and stage
// names (the default stages and a pack's in the reader's language), and the currencies deals are
// counted in.
import { useMemo, useState } from 'react';
import { findPipeline, teamPipelines } from '@app/shared/crm';
import { packPipelineName, packStageName } from '@app/shared/pack-names';
import {
  DEFAULT_PIPELINE_ID,
  defaultPipeline,
  leadStages,
  type PipelineDoc,
  type PipelineStage,
} from '@app/shared/schemas';
import { localeOf, type Translate } from '../i18n/i18n';
import { useLiveQuery } from './hooks';

export function usePipelines(): PipelineDoc[] {
  return usePipelineList().pipelines;
}

/** The team's pipelines, and whether they are still being read (the built-in default stands in). */
export function usePipelineList(): { pipelines: PipelineDoc[]; loading: boolean } {
  const { docs, loading } = useLiveQuery('pipelines', {});
  const pipelines = useMemo(() => teamPipelines(docs), [docs]);
  return { pipelines, loading };
}

const chosenKey = 'sw.pipeline';

/** The pipeline the team's board opens on: its primary one (a pack's, once applied), else the default. */
export function teamBoardPipeline(pipelines: readonly PipelineDoc[]): PipelineDoc {
  return pipelines.find((p) => p.boardDefault) ?? findPipeline(pipelines, DEFAULT_PIPELINE_ID)!;
}

/** Forgets this device's pick, so the board opens on the team's pipeline again (a pack was applied). */
export function followTeamPipeline(): void {
  localStorage.removeItem(chosenKey);
}

/** The pipeline the board shows (the member's pick, kept per device, else the team's), and a setter. */
export function useChosenPipeline(pipelines: readonly PipelineDoc[]): [PipelineDoc, (id: string) => void] {
  const [id, setId] = useState(() => localStorage.getItem(chosenKey));
  const chosen = (id !== null && findPipeline(pipelines, id)) || teamBoardPipeline(pipelines);
  const choose = (next: string) => {
    localStorage.setItem(chosenKey, next);
    setId(next);
  };
  return [chosen, choose];
}

const defaultIds: readonly string[] = leadStages;

const builtInName = defaultPipeline().name;

/**
 * A pipeline's shown name: the default pipeline under its built-in name, and a pack's under one of the
 * pack's names, in the UI's language; a name the team gave it as written.
 */
export function pipelineLabel(
  t: Translate,
  pipeline: Pick<PipelineDoc, 'id' | 'name' | 'names' | 'pack'>,
): string {
  return pipeline.id === DEFAULT_PIPELINE_ID && pipeline.name === builtInName
    ? t('pipeline.defaultName')
    : packPipelineName(pipeline, localeOf(t));
}

/**
 * A stage's shown name: its own (a pack's stage in the UI's language), else the default stage's name
 * in the UI's language, else its id.
 */
export function stageLabel(t: Translate, stage: Pick<PipelineStage, 'id' | 'name' | 'names'>): string {
  if (stage.name) return packStageName(stage, localeOf(t)) ?? stage.name;
  return defaultIds.includes(stage.id) ? t(`stage.${stage.id as (typeof leadStages)[number]}`) : stage.id;
}

/**
 * The currencies a deal may be in: its pipeline's (the first is the default for new deals), plus the
 * deal's own if an import or an older version gave it another.
 */
export function currenciesOf(pipeline: PipelineDoc, current?: string): string[] {
  return current && !pipeline.currencies.includes(current)
    ? [...pipeline.currencies, current]
    : pipeline.currencies;
}
