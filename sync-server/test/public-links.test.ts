// Links the server hands out (a calendar feed's URL, the web chat snippet, the widget preview's script)
// point at PUBLIC_URL, never at the request's Host header: a forged Host cannot put another address
// into a link a member copies into a calendar app or a site. Without PUBLIC_URL they point at this
// server on localhost (README: `http://localhost:PORT`).
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { CORE, register, startTestServer, tempDir } from './helpers';

const FORGED = 'evil.example';

/** A request with its own Host header (fetch would send the URL's). */
function send(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  const url = new URL(path, base);
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise((ok, fail) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        headers: {
          host: FORGED,
          'x-forwarded-host': FORGED,
          'x-forwarded-proto': 'https',
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

/** Every link the server hands out, each asked for with a forged Host header. */
async function links(server: RunningServer) {
  const { accessToken: token } = await register(server.url);
  const feed = await send(server.url, 'POST', '/api/v1/calendar/feed', { token });
  expect(feed.status).toBe(201);
  const widget = await send(server.url, 'POST', '/api/v1/channels/webchat', {
    token,
    body: { title: 'Help' },
  });
  expect(widget.status).toBe(201);
  const created = JSON.parse(widget.text) as { key: string; snippet: string };
  const list = await send(server.url, 'GET', '/api/v1/channels/webchat', { token });
  const preview = await send(server.url, 'GET', `/webchat/preview?key=${created.key}`);
  expect(preview.status).toBe(200);
  const { url, webcalUrl } = JSON.parse(feed.text) as { url: string; webcalUrl: string };
  const snippets = (JSON.parse(list.text) as { widgets: Array<{ snippet: string }> }).widgets.map(
    (w) => w.snippet,
  );
  return {
    feedUrl: url,
    webcalUrl,
    snippets: [created.snippet, ...snippets],
    preview: preview.text,
    previewCsp: String(preview.headers['content-security-policy']),
  };
}

describe('links without PUBLIC_URL', () => {
  const dir = tempDir();
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer(dir.path, CORE);
  });
  afterAll(async () => {
    await server.close();
    dir.remove();
  });

  it('point at this server on localhost, whatever the Host header says', async () => {
    const local = `http://localhost:${new URL(server.url).port}`;
    const got = await links(server);
    expect(got.feedUrl.startsWith(`${local}/api/v1/calendar/feeds/`)).toBe(true);
    expect(got.webcalUrl.startsWith(`webcal://localhost:${new URL(server.url).port}/`)).toBe(true);
    for (const snippet of got.snippets) expect(snippet).toContain(`src="${local}/webchat/widget.js"`);
    expect(got.preview).toContain(`src="${local}/webchat/widget.js"`);
    expect(got.previewCsp).toContain(`script-src ${local}/webchat/widget.js`);
    expect(JSON.stringify(got)).not.toContain(FORGED);
    // The feed answers at the link it gave.
    const ics = await fetch(got.feedUrl.replace(local, server.url));
    expect(ics.status).toBe(200);
  });
});

describe('links with PUBLIC_URL', () => {
  const dir = tempDir();
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer(dir.path, { ...CORE, PUBLIC_URL: 'https://crm.example.com/' });
  });
  afterAll(async () => {
    await server.close();
    dir.remove();
  });

  it('point at PUBLIC_URL, whatever the Host header says', async () => {
    const got = await links(server);
    expect(got.feedUrl.startsWith('https://crm.example.com/api/v1/calendar/feeds/')).toBe(true);
    expect(got.webcalUrl.startsWith('webcal://crm.example.com/api/v1/calendar/feeds/')).toBe(true);
    for (const snippet of got.snippets)
      expect(snippet).toContain('src="https://crm.example.com/webchat/widget.js"');
    expect(got.preview).toContain('src="https://crm.example.com/webchat/widget.js"');
    expect(got.previewCsp).toContain('script-src https://crm.example.com/webchat/widget.js');
    expect(JSON.stringify(got)).not.toContain(FORGED);
  });
});
