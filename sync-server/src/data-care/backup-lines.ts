// Reads a gzip NDJSON backup as a stream of lines, never as one string: the gzip is inflated by zlib's
// stream (on the thread pool, 64 KiB at a time), lines are cut from its chunks, and the event loop is
// handed back every few milliseconds. Limits on the unpacked size, the number of lines, a line's
// length, and a line's nesting depth and number of values are checked as the bytes arrive, before a
// line is made a string or parsed, so a hostile file is refused (413 or 422 naming the limit) without
// building it in memory or holding the event loop (issue 34).
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createGunzip } from 'node:zlib';
import { DomainError } from '@app/shared/errors';
import { FILE_LIMITS } from '../gateway/files';

export type BackupLimits = {
  /** Bytes of the unpacked file (413 `file-too-large` beyond). */
  maxUnpackedBytes: number;
  /** Lines, blank ones included (422 `file-over-limit` beyond, as for the limits below). */
  maxLines: number;
  /** Bytes of one line: the largest legitimate one is a files doc with its attachments in base64. */
  maxLineBytes: number;
  /** Nesting of arrays and objects in one line (deeper would risk the stack of whatever walks it). */
  maxDepth: number;
  /** Arrays, objects and commas in one line: bounds the work of parsing and validating it. */
  maxValues: number;
  /**
   * Items of any one array or object: no schema allows more (the largest maxItems is a few thousand),
   * and a line of 400,000 wrong-typed tags would otherwise be parsed and validated on the event loop
   * (issue 60), as the REST API's bodies are bounded (http/json-shape.ts).
   */
  maxItems: number;
};

export const BACKUP_LIMITS: BackupLimits = {
  maxUnpackedBytes: 1024 * 1024 * 1024,
  maxLines: 4_000_000,
  maxLineBytes: Math.ceil(FILE_LIMITS.maxTotalBytes / 3) * 4 + 1024 * 1024,
  maxDepth: 64,
  maxValues: 1_000_000,
  maxItems: 10_000,
};

/** A line over `maxLineBytes` (a class of its own: a caller may check such a file elsewhere). */
export class LineTooLong extends DomainError<'file-over-limit'> {}

/** A line's bytes (a view valid only during the call) and its number, from 1. */
export type LineHandler = (bytes: Buffer, n: number) => void | Promise<void>;

const CHUNK = 64 * 1024;
/** The longest the event loop is held between two turns it is given back. */
const SLICE_MS = 8;

const fmt = (n: number) => n.toLocaleString('en-US');
const overLimit = (what: string) =>
  new DomainError('file-over-limit', `The backup is refused, nothing was restored: ${what}`);

/** Hands the input to the gunzip stream in 64 KiB pieces, as it asks for them. */
function* pieces(bytes: Uint8Array): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += CHUNK)
    yield Buffer.from(bytes.buffer, bytes.byteOffset + at, Math.min(CHUNK, bytes.length - at));
}

/** Whether a line is only JSON whitespace (space, tab, CR). */
export function isBlank(line: Buffer): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

/**
 * Why a line may not be parsed (nested deeper than `maxDepth`, more than `maxValues` values, an array
 * or object of more than `maxItems` items), or null.
 * Strings are skipped with `indexOf` (base64 attachments cost little); malformed JSON is left to
 * JSON.parse.
 */
export function shapeProblem(
  line: Buffer,
  limits: Pick<BackupLimits, 'maxDepth' | 'maxValues'> & Partial<Pick<BackupLimits, 'maxItems'>>,
): string | null {
  let depth = 0;
  let values = 0;
  const maxItems = limits.maxItems ?? Infinity;
  /** Commas so far of each open array or object (its items less one). */
  const commas: number[] = [];
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === 0x22) {
      let end = i;
      for (;;) {
        end = line.indexOf(0x22, end + 1);
        if (end < 0) return null;
        let k = end - 1;
        while (k > i && line[k] === 0x5c) k--;
        if ((end - 1 - k) % 2 === 0) break;
      }
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      values++;
      commas.push(0);
      if (++depth > limits.maxDepth) return `it is nested deeper than the limit of ${limits.maxDepth} levels`;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
      commas.pop();
    } else if (c === 0x2c) {
      values++;
      const open = commas.length - 1;
      if (open >= 0 && ++commas[open]! >= maxItems)
        return `an array or object holds more than the limit of ${fmt(maxItems)} items`;
    }
    if (values > limits.maxValues) return `it holds more than the limit of ${fmt(limits.maxValues)} values`;
  }
  return null;
}

/**
 * Calls `handle` for each line of the gzip NDJSON file (awaiting it when it returns a promise);
 * throws `file-unreadable` (not gzip), `file-too-large` or `file-over-limit`, or what `handle` throws.
 */
export async function eachBackupLine(
  gzipped: Uint8Array,
  handle: LineHandler,
  limits: BackupLimits = BACKUP_LIMITS,
): Promise<void> {
  const gunzip = createGunzip({ chunkSize: CHUNK });
  const source = Readable.from(pieces(gzipped), { objectMode: false });
  source.pipe(gunzip);
  let unpacked = 0;
  let lines = 0;
  let partial: Buffer[] = [];
  let partialBytes = 0;
  let turn = performance.now();
  /** Hands a line over; a promise only when the handler's or the event loop's turn must be awaited. */
  const line = (bytes: Buffer): Promise<void> | undefined => {
    if (++lines > limits.maxLines)
      throw overLimit(`it has more than the limit of ${fmt(limits.maxLines)} lines`);
    const done = handle(bytes, lines);
    if (done) return done.then(breathe);
    return breathe();
  };
  const breathe = (): Promise<void> | undefined => {
    if (performance.now() - turn <= SLICE_MS) return undefined;
    return nextTurn().then(() => {
      turn = performance.now();
    });
  };
  const tooLong = () =>
    new LineTooLong(
      'file-over-limit',
      `The backup is refused, nothing was restored: line ${fmt(lines + 1)} is longer than the limit of ${fmt(limits.maxLineBytes)} bytes`,
    );
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      unpacked += chunk.length;
      if (unpacked > limits.maxUnpackedBytes)
        throw new DomainError(
          'file-too-large',
          `The backup is larger than the limit of ${fmt(limits.maxUnpackedBytes)} bytes unpacked; nothing was restored`,
        );
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf(0x0a, start);
        if (nl < 0) {
          partialBytes += chunk.length - start;
          if (partialBytes > limits.maxLineBytes) throw tooLong();
          if (start < chunk.length) partial.push(chunk.subarray(start));
          break;
        }
        const piece = chunk.subarray(start, nl);
        start = nl + 1;
        if (partialBytes + piece.length > limits.maxLineBytes) throw tooLong();
        const whole = partial.length ? Buffer.concat([...partial, piece]) : piece;
        partial = [];
        partialBytes = 0;
        const wait = line(whole);
        if (wait) await wait;
      }
    }
  } catch (error) {
    // zlib's own errors (Z_DATA_ERROR, Z_BUF_ERROR for a file cut short); anything else is the caller's.
    if (/^Z_/.test(String((error as { code?: unknown }).code)))
      throw new DomainError('file-unreadable', 'The backup is not a gzip file, or it is cut short');
    throw error;
  } finally {
    source.unpipe(gunzip);
    source.destroy();
    gunzip.destroy();
  }
  if (partial.length) await line(Buffer.concat(partial));
}
