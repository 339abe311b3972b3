// The command palette's results in groups, people and deals first (Contacts, Deals, Conversations,
// Knowledge), each group short, so a knowledge passage never pushes a customer or a deal out of sight;
// and the conversations a query reaches: those of the contacts found, then any whose last message
// holds the query. Pure: the palette and its unit test call the same functions.
import type { ConversationRow } from '../data/list-indexes';
import type { SearchHit } from './local-search';

export const groupKinds = ['contact', 'lead', 'conversation', 'knowledge'] as const;
export type GroupKind = (typeof groupKinds)[number];

/** At most this many results a group shows. */
export const groupLimit: Record<GroupKind, number> = { contact: 5, lead: 5, conversation: 4, knowledge: 4 };

export type Found =
  | { kind: 'contact' | 'lead' | 'knowledge'; hit: SearchHit }
  | { kind: 'conversation'; row: Pick<ConversationRow, 'id' | 'contactId' | 'lastMessagePreview'> };

export type Group = { kind: GroupKind; items: Found[] };

/**
 * Open conversations of the contacts found (in their order), then open ones whose last message holds
 * one of the query's spellings; newest first within each part, each conversation once.
 */
export function conversationsFound<R extends ConversationRow>(
  rows: Iterable<R>,
  contactIds: readonly string[],
  spellings: readonly string[],
  limit = groupLimit.conversation,
): R[] {
  const open = [...rows]
    .filter((r) => r.status !== 'closed')
    .sort((a, b) => (b.lastMessageAt ?? b.updatedAt).localeCompare(a.lastMessageAt ?? a.updatedAt));
  const rank = new Map(contactIds.map((id, i) => [id, i]));
  const ofContacts = open
    .filter((r) => rank.has(r.contactId))
    .sort((a, b) => rank.get(a.contactId)! - rank.get(b.contactId)!);
  const words = spellings.map((s) => s.toLowerCase()).filter(Boolean);
  const byText = open.filter(
    (r) => !rank.has(r.contactId) && words.some((w) => r.lastMessagePreview?.toLowerCase().includes(w)),
  );
  return [...ofContacts, ...byText].slice(0, limit);
}

/** The groups in their order, empty ones left out. Message hits are shown as their conversations. */
export function groupResults(
  hits: readonly SearchHit[],
  conversations: readonly Pick<ConversationRow, 'id' | 'contactId' | 'lastMessagePreview'>[],
): Group[] {
  const of = (kind: 'contact' | 'lead' | 'knowledge'): Found[] =>
    hits
      .filter((h) => h.type === kind)
      .slice(0, groupLimit[kind])
      .map((hit) => ({ kind, hit }));
  const groups: Group[] = [
    { kind: 'contact', items: of('contact') },
    { kind: 'lead', items: of('lead') },
    { kind: 'conversation', items: conversations.map((row) => ({ kind: 'conversation' as const, row })) },
    { kind: 'knowledge', items: of('knowledge') },
  ];
  return groups.filter((g) => g.items.length > 0);
}
