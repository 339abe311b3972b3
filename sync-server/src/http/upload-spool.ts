// Where an upload's bytes wait until it has arrived whole: in memory up to SPOOL_BYTES, then in a
// temporary file, written as the pieces come (the source paused while the disk catches up). The
// whole is then read back by the thread pool into one buffer of its exact size, so no large
// Buffer.concat runs on the event loop: joining a 200 MiB restore file's pieces did (issue 60).
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Uploads larger than this go to a temporary file as they arrive. */
export const SPOOL_BYTES = 8 * 1024 * 1024;
/** Temporary files are made in directories named so (under the OS's temp dir unless told). */
export const SPOOL_PREFIX = 'upload-';

export class UploadSpool {
  private chunks: Buffer[] = [];
  private size = 0;
  private file?: { dir: Promise<string>; stream: Promise<WriteStream> };
  private failure?: Error;
  private waiting = false;
  /** Let go of (`discard`): pieces after are dropped, and a write still on its way pauses nothing. */
  private done = false;

  /** `source` is paused while the file's writes catch up. */
  constructor(
    private readonly source: { pause(): unknown; resume(): unknown },
    private readonly dir = tmpdir(),
  ) {}

  get bytes(): number {
    return this.size;
  }

  add(chunk: Buffer): void {
    if (this.done) return;
    this.size += chunk.length;
    this.chunks.push(chunk);
    if (!this.file && this.size > SPOOL_BYTES) this.open();
    if (this.file) this.flush();
  }

  private open(): void {
    const dir = mkdtemp(join(this.dir, SPOOL_PREFIX));
    const stream = dir.then((d) => {
      const s = createWriteStream(join(d, 'body'));
      s.on('error', (error) => (this.failure ??= error));
      return s;
    });
    // A failure to make the directory is the upload's failure, told when it is read.
    stream.catch((error: Error) => (this.failure ??= error));
    this.file = { dir, stream };
  }

  /** Hands the waiting pieces to the file in order, pausing the source when the file is behind. */
  private flush(): void {
    const pieces = this.chunks;
    this.chunks = [];
    void this.file!.stream.then(
      (s) => {
        // Discarded meanwhile (a refused upload): a write to the destroyed file returns false, and
        // pausing the source for a 'drain' that never comes left the rest of the body unread.
        if (this.done || s.destroyed) return;
        let behind = false;
        for (const piece of pieces) behind = !s.write(piece) || behind;
        if (behind && !this.waiting && !s.writableEnded) {
          this.waiting = true;
          this.source.pause();
          s.once('drain', () => {
            this.waiting = false;
            this.source.resume();
          });
        }
      },
      () => undefined,
    );
  }

  /** The whole upload, in one buffer; the temporary file is gone after. */
  async read(): Promise<Buffer> {
    if (!this.file) {
      const whole = Buffer.concat(this.chunks, this.size);
      this.chunks = [];
      return whole;
    }
    try {
      const stream = await this.file.stream;
      await new Promise<void>((done, fail) => {
        stream.once('error', fail);
        stream.end(() => done());
      });
      if (this.failure) throw this.failure;
      return await readFile(stream.path);
    } finally {
      await this.discard();
    }
  }

  /** Lets go of what was kept (the temporary file too). */
  async discard(): Promise<void> {
    this.done = true;
    this.chunks = [];
    // A source paused for the file's sake flows again (the rest of a refused body is read and dropped).
    if (this.waiting) {
      this.waiting = false;
      this.source.resume();
    }
    if (!this.file) return;
    const { dir, stream } = this.file;
    this.file = undefined;
    await stream.then(
      (s) => s.destroy(),
      () => undefined,
    );
    await dir.then(
      (d) => rm(d, { recursive: true, force: true }),
      () => undefined,
    );
  }
}
