// Whose calendar an event or a task belongs in: the rule of a member's calendar feed (and of "my"
// views in the app). Agents make events and tasks about a conversation (and its deal and customer),
// not for a person, so those reach the member whose deal, conversation or customer it is.
//
// An event is in a member's calendar when any of these holds:
//   - they made it (createdBy is the rep with their user id);
//   - they attend it (an attendee's e-mail is theirs, case aside);
//   - it is about their deal (the lead's ownerId), their conversation (the conversation's assigneeId)
//     or their customer (the contact's ownerId).
// A task is when it is assigned to them; or, unassigned, when they made it or it is about their deal,
// conversation or customer (a task assigned to someone else is that person's, whatever it is about).
import type { CalendarEventDoc, ContactDoc, ConversationDoc, LeadDoc, TaskDoc } from '../schemas/index';

export type CalendarOwner = { userId: string; email?: string };

/** The docs an event or task refers to, by id (only those the rule reads: owner and assignee). */
export type CalendarLinks = {
  leads: ReadonlyMap<string, Pick<LeadDoc, 'ownerId'>>;
  conversations: ReadonlyMap<string, Pick<ConversationDoc, 'assigneeId'>>;
  contacts: ReadonlyMap<string, Pick<ContactDoc, 'ownerId'>>;
};

type Linked = { leadId?: string; conversationId?: string; contactId?: string };

function aboutTheirs(doc: Linked, who: CalendarOwner, links: CalendarLinks): boolean {
  return (
    (doc.leadId !== undefined && links.leads.get(doc.leadId)?.ownerId === who.userId) ||
    (doc.conversationId !== undefined &&
      links.conversations.get(doc.conversationId)?.assigneeId === who.userId) ||
    (doc.contactId !== undefined && links.contacts.get(doc.contactId)?.ownerId === who.userId)
  );
}

const madeBy = (doc: { createdBy: { kind: string; id?: string } }, who: CalendarOwner) =>
  doc.createdBy.kind === 'rep' && doc.createdBy.id === who.userId;

export function eventIsMine(e: CalendarEventDoc, who: CalendarOwner, links: CalendarLinks): boolean {
  const email = who.email?.trim().toLowerCase();
  return (
    madeBy(e, who) ||
    (!!email && (e.attendees ?? []).some((a) => a.email?.trim().toLowerCase() === email)) ||
    aboutTheirs(e, who, links)
  );
}

export function taskIsMine(t: TaskDoc, who: CalendarOwner, links: CalendarLinks): boolean {
  if (t.assigneeId !== undefined) return t.assigneeId === who.userId;
  return madeBy(t, who) || aboutTheirs(t, who, links);
}

/** The ids an event or task list refers to, to load before the rule is asked. */
export function calendarLinkIds(docs: readonly Linked[]): {
  leads: string[];
  conversations: string[];
  contacts: string[];
} {
  const ids = { leads: new Set<string>(), conversations: new Set<string>(), contacts: new Set<string>() };
  for (const d of docs) {
    if (d.leadId) ids.leads.add(d.leadId);
    if (d.conversationId) ids.conversations.add(d.conversationId);
    if (d.contactId) ids.contacts.add(d.contactId);
  }
  return { leads: [...ids.leads], conversations: [...ids.conversations], contacts: [...ids.contacts] };
}
