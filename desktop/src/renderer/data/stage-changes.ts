// Recording a deal's stage moves in the local database (see shared schemas/stage-changes.ts): every
// desktop writer of a lead's stage (board drag, table bulk move, deal editor, approved proposal) calls
// `recordStageChange` beside its lead write, offline if need be; the record replicates like any doc.
// The record is the signed-in rep's own (the gateway refuses a rep's record of anyone else).
import type { StoredSession } from '@app/shared/ipc';
import { stageChangeOf, type LeadDoc, type StageChangeVia } from '@app/shared/schemas';
import type { AppDatabase } from './database';
import type { SyncEngine } from './replication';

type LeadState = Pick<LeadDoc, 'stage' | 'pipelineId' | 'conversationId' | 'stageChangedAt'>;

/** The parts of a workspace (workspace.ts) a record is written with. */
type Writer = { session: StoredSession; db: AppDatabase; sync: SyncEngine };

export async function recordStageChange(
  ws: Writer,
  before: LeadState | null,
  after: LeadState & { id: string },
  via: StageChangeVia,
): Promise<void> {
  const userId = ws.session.userId;
  if (!userId) return;
  const now = new Date().toISOString();
  const record = stageChangeOf(
    before,
    after,
    { kind: 'rep', id: userId, ...(ws.session.email ? { name: ws.session.email } : {}) },
    now,
    via,
  );
  if (!record) return;
  const result = await ws.db.collections.stage_changes.bulkInsert([record]);
  // A 409 is the same move recorded already (ids derive from the move).
  if (result.success.length) ws.sync.notePendingWrite('stage_changes', record.id);
}
