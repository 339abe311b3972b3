// File downloads through the Bot API: getFile for a fresh path, then the file URL on the same API
// root grammY uses (so tests against a fake server download from it too).
import type { Api } from 'grammy';

export type FileSource = { api: Api; apiRoot: string; token: string };

/** Downloads a Telegram file by its file_id. */
export async function downloadTelegramFile(
  source: FileSource,
  fileId: string,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  // grammY types its signal with an AbortSignal polyfill; the platform's one is what it uses at run time.
  const file = await source.api.getFile(fileId, signal as Parameters<Api['getFile']>[1]);
  if (!file.file_path) throw new Error(`getFile returned no file_path for ${fileId}`);
  const root = source.apiRoot.replace(/\/+$/, '');
  const res = await fetch(`${root}/file/bot${source.token}/${file.file_path}`, { signal });
  if (!res.ok) throw new Error(`file download failed: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}
