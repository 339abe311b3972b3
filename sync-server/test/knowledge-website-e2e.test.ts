// Websites as knowledge (issue 40), end to end against a real server and a website the test serves on
// loopback (opened to the server by the operator's OUTBOUND_ALLOW_PRIVATE for its port only):
// - a site of 50 pages with a sitemap and a robots.txt is crawled (robots' Disallow and noindex pages
//   left out), each page its own source titled by its <title>, and a visitor's web chat question is
//   answered from a page, citing it;
// - the next crawl asks conditionally (If-None-Match): unchanged pages answer 304 and are left as they
//   are, a changed page is indexed again (its new text found), a page gone from the site is removed;
// - a site without a sitemap is crawled by its links;
// - refused: a loopback address the operator did not open, a redirect from the allowed site to one, an
//   address with credentials, a non-http scheme; none of them reached.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { call, eventually, register, startTestServer, tempDir, type Session } from './helpers';
import { webchatReply } from './knowledge-chat-kit';

type Page = { title: string; body: string; etag: string };
const pages = new Map<string, Page>();
const requests: Array<{ path: string; conditional: boolean; status: number }> = [];
let sitemap = true;
let site: Server;
let other: Server;
let otherHits = 0;
let siteUrl = '';
let otherUrl = '';
let dir: ReturnType<typeof tempDir>;
let server: RunningServer;
let team: Session;

const api = (method: string, path: string, body?: unknown) =>
  call(server.url, method, `/api/v1${path}`, {
    token: team.accessToken,
    ...(body === undefined ? {} : { body }),
  });

function setPage(path: string, title: string, text: string, extraHead = '') {
  const version = (pages.get(path)?.etag.match(/\d+/)?.[0] ?? '0') as string;
  pages.set(path, {
    title,
    etag: `"v${Number(version) + 1}"`,
    body: `<!doctype html><html><head><title>${title}</title>${extraHead}</head><body>
      <nav><a href="/">Home</a></nav><main><h1>${title}</h1><p>${text}</p>
      ${[...pages.keys()]
        .slice(0, 3)
        .map((p) => `<a href="${p}">more</a>`)
        .join(' ')}</main></body></html>`,
  });
}

function serveSite(req: IncomingMessage, res: ServerResponse) {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
    requests.push({ path, conditional: !!req.headers['if-none-match'], status });
    res.writeHead(status, { 'content-type': type, ...headers });
    res.end(body);
  };
  if (path === '/robots.txt')
    return send(
      200,
      'text/plain',
      `User-agent: *\nDisallow: /private/\n${sitemap ? `Sitemap: ${siteUrl}/sitemap.xml\n` : ''}`,
    );
  if (path === '/sitemap.xml') {
    if (!sitemap) return send(404, 'text/plain', 'no sitemap');
    const locs = [...pages.keys(), '/private/secret.html', '/help/to-loopback']
      .map((p) => `<url><loc>${siteUrl}${p}</loc></url>`)
      .join('');
    return send(
      200,
      'application/xml',
      `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs}</urlset>`,
    );
  }
  if (path === '/help/to-loopback') {
    requests.push({ path, conditional: false, status: 302 });
    res.writeHead(302, { location: `${otherUrl}/inside` });
    return res.end();
  }
  const page = pages.get(path);
  if (!page) return send(404, 'text/plain', 'not found');
  if (req.headers['if-none-match'] === page.etag) return send(304, 'text/html', '', { etag: page.etag });
  return send(200, 'text/html; charset=utf-8', page.body, { etag: page.etag });
}

const listen = (s: Server) =>
  new Promise<string>((resolve) =>
    s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)),
  );

type Source = {
  id: string;
  kind: string;
  title: string;
  url?: string;
  status: string;
  siteId?: string;
  chunkCount?: number;
  site?: Record<string, unknown>;
  error?: string;
};

async function sourcesOf(siteId: string): Promise<Source[]> {
  const out: Source[] = [];
  let cursor: string | null | undefined;
  do {
    const res = await api(
      'GET',
      `/knowledge/sources?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    const body = res.body as { items: Source[]; nextCursor: string | null };
    out.push(...body.items.filter((s) => s.siteId === siteId));
    cursor = body.nextCursor;
  } while (cursor);
  return out;
}

/** Waits for the website's crawl started at or after `since` to end; the website source. */
const crawled = (id: string, since: string) =>
  eventually(async () => {
    const s = (await api('GET', `/knowledge/sources/${id}`)).body as Source;
    const last = s.site?.lastRunAt as string | undefined;
    return s.site?.state === 'idle' && last && last >= since ? s : undefined;
  }, 120_000);

beforeAll(async () => {
  site = createServer(serveSite);
  other = createServer((_req, res) => {
    otherHits++;
    res.end('<title>inside</title>secret');
  });
  siteUrl = await listen(site);
  otherUrl = await listen(other);
  for (let i = 1; i <= 48; i++)
    setPage(
      `/help/page-${i}.html`,
      `Help article ${i}`,
      `Article ${i} explains topic number ${i} of the help centre.`,
    );
  setPage(
    '/help/delivery.html',
    'Delivery to Kazan',
    'Delivery to Kazan takes three days and costs 500 roubles.',
  );
  setPage('/help/draft.html', 'Draft', 'This page is not ready.', '<meta name="robots" content="noindex">');
  dir = tempDir('website-');
  // The operator opens the test site's port only: the other loopback server stays refused.
  server = await startTestServer(dir.path, { OUTBOUND_ALLOW_PRIVATE: `127.0.0.1:${new URL(siteUrl).port}` });
  team = await register(server.url, 'Website team');
}, 60_000);

afterAll(async () => {
  await server?.close();
  await new Promise((r) => site?.close(r));
  await new Promise((r) => other?.close(r));
  dir?.remove();
});

describe('a website as knowledge', () => {
  let siteId = '';

  it('crawls the 50 pages of the sitemap that robots.txt and the pages allow, each titled by its page', async () => {
    const since = new Date().toISOString();
    const res = await api('POST', '/knowledge/websites', { url: `${siteUrl}/help/`, refreshHours: 24 });
    expect(res.status).toBe(201);
    const created = res.body as Source;
    expect(created).toMatchObject({ kind: 'website', status: 'pending', url: `${siteUrl}/help/` });
    siteId = created.id;
    const done = await crawled(siteId, since);
    expect(done.status).toBe('ready');
    const own = await sourcesOf(siteId);
    // 50 pages in the sitemap under /help/, less the noindex draft.
    expect(own).toHaveLength(49);
    expect(own.every((s) => s.status === 'ready' && s.kind === 'url')).toBe(true);
    expect(own.find((s) => s.url === `${siteUrl}/help/delivery.html`)?.title).toBe('Delivery to Kazan');
    expect(done.chunkCount).toBe(49);
    // The redirect to the address the operator did not open is refused at its hop: one failed page.
    expect(done.site).toMatchObject({ changed: 49, removed: 0, failed: 1 });
    expect(requests.some((r) => r.path === '/help/to-loopback' && r.status === 302)).toBe(true);
    expect(done.site?.nextRunAt).toBeDefined();
    // robots.txt's Disallow is obeyed, the redirect to the refused address is not followed there.
    expect(requests.some((r) => r.path.startsWith('/private/'))).toBe(false);
    expect(otherHits).toBe(0);
    // Posting it again answers the same source.
    const again = await api('POST', '/knowledge/websites', { url: `${siteUrl}/help/` });
    expect(again.status).toBe(200);
    expect((again.body as Source & { duplicate?: boolean }).duplicate).toBe(true);
  }, 150_000);

  it("answers a visitor's question from a page, citing the page", async () => {
    const widget = await api('POST', '/channels/webchat', {});
    const reply = await webchatReply(
      server.url,
      (widget.body as { key: string }).key,
      'visitor-website-1',
      'm-1',
      'How much is delivery to Kazan?',
    );
    expect(reply).toContain('500');
    expect(reply).toContain('Delivery to Kazan');
  }, 60_000);

  it('asks again conditionally: unchanged pages stay, a changed one is indexed again, a gone one goes', async () => {
    setPage(
      '/help/delivery.html',
      'Delivery to Kazan',
      'Delivery to Kazan now takes two days and costs 450 roubles.',
    );
    pages.delete('/help/page-48.html');
    requests.length = 0;
    const since = new Date().toISOString();
    const res = await api('POST', `/knowledge/sources/${siteId}/reindex`);
    expect(res.status).toBe(202);
    const done = await crawled(siteId, since);
    expect(done.site).toMatchObject({ changed: 1, unchanged: 47, removed: 1, failed: 1 });
    const pageRequests = requests.filter((r) => r.path.startsWith('/help/page-'));
    expect(pageRequests.filter((r) => r.status === 304)).toHaveLength(47);
    // page-48 is no longer in the sitemap: not asked for, and removed.
    expect(pageRequests.filter((r) => r.conditional)).toHaveLength(47);
    const own = await sourcesOf(siteId);
    expect(own).toHaveLength(48);
    expect(own.some((s) => s.url?.endsWith('/page-48.html'))).toBe(false);
    const file = await fetch(
      `${server.url}/api/v1/knowledge/sources/${own.find((s) => s.url?.endsWith('/delivery.html'))!.id}/file`,
      { headers: { authorization: `Bearer ${team.accessToken}` } },
    );
    expect(await file.text()).toContain('450 roubles');
  }, 150_000);

  it('follows the links of a site without a sitemap, within its folder', async () => {
    sitemap = false;
    pages.clear();
    setPage('/docs/a.html', 'Doc A', 'Alpha.');
    setPage('/docs/b.html', 'Doc B', 'Beta.');
    setPage('/docs/index.html', 'Docs', 'Start here.');
    pages.set('/outside.html', { title: 'Outside', etag: '"1"', body: '<title>Outside</title>' });
    const since = new Date().toISOString();
    const res = await api('POST', '/knowledge/websites', {
      url: `${siteUrl}/docs/index.html`,
      refreshHours: 0,
    });
    expect(res.status).toBe(201);
    const done = await crawled((res.body as Source).id, since);
    const own = await sourcesOf((res.body as Source).id);
    expect(own.map((s) => s.title).sort()).toEqual(['Doc A', 'Doc B', 'Docs']);
    expect(done.site?.nextRunAt).toBeUndefined();
  }, 120_000);

  it('deletes a website with its pages', async () => {
    expect((await api('DELETE', `/knowledge/sources/${siteId}`)).status).toBe(204);
    expect(await sourcesOf(siteId)).toHaveLength(0);
  });

  it('refuses addresses the server may not fetch, with a readable reason', async () => {
    const cases: Array<[string, string]> = [
      [`${otherUrl}/`, 'address-refused'],
      ['http://localhost:1/', 'address-refused'],
      ['http://169.254.169.254/latest/meta-data/', 'address-refused'],
      ['http://[::1]:80/', 'address-refused'],
      ['ftp://example.com/', 'validation-failed'],
      [`http://user:pw@127.0.0.1:${new URL(siteUrl).port}/`, 'validation-failed'],
      ['not a url', 'validation-failed'],
    ];
    for (const [url, code] of cases) {
      const res = await api('POST', '/knowledge/websites', { url });
      expect(res.status, url).toBe(400);
      const error = (res.body as { error: { code: string; message: string } }).error;
      expect(error.code, url).toBe(code);
      expect(error.message, url).toMatch(/^url: /);
    }
    expect((await api('POST', '/knowledge/websites', { url: siteUrl, maxPages: 0 })).status).toBe(400);
    expect((await api('POST', '/knowledge/websites', { url: siteUrl, extra: 1 })).status).toBe(400);
    expect(otherHits).toBe(0);
  });
});
