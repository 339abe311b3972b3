// Leads pushed through the gateway follow the team's pipelines, as the API does: a lead's stage must be
// a stage of its pipeline (a pipeline the team has). A lead whose stored copy is already in that same
// unknown stage passes (an edit of another field must not be stuck behind a stage an admin removed
// meanwhile). Deletions pass. Read through the gateway's forwarder, once per push.
import type { Verdict } from '@app/shared/access';
import { findPipeline, findStage, pipelineIdOf, teamPipelines } from '@app/shared/crm';
import { DomainError } from '@app/shared/errors';
import type { PipelineDoc } from '@app/shared/schemas';
import { storedAsDoc } from '../store/collections';
import type { Forwarder } from './forward';

type Raw = Record<string, unknown>;
type Row = { key?: unknown; doc?: Raw | null };

async function allDocs(db: string, fwd: Forwarder, keys?: string[]): Promise<Raw[]> {
  const query = new URLSearchParams({ include_docs: 'true' });
  const up = await fwd.call(
    'lead-stages',
    keys
      ? { method: 'POST', path: `/${db}/_all_docs`, query, body: JSON.stringify({ keys }) }
      : { method: 'GET', path: `/${db}/_all_docs`, query },
  );
  // A database that is not there holds nothing: a team set up before pipelines existed has no
  // pipelines database yet, and a restore drops and creates the team's databases while pushes go on.
  if (up.statusCode === 404) {
    up.resume();
    return [];
  }
  if ((up.statusCode ?? 500) >= 300) {
    up.resume();
    throw new DomainError(
      'store-unavailable',
      `The database did not answer the stage check (HTTP ${up.statusCode ?? 'none'})`,
    );
  }
  const answer = (await fwd.json(up)) as { rows?: Row[] };
  return (answer.rows ?? []).flatMap((r) => (r.doc && !String(r.doc._id).startsWith('_') ? [r.doc] : []));
}

const stageProblem = (doc: Raw, pipelines: PipelineDoc[]): string | undefined => {
  const lead = doc as { pipelineId?: string; stage?: string };
  const id = pipelineIdOf(lead);
  const pipeline = findPipeline(pipelines, id);
  if (!pipeline) return `pipelineId: pipeline '${id}' was not found`;
  if (!findStage(pipeline, String(lead.stage))) {
    const names = pipeline.stages.map((s) => s.id).join(', ');
    return `stage: '${String(lead.stage)}' is not a stage of pipeline '${pipeline.name}' (${names})`;
  }
  return undefined;
};

/** Verdicts for pushed leads (in order); `leadsDb` and `pipelinesDb` are the team's databases. */
export async function checkLeadStages(
  docs: Raw[],
  dbs: { leads: string; pipelines: string },
  fwd: Forwarder,
): Promise<Verdict[]> {
  const live = docs.filter((d) => d._deleted !== true);
  if (live.length === 0) return docs.map(() => ({ ok: true }));
  const stored = (await allDocs(dbs.pipelines, fwd)).map((d) => storedAsDoc('pipelines', d));
  const pipelines = teamPipelines(stored);
  const problems = docs.map((d) => (d._deleted === true ? undefined : stageProblem(d, pipelines)));
  const doubtful = docs.flatMap((d, i) => (problems[i] ? [String(d._id)] : []));
  const before = new Map(
    doubtful.length ? (await allDocs(dbs.leads, fwd, doubtful)).map((d) => [String(d._id), d]) : [],
  );
  return docs.map((d, i) => {
    const problem = problems[i];
    if (!problem) return { ok: true };
    const was = before.get(String(d._id));
    const unchanged =
      was &&
      was.stage === d.stage &&
      pipelineIdOf(was as { pipelineId?: string }) === pipelineIdOf(d as { pipelineId?: string });
    return unchanged ? { ok: true } : { ok: false, reason: problem };
  });
}
