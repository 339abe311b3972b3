// Reading uploads: a multipart body cut off inside its file part is a 400, not a crash (busboy errors
// the part's stream; with no listener that was an uncaught exception. Found by the fuzz test).
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDomainError } from '@app/shared/errors';
import { readUpload } from './upload';

let base = '';
let close = () => {};

beforeAll(async () => {
  const app = express();
  app.post('/upload', (req, res, next) => {
    readUpload(req, 1024 * 1024).then(
      (u) => res.json({ size: u.bytes.length, fileName: u.fileName, contentHash: u.contentHash }),
      next,
    );
  });
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(isDomainError(err) ? err.status : 500).json({ error: String(err) });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((ok) => server.once('listening', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

const sha256 = (text: string) => `sha256-${createHash('sha256').update(text).digest('hex')}`;
const post = (body: string, type = 'multipart/form-data; boundary=b0') =>
  fetch(`${base}/upload`, { method: 'POST', headers: { 'content-type': type }, body });
const part =
  '--b0\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n';

describe('readUpload', () => {
  it('reads a well-formed multipart file part', async () => {
    const res = await post(`${part}hello\r\n--b0--\r\n`);
    expect(await res.json()).toEqual({ size: 5, fileName: 'a.txt', contentHash: sha256('hello') });
  });

  it('hashes a raw body as it arrives, chunk by chunk, to the digest of the whole', async () => {
    const body = 'x'.repeat(300_000) + 'y'.repeat(300_000); // many chunks
    const res = await post(body, 'text/plain');
    expect(await res.json()).toEqual({ size: 600_000, fileName: '', contentHash: sha256(body) });
  });

  it('answers 400 to a multipart body cut off inside the file, and keeps running', async () => {
    for (const body of [
      `${part}hel`,
      `${part}hello\r\n--b0`,
      '--b0\r\nContent-Disposition: form-data; name="other"; filename="x"\r\n\r\nab',
    ]) {
      const res = await post(body);
      expect(res.status, body).toBe(400);
    }
    expect((await post(`${part}again\r\n--b0--\r\n`)).status).toBe(200);
  });
});
