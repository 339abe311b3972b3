// The team's pipelines in the app: replicated docs (admins edit them through the API, Settings) with
// the built-in default standing in until one is stored, the board's chosen pipeline, shown stage
// names (the default stages in the reader's language), and the currencies deals are counted in.
import { useMemo, useState } from 'react';
import { findPipeline, teamPipelines } from '@app/shared/crm';
import {
  DEFAULT_PIPELINE_ID,
  defaultPipeline,
  leadStages,
  type PipelineDoc,
  type PipelineStage,
} from '@app/shared/schemas';
import type { Translate } from '../i18n/i18n';
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

/** The pipeline the board shows (kept per device), and a setter. */
export function useChosenPipeline(pipelines: readonly PipelineDoc[]): [PipelineDoc, (id: string) => void] {
  const [id, setId] = useState(() => localStorage.getItem(chosenKey) ?? DEFAULT_PIPELINE_ID);
  const chosen = findPipeline(pipelines, id) ?? findPipeline(pipelines, DEFAULT_PIPELINE_ID)!;
  const choose = (next: string) => {
    localStorage.setItem(chosenKey, next);
    setId(next);
  };
  return [chosen, choose];
}

const defaultIds: readonly string[] = leadStages;

const builtInName = defaultPipeline().name;

/** A pipeline's shown name: the default pipeline under its built-in name is named in the UI's language. */
export function pipelineLabel(t: Translate, pipeline: Pick<PipelineDoc, 'id' | 'name'>): string {
  return pipeline.id === DEFAULT_PIPELINE_ID && pipeline.name === builtInName
    ? t('pipeline.defaultName')
    : pipeline.name;
}

/** A stage's shown name: its own, else the default stage's name in the UI's language, else its id. */
export function stageLabel(t: Translate, stage: Pick<PipelineStage, 'id' | 'name'>): string {
  if (stage.name) return stage.name;
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
