// The language of the replies, from the conversation rather than one short text: the profile's fixed
// language, else the channel's language code (Telegram's `language_code`, kept as `contact.language`),
// else the customer's earlier messages, else the message itself.
import { detectLanguage } from '../llm/offline/text-features';
import type { AgentSettingsDoc, ContactDoc, MessageDoc } from '../schemas/index';
import type { StorePort } from './ports';

export type ReplyLanguage = 'ru' | 'en';

/** How many of the customer's latest earlier messages decide when the channel says nothing. */
const earlierMessages = 5;

export async function conversationLanguage(
  store: StorePort,
  input: {
    profile: Pick<AgentSettingsDoc, 'language'>;
    contact: Pick<ContactDoc, 'language'>;
    message: MessageDoc;
    /** A conversation this message started has no earlier messages to read. */
    newConversation: boolean;
  },
): Promise<ReplyLanguage> {
  const { profile, contact, message } = input;
  if (profile.language === 'ru' || profile.language === 'en') return profile.language;
  if (contact.language === 'ru' || contact.language === 'en') return contact.language;
  if (!input.newConversation) {
    const earlier = (await store.find('messages', { conversationId: message.conversationId }))
      .filter(
        (m) =>
          m.direction === 'inbound' &&
          m.id !== message.id &&
          m.createdAt <= message.createdAt &&
          !m.text.startsWith('/'),
      )
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
      .slice(-earlierMessages)
      .map((m) => m.text)
      .join(' ');
    if (/[\p{L}]/u.test(earlier)) return detectLanguage(earlier);
  }
  return detectLanguage(message.text);
}
