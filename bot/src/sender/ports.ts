// The sender's ports: outbound messages in, delivery records out. No CouchDB here: the runtime
// implements the delivery port over the messages database.
import type { MessageDoc } from '@app/shared/schemas';
import type { Api } from 'grammy';
import type {
  ForceReply,
  InlineKeyboardMarkup,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
} from 'grammy/types';

export type ReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;

/** An outbound message doc and where it goes. */
export type OutboundMessage = {
  /** `direction: 'outbound'`; its files, then its text (split when longer than 4096 characters). */
  doc: MessageDoc;
  /** The Telegram chat: the conversation's `externalChatId`. */
  chatId: number | string;
  /** Attached to the last part of a split text. */
  replyMarkup?: ReplyMarkup;
  parseMode?: 'HTML' | 'MarkdownV2';
  /** Telegram message_id to reply to (the first part replies). */
  replyToExternalId?: number;
  disableNotification?: boolean;
  /**
   * Files to send before the text (each its own Telegram message): the doc's stored attachments.
   * `load` reads the bytes when it is their turn; a failing `load` is retried like a network error.
   */
  files?: OutboundFile[];
};

/** A file of an outbound message: a photo goes as a photo (sendPhoto), anything else as a document. */
export type OutboundFile = {
  fileName: string;
  mimeType: string;
  asPhoto: boolean;
  load(): Promise<Uint8Array>;
};

export type DeliveryResult =
  | { id: string; status: 'sent'; attempts: number; externalMessageIds: number[] }
  | { id: string; status: 'failed'; attempts: number; reason: string; externalMessageIds: number[] }
  /** The sender stopped before the message went out; it is still pending in the store. */
  | { id: string; status: 'stopped'; attempts: number };

/**
 * Records delivery progress on the message doc (`delivery.*`). Calls are retried a few times when
 * they throw; make them idempotent. `attempts` counts sendMessage calls for the doc so far.
 */
export type DeliveryPort = {
  /** About to call sendMessage (status `sending`): after a crash, such a doc may have been sent. */
  markSending(id: string, info: { attempts: number; at: string }): Promise<void>;
  /** Delivered: `externalMessageId` is the first part's message_id (all parts in `externalMessageIds`). */
  markSent(
    id: string,
    info: { attempts: number; sentAt: string; externalMessageId: string; externalMessageIds: number[] },
  ): Promise<void>;
  /** A retryable failure (429, 5xx, network): back to `pending` until `nextAttemptAt`. */
  markRetrying(
    id: string,
    info: { attempts: number; lastError: string; nextAttemptAt: string },
  ): Promise<void>;
  /** Cannot be delivered (blocked, chat not found, bad request, or attempts exhausted). */
  markFailed(
    id: string,
    info: { attempts: number; lastError: string; at: string; code?: number; externalMessageIds: number[] },
  ): Promise<void>;
};

/** What the sender needs of the Bot API (grammY's `bot.api` fits). */
export type SendApi = Pick<Api, 'sendMessage' | 'sendDocument' | 'sendPhoto'>;
