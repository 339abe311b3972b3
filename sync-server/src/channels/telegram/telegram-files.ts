// The photos and documents customers send to a team's bot, kept with the conversation: each is
// downloaded through the Bot API (getFile, then the file URL) within a size limit and a time budget,
// and stored in the team's `files` database (store/stored-files.ts), its doc id put on the message's
// attachment (`fileDocId`). What is over the limit, or fails to download, keeps only Telegram's file
// id (`externalFileId`), and the message is taken in all the same: a file never holds up a message.
import { createHash } from 'node:crypto';
import type { StoreFile } from '@app/bot';
import type { Logger } from 'pino';
import type { Store } from '../../context';
import { teamData } from '../../store/data';

/** The Bot API serves files of up to 20 MB to bots (getFile). */
export const TELEGRAM_MAX_FILE_BYTES = 20 * 1024 * 1024;

const defaultNames: Record<string, string> = {
  photo: 'photo.jpg',
  voice: 'voice.ogg',
  audio: 'audio',
  video: 'video.mp4',
  sticker: 'sticker.webp',
};

/** The files doc of a message's attachment: the same for a message taken in twice. */
export const telegramFileDocId = (messageId: string) =>
  `tgfile-${createHash('sha256').update(messageId).digest('hex').slice(0, 40)}`;

export function telegramFileStore(opts: {
  store: Store;
  teamId: string;
  log: Logger;
  maxBytes?: number;
  timeoutMs?: number;
  now?: () => Date;
}): StoreFile {
  const maxBytes = opts.maxBytes ?? TELEGRAM_MAX_FILE_BYTES;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const now = opts.now ?? (() => new Date());
  return async ({ messageId, attachment, download }) => {
    if (attachment.size !== undefined && attachment.size > maxBytes) {
      opts.log.info(
        { messageId, size: attachment.size, maxBytes },
        'a customer file over the limit: not stored',
      );
      return undefined;
    }
    const bytes = await download(AbortSignal.timeout(timeoutMs), maxBytes);
    const id = telegramFileDocId(messageId);
    const mimeType = attachment.mimeType ?? 'application/octet-stream';
    await teamData(opts.store, opts.teamId).files.store(
      id,
      {
        kind: 'attachment',
        fileName: attachment.fileName ?? defaultNames[attachment.kind] ?? 'file',
        mimeType,
        size: bytes.length,
        messageId,
        createdAt: now().toISOString(),
      },
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      mimeType,
    );
    return id;
  };
}
