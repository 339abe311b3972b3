// The claim write against a server that answers as a CouchDB 3 cluster coordinator does (documented
// statuses of PUT /{db}/{docid}: 201 written at quorum, 202 accepted by fewer copies, 409 conflict).
// The real cluster case is in test/cluster.test.ts; this pins what each status means to a sender.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimWrite } from './claim-write';

type Seen = { method: string; url: string; auth?: string; body: string };

describe('claimWrite', () => {
  let server: Server;
  let base: string;
  const seen: Seen[] = [];
  let answer: { status: number; body: unknown } = { status: 201, body: {} };

  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let s = '';
      req.on('data', (c: Buffer) => (s += c.toString()));
      req.on('end', () => resolve(s));
    });

  beforeAll(async () => {
    server = createServer((req, res) => {
      void read(req).then((body) => {
        seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body });
        const a = req.method === 'DELETE' ? { status: 200, body: { ok: true, rev: '3-d' } } : answer;
        res.writeHead(a.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(a.body));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://admin:p%40ss@127.0.0.1:${(server.address() as AddressInfo).port}/prefix/`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const target = () => ({ config: { url: base, db: 't_x_messages' } });
  const doc = { _id: 'm/1', _rev: '1-a', delivery: { status: 'sending' } };

  it('wins on 201, writing the doc with the store credentials and path prefix', async () => {
    seen.length = 0;
    answer = { status: 201, body: { ok: true, id: 'm/1', rev: '2-b' } };
    expect(await claimWrite(target(), doc)).toBe('2-b');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'PUT', url: '/prefix/t_x_messages/m%2F1' });
    expect(Buffer.from(seen[0]!.auth!.slice(6), 'base64').toString()).toBe('admin:p@ss');
    expect(JSON.parse(seen[0]!.body)).toEqual(doc);
  });

  it('loses on 409', async () => {
    seen.length = 0;
    answer = { status: 409, body: { error: 'conflict', reason: 'Document update conflict.' } };
    expect(await claimWrite(target(), doc)).toBeUndefined();
    expect(seen.map((s) => s.method)).toEqual(['PUT']);
  });

  it('loses on 202 (fewer copies than the write quorum took it) and deletes its revision again', async () => {
    seen.length = 0;
    answer = { status: 202, body: { ok: true, id: 'm/1', rev: '2-c' } };
    expect(await claimWrite(target(), doc)).toBeUndefined();
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'PUT /prefix/t_x_messages/m%2F1',
      'DELETE /prefix/t_x_messages/m%2F1?rev=2-c',
    ]);
  });

  it('throws other failures with the status, as nano does', async () => {
    answer = { status: 503, body: { error: 'unavailable', reason: 'no quorum' } };
    await expect(claimWrite(target(), doc)).rejects.toMatchObject({
      statusCode: 503,
      error: 'unavailable',
    });
  });
});
