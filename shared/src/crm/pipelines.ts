// A team's pipelines as the app and the server use them: which pipeline and stage a lead is in, the
// rules a pipeline edit must keep (unique stage ids, an open stage, no stage dropped while it holds
// leads unless they are moved), and the rules a lead must keep (a stage of its pipeline; a reason when
// lost). Pure functions over plain docs, so the API, the desktop and tests share them.
import { DomainError } from '../errors';
import {
  DEFAULT_PIPELINE_ID,
  defaultPipeline,
  type PipelineDoc,
  type PipelineStage,
} from '../schemas/pipelines';

type LeadLike = {
  pipelineId?: string | undefined;
  stage: string;
  lostReason?: string | undefined;
  probability?: number | undefined;
};

/** The team's pipelines in switcher order, the default pipeline first (built in when not stored). */
export function teamPipelines(stored: readonly PipelineDoc[]): PipelineDoc[] {
  const live = stored.filter((p) => !(p as { _deleted?: boolean })._deleted);
  const list = live.some((p) => p.id === DEFAULT_PIPELINE_ID) ? [...live] : [defaultPipeline(), ...live];
  return list.sort(
    (a, b) =>
      Number(b.id === DEFAULT_PIPELINE_ID) - Number(a.id === DEFAULT_PIPELINE_ID) ||
      (a.position ?? 0) - (b.position ?? 0) ||
      a.name.localeCompare(b.name),
  );
}

/** The id of the pipeline a lead runs in. */
export const pipelineIdOf = (lead: { pipelineId?: string | undefined }) =>
  lead.pipelineId ?? DEFAULT_PIPELINE_ID;

export function findPipeline(pipelines: readonly PipelineDoc[], id: string): PipelineDoc | undefined {
  return pipelines.find((p) => p.id === id) ?? (id === DEFAULT_PIPELINE_ID ? defaultPipeline() : undefined);
}

export const findStage = (pipeline: PipelineDoc, stageId: string): PipelineStage | undefined =>
  pipeline.stages.find((s) => s.id === stageId);

/** The lead's win chance in %: the rep's own figure, else its stage's. */
export function probabilityOf(lead: LeadLike, pipeline: PipelineDoc): number {
  return lead.probability ?? findStage(pipeline, lead.stage)?.probability ?? 0;
}

const stageNames = (p: PipelineDoc) => p.stages.map((s) => s.id).join(', ');

/** Refuses a pipeline whose stages repeat an id or have no open stage. */
export function checkPipeline(pipeline: Pick<PipelineDoc, 'name' | 'stages' | 'currencies'>): void {
  const seen = new Set<string>();
  for (const s of pipeline.stages) {
    if (seen.has(s.id)) {
      throw new DomainError('invalid-pipeline', `Stage id '${s.id}' appears twice in '${pipeline.name}'`);
    }
    seen.add(s.id);
  }
  if (!pipeline.stages.some((s) => s.kind === 'open')) {
    throw new DomainError('invalid-pipeline', `Pipeline '${pipeline.name}' needs at least one open stage`);
  }
  if (new Set(pipeline.currencies).size !== pipeline.currencies.length) {
    throw new DomainError('invalid-pipeline', `Pipeline '${pipeline.name}' lists a currency twice`);
  }
}

/**
 * What a stage edit does to the leads of the pipeline: the stages it removes that hold leads must be
 * mapped (`moveTo`: removed stage id -> a stage id of the new list). Returns the moves to make.
 * `leadCounts` counts the pipeline's leads per stage id (stages no longer in `before` included, so a
 * retried edit still finds leads an earlier attempt left behind).
 */
export function planStageEdit(
  before: PipelineDoc,
  after: Pick<PipelineDoc, 'name' | 'stages'>,
  leadCounts: ReadonlyMap<string, number>,
  moveTo: Readonly<Record<string, string>> = {},
): Map<string, string> {
  const kept = new Set(after.stages.map((s) => s.id));
  const moves = new Map<string, string>();
  for (const [from, to] of Object.entries(moveTo)) {
    if (!kept.has(to)) {
      throw new DomainError(
        'unknown-stage',
        `Cannot move leads to '${to}': '${after.name}' has no such stage`,
      );
    }
    if (kept.has(from)) continue;
    moves.set(from, to);
  }
  // Every stage holding leads, the pipeline's own and any a stale device wrote, must stay or be mapped.
  for (const [stageId, count] of leadCounts) {
    if (kept.has(stageId) || count === 0 || moves.has(stageId)) continue;
    const name = findStage(before, stageId)?.name ?? stageId;
    throw new DomainError(
      'stage-in-use',
      `Stage '${name}' holds ${count} lead(s): say where they go (moveTo: { "${stageId}": "<stage id>" })`,
      { details: [{ path: `moveTo.${stageId}`, message: `${count} lead(s) in this stage` }] },
    );
  }
  return moves;
}

/**
 * Refuses a lead whose stage its pipeline does not have, or that is (newly) in a lost stage without a
 * reason. `previous` is the stored lead, if any: leads already lost before a reason was required stay.
 */
export function checkLeadStage(lead: LeadLike, pipeline: PipelineDoc, previous?: LeadLike | null): void {
  const stage = findStage(pipeline, lead.stage);
  if (!stage) {
    throw new DomainError(
      'unknown-stage',
      `Stage '${lead.stage}' is not in pipeline '${pipeline.name}' (stages: ${stageNames(pipeline)})`,
      { details: [{ path: 'stage', message: `not a stage of '${pipeline.id}'` }] },
    );
  }
  const moved = !previous || previous.stage !== lead.stage || pipelineIdOf(previous) !== pipeline.id;
  if (stage.kind === 'lost' && moved && !lead.lostReason?.trim()) {
    throw new DomainError(
      'lost-reason-required',
      `Moving a lead to the lost stage '${stage.name ?? stage.id}' needs a lost reason (lostReason)`,
      { details: [{ path: 'lostReason', message: 'required in a lost stage' }] },
    );
  }
}

/**
 * The stage of `pipeline` that a default stage id stands for (agents and their proposals speak the
 * default stages): the same id if the pipeline has it, else `won` / `lost` -> its first won / lost
 * stage, `new` -> its first open stage; otherwise none.
 */
export function stageLike(pipeline: PipelineDoc, defaultStageId: string): string | undefined {
  if (findStage(pipeline, defaultStageId)) return defaultStageId;
  const kind =
    defaultStageId === 'won'
      ? 'won'
      : defaultStageId === 'lost'
        ? 'lost'
        : defaultStageId === 'new'
          ? 'open'
          : undefined;
  return kind && pipeline.stages.find((s) => s.kind === kind)?.id;
}
