// Document ids. Inbound messages get ids derived from the channel's own ids, so a redelivered update
// maps to the same document and writing it again is a no-op.

/** A random id for documents that have no natural key. */
export function newId(prefix: string): string {
  return `${prefix}-${globalThis.crypto.randomUUID()}`;
}

const safe = (part: string | number) => String(part).replace(/[^A-Za-z0-9_.@-]/g, '_');

/** Id of an inbound message: stable for a chat and the channel's message id. */
export function inboundMessageId(
  channel: string,
  chatId: string | number,
  messageId: string | number,
): string {
  return `msg:${safe(channel)}:${safe(chatId)}:${safe(messageId)}`;
}

/** Id of the conversation with a chat on a channel (one per bot and chat). */
export function conversationIdFor(channel: string, botId: string, chatId: string | number): string {
  return `conv:${safe(channel)}:${safe(botId)}:${safe(chatId)}`;
}

/** Id of the contact first seen on a channel. */
export function contactIdFor(channel: string, externalId: string | number): string {
  return `contact:${safe(channel)}:${safe(externalId)}`;
}
