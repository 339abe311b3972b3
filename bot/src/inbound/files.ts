// File downloads through the Bot API: getFile for a fresh path, then the file URL on the same API
// root grammY uses (so tests against a fake server download from it too).
import type { Api } from 'grammy';

export type FileSource = { api: Api; apiRoot: string; token: string };

/** Downloads a Telegram file by its file_id; more than `maxBytes` (if given) fails the download. */
export async function downloadTelegramFile(
  source: FileSource,
  fileId: string,
  signal?: AbortSignal,
  maxBytes?: number,
): Promise<Uint8Array> {
  // grammY types its signal with an AbortSignal polyfill; the platform's one is what it uses at run time.
  const file = await source.api.getFile(fileId, signal as Parameters<Api['getFile']>[1]);
  if (!file.file_path) throw new Error(`getFile returned no file_path for ${fileId}`);
  if (maxBytes !== undefined && file.file_size !== undefined && file.file_size > maxBytes)
    throw new Error(`the file is ${file.file_size} bytes, over the limit of ${maxBytes}`);
  const root = source.apiRoot.replace(/\/+$/, '');
  const res = await fetch(`${root}/file/bot${source.token}/${file.file_path}`, { signal });
  if (!res.ok) throw new Error(`file download failed: HTTP ${res.status}`);
  if (maxBytes === undefined || !res.body) return new Uint8Array(await res.arrayBuffer());
  // Counted as it arrives: a server that sends more than it said stops at the limit.
  const parts: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw new Error(`the file is over the limit of ${maxBytes} bytes`);
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return bytes;
}
