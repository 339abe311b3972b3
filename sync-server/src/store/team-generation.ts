// A team's data generation. A restore replaces every database of a team; the databases' changes
// feeds then count again from another start, and whatever a process keeps of the team (followers'
// positions, cached threads, agent settings, the knowledge index) belongs to the old data. So a
// restore says so on the team's doc in app_teams, which every process follows: `restoring` while it
// runs (processes let go of the team), then `restoredAt` (processes start the team afresh). The
// followers' checkpoints of a restored team carry the generation in their ids, so a process that was
// still on the old data cannot move the new generation's position, and the restore leaves a note of
// where the restored messages end (`restore:<team>` in app_runtime): followers of the new generation
// start there, and the restored history is not run again.
import type { Store } from '../context';
import { statusOf } from './couch-errors';

/** The marks a restore leaves on the team doc. */
export type TeamMarks = { restoring?: string; restoredAt?: string };

/** Where the restored messages end, for the followers of the new generation. */
export type RestoreNote = { _id: string; _rev?: string; generation: string; messagesSince: string };

export const restoreNoteId = (teamId: string) => `restore:${teamId}`;

/** A checkpoint id of the team's current generation (`base` before any restore). */
export const generationCheckpointId = (base: string, generation: string | undefined) =>
  generation ? `${base}@${generation}` : base;

/** Sets (or, with undefined, removes) marks on the team doc; retried on conflicts. */
export async function markTeam(store: Store, teamId: string, marks: TeamMarks): Promise<void> {
  const teams = store.systemDb<Record<string, unknown> & { _id: string; _rev?: string }>('app_teams');
  for (let attempt = 0; ; attempt++) {
    const doc = await teams.get(teamId).catch((e: unknown) => {
      if (statusOf(e) === 404) return undefined;
      throw e;
    });
    if (!doc) return; // no team doc (a bare restore in a test): no process runs the team
    const next: Record<string, unknown> & { _id: string } = { ...doc };
    for (const [k, v] of Object.entries(marks)) {
      if (v === undefined) delete next[k];
      else next[k] = v;
    }
    try {
      await teams.insert(next);
      return;
    } catch (e) {
      if (statusOf(e) !== 409 || attempt >= 10) throw e;
    }
  }
}

/** Records where the restored messages end (the messages database's update sequence now). */
export async function noteRestore(store: Store, teamId: string, generation: string): Promise<void> {
  const info = (await store.teamDb(teamId, 'messages').info()) as { update_seq: string | number };
  const notes = store.systemDb<RestoreNote>('app_runtime');
  const id = restoreNoteId(teamId);
  const current = await notes.get(id).catch((e: unknown) => {
    if (statusOf(e) === 404) return undefined;
    throw e;
  });
  await notes.insert({
    _id: id,
    ...(current?._rev ? { _rev: current._rev } : {}),
    generation,
    messagesSince: String(info.update_seq),
  });
}

/** Where followers of `generation` start when they have no checkpoint yet ('0' if unknown). */
export async function generationStart(store: Store, teamId: string, generation: string): Promise<string> {
  try {
    const note = await store.systemDb<RestoreNote>('app_runtime').get(restoreNoteId(teamId));
    return note.generation === generation ? note.messagesSince : '0';
  } catch (e) {
    if (statusOf(e) === 404) return '0';
    throw e;
  }
}
