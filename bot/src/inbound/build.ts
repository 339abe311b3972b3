// Telegram messages -> inbound message docs. Everything here is derived from the update alone, so a
// redelivered update yields the same doc (same id, same timestamps).
import type { Chat, Message, User } from 'grammy/types';
import { contactIdFor, conversationIdFor, inboundMessageId } from '@app/shared/ids';
import type { AttachmentMeta, MessageDoc } from '@app/shared/schemas';
import type { BotContext } from '../context';
import type { InboundMessage, InboundSignals, TelegramChat, TelegramCustomer } from '../ports';
import { languageFor } from './language';

const CHANNEL = 'telegram';
const MAX_TEXT = 16_000;

export const isoFromUnix = (seconds: number): string => new Date(seconds * 1000).toISOString();

const clip = (s: string, max: number) => (s.length > max ? s.slice(0, max) : s);

export function customerFrom(user: User): TelegramCustomer {
  return {
    externalId: String(user.id),
    contactId: contactIdFor(CHANNEL, user.id),
    firstName: user.first_name,
    ...(user.last_name ? { lastName: user.last_name } : {}),
    ...(user.username ? { username: user.username } : {}),
    ...(user.language_code
      ? { languageCode: user.language_code, language: languageFor(user.language_code) }
      : {}),
    isBot: user.is_bot,
  };
}

export function chatFrom(chat: Chat): TelegramChat {
  return {
    externalChatId: String(chat.id),
    type: chat.type,
    ...('title' in chat && chat.title ? { title: chat.title } : {}),
  };
}

export function displayName(user: User): string {
  return clip([user.first_name, user.last_name].filter(Boolean).join(' '), 200);
}

/** Id, conversation and idempotency key of a Telegram message, from the shared id rules. */
export function idsFor(botId: string, chatId: number, messageId: number) {
  return {
    id: inboundMessageId(CHANNEL, chatId, messageId),
    conversationId: conversationIdFor(CHANNEL, botId, chatId),
    idempotencyKey: `${CHANNEL}:${chatId}:${messageId}`,
  };
}

/** The message doc for a customer's Telegram message. */
export function messageDocFor(
  botId: string,
  msg: Message,
  from: User,
  content: { text: string; attachments?: AttachmentMeta[] },
): MessageDoc {
  const ids = idsFor(botId, msg.chat.id, msg.message_id);
  const contactId = contactIdFor(CHANNEL, from.id);
  return {
    ...ids,
    contactId,
    channel: CHANNEL,
    direction: 'inbound',
    author: { kind: 'customer', id: contactId, name: displayName(from) },
    text: clip(content.text, MAX_TEXT),
    attachments: content.attachments ?? [],
    delivery: { status: 'received' },
    createdAt: isoFromUnix(msg.date),
    ...(msg.edit_date ? { editedAt: isoFromUnix(msg.edit_date) } : {}),
  };
}

/** The full inbound message for the sink, from the current update's message. */
export function inboundFor(
  ctx: BotContext,
  content: { text: string; attachments?: AttachmentMeta[] },
  signals: InboundSignals = {},
): InboundMessage | undefined {
  const msg = ctx.message;
  const from = msg?.from;
  if (!msg || !from) return undefined;
  const { teamId, botId } = ctx.services;
  return {
    teamId,
    botId,
    doc: messageDocFor(botId, msg, from, content),
    customer: customerFrom(from),
    chat: chatFrom(msg.chat),
    signals,
    updateId: ctx.update.update_id,
  };
}

/** Saves an inbound message and logs the outcome; returns whether it was new. */
export async function saveInbound(ctx: BotContext, inbound: InboundMessage): Promise<boolean> {
  const result = await ctx.services.sink.saveInbound(inbound);
  ctx.log.info(
    {
      messageId: inbound.doc.id,
      conversationId: inbound.doc.conversationId,
      result,
      signals: inbound.signals,
    },
    result === 'created' ? 'inbound message saved' : 'duplicate inbound message ignored',
  );
  return result === 'created';
}
