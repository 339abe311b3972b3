// What a restore does not take from the file (issue 60): the fields the server owns. A knowledge
// source comes back `pending`, with no error and no attempts, measured again by what is stored
// (knowledge/knowledge-measure.ts: its original's bytes, or its chunks' text), never the size the file
// declares; the ingestion then indexes it again at the team's start, against the plan (a website is
// due for a crawl at once). Until then none of its chunks is searched. The audit log (`activity`) is
// not replaced: the team keeps its own, the file adds only the entries it lacks (restore-swap.ts), and
// it gains one entry saying what was restored, from which team and backup.
import type { Store } from '../context';
import { teamDatabase } from '../store/named-db';
import { measureSource } from '../knowledge/knowledge-measure';
import type { RestoreJob } from './restore-job';

type Raw = Record<string, unknown> & { _id: string; _rev?: string };

const PAGE = 200;

/** The source as the server sets it after a restore: to be indexed again, with its measured size. */
async function resetSource(store: Store, teamId: string, doc: Raw, at: string): Promise<Raw> {
  const { error: _e, size: _s, attempts: _a, ...rest } = doc;
  const stored = await measureSource(store, teamId, { id: doc._id, fileDocId: doc.fileDocId });
  const next: Raw = { ...rest, status: 'pending', updatedAt: at, ...(stored ? { size: stored.bytes } : {}) };
  const site = doc.site as Record<string, unknown> | undefined;
  if (doc.kind === 'website' && site) {
    const { runStartedAt: _r, ...keep } = site;
    next.site = { ...keep, state: 'idle', nextRunAt: at };
  }
  return next;
}

/** Every knowledge source of the restored team set back to what the server can vouch for. */
export async function resetServerFields(store: Store, teamId: string, now: Date): Promise<number> {
  const sources = teamDatabase(store, teamId, 'knowledge_sources');
  const at = now.toISOString();
  let after: string | undefined;
  let reset = 0;
  for (;;) {
    const page = await sources.page(after, PAGE);
    const docs: Raw[] = [];
    for (const doc of page.docs) docs.push(await resetSource(store, teamId, doc as Raw, at));
    if (docs.length) {
      const results = await sources.bulk(docs);
      const failed = results.find((r) => r.error);
      if (failed) throw new Error(`restore: source ${failed.id} could not be reset (${failed.error})`);
      reset += docs.length;
    }
    after = page.last;
    if (!page.more) break;
  }
  return reset;
}

/** The audit log's entry for the restore (one per restore: written again, it is kept as it was). */
export async function noteRestoreInAuditLog(store: Store, job: RestoreJob, now: Date): Promise<void> {
  const at = now.toISOString();
  const entry = {
    _id: `restore-${job.generation}`,
    runId: `restore-${job.generation}`,
    role: 'runtime',
    kind: 'step',
    name: 'restore',
    status: 'ok',
    output: JSON.stringify({
      fromTeamId: job.fromTeamId,
      backupCreatedAt: job.backupCreatedAt,
      restored: job.counts,
    }).slice(0, 20_000),
    startedAt: at,
    finishedAt: at,
  };
  const [result] = await teamDatabase(store, job.teamId, 'activity').bulk([entry]);
  if (result?.error && result.error !== 'conflict')
    throw new Error(`restore: its audit log entry could not be written (${result.error})`);
}
