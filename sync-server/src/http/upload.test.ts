// Reading uploads: a multipart body cut off inside its file part is a 400, not a crash (busboy errors
// the part's stream; with no listener that was an uncaught exception. Found by the fuzz test). A file
// over SPOOL_BYTES waits in a temporary file, gone once it is read or refused (issue 60: its pieces
// were joined on the event loop, up to 200 MiB at once).
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDomainError } from '@app/shared/errors';
import { readUpload } from './upload';
import { SPOOL_BYTES, UploadSpool } from './upload-spool';

let base = '';
let close = () => {};
const spoolDir = mkdtempSync(join(tmpdir(), 'upload-test-'));
const BIG_LIMIT = SPOOL_BYTES + 2 * 1024 * 1024;

beforeAll(async () => {
  const app = express();
  app.post('/upload', (req, res, next) => {
    readUpload(req, 1024 * 1024).then(
      (u) => res.json({ size: u.bytes.length, fileName: u.fileName, contentHash: u.contentHash }),
      next,
    );
  });
  app.post('/big', (req, res, next) => {
    readUpload(req, BIG_LIMIT, { spoolDir }).then(
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
afterAll(() => {
  close();
  rmSync(spoolDir, { recursive: true, force: true });
});

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

  it('reads the rest of a body it refused as malformed: the next request on the connection is answered', async () => {
    // busboy errors at a part of 3,000 header lines and stops reading; the rest of the body stayed
    // unread, and the next request on that kept-alive connection waited for good (found by the fuzz
    // benchmark: seed 3001, case 2792, then a 30 s wait of the case after it on the same socket).
    const headerLines = Array.from({ length: 3000 }, (_, i) => `X-${i}: y`).join('\r\n');
    const body = Buffer.from(
      `--b0\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n${headerLines}\r\n\r\n` +
        `${'x'.repeat(300_000)}\r\n--b0--\r\n`,
    );
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await send(agent, '/upload', 'multipart/form-data; boundary=b0', body);
      expect(first).toEqual({ status: 400, reused: false });
      const next = await send(agent, '/upload', 'text/plain', Buffer.from('hello'));
      expect(next).toEqual({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  });
});

/** A POST through `agent`; its status (0: no answer within 3 s) and whether it went on a kept-alive socket. */
function send(agent: Agent, path: string, type: string, body: Buffer) {
  return new Promise<{ status: number; reused: boolean }>((resolve) => {
    const req = request(
      `${base}${path}?fileName=a.txt`,
      { method: 'POST', agent, headers: { 'content-type': type, 'content-length': body.length } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
      },
    );
    req.setTimeout(3000, () => {
      req.destroy();
      resolve({ status: 0, reused: req.reusedSocket });
    });
    req.on('error', () => resolve({ status: 0, reused: req.reusedSocket }));
    req.end(body);
  });
}

describe('large uploads', () => {
  const big = Buffer.alloc(SPOOL_BYTES + 1024 * 1024);
  for (let i = 0; i < big.length; i += 4096) big[i] = i % 251;
  const bigHash = `sha256-${createHash('sha256').update(big).digest('hex')}`;

  it('keeps a file over SPOOL_BYTES in a temporary file while it arrives, gone after', async () => {
    const spool = new UploadSpool({ pause: () => undefined, resume: () => undefined }, spoolDir);
    for (let at = 0; at < big.length; at += 64 * 1024) spool.add(big.subarray(at, at + 64 * 1024));
    await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(spoolDir)).toHaveLength(1);
    const whole = await spool.read();
    expect(whole.equals(big)).toBe(true);
    expect(readdirSync(spoolDir)).toEqual([]);
  });

  it('reads a large raw body and a large multipart file whole, leaving no temporary file', async () => {
    const raw = await fetch(`${base}/big?fileName=big.bin`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: big,
    });
    expect(await raw.json()).toEqual({ size: big.length, fileName: 'big.bin', contentHash: bigHash });
    const form = new FormData();
    form.append('file', new Blob([big]), 'big.bin');
    const multipart = await fetch(`${base}/big`, { method: 'POST', body: form });
    expect(await multipart.json()).toEqual({ size: big.length, fileName: 'big.bin', contentHash: bigHash });
    expect(readdirSync(spoolDir)).toEqual([]);
  });

  it('refuses a text field longer than it keeps with 413 naming it, never storing it cut', async () => {
    const field = (name: string, value: string) =>
      `--b0\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const long = await post(`${field('title', 'x'.repeat(300_000))}${part}hello\r\n--b0--\r\n`);
    expect(long.status).toBe(413);
    expect(JSON.stringify(await long.json())).toContain('title: the field is longer than 10,000 characters');
    const fits = await post(`${field('title', 'x'.repeat(9_000))}${part}hello\r\n--b0--\r\n`);
    expect(fits.status).toBe(200);
  });

  it('refuses a file over the limit with 413 and removes what it had kept', async () => {
    const over = Buffer.alloc(BIG_LIMIT + 1);
    const raw = await fetch(`${base}/big`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Blob([over]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(raw.status).toBe(413);
    const form = new FormData();
    form.append('file', new Blob([over]), 'over.bin');
    expect((await fetch(`${base}/big`, { method: 'POST', body: form })).status).toBe(413);
    // Removed as the refusal is made (a busy machine may take a moment).
    for (let i = 0; i < 40 && readdirSync(spoolDir).length; i++) await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(spoolDir)).toEqual([]);
  });
});
