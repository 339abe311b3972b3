// Taking in a customer message, for every channel (Telegram bot, web chat): the message doc, and the
// contact and conversation it belongs to, all with ids derived from the channel's own ids, so the
// same update taken in twice writes nothing new. The agents' intake finds these docs and adds the
// lead; reps see the conversation appear live as soon as this is written. A customer whose contact a
// rep merged into another lands on the kept contact (store/kept-contact.ts), chains followed.
import { contactPointKey, type ContactDoc, type ConversationDoc, type MessageDoc } from '@app/shared/schemas';
import { validateDoc } from '@app/shared/validation';
import { normalPhone } from '@app/shared/crm';
import { DomainError } from '@app/shared/errors';
import { cancelledBy, type CustomerTurn } from '@app/shared/agents';
import { agentPlugins } from '@app/shared/packs';
import type { Store } from '../context';
import type { InboundMessage } from './port';
import { toCouch } from '../store/couch-docs';
import { teamStored } from '../store/data';
import { teamPhoneRegion } from '../store/phone-region';
import { plannedFollowUps } from '../store/queries';
import { keptContact, keptContactId, type KeptContact } from '../store/kept-contact';

const verifiedPhone = (value: string, at: string) =>
  ({ value, status: 'verified', source: 'channel', at }) as const;

/**
 * The contact with the address a mail came from as its e-mail, verified (the mailbox vouches for it),
 * and one of its identities; undefined when it holds that already.
 */
export function withVerifiedEmail(
  c: Record<string, unknown>,
  address: string,
  at: string,
): Record<string, unknown> | undefined {
  const points = (c.contactPoints ?? {}) as Record<string, { value?: string; status?: string } | undefined>;
  const emails = (Array.isArray(c.emails) ? c.emails : []) as Array<{ value: string }>;
  const identities = (Array.isArray(c.identities) ? c.identities : []) as Array<{
    channel: string;
    externalId: string;
  }>;
  const primary = typeof c.email === 'string' && c.email ? c.email : address;
  const known = emails.some((e) => e.value === address);
  const hasIdentity = identities.some((i) => i.channel === 'email' && i.externalId === address);
  const primaryDone =
    primary !== address || (points.email?.status === 'verified' && points.email.value === address);
  if (known && hasIdentity && primaryDone) return undefined;
  return {
    ...c,
    email: primary,
    ...(primaryDone
      ? {}
      : {
          contactPoints: { ...points, email: { value: address, status: 'verified', source: 'channel', at } },
        }),
    emails: known
      ? emails
      : [...emails, { value: address, status: 'verified', source: 'channel', at }].slice(0, 20),
    identities:
      hasIdentity || identities.length >= 20
        ? identities
        : [...identities, { channel: 'email', externalId: address }],
    updatedAt: at,
    fieldUpdatedAt: {
      ...(c.fieldUpdatedAt as object),
      email: at,
      emails: at,
      contactPoints: at,
      identities: at,
    },
  };
}

/**
 * The inbound messages each store's process took in lately (by team and id, the newest 10,000): the
 * agents of this process run them at once, while another process's runner lets them wait a moment
 * for this one (agents/agent-runner.ts, issue 65). Keyed by the process's store, so two servers in
 * one test process keep theirs apart.
 */
const takenIn = new WeakMap<Store, Set<string>>();
const TAKEN_IN_MAX = 10_000;

function noteTakenIn(store: Store, teamId: string, messageId: string): void {
  let ids = takenIn.get(store);
  if (!ids) takenIn.set(store, (ids = new Set()));
  if (ids.size >= TAKEN_IN_MAX) ids.delete(ids.values().next().value!);
  ids.add(`${teamId}\u0000${messageId}`);
}

/** Whether this process's intake (on `store`) took the message in, lately. */
export function takenInHere(store: Store, teamId: string, messageId: string): boolean {
  return takenIn.get(store)?.has(`${teamId}\u0000${messageId}`) ?? false;
}

const preview = (text: string) => (text.length > 280 ? `${text.slice(0, 279)}…` : text);

export async function ingestInbound(
  store: Store,
  teamId: string,
  input: InboundMessage,
  /** The contact id's kept contact as the channel read it just before (else read here). */
  known?: { kept?: KeptContact },
): Promise<'created' | 'duplicate'> {
  const valid = validateDoc('messages', input.doc);
  if (!valid.ok) throw new DomainError('validation-failed', `inbound message: ${valid.message}`);
  // The channel derives the contact id from its own ids; once a rep merged that contact into another,
  // it names a tombstone, and the message, the twin facts and the lead belong to the kept contact.
  const kept =
    known?.kept?.id === input.customer.contactId
      ? known.kept
      : await keptContact(store, teamId, input.customer.contactId);
  const { doc, customer, conversation } = onKeptContact(input, kept.id);
  const at = doc.createdAt;
  // A number the channel gives (a contact the customer shared) is stored as every path stores phones.
  const sharedPhone = customer.phone
    ? normalPhone(customer.phone, await teamPhoneRegion(store, teamId))
    : undefined;

  const contact: ContactDoc = {
    id: customer.contactId,
    name: customer.name.slice(0, 200),
    identities: [
      {
        ...customer.identity,
        ...(customer.identity.username ? { username: customer.identity.username } : {}),
      },
    ],
    ...(customer.language ? { language: customer.language } : {}),
    ...(sharedPhone ? { phone: sharedPhone, contactPoints: { phone: verifiedPhone(sharedPhone, at) } } : {}),
    tags: [],
    optOut: false,
    agentAccess: 'default',
    twin: { facts: [] },
    fieldUpdatedAt: {},
    createdAt: at,
    updatedAt: at,
  };
  const now = new Date().toISOString();
  const fields = ['lastMessageAt', 'lastInboundAt', 'lastMessagePreview', 'unreadCount', 'status'];
  const counted = (c: Record<string, unknown>) => ({
    ...c,
    lastMessageAt: at,
    lastInboundAt: at,
    lastMessagePreview: preview(doc.text || (doc.attachments[0]?.kind ?? '')),
    unreadCount: Math.min(1_000_000, Number(c.unreadCount ?? 0) + 1),
    status: 'open',
    updatedAt: now,
    fieldUpdatedAt: { ...(c.fieldUpdatedAt as object), ...Object.fromEntries(fields.map((f) => [f, now])) },
  });
  const conv: ConversationDoc = {
    id: conversation.id,
    contactId: customer.contactId,
    channel: conversation.channel,
    externalChatId: conversation.externalChatId,
    botId: conversation.botId,
    mode: 'ai',
    status: 'open',
    unreadCount: 0,
    fieldUpdatedAt: {},
    createdAt: at,
    updatedAt: at,
  };
  // Contact and conversation are created side by side (each in its own database), then the message:
  // an id that exists already answers 409 and stays as it is. If a create fails, the channel retries
  // the whole update; the message is written last, so it never exists without its conversation, and
  // a message written before counts as a duplicate. A conversation created here starts out counting
  // this message (one write instead of a create and an update). What was created is noted before the
  // message is written, so the agent run that the message starts finds the note (ingest-notes.ts).
  // A new contact holds the e-mail address it wrote from verified at once (no second write).
  const newContact = toCouch(contact) as Record<string, unknown>;
  const [contactCreated, created] = await Promise.all([
    kept.exists
      ? undefined
      : teamStored(store, teamId, 'contacts').createStored(
          contact.id,
          (customer.email && withVerifiedEmail(newContact, customer.email, at)) || newContact,
        ),
    teamStored(store, teamId, 'conversations').createStored(conv.id, counted(toCouch(conv))),
  ]);
  store.ingestNotes.note(teamId, doc.id, {
    ...(created ? { newConversationId: conv.id } : {}),
    ...(contactCreated ? { newContactId: contact.id } : {}),
    created: {
      ...(created ? { conversations: created } : {}),
      ...(contactCreated ? { contacts: contactCreated } : {}),
    },
  });
  noteTakenIn(store, teamId, doc.id);
  if (!(await teamStored(store, teamId, 'messages').create(doc.id, toCouch(doc)))) {
    store.ingestNotes.take(teamId, doc.id);
    return 'duplicate';
  }
  if (!created) {
    // The customer wrote: planned follow-ups are moot. The agent run this message starts cancels them
    // (and the dispatcher never sends one the customer has answered: its `lastInboundAt` is later);
    // a message the bot answered itself (/help) starts no run, so it cancels them here.
    if (doc.signals?.handledByBot) await cancelFollowUps(store, teamId, conv.id, at, 'message');
    await teamStored(store, teamId, 'conversations').update(conv.id, (c) =>
      typeof c.lastMessageAt === 'string' && c.lastMessageAt > at ? undefined : counted(c),
    );
  }
  if (customer.email && !contactCreated) {
    const address = customer.email;
    await teamStored(store, teamId, 'contacts').update(customer.contactId, (c) =>
      withVerifiedEmail(c, address, at),
    );
  }
  if (sharedPhone) {
    const phone = sharedPhone;
    await teamStored(store, teamId, 'contacts').update(customer.contactId, (c) => {
      // A different number the customer typed earlier is left to the twin (the shared one supersedes it).
      if (
        typeof c.phone === 'string' &&
        contactPointKey('phone', c.phone) !== contactPointKey('phone', phone)
      )
        return undefined;
      const points = (c.contactPoints ?? {}) as ContactDoc['contactPoints'] & object;
      if (c.phone && points.phone?.status === 'verified' && points.phone.value === c.phone) return undefined;
      return {
        ...c,
        phone: c.phone ?? phone,
        contactPoints: { ...points, phone: verifiedPhone(String(c.phone ?? phone), at) },
        updatedAt: at,
        fieldUpdatedAt: { ...(c.fieldUpdatedAt as object), phone: at, contactPoints: at },
      };
    });
  }
  return 'created';
}

/** The message as the kept contact's (the same message when the channel's contact is not merged). */
function onKeptContact(input: InboundMessage, keptId: string): InboundMessage {
  const from = input.customer.contactId;
  if (keptId === from) return input;
  const { doc } = input;
  return {
    ...input,
    doc: {
      ...doc,
      contactId: keptId,
      author: doc.author.id === from ? { ...doc.author, id: keptId } : doc.author,
    },
    customer: { ...input.customer, contactId: keptId },
  };
}

/** The customer opted out (/stop): no more follow-ups; planned ones are cancelled. */
export async function optOutContact(
  store: Store,
  teamId: string,
  contactId: string,
  conversationId: string,
  at: string,
) {
  const keptId = await keptContactId(store, teamId, contactId);
  await teamStored(store, teamId, 'contacts').update(keptId, (c) =>
    c.optOut === true
      ? undefined
      : {
          ...c,
          optOut: true,
          updatedAt: at,
          fieldUpdatedAt: { ...(c.fieldUpdatedAt as object), optOut: at },
        },
  );
  await cancelFollowUps(store, teamId, conversationId, at, 'opt-out');
}

/**
 * Cancels the conversation's planned messages the customer's turn makes moot (the rule is shared with
 * the agents engine: planned-messages.ts): a message cancels follow-ups, an opt-out every planned message.
 */
export async function cancelFollowUps(
  store: Store,
  teamId: string,
  conversationId: string,
  at: string,
  turn: CustomerTurn,
): Promise<number> {
  const messages = teamStored<MessageDoc>(store, teamId, 'messages');
  const docs = await messages.find({ selector: plannedFollowUps(conversationId), limit: 200 });
  const due = docs.filter((m) => cancelledBy(turn, m, agentPlugins));
  if (due.length === 0) return 0;
  await messages.bulk(due.map((m) => ({ ...m, cancelledAt: at, updatedAt: at })));
  return due.length;
}
