// Guards for ZIP containers (DOCX) before a parser inflates them: the central directory's declared
// sizes and entry count are checked without inflating anything (cheap enough for the upload route),
// then every entry is inflated as a stream and counted, stopping at the limit, because declared sizes
// can lie. Runs in browsers and Node alike (DecompressionStream).
import { DomainError } from '../errors';
import { overLimit, type KnowledgeLimits } from './limits';

export type ZipEntry = { name: string; method: number; compressedSize: number; size: number; offset: number };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const unreadable = (name: string, why: string) =>
  new DomainError('file-unreadable', `${name}: not a readable DOCX (${why})`);

/** The entries listed in a ZIP's central directory. Throws DomainError on a damaged directory. */
export function zipEntries(name: string, bytes: Uint8Array, maxEntries = Infinity): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable(name, 'no ZIP central directory');
  const count = view.getUint16(eocd + 10, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === 0xffffffff) throw unreadable(name, 'ZIP64 archives are not supported');
  if (count > maxEntries) throw overLimit(name, 'the number of ZIP entries', count, maxEntries);
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL)
      throw unreadable(name, 'a damaged ZIP central directory');
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      offset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** Checks the declared entry count and unpacked size (no inflating). */
export function checkZipDeclared(name: string, bytes: Uint8Array, limits: KnowledgeLimits): ZipEntry[] {
  const entries = zipEntries(name, bytes, limits.maxZipEntries);
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  if (declared > limits.maxUnpackedBytes)
    throw overLimit(name, 'the declared unpacked size', declared, limits.maxUnpackedBytes, ' bytes');
  return entries;
}

/** Bytes a raw deflate stream inflates to, reading no further than `budget` + one block. */
async function inflatedSize(data: Uint8Array, budget: number): Promise<number> {
  const input = new Blob([data as Uint8Array<ArrayBuffer>]).stream();
  const reader = input.pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return size;
    size += value.byteLength;
    if (size > budget) {
      await reader.cancel().catch(() => undefined);
      return size;
    }
  }
}

/** Inflates every entry (discarding the output) and stops once the total passes the limit. */
export async function checkZipInflated(
  name: string,
  bytes: Uint8Array,
  limits: KnowledgeLimits,
): Promise<void> {
  const entries = checkZipDeclared(name, bytes, limits);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (const entry of entries) {
    if (entry.offset + 30 > bytes.length || view.getUint32(entry.offset, true) !== LOCAL)
      throw unreadable(name, `a damaged ZIP entry ${entry.name.slice(0, 80)}`);
    const start =
      entry.offset + 30 + view.getUint16(entry.offset + 26, true) + view.getUint16(entry.offset + 28, true);
    const data = bytes.subarray(start, Math.min(bytes.length, start + entry.compressedSize));
    const left = limits.maxUnpackedBytes - total;
    if (entry.method === 0) total += data.length;
    else if (entry.method === 8) {
      try {
        total += await inflatedSize(data, left);
      } catch (cause) {
        throw new DomainError(
          'file-unreadable',
          `${name}: not a readable DOCX (entry ${entry.name.slice(0, 80)} is damaged)`,
          { cause },
        );
      }
    }
    if (total > limits.maxUnpackedBytes)
      throw overLimit(
        name,
        'the unpacked size',
        `at least ${total.toLocaleString('en-US')} bytes`,
        limits.maxUnpackedBytes,
        ' bytes',
      );
  }
}
