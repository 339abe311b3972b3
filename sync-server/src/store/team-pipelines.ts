// A team's pipelines as stored in `t_<team>_pipelines`, with the built-in default pipeline standing in
// until an admin stores an edited copy of it (shared/src/crm/pipelines.ts).
import { findPipeline, teamPipelines } from '@app/shared/crm';
import { DEFAULT_PIPELINE_ID, type PipelineDoc } from '@app/shared/schemas';
import type { Store } from '../context';
import { allItems, getRaw, fromCouchRaw, statusOf } from './raw-docs';

export async function readPipelines(store: Store, teamId: string): Promise<PipelineDoc[]> {
  const items = await allItems(store.teamDb(teamId, 'pipelines')).catch((e: unknown) => {
    // A team set up before pipelines existed may not have the database yet: no stored pipelines.
    if (statusOf(e) === 404) return [];
    throw e;
  });
  return teamPipelines(items.map((i) => i.doc as unknown as PipelineDoc));
}

/** One pipeline and its stored revision (none for the built-in default), or null. */
export async function readPipeline(
  store: Store,
  teamId: string,
  id: string,
): Promise<{ doc: PipelineDoc; rev?: string } | null> {
  const raw = await getRaw(store.teamDb(teamId, 'pipelines'), id);
  if (raw) {
    const { doc, rev } = fromCouchRaw(raw);
    return { doc: doc as unknown as PipelineDoc, rev };
  }
  const builtIn = id === DEFAULT_PIPELINE_ID ? findPipeline([], id) : undefined;
  return builtIn ? { doc: builtIn } : null;
}
