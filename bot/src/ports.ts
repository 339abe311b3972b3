// The bot's ports: what it needs from the outside world, injected by the composition root
// (sync-server). The bot knows nothing of CouchDB; the runtime implements these over its databases.
import type { AttachmentMeta, MessageDoc } from '@app/shared/schemas';

/** A pino-compatible structured logger (pino's `Logger` satisfies it). */
export type LogFn = (obj: object, msg?: string) => void;
export type Logger = { info: LogFn; warn: LogFn; error: LogFn; child(bindings: object): Logger };

/** A logger that drops everything (the default when none is given). */
export const silentLogger: Logger = {
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};

/** Which team and bot an update came through. */
export type BotIdentity = { teamId: string; botId: string };

/** The Telegram user who wrote, as far as Telegram tells. */
export type TelegramCustomer = {
  /** Telegram user id (as a string). */
  externalId: string;
  /** contactIdFor('telegram', user id): the contact the runtime upserts. */
  contactId: string;
  firstName: string;
  lastName?: string;
  username?: string;
  /** The Telegram client's language (`ru`, `en`, `de`, ...); `language` is its domain mapping. */
  languageCode?: string;
  language?: 'ru' | 'en';
  isBot: boolean;
};

export type TelegramChat = {
  /** Telegram chat id as a string (negative for groups). */
  externalChatId: string;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
};

/** A phone contact the customer shared with the keyboard button or from their address book. */
export type SharedContact = {
  phone: string;
  firstName: string;
  lastName?: string;
  /** Telegram user id of the shared contact, when it is a Telegram user. */
  userId?: string;
  /** True when the customer shared their own contact (not someone else's). */
  isOwn: boolean;
  vcard?: string;
};

export type BotCommand = 'start' | 'help' | 'stop';

/** What the bot noticed about a message, beyond the message doc itself. */
export type InboundSignals = {
  command?: BotCommand;
  /** Deep-link payload of `/start <payload>`: the lead source campaign. */
  leadSource?: { channel: 'telegram'; campaign: string; botId: string };
  /** The customer asked for a human (operator, manager, "agent please"...). */
  humanRequested?: boolean;
  contact?: SharedContact;
  /** The bot already answered this message itself (e.g. /help): the agents should stay silent. */
  handledByBot?: boolean;
};

/**
 * One inbound message: the domain doc (valid for the `messages` collection) plus what the runtime
 * needs to upsert the contact, lead and conversation.
 */
export type InboundMessage = BotIdentity & {
  doc: MessageDoc;
  customer: TelegramCustomer;
  chat: TelegramChat;
  signals: InboundSignals;
  /** The Telegram update that carried it, for tracing. */
  updateId: number;
};

/** An edit of a message the customer sent before: same doc id, new text. */
export type InboundEdit = BotIdentity & {
  id: string;
  conversationId: string;
  text: string;
  editedAt: string;
  /** The full doc as the edited message looks now, for when the original never arrived. */
  doc: MessageDoc;
  customer: TelegramCustomer;
  chat: TelegramChat;
  updateId: number;
};

export type OptOutEvent = BotIdentity & {
  contactId: string;
  conversationId: string;
  externalChatId: string;
  /** Id of the /stop message doc. */
  messageId: string;
  at: string;
};

/**
 * A post in a Telegram channel the team's bot administers (`channel_post`, `edited_channel_post`), or a
 * comment under one in the channel's discussion group (a reply to the post's automatic forward there):
 * not a customer's message, but what the public says, for social monitoring.
 */
export type ChannelPost = BotIdentity & {
  kind: 'post' | 'comment';
  /** The channel (its id, and its public @username where it has one). */
  channel: { id: string; title?: string; username?: string };
  /** The post's id in the channel (for a comment, the post it is under). */
  postId: number;
  /** A comment's id in the discussion group, and the group's id. */
  comment?: { id: number; chatId: string };
  /** The text or the caption. */
  text: string;
  /** When it was written, ISO. */
  at: string;
  /** A comment's author, `telegram:<user id>`. */
  author?: string;
  edited: boolean;
  updateId: number;
};

/**
 * A customer pressed a button of the choices an agent's message offered (an inline keyboard built by
 * `choiceKeyboard`): the offer's token and the choice's place in its list, as the button's data says
 * (never trusted: the sink finds the offer in this chat's conversation and refuses what it does not).
 */
export type ChoicePick = BotIdentity & {
  /** The offering message's short token (`offerToken` of its doc id, in the button's data). */
  token: string;
  /** The choice's place in the offer's list. */
  index: number;
  customer: TelegramCustomer;
  chat: TelegramChat;
  /** Telegram's id of the message whose button was pressed. */
  messageId: number;
  at: string;
  updateId: number;
};

/**
 * Where inbound messages go. Each call must be idempotent by id: the same Telegram update may come
 * twice (a webhook retry, a restart before the polling offset was confirmed).
 */
export type InboundSink = {
  /** Writes the message doc (and whatever else the runtime derives from it). */
  saveInbound(message: InboundMessage): Promise<'created' | 'duplicate'>;
  /** Updates text and editedAt of the doc `edit.id`; `missing` makes the bot save it as new. */
  saveEdit(edit: InboundEdit): Promise<'updated' | 'unchanged' | 'missing'>;
  /** The customer sent /stop: no more nurturing for this contact. */
  optOut(event: OptOutEvent): Promise<void>;
  /** A channel's post or a comment under it (idempotent by the post's or comment's id); without it, they are ignored. */
  saveChannelPost?(post: ChannelPost): Promise<void>;
  /**
   * A pick of an offered choice becomes the customer's message: `created`, `duplicate` (picked before:
   * the same offer picked twice), `refused` (no such offer in this chat, or no such choice). Without
   * it, presses are answered and ignored.
   */
  savePick?(pick: ChoicePick): Promise<'created' | 'duplicate' | 'refused'>;
};

/** A file attached to an inbound message, offered to the file store. */
export type IncomingFile = BotIdentity & {
  /** The message doc the file belongs to. */
  messageId: string;
  attachment: AttachmentMeta;
  /**
   * Fetches the bytes through the Bot API (getFile, then the file URL on the same API root).
   * Callable later too: it asks for a fresh file path on each call. Over `maxBytes` (Telegram's
   * stated size, or the bytes as they arrive), it fails.
   */
  download(signal?: AbortSignal, maxBytes?: number): Promise<Uint8Array>;
};

/**
 * Stores files. Called before the message doc is written; returns the stored copy's doc id (put in
 * the attachment as `fileDocId`) or undefined to keep only the Telegram file id (e.g. when it
 * downloads later, in the background). Keep it quick: the bot waits for it.
 */
export type StoreFile = (file: IncomingFile) => Promise<string | undefined>;
