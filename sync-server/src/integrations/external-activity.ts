// The sync with the task and calendar services notes each step on a linked doc in the team's Activity:
// an update read from the service (external-poll.ts), a rep's edit pushed (external-push.ts), a failed
// copy tried again (external-retry.ts). One entry per step and time, shown in the doc's conversation
// and on its contact.
import type { ActivityDoc, CalendarEventDoc, TaskDoc } from '@app/shared/schemas';
import type { Store } from '../context';
import { teamData } from '../store/data';

/** What an entry says of its step, beside the doc and the time. */
type Step = Pick<ActivityDoc, 'role' | 'kind' | 'name' | 'status' | 'input'> &
  Partial<Pick<ActivityDoc, 'output' | 'error'>>;

/**
 * Notes one sync step on a linked doc: entry `act:<key>:<doc>:<time>`, run `<run>:<doc>`, in the
 * doc's conversation and on its contact.
 */
export async function noteSyncStep(
  where: { store: Store; teamId: string },
  of: { key: string; run: string; doc: TaskDoc | CalendarEventDoc; at: string },
  step: Step,
): Promise<void> {
  const { key, run, doc, at } = of;
  const entry: ActivityDoc = {
    id: `act:${key}:${doc.id.slice(-80)}:${Date.parse(at)}`,
    runId: `${run}:${doc.id}`,
    ...step,
    ...(doc.conversationId ? { conversationId: doc.conversationId } : {}),
    ...(doc.contactId ? { contactId: doc.contactId } : {}),
    startedAt: at,
  };
  await teamData(where.store, where.teamId).activity.save(entry);
}

/** A call to the service (a copy or a push): ok with the item's address, or its error (1000 characters). */
export const serviceCall = (
  name: string,
  input: unknown,
  error: string | undefined,
  url: string | undefined,
): Step => ({
  role: 'answer',
  kind: 'tool-call',
  name,
  status: error ? 'error' : 'ok',
  input: JSON.stringify(input),
  ...(error ? { error: error.slice(0, 1000) } : { output: JSON.stringify({ url: url ?? null }) }),
});
