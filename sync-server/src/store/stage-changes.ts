// Writing stage-change records (shared schemas/stage-changes.ts) from the server: the API's lead
// writes, pipeline edits that move leads, and the agents' moves. Ids derive from the move, so a record
// written twice (a retried request, two paths) is one doc: a 409 is "recorded already".
import type { StageChangeDoc } from '@app/shared/schemas';
import type { Store } from '../context';
import { toCouch } from './couch-docs';

/** Writes the records (undefined entries skipped); answers how many were new. */
export async function recordStageChanges(
  store: Store,
  teamId: string,
  records: readonly (StageChangeDoc | undefined)[],
): Promise<number> {
  const docs = records.filter((r): r is StageChangeDoc => !!r).map((r) => toCouch(r));
  if (!docs.length) return 0;
  const results = await store.teamDb<Record<string, unknown>>(teamId, 'stage_changes').bulk({ docs });
  const failed = results.filter((r) => r.error && r.error !== 'conflict');
  if (failed.length) throw new Error(`stage changes not recorded: ${failed.map((f) => f.error).join(', ')}`);
  return results.filter((r) => !r.error).length;
}
