// A rep's writes to tasks: add, complete or reopen, edit. Written to the local database with
// per-field times like every edit, so they work offline and sync (and merge) later.
import type { TaskDoc } from '@app/shared/schemas';
import { newId } from '@app/shared/ids';
import { insertDocs, updateDoc, type Workspace } from './workspace';

export type NewTask = Pick<TaskDoc, 'title'> &
  Partial<Pick<TaskDoc, 'description' | 'dueAt' | 'priority' | 'assigneeId' | 'contactId' | 'leadId'>>;

/** Drops empty optional fields (the schema has no empty strings for references). */
const present = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;

export async function addTask(ws: Workspace, task: NewTask): Promise<string> {
  const now = new Date().toISOString();
  const id = newId('task');
  await insertDocs(ws, 'tasks', [
    {
      ...present({ ...task, title: undefined }),
      id,
      title: task.title.trim().slice(0, 500),
      status: 'open',
      createdBy: { kind: 'rep', ...(ws.session.userId ? { id: ws.session.userId } : {}) },
      createdAt: now,
      updatedAt: now,
    },
  ]);
  return id;
}

export const setTaskDone = (ws: Workspace, id: string, done: boolean) =>
  updateDoc(ws, 'tasks', id, { status: done ? 'done' : 'open' });

/**
 * Writes only what changed, of the fields that merge field by field (the deal and contact a task is
 * for stay as made); a cleared optional field is removed from the doc.
 */
export async function editTask(ws: Workspace, before: TaskDoc, after: NewTask): Promise<void> {
  const patch: Partial<TaskDoc> = {};
  const keys = ['title', 'description', 'dueAt', 'priority', 'assigneeId'] as const;
  for (const k of keys) {
    const next = after[k] === '' ? undefined : after[k];
    if (next !== before[k]) (patch as Record<string, unknown>)[k] = next;
  }
  if (Object.keys(patch).length) await updateDoc(ws, 'tasks', before.id, patch);
}
