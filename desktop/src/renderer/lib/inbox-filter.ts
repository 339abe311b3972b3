// Inbox filters: channel, mode (AI or rep, or customers waiting for a rep) and assignee; newest
// conversation first, closed ones hidden.
import type { ConversationDoc } from '@app/shared/schemas';

export type Filters = { channel: string; mode: string; assignee: string };

/** What the filters and the order read of a conversation: a conversation or its row in the index. */
export type FilterableConversation = Pick<
  ConversationDoc,
  'status' | 'channel' | 'mode' | 'assigneeId' | 'lastMessageAt' | 'updatedAt' | 'waitingSince'
>;

/** A customer handed to a human and not yet answered by a rep (the hand-off sets it, a rep's reply clears it). */
export const isWaiting = (c: Pick<ConversationDoc, 'mode' | 'waitingSince'>): boolean =>
  c.mode === 'human' && Boolean(c.waitingSince);

export function filterConversations<C extends FilterableConversation>(
  list: Iterable<C>,
  f: Filters,
  me: string | undefined,
): C[] {
  return [...list]
    .filter((c) => c.status !== 'closed')
    .filter((c) => !f.channel || c.channel === f.channel)
    .filter((c) => !f.mode || (f.mode === 'waiting' ? isWaiting(c) : c.mode === f.mode))
    .filter((c) => (f.assignee === 'me' ? c.assigneeId === me : f.assignee === 'none' ? !c.assigneeId : true))
    .sort((a, b) => (b.lastMessageAt ?? b.updatedAt).localeCompare(a.lastMessageAt ?? a.updatedAt));
}
