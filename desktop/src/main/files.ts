// File dialogs for imports and exports. Picked files go to the renderer as base64 (the renderer has no
// file system access); sizes are bounded so a huge file cannot freeze the app.
import { basename, extname } from 'node:path';
import type { FileFilter, PickedFile } from '@app/shared/ipc';

export const maxPickedFileBytes = 50 * 1024 * 1024;

const mimeTypes: Record<string, string> = {
  '.csv': 'text/csv',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.json': 'application/json',
};

export function mimeTypeFor(fileName: string): string {
  return mimeTypes[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

export async function readPickedFiles(
  paths: readonly string[],
  io: { size(path: string): Promise<number>; read(path: string): Promise<Buffer> },
): Promise<PickedFile[]> {
  const out: PickedFile[] = [];
  for (const path of paths) {
    const size = await io.size(path);
    if (size > maxPickedFileBytes) throw new Error(`${basename(path)} is larger than 50 MB`);
    const data = await io.read(path);
    out.push({ name: basename(path), size, mimeType: mimeTypeFor(path), base64: data.toString('base64') });
  }
  return out;
}

/** The extension a saved file must have, from the first filter, so `leads` becomes `leads.csv`. */
export function withExtension(fileName: string, filters: readonly FileFilter[] | undefined): string {
  const ext = filters?.[0]?.extensions[0];
  if (!ext || ext === '*' || extname(fileName)) return fileName;
  return `${fileName}.${ext}`;
}
