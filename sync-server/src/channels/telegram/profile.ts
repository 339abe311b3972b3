// The Telegram customer's public profile as twin facts (issue 14): Bot API getChat with the user's
// chat id answers ChatFullInfo (bio, username, names, birthdate, personal channel). Read when the
// contact is new or its profile was last read more than a week ago, after the message is written and
// never on the reply's path: bounded by a timeout, and a failure (chat not found, network) is logged
// and changes nothing else.
import type { Logger } from 'pino';
import type { Store } from '../../context';
import type { createProfileSchedule } from '../profile-facts';
import { profileValue, writeProfileFacts, type ProfileFact } from '../profile-facts';

/** Bot API getChat for a chat id (the bot's `api.getChat`, with an abort signal). */
export type ReadChat = (chatId: number, signal: AbortSignal) => Promise<unknown>;

export type TelegramProfiles = {
  readChat: ReadChat;
  log: Logger;
  timeoutMs?: number;
  schedule?: ReturnType<typeof createProfileSchedule>;
};

type ChatFullInfo = {
  type?: string;
  first_name?: string;
  last_name?: string;
  username?: string;
  bio?: string;
  birthdate?: { day?: number; month?: number; year?: number };
  personal_chat?: { title?: string; username?: string };
};

const pad = (n: number) => String(n).padStart(2, '0');

/** The facts a ChatFullInfo of a private chat gives (nothing for a group or a channel). */
export function telegramProfileFacts(info: unknown): ProfileFact[] {
  if (!info || typeof info !== 'object') return [];
  const chat = info as ChatFullInfo;
  if (chat.type !== undefined && chat.type !== 'private') return [];
  const facts: ProfileFact[] = [];
  const add = (key: string, raw: unknown, max?: number) => {
    const value = profileValue(raw, max);
    if (value) facts.push({ key, value });
  };
  add('profile_name', [chat.first_name, chat.last_name].filter((s) => typeof s === 'string').join(' '), 200);
  if (typeof chat.username === 'string' && chat.username) add('telegram', `@${chat.username}`, 100);
  add('bio', chat.bio);
  const b = chat.birthdate;
  if (b && Number.isInteger(b.day) && Number.isInteger(b.month) && b.day! >= 1 && b.month! >= 1) {
    const year = Number.isInteger(b.year) && b.year! > 1900 ? b.year : undefined;
    add('birthdate', year ? `${year}-${pad(b.month!)}-${pad(b.day!)}` : `--${pad(b.month!)}-${pad(b.day!)}`);
  }
  const personal = chat.personal_chat;
  if (personal && typeof personal === 'object')
    add(
      'personal_channel',
      [personal.title, personal.username ? `@${personal.username}` : undefined].filter(Boolean).join(' '),
      300,
    );
  return facts;
}

/** Reads the customer's profile, if due, and writes it as facts; never throws. */
export async function refreshTelegramProfile(
  store: Store,
  teamId: string,
  profiles: TelegramProfiles & { schedule: ReturnType<typeof createProfileSchedule> },
  m: { contactId: string; userId: string; messageId: string; conversationId: string },
): Promise<void> {
  const log = profiles.log.child({ teamId, contactId: m.contactId });
  try {
    const chatId = Number(m.userId);
    if (!Number.isSafeInteger(chatId) || chatId <= 0) return;
    const kept = await profiles.schedule.claim(store, teamId, m.contactId, 'telegram_profile');
    if (!kept) return;
    const info = await profiles.readChat(chatId, AbortSignal.timeout(profiles.timeoutMs ?? 5000));
    const facts = telegramProfileFacts(info);
    if (facts.length === 0) return;
    await writeProfileFacts(
      store,
      teamId,
      m.contactId,
      {
        source: 'telegram_profile',
        facts,
        messageId: m.messageId,
        conversationId: m.conversationId,
        at: new Date().toISOString(),
      },
      kept,
    );
  } catch (err) {
    log.warn({ err: err instanceof Error ? err.message : String(err) }, 'telegram profile not read');
  }
}
