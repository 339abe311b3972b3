// The server's webhook fetch against a real HTTP server on loopback: the socket connects only to an
// address checked at connect time (a name that rebinds to loopback between check and connection is
// refused), allowed hosts connect to exactly what the lookup gave, and the host's own name is refused.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownAddresses, serverSsrfPolicy } from './dns-lookup';
import { pinnedFetch } from './pinned-fetch';

const hits: { url: string; host: string; body: string }[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    hits.push({ url: req.url!, host: req.headers.host!, body });
    if (req.url === '/big') return res.end('x'.repeat(100_000));
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  });
});
let port = 0;
beforeAll(async () => {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

describe('pinnedFetch', () => {
  it('refuses a name that answers public to the check and loopback to the connection', async () => {
    let calls = 0;
    const lookup = async () => (++calls === 1 ? ['93.184.216.34'] : ['127.0.0.1']);
    const f = pinnedFetch({ lookup });
    const before = hits.length;
    await expect(f(`http://rebind.example.com:${port}/hook`, { method: 'POST', body: '{}' })).rejects.toThrow(
      /private or special/,
    );
    expect(calls).toBe(2);
    expect(hits.length).toBe(before);
  });

  it('connects an allowed host to the address its lookup gave, and sends method, headers, body', async () => {
    const f = pinnedFetch({ allowHosts: ['crm.example.com'], lookup: async () => ['127.0.0.1'] });
    const res = await f(`http://crm.example.com:${port}/hook?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'k' },
      body: '{"sku":"A"}',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(hits.at(-1)).toEqual({ url: '/hook?x=1', host: `crm.example.com:${port}`, body: '{"sku":"A"}' });
  });

  it('refuses loopback literals and reads at most maxBodyBytes', async () => {
    await expect(pinnedFetch({})(`http://127.0.0.1:${port}/`)).rejects.toThrow(/special/);
    const f = pinnedFetch({ allowHosts: ['127.0.0.1'], maxBodyBytes: 1000 });
    expect((await (await f(`http://127.0.0.1:${port}/big`)).text()).length).toBe(1000);
  });

  it("refuses the server's own host name and addresses", async () => {
    const f = pinnedFetch(serverSsrfPolicy());
    await expect(f(`http://${hostname()}:${port}/`)).rejects.toThrow(/private|internal|special/);
    await expect(f(`http://${hostname()}.:${port}/`)).rejects.toThrow(/private|internal|special/);
    expect(ownAddresses()).toContain('127.0.0.1');
  });
});
