// The text and attachment metadata of a Telegram message. Pure: no network, no files.
import type { Message } from 'grammy/types';
import type { AttachmentMeta } from '@app/shared/schemas';

export type MessageContent = { text: string; attachments: AttachmentMeta[] };

const clip = (s: string | undefined, max: number) => (s === undefined ? undefined : s.slice(0, max));

type FileLike = { file_id: string; file_size?: number; mime_type?: string; file_name?: string };

function fileMeta(kind: AttachmentMeta['kind'], file: FileLike, caption?: string): AttachmentMeta {
  const meta: AttachmentMeta = { kind, externalFileId: clip(file.file_id, 512) };
  if (file.file_size !== undefined) meta.size = file.file_size;
  if (file.mime_type) meta.mimeType = clip(file.mime_type, 127);
  if (file.file_name) meta.fileName = clip(file.file_name, 255);
  if (caption) meta.caption = clip(caption, 1024);
  return meta;
}

/** The attachment of a media message (the largest size of a photo), or undefined. */
export function fileAttachmentOf(msg: Message): AttachmentMeta | undefined {
  const caption = msg.caption;
  if (msg.photo && msg.photo.length > 0) {
    const largest = msg.photo.reduce((a, b) =>
      (b.file_size ?? b.width * b.height) > (a.file_size ?? a.width * a.height) ? b : a,
    );
    return fileMeta('photo', { ...largest, mime_type: 'image/jpeg' }, caption);
  }
  if (msg.document) return fileMeta('document', msg.document, caption);
  if (msg.voice) return fileMeta('voice', msg.voice, caption);
  if (msg.audio) return fileMeta('audio', msg.audio, caption);
  if (msg.video) return fileMeta('video', msg.video, caption);
  if (msg.video_note) return fileMeta('video', msg.video_note, caption);
  if (msg.animation) return fileMeta('video', msg.animation, caption);
  if (msg.sticker) return fileMeta('sticker', { ...msg.sticker, file_name: msg.sticker.emoji });
  return undefined;
}

/** Text and attachments of any customer message; undefined for service messages (joins, pins...). */
export function contentOf(msg: Message): MessageContent | undefined {
  if (msg.text !== undefined) return { text: msg.text, attachments: [] };
  if (msg.contact) {
    const c = msg.contact;
    const name = [c.first_name, c.last_name].filter(Boolean).join(' ');
    return {
      text: name ? `${c.phone_number} (${name})` : c.phone_number,
      attachments: [{ kind: 'contact', ...(name ? { fileName: clip(name, 255) } : {}) }],
    };
  }
  if (msg.location) {
    const { latitude, longitude } = msg.location;
    return { text: `${latitude},${longitude}`, attachments: [{ kind: 'location' }] };
  }
  const file = fileAttachmentOf(msg);
  if (file) return { text: msg.caption ?? (msg.sticker?.emoji || ''), attachments: [file] };
  if (msg.poll || msg.dice || msg.game || msg.venue) {
    return { text: msg.poll?.question ?? msg.venue?.title ?? '', attachments: [{ kind: 'other' }] };
  }
  return undefined;
}
