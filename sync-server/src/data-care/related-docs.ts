// Everything in a team's databases that belongs to one contact: the contact (with its twin), its
// leads, conversations, their messages, tasks and events that reference any of them, activity of
// those conversations and messages, and stored files those messages carry.
import type { Store, TeamCollection } from '../context';
import { apiDocs } from '../store/data';
import type { ApiDoc } from '../store/raw-docs';

export type RelatedDocs = Record<
  'contacts' | 'leads' | 'conversations' | 'messages' | 'tasks' | 'events' | 'activity' | 'files',
  ApiDoc[]
>;

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export async function findContactDocs(
  store: Store,
  teamId: string,
  contactId: string,
): Promise<RelatedDocs | null> {
  const found = await apiDocs(store, teamId, 'contacts').get(contactId);
  if (!found) return null;
  const contact = found.doc;
  const load = async (c: TeamCollection) => (await apiDocs(store, teamId, c).all()).map((i) => i.doc);
  const leads = (await load('leads')).filter((d) => d.contactId === contactId);
  const leadIds = new Set(leads.map((l) => l.id));
  const conversations = (await load('conversations')).filter(
    (d) => d.contactId === contactId || (str(d.leadId) && leadIds.has(d.leadId as string)),
  );
  const convIds = new Set([
    ...conversations.map((c) => c.id),
    ...leads.flatMap((l) => (str(l.conversationId) ? [l.conversationId as string] : [])),
  ]);
  const messages = (await load('messages')).filter(
    (d) => d.contactId === contactId || convIds.has(String(d.conversationId)),
  );
  const messageIds = new Set(messages.map((m) => m.id));
  const refs = (d: ApiDoc) =>
    d.contactId === contactId ||
    leadIds.has(String(d.leadId)) ||
    convIds.has(String(d.conversationId)) ||
    (Array.isArray(d.attendees) &&
      (d.attendees as { contactId?: string }[]).some((a) => a.contactId === contactId));
  const tasks = (await load('tasks')).filter(refs);
  const events = (await load('events')).filter(refs);
  const activity = (await load('activity')).filter((d) => refs(d) || messageIds.has(String(d.messageId)));
  const fileIds = new Set(
    messages.flatMap((m) =>
      Array.isArray(m.attachments)
        ? (m.attachments as { fileDocId?: string }[]).flatMap((a) => (a.fileDocId ? [a.fileDocId] : []))
        : [],
    ),
  );
  const related = new Set([contactId, ...leadIds, ...convIds, ...messageIds]);
  const files = (await load('files')).filter(
    (f) =>
      fileIds.has(f.id) ||
      [f.contactId, f.conversationId, f.messageId].some((v) => typeof v === 'string' && related.has(v)),
  );
  return { contacts: [contact], leads, conversations, messages, tasks, events, activity, files };
}
