// The share of negative conversations (issue 62): of the conversations started in a period, those whose
// customer wrote an angry or abusive message, or whose latest message read negative (agents/mood), in
// all and per channel. The API (GET /analytics/summary) and the desktop's Analytics screen read it here.
import type { ConversationDoc } from '../schemas/index';
import { createdIn, type Period } from './analytics';

export type MoodConversation = Pick<ConversationDoc, 'channel' | 'createdAt'> &
  Partial<Pick<ConversationDoc, 'mood' | 'angryCount'>>;

export type NegativeShare = { conversations: number; negative: number; share: number };
export type NegativeConversations = NegativeShare & { byChannel: (NegativeShare & { channel: string })[] };

/** An angry or abusive message was counted, or the latest message reads negative. */
export const isNegativeConversation = (c: MoodConversation): boolean =>
  (c.angryCount ?? 0) > 0 || c.mood?.label === 'negative' || (!!c.mood && c.mood.abuse !== 'none');

const shareOf = (conversations: number, negative: number): NegativeShare => ({
  conversations,
  negative,
  share: conversations ? negative / conversations : 0,
});

export function negativeConversations(
  list: Iterable<MoodConversation>,
  period: Period = {},
): NegativeConversations {
  const by = new Map<string, [number, number]>();
  let total = 0;
  let negative = 0;
  for (const c of list) {
    if (!createdIn(c, period)) continue;
    const bad = isNegativeConversation(c) ? 1 : 0;
    total++;
    negative += bad;
    const [n, b] = by.get(c.channel) ?? [0, 0];
    by.set(c.channel, [n + 1, b + bad]);
  }
  const byChannel = [...by]
    .map(([channel, [n, b]]) => ({ channel, ...shareOf(n, b) }))
    .sort((a, b) => b.conversations - a.conversations || a.channel.localeCompare(b.channel));
  return { ...shareOf(total, negative), byChannel };
}
