// One file of a model from the hub, resumable: the bytes go to `<file>.part`; a `.part` left by a cut
// connection (in this run or an earlier one) is continued with an HTTP `Range` request: 206 appends
// from where it stopped (its Content-Range must start there), 200 means the server sends the whole file
// again, so the part starts over. Once complete the size and SHA-256 are checked (a mismatch deletes the
// part and fails, naming both hashes) and the part is renamed over the file (atomic: a reader sees the
// old file or the whole new one). Requests go only to the operator's hub (HF_ENDPOINT, default
// https://huggingface.co); HF_TOKEN is sent as a bearer token (fetch drops it on a redirect to another
// host, such as the hub's CDN).
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebStream, ReadableStreamReadResult } from 'node:stream/web';

export type FileProgress = { path: string; done: number; total: number | undefined };

export type DownloadOptions = {
  url: string;
  /** The final file; `<dest>.part` while it downloads. */
  dest: string;
  /** For messages and progress: the file's path in the repository. */
  label: string;
  size: number;
  sha256: string;
  token?: string;
  /** Connections tried before giving up (each continues the part). */
  attempts?: number;
  /** No byte for this long: the connection counts as cut. */
  idleMs?: number;
  onProgress?: (p: FileProgress) => void;
  /** Told when a cut connection is continued (attempt 2, 3, ...). */
  onRetry?: (info: { label: string; attempt: number; from: number; reason: string }) => void;
};

export class DownloadError extends Error {
  /** `checksum`: the bytes are not the pinned ones (never retried); `http`/`network`: may be tried again. */
  constructor(
    readonly kind: 'checksum' | 'http' | 'network',
    message: string,
  ) {
    super(message);
  }
}

export async function downloadFile(opts: DownloadOptions): Promise<void> {
  const part = `${opts.dest}.part`;
  mkdirSync(dirname(opts.dest), { recursive: true });
  const attempts = Math.max(1, opts.attempts ?? 4);
  for (let attempt = 1; ; attempt++) {
    try {
      await fetchInto(part, opts);
      break;
    } catch (error) {
      if (error instanceof DownloadError && error.kind !== 'network') throw error;
      if (attempt >= attempts) {
        throw new DownloadError(
          'network',
          `${opts.label}: ${(error as Error).message} (${attempts} attempts; run the command again to continue from ${sizeOf(part)} bytes)`,
        );
      }
      opts.onRetry?.({
        label: opts.label,
        attempt: attempt + 1,
        from: sizeOf(part),
        reason: (error as Error).message,
      });
      await new Promise((r) => setTimeout(r, Math.min(5_000, 200 * 2 ** attempt)));
    }
  }
  const size = sizeOf(part);
  if (size !== opts.size) {
    rmSync(part, { force: true });
    throw new DownloadError(
      'checksum',
      `${opts.label}: got ${size} bytes, the registry pins ${opts.size}; deleted`,
    );
  }
  const actual = await sha256Of(part);
  if (actual !== opts.sha256) {
    rmSync(part, { force: true });
    throw new DownloadError(
      'checksum',
      `${opts.label}: SHA-256 mismatch: got ${actual}, the registry pins ${opts.sha256}; the download was deleted (a changed file on the hub, or a proxy altering it)`,
    );
  }
  renameSync(part, opts.dest);
}

export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

const sizeOf = (path: string) => (existsSync(path) ? statSync(path).size : 0);

/** One connection: continues the part (Range) or starts it over (200), until the server's end. */
async function fetchInto(part: string, opts: DownloadOptions): Promise<void> {
  let from = sizeOf(part);
  if (from > opts.size) {
    rmSync(part, { force: true });
    from = 0;
  }
  if (from === opts.size) return; // complete already: checked by the caller
  const idle = new AbortController();
  let timer = setTimeout(() => idle.abort(), opts.idleMs ?? 30_000);
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => idle.abort(), opts.idleMs ?? 30_000);
  };
  try {
    let res: Response;
    try {
      res = await fetch(opts.url, {
        headers: {
          'user-agent': 'sales-workspace-models/1',
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...(from > 0 ? { range: `bytes=${from}-` } : {}),
        },
        signal: idle.signal,
      });
    } catch (error) {
      throw new DownloadError('network', idle.signal.aborted ? 'no answer' : causeOf(error));
    }
    const append = res.status === 206;
    if (append) {
      const start = /^bytes (\d+)-/.exec(res.headers.get('content-range') ?? '')?.[1];
      if (Number(start) !== from) {
        await res.body?.cancel();
        throw new DownloadError('network', `the server resumed at ${start ?? '?'} instead of ${from}`);
      }
    } else if (res.status === 416 && from > 0) {
      // The server has no bytes after ours: start over rather than trust a part of the wrong length.
      await res.body?.cancel();
      rmSync(part, { force: true });
      throw new DownloadError('network', 'range not satisfiable, starting over');
    } else if (res.status !== 200) {
      const text = (await res.text().catch(() => '')).slice(0, 200);
      throw new DownloadError(
        'http',
        `${opts.label}: HTTP ${res.status} from ${new URL(opts.url).origin}${text ? `: ${text}` : ''}${res.status === 401 || res.status === 403 ? ' (a gated or private repository needs HF_TOKEN)' : ''}`,
      );
    }
    if (!res.body) throw new DownloadError('network', 'empty answer');
    let done = append ? from : 0;
    opts.onProgress?.({ path: opts.label, done, total: opts.size });
    // Each chunk is written before the next is read, so a cut connection leaves every byte it brought on
    // disk and the next try's Range starts right after them (a stream pipeline drops its buffered writes
    // when the source fails).
    const file = await open(part, append ? 'a' : 'w');
    const reader = (res.body as WebStream<Uint8Array>).getReader();
    try {
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          throw new DownloadError(
            'network',
            idle.signal.aborted ? `no data for ${(opts.idleMs ?? 30_000) / 1000} s` : causeOf(error),
          );
        }
        if (chunk.done) break;
        touch();
        await file.write(chunk.value);
        done += chunk.value.length;
        opts.onProgress?.({ path: opts.label, done, total: opts.size });
      }
    } finally {
      await file.close();
    }
    if (done < opts.size)
      throw new DownloadError('network', `the connection ended at ${done} of ${opts.size} bytes`);
  } finally {
    clearTimeout(timer);
  }
}

function causeOf(error: unknown): string {
  const e = error as Error & { cause?: { message?: string; code?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.message;
}
