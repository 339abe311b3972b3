// One VK community event, from the Callback API or the Bots Long Poll API alike: `message_new` is
// taken in (inbound.ts) and, for a customer the team has not named yet, their VK name asked for
// afterwards with their profile fields for the twin (never holding up the event), as are the message's photos and documents (vk-files.ts); `message_deny` (the user no longer takes the community's
// messages) opts the contact out, as Telegram's /stop does; other events are not the channel's business.
import type { Logger } from 'pino';
import type { Store } from '../../context';
import { conversationIdFor } from '@app/shared/ids';
import { teamData } from '../../store/data';
import { keptContactId } from '../../store/kept-contact';
import { optOutContact } from '../intake';
import { messageNewSchema, readVkProfile, takeInVkMessage, vkContactId, type VkTakeResult } from './inbound';
import { createProfileSchedule } from '../profile-facts';
import type { VkApi } from './vk-api';
import type { ChannelFileAccess } from '../file-fetch';
import { storeVkFiles, type VkFileLimits } from './vk-files';

/** When each VK customer's profile was last asked for, in this process (profile-facts.ts). */
const vkProfiles = createProfileSchedule();

export class MalformedVkEvent extends Error {}

export type VkEventDeps = {
  store: Store;
  teamId: string;
  groupId: number;
  /** For the customer's name (users.get); none: contacts keep the placeholder. */
  api?: VkApi;
  log: Logger;
  /** The customer files' size limit and time budget (default: the files collection's limit). */
  fileLimits?: VkFileLimits;
  /** VK's file hosts and the outbound policy (default: VK's hosts, no private target opened). */
  fileAccess?: ChannelFileAccess;
};

/** Throws MalformedVkEvent when a message event's object is not VK's message object. */
export async function handleVkEvent(
  deps: VkEventDeps,
  type: string,
  object: unknown,
): Promise<VkTakeResult | 'opted-out' | 'ignored'> {
  if (type === 'message_deny') {
    const userId = Number((object as { user_id?: unknown } | null)?.user_id);
    if (!Number.isSafeInteger(userId) || userId <= 0)
      throw new MalformedVkEvent('message_deny: object.user_id');
    const at = new Date().toISOString();
    const conversationId = conversationIdFor('vk', String(deps.groupId), userId);
    await optOutContact(deps.store, deps.teamId, vkContactId(userId), conversationId, at);
    return 'opted-out';
  }
  if (type !== 'message_new') return 'ignored';
  // API versions before 5.103 (a callback server set up with an old version) send the message itself.
  const old = !!object && typeof object === 'object' && !('message' in object) && 'peer_id' in object;
  const parsed = messageNewSchema.safeParse(old ? { message: object } : object);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MalformedVkEvent(
      `message_new: ${issue ? `${['object', ...issue.path].join('.')}: ${issue.message}` : 'not a message'}`,
    );
  }
  const taken = await takeInVkMessage(deps.store, deps.teamId, deps.groupId, parsed.data);
  const { result, contactId } = taken;
  if (result === 'created' && contactId && deps.api)
    void readCustomer(deps, contactId, parsed.data.message.from_id, taken.message);
  // Files after the answer; a duplicate event finishes what an earlier delivery left unstored.
  if (result !== 'skipped' && taken.message && taken.files?.some((f) => f.url))
    void storeVkFiles(
      {
        ...deps,
        ...(deps.fileLimits ? { limits: deps.fileLimits } : {}),
        ...(deps.fileAccess ? { access: deps.fileAccess } : {}),
      },
      taken.message,
      taken.files,
    );
  return result;
}

/**
 * Names the contact the customer is now (the VK contact, or the one it was merged into) while it has
 * the placeholder, and reads the customer's VK profile into the twin when due (new, or read more than
 * a week ago): one users.get for both.
 */
async function readCustomer(
  deps: VkEventDeps,
  contactId: string,
  userId: number,
  message: { id: string; conversationId: string } | undefined,
): Promise<void> {
  try {
    const kept = await keptContactId(deps.store, deps.teamId, contactId);
    const contact = await teamData(deps.store, deps.teamId).contacts.get(kept);
    const unnamed = contact?.name === `VK user ${userId}`;
    const due = !!message && (await vkProfiles.claim(deps.store, deps.teamId, kept, 'vk_profile'));
    if (unnamed || due)
      await readVkProfile(deps.store, deps.teamId, deps.api!, userId, kept, due ? message : undefined);
  } catch (err) {
    deps.log.warn({ err, contactId }, 'the VK profile of the customer could not be read');
  }
}
