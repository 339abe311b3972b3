// A website's scheduled re-fetch (issue 40, "Website and URL knowledge"), end to end: the runtime
// crawls a website again by itself once its `refreshHours` have passed on the server's clock (moved
// forward here; the runtime looks every 200 ms instead of every minute), with nobody asking. The site
// is served by the test on loopback, opened to the server by the operator's OUTBOUND_ALLOW_PRIVATE
// for its port only. The second crawl asks conditionally: If-None-Match for a page that gave an ETag,
// If-Modified-Since for one that gave only a Last-Modified. Unchanged pages answer 304 and are left
// as they are (not indexed again); a page whose Last-Modified moved is indexed again with its new
// text; a page that answers 404 and one no longer in the sitemap are removed.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { call, eventually, register, startTestServer, tempDir, type Session } from './helpers';

type Page = { text: string; etag?: string; lastModified?: string };
type Asked = { path: string; ifNoneMatch?: string; ifModifiedSince?: string; status: number };
type Source = {
  id: string;
  url?: string;
  status: string;
  siteId?: string;
  updatedAt: string;
  fileDocId?: string;
  site?: Record<string, unknown>;
};

const HOUR = 3_600_000;
const pages = new Map<string, Page>();
/** The pages the sitemap lists (one may be listed and gone: a 404). */
const listed = new Set<string>();
const asked: Asked[] = [];
/** The server's clock runs this far ahead of the real one. */
let ahead = 0;
let site: Server;
let siteUrl = '';
let dir: ReturnType<typeof tempDir>;
let server: RunningServer;
let team: Session;

const serverNow = () => new Date(Date.now() + ahead);
const api = (method: string, path: string) =>
  call(server.url, method, `/api/v1${path}`, { token: team.accessToken });

function serveSite(req: IncomingMessage, res: ServerResponse) {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const ifNoneMatch = req.headers['if-none-match'];
  const ifModifiedSince = req.headers['if-modified-since'];
  const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
    asked.push({
      path,
      status,
      ...(ifNoneMatch ? { ifNoneMatch } : {}),
      ...(ifModifiedSince ? { ifModifiedSince } : {}),
    });
    res.writeHead(status, { 'content-type': type, ...headers });
    res.end(body);
  };
  if (path === '/robots.txt')
    return send(200, 'text/plain', `User-agent: *\nAllow: /\nSitemap: ${siteUrl}/sitemap.xml\n`);
  if (path === '/sitemap.xml') {
    const locs = [...listed].map((p) => `<url><loc>${siteUrl}${p}</loc></url>`);
    return send(
      200,
      'application/xml',
      `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs.join('')}</urlset>`,
    );
  }
  const page = pages.get(path);
  if (!page) return send(404, 'text/plain', 'not found');
  const validators = {
    ...(page.etag ? { etag: page.etag } : {}),
    ...(page.lastModified ? { 'last-modified': page.lastModified } : {}),
  };
  // RFC 9110 §13.1.3: If-Modified-Since is ignored when If-None-Match is sent.
  const same = ifNoneMatch
    ? ifNoneMatch === page.etag
    : !!ifModifiedSince &&
      !!page.lastModified &&
      Date.parse(page.lastModified) <= Date.parse(String(ifModifiedSince));
  if (same) return send(304, 'text/html', '', validators);
  const title = path.split('/').at(-1);
  return send(
    200,
    'text/html; charset=utf-8',
    `<!doctype html><html><head><title>${title}</title></head><body><main><h1>${title}</h1><p>${page.text}</p></main></body></html>`,
    validators,
  );
}

async function sourcesOf(siteId: string): Promise<Source[]> {
  const res = await api('GET', '/knowledge/sources?limit=200');
  return (res.body as { items: Source[] }).items.filter((s) => s.siteId === siteId);
}

/** The website source once a crawl that ended at or after `since` (server time) is done. */
const crawledSince = (id: string, since: string) =>
  eventually(async () => {
    const s = (await api('GET', `/knowledge/sources/${id}`)).body as Source;
    const last = s.site?.lastRunAt as string | undefined;
    return s.site?.state === 'idle' && last && last >= since ? s : undefined;
  }, 60_000);

beforeAll(async () => {
  site = createServer(serveSite);
  siteUrl = await new Promise<string>((resolve) =>
    site.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(site.address() as AddressInfo).port}`)),
  );
  pages.set('/docs/etag.html', { text: 'Returns are accepted within 14 days.', etag: '"r1"' });
  pages.set('/docs/dated.html', {
    text: 'The office opens at nine.',
    lastModified: 'Mon, 02 Jun 2025 10:00:00 GMT',
  });
  pages.set('/docs/prices.html', {
    text: 'Delivery to Kazan costs 500 roubles.',
    lastModified: 'Mon, 02 Jun 2025 10:00:00 GMT',
  });
  pages.set('/docs/removed.html', { text: 'An old promotion.', etag: '"p1"' });
  pages.set('/docs/gone.html', { text: 'A page about to leave the sitemap.', etag: '"g1"' });
  for (const path of pages.keys()) listed.add(path);
  dir = tempDir('website-schedule-');
  server = await startTestServer(
    dir.path,
    {
      OUTBOUND_ALLOW_PRIVATE: `127.0.0.1:${new URL(siteUrl).port}`,
      // The clock moves an hour and more: the session outlives it.
      ACCESS_TOKEN_TTL_SECONDS: '86400',
    },
    { now: serverNow, runtimeIntervals: { checkMs: 200, websiteCheckMs: 200 } },
  );
  team = await register(server.url, 'Scheduled website team');
}, 60_000);

afterAll(async () => {
  await server?.close();
  await new Promise((r) => site?.close(r));
  dir?.remove();
});

describe("a website's scheduled re-fetch", () => {
  it('is re-fetched by the runtime once due, conditionally: 304s kept, a change indexed, the gone removed', async () => {
    const since = serverNow().toISOString();
    const created = await call(server.url, 'POST', '/api/v1/knowledge/websites', {
      token: team.accessToken,
      body: { url: `${siteUrl}/docs/`, refreshHours: 1 },
    });
    expect(created.status).toBe(201);
    const siteId = (created.body as Source).id;
    const first = await crawledSince(siteId, since);
    expect(first.site).toMatchObject({ changed: 5, removed: 0, failed: 0 });
    const firstRun = Date.parse(first.site!.lastRunAt as string);
    expect(Date.parse(first.site!.nextRunAt as string)).toBe(firstRun + HOUR);
    const before = new Map((await sourcesOf(siteId)).map((s) => [s.url, s]));
    expect(before.size).toBe(5);
    expect(before.get(`${siteUrl}/docs/dated.html`)?.status).toBe('ready');

    // Not due yet: the runtime looks (every 200 ms) and fetches nothing.
    asked.length = 0;
    await new Promise((r) => setTimeout(r, 1_500));
    expect(asked).toEqual([]);

    // The site changes; an hour passes on the server's clock.
    pages.set('/docs/prices.html', {
      text: 'Delivery to Kazan now costs 450 roubles.',
      lastModified: 'Tue, 03 Jun 2025 08:00:00 GMT',
    });
    pages.delete('/docs/removed.html');
    listed.delete('/docs/gone.html');
    const dueAt = new Date(firstRun + HOUR).toISOString();
    ahead += HOUR + 60_000;
    const second = await crawledSince(siteId, dueAt);
    expect(second.site).toMatchObject({ changed: 1, unchanged: 2, removed: 2, failed: 0 });
    expect(Date.parse(second.site!.nextRunAt as string)).toBe(
      Date.parse(second.site!.lastRunAt as string) + HOUR,
    );

    const of = (path: string) => asked.filter((r) => r.path === path);
    // ETag: asked with If-None-Match, answered 304.
    expect(of('/docs/etag.html')).toEqual([{ path: '/docs/etag.html', ifNoneMatch: '"r1"', status: 304 }]);
    // Last-Modified only: asked with If-Modified-Since, the date it gave; 304.
    expect(of('/docs/dated.html')).toEqual([
      { path: '/docs/dated.html', ifModifiedSince: 'Mon, 02 Jun 2025 10:00:00 GMT', status: 304 },
    ]);
    // Modified since: the new page.
    expect(of('/docs/prices.html')).toEqual([
      { path: '/docs/prices.html', ifModifiedSince: 'Mon, 02 Jun 2025 10:00:00 GMT', status: 200 },
    ]);
    expect(of('/docs/removed.html')).toEqual([
      { path: '/docs/removed.html', ifNoneMatch: '"p1"', status: 404 },
    ]);
    // Out of the sitemap: not asked for.
    expect(of('/docs/gone.html')).toEqual([]);

    const after = new Map((await sourcesOf(siteId)).map((s) => [s.url, s]));
    expect([...after.keys()].sort()).toEqual(
      [`${siteUrl}/docs/dated.html`, `${siteUrl}/docs/etag.html`, `${siteUrl}/docs/prices.html`].sort(),
    );
    // The 304 pages were not indexed again: the same source doc and stored copy.
    for (const path of ['/docs/etag.html', '/docs/dated.html']) {
      const [was, is] = [before.get(`${siteUrl}${path}`)!, after.get(`${siteUrl}${path}`)!];
      expect(is, path).toMatchObject({ status: 'ready', updatedAt: was.updatedAt, fileDocId: was.fileDocId });
    }
    // The changed page was, with its new text.
    const prices = after.get(`${siteUrl}/docs/prices.html`)!;
    expect(prices.status).toBe('ready');
    const was = before.get(`${siteUrl}/docs/prices.html`)!;
    expect(prices.fileDocId).not.toBe(was.fileDocId);
    expect(prices.updatedAt).not.toBe(was.updatedAt);
    const file = await fetch(`${server.url}/api/v1/knowledge/sources/${prices.id}/file`, {
      headers: { authorization: `Bearer ${team.accessToken}` },
    });
    expect(await file.text()).toContain('450 roubles');
  }, 120_000);
});
