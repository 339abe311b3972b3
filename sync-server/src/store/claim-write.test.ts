// The claim write against a server that answers as a CouchDB 3 cluster coordinator does (documented
// statuses of PUT /{db}/{docid}: 201 written at quorum, 202 accepted by fewer copies, 409 conflict).
// The real cluster case is in test/cluster.test.ts; this pins what each status means to a sender.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentScope } from 'nano';
import { claimMany, claimWrite } from './claim-write';
import { coalescingScope } from './coalescing-scope';

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

  const bulkOf = (s: Seen) => (JSON.parse(s.body) as { docs: Array<Record<string, unknown>> }).docs;

  it('claims several docs in one _bulk_docs: 201 gives each its revision, a conflict loses only its own', async () => {
    seen.length = 0;
    answer = {
      status: 201,
      body: [
        { ok: true, id: 'lease:a', rev: '2-a' },
        { id: 'lease:b', error: 'conflict', reason: 'Document update conflict.' },
        { id: 'lease:c', error: 'forbidden', reason: 'no' },
      ],
    };
    const docs = ['a', 'b', 'c'].map((k) => ({ _id: `lease:${k}`, _rev: '1-x' }));
    expect(await claimMany(target(), docs)).toEqual([
      { value: '2-a' },
      { value: undefined },
      { retry: true },
    ]);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['POST /prefix/t_x_messages/_bulk_docs']);
    expect(bulkOf(seen[0]!)).toEqual(docs);
  });

  it('loses every claim of a 202 batch (which doc missed the quorum is not said) and takes each revision back', async () => {
    seen.length = 0;
    answer = {
      status: 202,
      body: [
        { ok: true, id: 'lease:a', rev: '2-a' },
        { id: 'lease:b', error: 'conflict', reason: 'Document update conflict.' },
        { ok: true, id: 'lease:c', rev: '2-c' },
      ],
    };
    const docs = ['a', 'b', 'c'].map((k) => ({ _id: `lease:${k}` }));
    expect(await claimMany(target(), docs)).toEqual([
      { value: undefined },
      { value: undefined },
      { value: undefined },
    ]);
    expect(seen.map((s) => s.method)).toEqual(['POST', 'POST']);
    expect(bulkOf(seen[1]!)).toEqual([
      { _id: 'lease:a', _rev: '2-a', _deleted: true },
      { _id: 'lease:c', _rev: '2-c', _deleted: true },
    ]);
  });

  it("through a coalescing scope, one turn's claims go as one request and a lone claim as a PUT", async () => {
    // Claims read only the scope's config (the server and the database).
    const scope = { config: { url: base, db: 't_x_app_runtime' } };
    const db = coalescingScope(scope as unknown as DocumentScope<Record<string, unknown>>);
    seen.length = 0;
    answer = { status: 201, body: { ok: true, id: 'lease:z', rev: '1-z' } };
    expect(await claimWrite(db, { _id: 'lease:z' })).toBe('1-z');
    answer = {
      status: 201,
      body: [
        { ok: true, id: 'lease:a', rev: '1-a' },
        { ok: true, id: 'lease:b', rev: '1-b' },
      ],
    };
    const both = await Promise.all([claimWrite(db, { _id: 'lease:a' }), claimWrite(db, { _id: 'lease:b' })]);
    expect(both).toEqual(['1-a', '1-b']);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'PUT /prefix/t_x_app_runtime/lease%3Az',
      'POST /prefix/t_x_app_runtime/_bulk_docs',
    ]);
  });
});
