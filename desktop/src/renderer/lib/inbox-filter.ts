// Inbox filters: channel, mode (AI or rep) and assignee; newest conversation first, closed ones hidden.
import type { ConversationDoc } from '@app/shared/schemas';

export type Filters = { channel: string; mode: string; assignee: string };

export function filterConversations(
  list: readonly ConversationDoc[],
  f: Filters,
  me: string | undefined,
): ConversationDoc[] {
  return list
    .filter((c) => c.status !== 'closed')
    .filter((c) => !f.channel || c.channel === f.channel)
    .filter((c) => !f.mode || c.mode === f.mode)
    .filter((c) => (f.assignee === 'me' ? c.assigneeId === me : f.assignee === 'none' ? !c.assigneeId : true))
    .sort((a, b) => (b.lastMessageAt ?? b.updatedAt).localeCompare(a.lastMessageAt ?? a.updatedAt));
}
