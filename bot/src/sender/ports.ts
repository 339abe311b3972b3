// What a sender of outbound messages over the Bot API works with (sync-server's Telegram transport):
// a message's files and the Bot API methods it calls.
import type { Api } from 'grammy';

/** A file of an outbound message: a photo goes as a photo (sendPhoto), anything else as a document. */
export type OutboundFile = {
  fileName: string;
  mimeType: string;
  asPhoto: boolean;
  load(): Promise<Uint8Array>;
};

/** What the sender needs of the Bot API (grammY's `bot.api` fits). */
export type SendApi = Pick<Api, 'sendMessage' | 'sendDocument' | 'sendPhoto'>;
