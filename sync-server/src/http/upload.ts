// Reads one uploaded file, either the raw request body (any non-JSON content type, file name in
// `?fileName=`) or the `file` part of a multipart/form-data body, up to a size limit (413 beyond).
// The file's SHA-256 is computed chunk by chunk as it arrives, not in one go over the whole buffer
// (tens of milliseconds of the event loop for a 20 MB file), and a large file waits in a temporary
// file until it is whole (upload-spool.ts), never joined from its pieces on the event loop. A body
// refused as malformed is still read to its end, so that its connection serves the next request.
import { createHash, type Hash } from 'node:crypto';
import type { Request } from 'express';
import busboy from 'busboy';
import { DomainError } from '@app/shared/errors';
import { UploadSpool } from './upload-spool';

export type Upload = {
  bytes: Buffer;
  /** `sha256-<hex>` of the bytes. */
  contentHash: string;
  fileName: string;
  mimeType: string;
  fields: Record<string, string>;
};

const digest = (hash: Hash) => `sha256-${hash.digest('hex')}`;

const tooLarge = (max: number) =>
  new DomainError('file-too-large', `The file is larger than ${Math.round(max / 1024)} KiB`);

function alreadyRead(req: Request): boolean {
  return req.readableEnded || (req as Request & { _body?: boolean })._body === true;
}

function readRaw(
  req: Request,
  max: number,
  spoolDir?: string,
): Promise<{ bytes: Buffer; contentHash: string }> {
  const declared = Number(req.get('content-length') ?? '0');
  if (declared > max) return Promise.reject(tooLarge(max));
  return new Promise((resolve, reject) => {
    const spool = new UploadSpool(req, spoolDir);
    const hash = createHash('sha256');
    let failed = false;
    const fail = (error: DomainError) => {
      if (failed) return;
      failed = true;
      void spool.discard();
      reject(error);
    };
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      if (spool.bytes + chunk.length > max) return fail(tooLarge(max));
      spool.add(chunk);
      hash.update(chunk);
    });
    req.on('end', () => {
      if (failed) return;
      spool.read().then(
        (bytes) => resolve({ bytes, contentHash: digest(hash) }),
        () => fail(new DomainError('bad-request', 'The upload could not be kept while it arrived')),
      );
    });
    req.on('error', () => fail(new DomainError('bad-request', 'The upload was interrupted')));
  });
}

/** The longest text field of a multipart upload (a title, a note), in bytes. */
const FIELD_SIZE = 10_000;

function readMultipart(req: Request, max: number, spoolDir?: string): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        limits: { fileSize: max, files: 1, fields: 20, fieldSize: FIELD_SIZE, parts: 25 },
      });
    } catch {
      reject(new DomainError('bad-request', 'The multipart body has no valid boundary'));
      return;
    }
    const fields: Record<string, string> = {};
    let file: Promise<Upload> | undefined;
    let spool: UploadSpool | undefined;
    let failure: DomainError | undefined;
    bb.on('field', (name, value, info) => {
      // busboy cuts a field at `fieldSize` and says so: a cut title or note would be stored as if whole.
      if (info.valueTruncated)
        failure ??= new DomainError(
          'payload-too-large',
          `${name.slice(0, 40)}: the field is longer than ${FIELD_SIZE.toLocaleString('en')} characters`,
        );
      else fields[name] = value;
    });
    bb.on('file', (name, stream, info) => {
      // A body cut off inside a part errors the part's stream too; unhandled, that ended the process.
      stream.on('error', () => {
        failure ??= new DomainError('bad-request', 'The multipart body is malformed');
      });
      if (name !== 'file' || file) {
        stream.resume();
        return;
      }
      const kept = (spool = new UploadSpool(stream, spoolDir));
      const hash = createHash('sha256');
      // Set at once (a second `file` part is skipped), settled when the part has ended.
      file = new Promise<Upload>((done, fail) => {
        stream.on('data', (c: Buffer) => {
          kept.add(c);
          hash.update(c);
        });
        stream.on('limit', () => {
          failure = tooLarge(max);
          void kept.discard();
        });
        stream.on('end', () => {
          if (failure) return fail(failure);
          kept.read().then(
            (bytes) =>
              done({
                bytes,
                contentHash: digest(hash),
                fileName: info.filename ?? '',
                mimeType: info.mimeType,
                fields,
              }),
            fail,
          );
        });
      });
      file.catch(() => undefined);
    });
    bb.on('error', () => {
      void spool?.discard();
      // busboy stops at the error (too many header lines in a part, a broken part header) and the pipe
      // lets go of the request, paused with the rest of its body unread: the next request on that
      // kept-alive connection was never read, never answered. The rest is read and dropped, as Node
      // does with a body no one reads.
      req.unpipe(bb);
      req.resume();
      reject(failure ?? new DomainError('bad-request', 'The multipart body is malformed'));
    });
    bb.on('close', () => {
      if (failure) {
        void spool?.discard();
        reject(failure);
      } else if (!file)
        reject(new DomainError('validation-failed', "file: the multipart body has no 'file' part"));
      else
        file.then(
          (f) => resolve({ ...f, fields }),
          (error: unknown) =>
            reject(
              failure ??
                (error instanceof DomainError
                  ? error
                  : new DomainError('bad-request', 'The upload could not be kept while it arrived')),
            ),
        );
    });
    req.pipe(bb);
  });
}

/**
 * The uploaded file; `fileName` is empty when the client gave none. A file over SPOOL_BYTES waits in
 * a temporary file under `options.spoolDir` (the OS's temp dir by default) until it is whole.
 */
export async function readUpload(
  req: Request,
  maxBytes: number,
  options: { spoolDir?: string } = {},
): Promise<Upload> {
  const type = (req.get('content-type') ?? 'application/octet-stream').toLowerCase();
  if (alreadyRead(req) || type.startsWith('application/json')) {
    throw new DomainError(
      'unsupported-file',
      'Send the file as the raw body or as multipart/form-data, not JSON',
    );
  }
  if (type.startsWith('multipart/form-data')) return readMultipart(req, maxBytes, options.spoolDir);
  const { bytes, contentHash } = await readRaw(req, maxBytes, options.spoolDir);
  const fileName = typeof req.query.fileName === 'string' ? req.query.fileName : '';
  return { bytes, contentHash, fileName, mimeType: type.split(';')[0]!.trim(), fields: {} };
}
