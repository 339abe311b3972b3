// Photos, documents, voice, audio and video: metadata in the message's attachments; the bytes go to
// the injected file store (if any), which receives a download function rather than the bytes.
import { Composer } from 'grammy';
import type { BotContext } from '../context';
import { idsFor, inboundFor, saveInbound } from '../inbound/build';
import { fileAttachmentOf } from '../inbound/content';
import { downloadTelegramFile } from '../inbound/files';

export const mediaFeature = new Composer<BotContext>();

mediaFeature.on(
  [
    'message:photo',
    'message:document',
    'message:voice',
    'message:audio',
    'message:video',
    'message:video_note',
  ],
  async (ctx) => {
    const msg = ctx.message;
    const attachment = fileAttachmentOf(msg);
    if (!attachment) return;
    const { storeFile, teamId, botId, apiRoot, token } = ctx.services;
    const fileId = attachment.externalFileId;
    if (storeFile && fileId) {
      const messageId = idsFor(botId, msg.chat.id, msg.message_id).id;
      try {
        const fileDocId = await storeFile({
          teamId,
          botId,
          messageId,
          attachment: { ...attachment },
          download: (signal, maxBytes) =>
            downloadTelegramFile({ api: ctx.api, apiRoot, token }, fileId, signal, maxBytes),
        });
        if (fileDocId) attachment.fileDocId = fileDocId.slice(0, 128);
      } catch (error) {
        // The Telegram file id stays in the attachment: the file can be fetched again later.
        ctx.log.warn({ err: error, messageId, fileId }, 'storing the file failed; kept its file id');
      }
    }
    const inbound = inboundFor(ctx, { text: msg.caption ?? '', attachments: [attachment] });
    if (inbound) await saveInbound(ctx, inbound);
  },
);
