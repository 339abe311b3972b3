// Reads one uploaded file, either the raw request body (any non-JSON content type, file name in
// `?fileName=`) or the `file` part of a multipart/form-data body, up to a size limit (413 beyond).
// The file's SHA-256 is computed chunk by chunk as it arrives, not in one go over the whole buffer
// (tens of milliseconds of the event loop for a 20 MB file).
import { createHash, type Hash } from 'node:crypto';
import type { Request } from 'express';
import busboy from 'busboy';
import { DomainError } from '@app/shared/errors';

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

function readRaw(req: Request, max: number): Promise<{ bytes: Buffer; contentHash: string }> {
  const declared = Number(req.get('content-length') ?? '0');
  if (declared > max) return Promise.reject(tooLarge(max));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const hash = createHash('sha256');
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > max) {
        failed = true;
        reject(tooLarge(max));
        return;
      }
      chunks.push(chunk);
      hash.update(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve({ bytes: Buffer.concat(chunks), contentHash: digest(hash) });
    });
    req.on('error', () => reject(new DomainError('bad-request', 'The upload was interrupted')));
  });
}

function readMultipart(req: Request, max: number): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        limits: { fileSize: max, files: 1, fields: 20, fieldSize: 10_000, parts: 25 },
      });
    } catch {
      reject(new DomainError('bad-request', 'The multipart body has no valid boundary'));
      return;
    }
    const fields: Record<string, string> = {};
    let file: Upload | undefined;
    let failure: DomainError | undefined;
    bb.on('field', (name, value) => {
      fields[name] = value;
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
      const chunks: Buffer[] = [];
      const hash = createHash('sha256');
      stream.on('data', (c: Buffer) => {
        chunks.push(c);
        hash.update(c);
      });
      stream.on('limit', () => {
        failure = tooLarge(max);
      });
      stream.on('end', () => {
        file = {
          bytes: Buffer.concat(chunks),
          contentHash: digest(hash),
          fileName: info.filename ?? '',
          mimeType: info.mimeType,
          fields,
        };
      });
    });
    bb.on('error', () =>
      reject(failure ?? new DomainError('bad-request', 'The multipart body is malformed')),
    );
    bb.on('close', () => {
      if (failure) reject(failure);
      else if (!file)
        reject(new DomainError('validation-failed', "file: the multipart body has no 'file' part"));
      else resolve({ ...file, fields });
    });
    req.pipe(bb);
  });
}

/** The uploaded file; `fileName` is empty when the client gave none. */
export async function readUpload(req: Request, maxBytes: number): Promise<Upload> {
  const type = (req.get('content-type') ?? 'application/octet-stream').toLowerCase();
  if (alreadyRead(req) || type.startsWith('application/json')) {
    throw new DomainError(
      'unsupported-file',
      'Send the file as the raw body or as multipart/form-data, not JSON',
    );
  }
  if (type.startsWith('multipart/form-data')) return readMultipart(req, maxBytes);
  const { bytes, contentHash } = await readRaw(req, maxBytes);
  const fileName = typeof req.query.fileName === 'string' ? req.query.fileName : '';
  return { bytes, contentHash, fileName, mimeType: type.split(';')[0]!.trim(), fields: {} };
}
