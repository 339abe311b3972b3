// Each deal's next open task for the board's cards, read only for the cards on screen (by deal id),
// batched and cached (batched-lookup.ts): a board of 50,000 deals never loads every
// task. A task added, done or moved (here or by replication) refreshes the deals it belongs to.
import type { TaskDoc } from '@app/shared/schemas';
import { batchedLookup } from './batched-lookup';

export type NextTask = Pick<TaskDoc, 'id' | 'title' | 'dueAt'>;

/** The task to do first: the earliest due, then one without a due time, oldest first. */
export function nextOpenTask(tasks: readonly TaskDoc[]): NextTask | null {
  const open = tasks.filter((t) => t.status === 'open');
  open.sort(
    (a, b) =>
      (a.dueAt ? Date.parse(a.dueAt) : Infinity) - (b.dueAt ? Date.parse(b.dueAt) : Infinity) ||
      a.createdAt.localeCompare(b.createdAt),
  );
  const t = open[0];
  return t ? { id: t.id, title: t.title, ...(t.dueAt ? { dueAt: t.dueAt } : {}) } : null;
}

/** The next open task of each of the deals given (missing: not read yet; null: none). */
export const useNextTasks = batchedLookup<NextTask | null>({
  async load(ws, leadIds) {
    const found = await ws.db.tasks.find({ selector: { leadId: { $in: leadIds }, status: 'open' } }).exec();
    const byLead = new Map<string, TaskDoc[]>();
    for (const d of found) {
      const t = d.toJSON() as TaskDoc;
      if (t.leadId) byLead.set(t.leadId, [...(byLead.get(t.leadId) ?? []), t]);
    }
    return new Map(leadIds.map((id) => [id, nextOpenTask(byLead.get(id) ?? [])]));
  },
  watch(ws, held) {
    ws.db.tasks.$.subscribe((e) => {
      // The deal it belongs to now and the one it belonged to before (a task moved to another deal).
      const ids = [e.documentData?.leadId, e.previousDocumentData?.leadId].filter(
        (id): id is string => !!id && held.has(id),
      );
      if (ids.length) held.refresh(ids);
    });
  },
});
