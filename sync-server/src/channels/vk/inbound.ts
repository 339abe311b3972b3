// A VK `message_new` event becomes the same inbound docs a Telegram update does (../intake.ts): the
// message id derives from the dialog (peer) and VK's message id, so an event delivered twice (VK
// retries a callback that was not answered `ok`; long poll after a restart) writes nothing new, and
// the agents answer it once. Only private dialogs with a person are taken in (a community's group
// chats and other communities' messages are not customers writing). The customer's name is asked of
// VK (users.get) after the message is written, never before: the callback is answered at once; the
// same call asks for the profile fields that become the twin's `vk_profile` facts (readVkProfile). So
// are the customer's photos and documents (vk-files.ts). A press of an offered choice's button (issue
// 61; vk-sender.ts's keyboard) arrives as a `message_new` with the button's `payload`: found in the
// customer's own conversation, it becomes the pick (../choices.ts); a payload that names no offer of
// this dialog or no choice of it is ignored, and the message taken in as the text it is.
import { contactIdFor, conversationIdFor, inboundMessageId } from '@app/shared/ids';
import type { MessageDoc } from '@app/shared/schemas';
import { z } from 'zod';
import type { Store } from '../../context';
import { teamStored } from '../../store/data';
import { choiceOf, findOffer, pickMessage } from '../choices';
import { ingestInbound } from '../intake';
import { profileValue, writeProfileFacts, type ProfileFact } from '../profile-facts';
import type { VkApi } from './vk-api';
import { vkFilesOf, type VkFile } from './vk-files';

/** The parts of VK's message object (API 5.103+) the channel reads; the rest is let through. */
export const vkMessageSchema = z.looseObject({
  id: z.number().int().min(0),
  date: z.number().int().min(0),
  peer_id: z.number().int(),
  from_id: z.number().int(),
  text: z.string().max(100_000).default(''),
  conversation_message_id: z.number().int().min(0).optional(),
  out: z.number().int().optional(),
  /** A keyboard button's payload (JSON, at most 255 characters at VK); anything else is no pick. */
  payload: z.unknown().optional(),
  attachments: z
    .array(z.looseObject({ type: z.string().max(50) }))
    .max(50)
    .optional(),
});
export const messageNewSchema = z.looseObject({
  message: vkMessageSchema,
  client_info: z.looseObject({ lang_id: z.number().int().optional() }).optional(),
});
export type VkMessageNew = z.infer<typeof messageNewSchema>;

/** The contact a VK user becomes. */
export const vkContactId = (userId: number) => contactIdFor('vk', userId);

const placeholderName = (userId: number) => `VK user ${userId}`;

export type VkTakeResult = 'created' | 'duplicate' | 'skipped';

/** Takes one `message_new` event of the team's community in. */
export async function takeInVkMessage(
  store: Store,
  teamId: string,
  groupId: number,
  event: VkMessageNew,
  now: Date = new Date(),
): Promise<{
  result: VkTakeResult;
  contactId?: string;
  message?: { id: string; conversationId: string };
  files?: VkFile[];
}> {
  const m = event.message;
  // A private dialog with a person: peer and sender are the same user; our own messages are `out`.
  if (m.out === 1 || m.from_id <= 0 || m.peer_id !== m.from_id || m.peer_id >= 2_000_000_000)
    return { result: 'skipped' };
  const local = m.id > 0 ? String(m.id) : `c${m.conversation_message_id ?? 0}`;
  const contactId = vkContactId(m.from_id);
  const conversationId = conversationIdFor('vk', String(groupId), m.peer_id);
  const sentAt = m.date > 0 ? new Date(m.date * 1000) : now;
  // What the event says of each file; the bytes are fetched after the event is answered (vk-files.ts).
  const files = vkFilesOf(m.attachments ?? []);
  const attachments = files.map((f) => f.meta);
  const text = m.text.length > 16_000 ? `${m.text.slice(0, 15_999)}…` : m.text;
  const lang = event.client_info?.lang_id;
  const doc = {
    id: inboundMessageId('vk', m.peer_id, local),
    conversationId,
    contactId,
    channel: 'vk',
    direction: 'inbound',
    author: { kind: 'customer', id: contactId },
    text,
    attachments,
    delivery: { status: 'received' },
    idempotencyKey: `vk:${groupId}:${m.peer_id}:${local}`,
    createdAt: (Number.isNaN(sentAt.getTime()) ? now : sentAt).toISOString(),
  } satisfies MessageDoc;
  const pick = await pickOf(store, teamId, conversationId, m.payload, { contactId, at: doc.createdAt });
  const result = await ingestInbound(store, teamId, {
    doc: pick ?? doc,
    customer: {
      contactId,
      name: placeholderName(m.from_id),
      identity: { channel: 'vk', externalId: String(m.from_id) },
      ...(lang === 0 ? { language: 'ru' as const } : lang === 3 ? { language: 'en' as const } : {}),
    },
    conversation: {
      id: conversationId,
      channel: 'vk',
      externalChatId: String(m.peer_id),
      botId: String(groupId),
    },
  });
  return { result, contactId, message: { id: (pick ?? doc).id, conversationId }, files };
}

const choicePayload = z.object({ ch: z.string().max(32), i: z.number().int().min(0).max(3) });

/** The pick a button's payload names in the conversation; undefined when it names none. */
async function pickOf(
  store: Store,
  teamId: string,
  conversationId: string,
  payload: unknown,
  customer: { contactId: string; at: string },
): Promise<MessageDoc | undefined> {
  if (typeof payload !== 'string' || payload.length > 1000) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return undefined;
  }
  const parsed = choicePayload.safeParse(raw);
  if (!parsed.success) return undefined;
  const offer = await findOffer(store, teamId, conversationId, { token: parsed.data.ch });
  const choice = offer && choiceOf(offer, { index: parsed.data.i });
  return offer && choice ? pickMessage(offer, choice, customer, customer.at) : undefined;
}

/** What users.get answers of a user with the profile fields asked (VK API 5.199, `fields`). */
export type VkUserProfile = {
  id: number;
  first_name?: string;
  last_name?: string;
  screen_name?: string;
  domain?: string;
  about?: string;
  status?: string;
  site?: string;
  bdate?: string;
  city?: { id?: number; title?: string };
  country?: { id?: number; title?: string };
  occupation?: { type?: string; id?: number; name?: string };
};

/** The profile fields users.get is asked for: one call names the customer and fills the twin. */
export const VK_PROFILE_FIELDS = 'screen_name,domain,about,status,city,country,bdate,occupation,site';

const pad = (n: string) => n.padStart(2, '0');

/** The facts a VK user's profile gives (issue 14): about, status, city, country, birthday, work, site. */
export function vkProfileFacts(user: VkUserProfile): ProfileFact[] {
  const facts: ProfileFact[] = [];
  const add = (key: string, raw: unknown, max?: number) => {
    const value = profileValue(raw, max);
    if (value) facts.push({ key, value });
  };
  add('profile_name', [user.first_name, user.last_name].filter((v) => typeof v === 'string').join(' '), 200);
  if (typeof user.domain === 'string' && /^[A-Za-z0-9_.]{1,100}$/.test(user.domain))
    add('vk', `vk.com/${user.domain}`);
  add('about', user.about);
  add('vk_status', user.status, 300);
  add('city', user.city?.title, 200);
  add('country', user.country?.title, 200);
  // bdate: "D.M.YYYY", or "D.M" when the user hides the year.
  const b = typeof user.bdate === 'string' ? /^(\d{1,2})\.(\d{1,2})(?:\.(\d{4}))?$/.exec(user.bdate) : null;
  if (b) add('birthdate', b[3] ? `${b[3]}-${pad(b[2]!)}-${pad(b[1]!)}` : `--${pad(b[2]!)}-${pad(b[1]!)}`);
  add('occupation', user.occupation?.name, 300);
  add('website', user.site, 300);
  return facts;
}

/**
 * One users.get of the customer with the profile fields (best effort: the contact stays as it is when
 * VK does not answer). A contact that still has the placeholder gets the VK name, and `screen_name`
 * becomes the identity's username; with `message` (the one during whose intake it is read) the
 * profile becomes the twin's `vk_profile` facts, in place of the earlier reading. `contactId`: the
 * contact the VK one was merged into, if it was.
 */
export async function readVkProfile(
  store: Store,
  teamId: string,
  api: VkApi,
  userId: number,
  contactId: string = vkContactId(userId),
  message?: { id: string; conversationId: string },
): Promise<void> {
  const users = await api.call<VkUserProfile[]>('users.get', {
    user_ids: userId,
    fields: message ? VK_PROFILE_FIELDS : 'screen_name',
  });
  const user = users?.[0];
  if (!user) return;
  await nameVkContact(store, teamId, userId, contactId, user);
  if (message)
    await writeProfileFacts(store, teamId, contactId, {
      source: 'vk_profile',
      facts: vkProfileFacts(user),
      messageId: message.id,
      conversationId: message.conversationId,
      at: new Date().toISOString(),
    });
}

/** The customer's VK name on a contact that still has the placeholder. */
async function nameVkContact(
  store: Store,
  teamId: string,
  userId: number,
  contactId: string,
  user: VkUserProfile,
): Promise<void> {
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ').trim().slice(0, 200);
  if (!name) return;
  const at = new Date().toISOString();
  await teamStored(store, teamId, 'contacts').update(contactId, (c) => {
    if (c.name !== placeholderName(userId)) return undefined;
    const identities = (c.identities as Array<Record<string, unknown>> | undefined) ?? [];
    return {
      ...c,
      name,
      identities: identities.map((i) =>
        i.channel === 'vk' && i.externalId === String(userId) && typeof user.screen_name === 'string'
          ? { ...i, username: user.screen_name.slice(0, 100) }
          : i,
      ),
      updatedAt: at,
      fieldUpdatedAt: { ...(c.fieldUpdatedAt as object), name: at, identities: at },
    };
  });
}
