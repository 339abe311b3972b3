// The photos and documents VK customers send, kept with the conversation like Telegram's
// (../telegram/telegram-files.ts) and e-mail's: VK's message object carries each file's URL (a photo's
// `sizes[]`, the largest taken; a document's `url` with `title`, `ext` and `size`). The message is
// written first with what the event says of each file, the event answered, and the files fetched
// afterwards within the files collection's limit and a time budget, stored in the team's `files`
// database (../files.ts) and their doc id put on the message's attachment (`fileDocId`). A file over
// the limit, or one that fails to download, gets a readable note (`caption`) instead and keeps VK's
// own id (`externalFileId`); a message is never held up or lost for a file. Ids derive from the
// message and the attachment's place, so an event delivered twice stores nothing twice (and finishes
// what a crash left unstored).
// Whoever can post an event chooses those URLs, so a file is fetched only from VK's own file hosts
// (VK_FILE_HOSTS), through the pinned, policy-checked fetch, each redirect checked again
// (../file-fetch.ts): a URL on the server's network is never fetched, and its note says only that.
import { createHash } from 'node:crypto';
import type { AttachmentMeta } from '@app/shared/schemas';
import type { Logger } from 'pino';
import type { Store } from '../../context';
import { teamData, teamStored } from '../../store/data';
import { VK_DEFAULT_FILE_HOSTS } from '../../config';
import { outboundPolicy } from '../../ops/outbound';
import { fetchChannelFile, NotAChannelFile, type ChannelFileAccess } from '../file-fetch';

const MiB = 1024 * 1024;
/** As the files collection takes them (gateway/files.ts: 25 MiB an attachment). */
export const VK_MAX_FILE_BYTES = 25 * MiB;

export type VkFileLimits = { maxBytes: number; timeoutMs: number };
export const defaultVkFileLimits: VkFileLimits = { maxBytes: VK_MAX_FILE_BYTES, timeoutMs: 60_000 };

/** Where VK files may come from: VK's hosts under the server's policy with no private target opened. */
export const defaultVkFileAccess = (): ChannelFileAccess => ({
  hosts: [...VK_DEFAULT_FILE_HOSTS],
  policy: outboundPolicy(),
});

/** One attachment of VK's message object as the channel reads it (the rest is let through). */
type VkAttachment = { type: string } & Record<string, unknown>;
type PhotoSize = { url?: unknown; type?: unknown; width?: unknown; height?: unknown };

/** What the message records of an attachment, and where its bytes are (none for stickers, audio, ...). */
export type VkFile = { meta: AttachmentMeta; url?: string };

const kinds: Record<string, AttachmentMeta['kind']> = {
  photo: 'photo',
  doc: 'document',
  audio: 'audio',
  audio_message: 'voice',
  video: 'video',
  sticker: 'sticker',
};

const mimeOfExt: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  zip: 'application/zip',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const str = (v: unknown, max: number) => (typeof v === 'string' && v ? v.slice(0, max) : undefined);
const num = (v: unknown) =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : undefined;
const httpUrl = (v: unknown) => {
  const s = str(v, 4096);
  return s && /^https?:\/\//i.test(s) ? s : undefined;
};
/** VK's own id of a file (`photo<owner>_<id>`, as attachments are named in messages.send). */
const vkId = (type: string, o: Record<string, unknown>) =>
  num(o.id) !== undefined && typeof o.owner_id === 'number' ? `${type}${o.owner_id}_${o.id}` : undefined;

/** The largest of a photo's sizes (by its pixels; VK lists them smallest first). */
function largest(sizes: unknown): string | undefined {
  if (!Array.isArray(sizes)) return undefined;
  let best: { url: string; area: number } | undefined;
  for (const [i, s] of (sizes as PhotoSize[]).entries()) {
    const url = httpUrl(s?.url);
    if (!url) continue;
    const area = (num(s.width) ?? 0) * (num(s.height) ?? 0) || i;
    if (!best || area >= best.area) best = { url, area };
  }
  return best?.url;
}

const clean = (meta: AttachmentMeta): AttachmentMeta =>
  Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)) as AttachmentMeta;

/** The attachments of VK's message object as the message records them. */
export function vkFilesOf(attachments: VkAttachment[]): VkFile[] {
  return attachments.slice(0, 20).map((a) => {
    const kind = kinds[a.type] ?? 'other';
    const o = (a[a.type] ?? {}) as Record<string, unknown>;
    if (a.type === 'photo') {
      const url = largest(o.sizes);
      const meta = clean({
        kind,
        fileName: 'photo.jpg',
        mimeType: 'image/jpeg',
        externalFileId: vkId('photo', o),
        caption: str(o.text, 1024),
      });
      return url ? { meta, url } : { meta };
    }
    if (a.type === 'doc') {
      const ext = str(o.ext, 20)?.toLowerCase();
      const title = str(o.title, 255) ?? 'file';
      const fileName =
        ext && !title.toLowerCase().endsWith(`.${ext}`) ? `${title.slice(0, 250)}.${ext}` : title;
      const url = httpUrl(o.url);
      const meta = clean({
        kind,
        fileName: fileName.slice(0, 255),
        mimeType: (ext && mimeOfExt[ext]) || 'application/octet-stream',
        size: num(o.size),
        externalFileId: vkId('doc', o),
      });
      return url ? { meta, url } : { meta };
    }
    return { meta: { kind } };
  });
}

/** The files doc of a message's attachment: the same for a message taken in twice. */
export const vkFileDocId = (messageId: string, index: number) =>
  `vkfile-${createHash('sha256').update(`${messageId}\n${index}`).digest('hex').slice(0, 40)}`;

const sizeText = (bytes: number) =>
  bytes >= MiB ? `${Math.round((bytes / MiB) * 10) / 10} MiB` : `${Math.ceil(bytes / 1024)} KiB`;

class TooLarge extends Error {}

/** The file's bytes, refused once more than `maxBytes` arrive (or are announced). */
async function download(url: string, limits: VkFileLimits, access: ChannelFileAccess): Promise<Buffer> {
  const res = await fetchChannelFile(url, access, {
    maxBytes: limits.maxBytes,
    signal: AbortSignal.timeout(limits.timeoutMs),
  });
  if (!res.ok || !res.body) throw new Error(`VK answered ${res.status}`);
  const announced = Number(res.headers.get('content-length'));
  if (announced > limits.maxBytes) {
    await res.body.cancel();
    throw new TooLarge(sizeText(announced));
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limits.maxBytes) {
      await reader.cancel();
      throw new TooLarge(`more than ${sizeText(limits.maxBytes)}`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

type Outcome = { fileDocId: string; size: number } | { note: string };

async function fetchOne(
  deps: { store: Store; teamId: string },
  refs: { messageId: string; conversationId: string; index: number; at: string },
  file: VkFile & { url: string },
  limits: VkFileLimits,
  access: ChannelFileAccess,
): Promise<Outcome> {
  const name = file.meta.fileName ?? file.meta.kind;
  const over = (size: string) =>
    `"${name}" (${size}) is over the ${sizeText(limits.maxBytes)} limit for files: not stored (it stays in VK)`;
  if (file.meta.size !== undefined && file.meta.size > limits.maxBytes)
    return { note: over(sizeText(file.meta.size)) };
  let bytes: Buffer;
  try {
    bytes = await download(file.url, limits, access);
  } catch (err) {
    if (err instanceof TooLarge) return { note: over(err.message) };
    if (err instanceof NotAChannelFile)
      return { note: `"${name}" was not downloaded (${err.message.slice(0, 200)}): not stored` };
    const reason = err instanceof Error ? err.message : String(err);
    return { note: `"${name}" could not be downloaded from VK (${reason.slice(0, 200)}): not stored` };
  }
  const fileDocId = vkFileDocId(refs.messageId, refs.index);
  const mimeType = file.meta.mimeType ?? 'application/octet-stream';
  await teamData(deps.store, deps.teamId).files.store(
    fileDocId,
    {
      kind: 'attachment',
      fileName: name,
      mimeType,
      size: bytes.length,
      messageId: refs.messageId,
      conversationId: refs.conversationId,
      createdAt: refs.at,
    },
    bytes,
    mimeType,
  );
  return { fileDocId, size: bytes.length };
}

type MessageWithFiles = { attachments?: AttachmentMeta[] };

/**
 * Fetches and stores the message's files that it does not hold yet, then records each on the message
 * (`fileDocId`, or a note in `caption`). Never throws: a failure is logged and the file stays in VK.
 */
export async function storeVkFiles(
  deps: { store: Store; teamId: string; log: Logger; limits?: VkFileLimits; access?: ChannelFileAccess },
  message: { id: string; conversationId: string },
  files: VkFile[],
): Promise<void> {
  const limits = deps.limits ?? defaultVkFileLimits;
  const access = deps.access ?? defaultVkFileAccess();
  const messages = teamStored<MessageWithFiles>(deps.store, deps.teamId, 'messages');
  try {
    const current = await messages.get(message.id);
    if (!current) throw new Error(`message ${message.id} is missing`);
    const at = new Date().toISOString();
    const outcomes = new Map<number, Outcome>();
    for (const [index, file] of files.entries()) {
      const held = current.attachments?.[index];
      if (!file.url || !held || held.fileDocId || held.caption?.includes('not stored')) continue;
      const refs = { messageId: message.id, conversationId: message.conversationId, index, at };
      const outcome = await fetchOne(deps, refs, { ...file, url: file.url }, limits, access);
      if ('note' in outcome)
        deps.log.info({ messageId: message.id, index, note: outcome.note }, 'VK file not stored');
      outcomes.set(index, outcome);
    }
    if (!outcomes.size) return;
    await messages.update(message.id, (doc) => ({
      ...doc,
      attachments: (doc.attachments ?? []).map((a, i) => {
        const o = outcomes.get(i);
        if (!o || a.fileDocId) return a;
        return 'note' in o
          ? { ...a, caption: (a.caption ? `${a.caption}\n${o.note}` : o.note).slice(0, 1024) }
          : { ...a, fileDocId: o.fileDocId, size: o.size };
      }),
    }));
  } catch (err) {
    deps.log.warn({ err, messageId: message.id }, 'the files of a VK message could not be stored');
  }
}
