// The title of a deal the agents open on their own, in the customer's language: «Заявка: Анна Петрова»
// or "Lead: Anna Petrova", and with no name the channel it came from («Заявка из Telegram», "Lead from
// the website"). Titles written before (the English "Lead: …", "Lead from telegram") are read back
// by `localiseLeadTitle`, so a Russian document never prints them as they were.
import type { MessageDoc } from '../schemas/index';

type ChannelName = MessageDoc['channel'];

export type LeadTitleLanguage = 'ru' | 'en';

const channelWords: Record<ChannelName, { ru: string; en: string }> = {
  telegram: { ru: 'из Telegram', en: 'from Telegram' },
  webchat: { ru: 'с сайта', en: 'from the website' },
  email: { ru: 'по e-mail', en: 'by e-mail' },
  vk: { ru: 'из VK', en: 'from VK' },
  phone: { ru: 'по телефону', en: 'by phone' },
  manual: { ru: 'вручную', en: 'added by hand' },
};

const prefix = { ru: 'Заявка', en: 'Lead' } as const;

/** An auto-created deal's title: the contact's name, else the channel it came through. */
export function leadTitle(
  language: LeadTitleLanguage,
  name: string | undefined,
  channel: ChannelName,
): string {
  const who = name?.trim();
  if (who) return `${prefix[language]}: ${who}`.slice(0, 300);
  return `${prefix[language]} ${channelWords[channel]?.[language] ?? channel}`;
}

const channelOf = (word: string): ChannelName | undefined =>
  (Object.keys(channelWords) as ChannelName[]).find(
    (c) =>
      c === word.toLowerCase() ||
      channelWords[c].en.toLowerCase() === word.toLowerCase() ||
      channelWords[c].ru.toLowerCase() === word.toLowerCase(),
  );

/**
 * A title in `language` when it is one the agents wrote ("Lead: Anna", "Lead from telegram",
 * «Заявка: Анна»); any other title is the rep's own and stays as it is.
 */
export function localiseLeadTitle(title: string, language: LeadTitleLanguage): string {
  const named = /^(?:Lead|Заявка):\s+(.+)$/su.exec(title);
  if (named) return leadTitle(language, named[1], 'manual');
  const from = /^(?:Lead from|Заявка)\s+(.+)$/iu.exec(title);
  const channel = from ? channelOf(from[1]!.trim()) : undefined;
  return channel ? leadTitle(language, undefined, channel) : title;
}
