// Inbox filters: channel, mode (AI or rep, or customers waiting for a rep) and assignee (the triage
// tabs Mine / Unassigned / All, each with its count under the other filters); closed ones hidden. Urgent, then high-priority conversations first (an angry or abusive customer, issue 62) while
// their customer waits for a rep or has unread messages; otherwise newest first.
import type { ConversationDoc } from '@app/shared/schemas';

export type Filters = { channel: string; mode: string; assignee: string };

/** What the filters and the order read of a conversation: a conversation or its row in the index. */
export type FilterableConversation = Pick<
  ConversationDoc,
  'status' | 'channel' | 'mode' | 'assigneeId' | 'lastMessageAt' | 'updatedAt' | 'waitingSince'
> &
  Partial<Pick<ConversationDoc, 'priority' | 'unreadCount'>>;

const priorityRank = { normal: 0, high: 1, urgent: 2 } as const;

/** How soon a rep should look: the priority counts while the customer waits or has unread messages. */
export const urgencyOf = (c: FilterableConversation): number =>
  isWaiting(c) || (c.unreadCount ?? 0) > 0 ? priorityRank[c.priority ?? 'normal'] : 0;

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
    .sort(
      (a, b) =>
        urgencyOf(b) - urgencyOf(a) ||
        (b.lastMessageAt ?? b.updatedAt).localeCompare(a.lastMessageAt ?? a.updatedAt),
    );
}

/** The inbox's triage tabs and the assignee filter each stands for. */
export const triageTabs = ['mine', 'unassigned', 'all'] as const;
export type TriageTab = (typeof triageTabs)[number];
export const assigneeOf: Record<TriageTab, string> = { mine: 'me', unassigned: 'none', all: '' };

/** How many open conversations each tab holds under the channel and mode filters. */
export function triageCounts(
  list: Iterable<FilterableConversation>,
  f: Pick<Filters, 'channel' | 'mode'>,
  me: string | undefined,
): Record<TriageTab, number> {
  const shown = filterConversations(list, { ...f, assignee: '' }, me);
  return {
    mine: shown.filter((c) => c.assigneeId === me).length,
    unassigned: shown.filter((c) => !c.assigneeId).length,
    all: shown.length,
  };
}
