// nano over the store's fetch (undici's request API) answers as nano over Node's global fetch does:
// each case runs through both against one loopback server and compares what nano gives back.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nano from 'nano';
import { storeFetch } from './store-fetch';

type Seen = { method: string; url: string; headers: IncomingMessage['headers']; body: Buffer };
let server: Server;
let base: string;
const seen: Seen[] = [];
const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 256));

beforeAll(async () => {
  server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body: Buffer.concat(parts),
      });
      const url = new URL(req.url!, 'http://x');
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(req.method === 'HEAD' ? undefined : JSON.stringify(body));
      };
      if (url.pathname === '/db/doc')
        return json(200, { _id: 'doc', _rev: '1-a', name: 'Ада' }, { etag: '"1-a"' });
      if (url.pathname === '/db/missing') return json(404, { error: 'not_found', reason: 'missing' });
      if (url.pathname === '/db/_bulk_docs') return json(201, [{ ok: true, id: 'a', rev: '1-b' }]);
      if (url.pathname === '/db/doc/file') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        return res.end(bytes);
      }
      if (url.pathname === '/db/slow') return setTimeout(() => json(200, { ok: true }), 2000);
      if (url.pathname === '/db/text') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('plain');
      }
      return json(500, { error: 'unknown' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const lean = storeFetch();
afterAll(() => lean.close());
/** nano at `host`, over Node's global fetch or the store's. */
const at = (which: 'global' | 'store', host = base.slice('http://'.length)) =>
  nano({ url: `http://admin:pw@${host}`, ...(which === 'store' ? { fetch: lean } : {}) } as {
    url: string;
  });

/** What nano gives back (or the error it rejects with, as its status, name and message fields). */
async function outcome(p: Promise<unknown>) {
  try {
    const value = await p;
    if (Buffer.isBuffer(value)) return { value: { bytes: value.length, same: value.equals(bytes) } };
    // A HEAD's headers hold the answer's `date`: two requests can straddle a second.
    if (value && typeof value === 'object' && 'date' in value) {
      const { date: _date, ...rest } = value as Record<string, unknown>;
      return { value: rest };
    }
    return { value };
  } catch (e) {
    const err = e as { statusCode?: number; error?: string; reason?: string; message: string };
    return {
      error: { statusCode: err.statusCode, error: err.error, reason: err.reason, message: err.message },
    };
  }
}

async function both(run: (client: ReturnType<typeof nano>) => Promise<unknown>) {
  const [viaGlobal, viaStore] = [await outcome(run(at('global'))), await outcome(run(at('store')))];
  expect(viaStore).toEqual(viaGlobal);
  return viaStore;
}

describe('nano over the store fetch', () => {
  it('reads a doc, a missing doc, a HEAD, a text answer and an attachment as the global fetch does', async () => {
    expect((await both((c) => c.use('db').get('doc'))).value).toMatchObject({ name: 'Ада' });
    // Sent through the store's fetch (nano without its `fetch` option would use the global one).
    expect(lean.requests).toBe(1);
    expect((await both((c) => c.use('db').get('missing'))).error).toMatchObject({
      statusCode: 404,
      error: 'not_found',
      reason: 'missing',
    });
    expect((await both((c) => c.use('db').head('doc'))).value).toMatchObject({ etag: '"1-a"' });
    expect((await both((c) => c.request({ db: 'db', path: 'text' }))).value).toBe('plain');
    expect((await both((c) => c.use('db').attachment.get('doc', 'file'))).value).toEqual({
      bytes: bytes.length,
      same: true,
    });
  });

  it('sends JSON bodies, query strings and credentials as the global fetch does, asking for no compression', async () => {
    seen.length = 0;
    await both((c) => c.use('db').bulk({ docs: [{ _id: 'a' }] }));
    await both((c) => c.use('db').get('doc', { revs_info: true }));
    // Each case ran through the global fetch first, then the store's.
    const [viaGlobal = [], viaStore = []] = [0, 1].map((k) => seen.filter((_, i) => i % 2 === k));
    const sent = (s: Seen) => [s.method, s.url, s.body.toString(), s.headers['content-type']];
    expect(viaStore.map(sent)).toEqual(viaGlobal.map(sent));
    for (const s of viaStore) {
      expect(s.headers.authorization).toBe(`Basic ${Buffer.from('admin:pw').toString('base64')}`);
      expect(s.headers['accept-encoding']).toBeUndefined();
    }
  });

  it('streams an attachment as a Node stream (the patched stream path) and uploads one from a stream', async () => {
    for (const which of ['global', 'store'] as const) {
      const parts: Buffer[] = [];
      for await (const chunk of at(which).use('db').attachment.getAsStream('doc', 'file'))
        parts.push(chunk as Buffer);
      expect(Buffer.concat(parts).equals(bytes)).toBe(true);
    }
    seen.length = 0;
    await both((c) =>
      c.use('db').attachment.insert('doc', 'up', Readable.from([bytes]), 'application/octet-stream'),
    );
    expect(seen.map((s) => [s.method, s.url, s.body.equals(bytes)])).toEqual([
      ['PUT', '/db/doc/up', true],
      ['PUT', '/db/doc/up', true],
    ]);
  });

  it('fails a refused connection and an aborted request with nano’s connection error', async () => {
    const refused = await outcome(at('store', '127.0.0.1:1').use('db').get('doc'));
    expect(refused.error?.message).toMatch(/^error happened in your connection\. Reason: .*ECONNREFUSED/);
    // nano's types have no `signal` (the runtime's changes feeds pass one the same way).
    const slow = (which: 'global' | 'store') =>
      outcome(at(which).request({ db: 'db', path: 'slow', signal: AbortSignal.timeout(100) } as never));
    const aborted = await slow('store');
    expect(aborted.error?.message).toMatch(/aborted due to timeout/);
    expect(aborted).toEqual(await slow('global'));
  });
});
