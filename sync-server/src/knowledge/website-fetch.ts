// What a website crawl (website-crawl.ts) reads of a site: a page within its time and size budget
// (conditionally, with the validators of the copy kept), the site's robots.txt (RFC 9309) and its
// sitemap. Every request goes through the fetch the crawl is given (the server's address policy,
// redirects checked hop by hop).
import { readSitemap } from '@app/shared/knowledge';
import type { Logger } from 'pino';
import robotsParser from 'robots-parser';

export const WEBSITE_USER_AGENT = 'SalesWorkspaceBot';

export type FetchPage = (
  url: string,
  init: { headers?: Record<string, string>; signal?: AbortSignal },
) => Promise<{ response: Response; url: string }>;

export class FetchError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export type Fetched =
  | { kind: 'body'; bytes: Uint8Array; type: string; etag?: string; lastModified?: string; url: string }
  | { kind: 'not-modified' }
  | { kind: 'gone'; status: number };

/** Reads one address (extra request headers: the conditional ones); throws FetchError. */
export type GetPage = (url: string, headers?: Record<string, string>) => Promise<Fetched>;

export const decodeText = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** The page's address without the fragment; undefined when it is not http(s). */
export function normalise(url: string): string | undefined {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    u.hash = '';
    return u.href;
  } catch {
    return undefined;
  }
}

/** Whether `url` lies under the start address: same origin, and under its folder. */
export function inScope(url: string, start: URL): boolean {
  const u = new URL(url);
  if (u.origin !== start.origin) return false;
  const folder = start.pathname.replace(/[^/]*$/, '');
  return u.pathname.startsWith(folder);
}

/** A page reader: 304 and 404/410 told apart, other failures and pages over `maxPageBytes` thrown. */
export function pageReader(
  fetchPage: FetchPage,
  limits: { maxPageBytes: number; timeoutMs: number },
): GetPage {
  const { maxPageBytes, timeoutMs } = limits;
  const tooLarge = () => new FetchError(`larger than ${Math.round(maxPageBytes / 1024)} KB`);
  return async (url, headers = {}) => {
    const { response, url: finalUrl } = await fetchPage(url, {
      headers: {
        'user-agent': `${WEBSITE_USER_AGENT}/1.0`,
        accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8',
        ...headers,
      },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const drop = () => response.body?.cancel().catch(() => undefined);
    if (response.status === 304) return { kind: 'not-modified' };
    if (response.status === 404 || response.status === 410) {
      await drop();
      return { kind: 'gone', status: response.status };
    }
    if (!response.ok) {
      await drop();
      throw new FetchError(`HTTP ${response.status}`, response.status);
    }
    if (Number(response.headers.get('content-length') ?? 0) > maxPageBytes) {
      await drop();
      throw tooLarge();
    }
    const parts: Uint8Array[] = [];
    let size = 0;
    for await (const part of response.body ?? []) {
      const chunk = part as Uint8Array;
      size += chunk.length;
      if (size > maxPageBytes) {
        await drop();
        throw tooLarge();
      }
      parts.push(chunk);
    }
    const etag = response.headers.get('etag') ?? undefined;
    const lastModified = response.headers.get('last-modified') ?? undefined;
    return {
      kind: 'body',
      bytes: Buffer.concat(parts),
      type: response.headers.get('content-type') ?? '',
      url: finalUrl,
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
    };
  };
}

export type Robots = {
  allowed(url: string): boolean;
  /** The crawl delay it asks for, at most `maxDelaySeconds`. */
  delayMs: number;
  sitemaps: string[];
};

/**
 * The site's robots.txt for our user agent: missing (4xx) allows everything; unreachable or 5xx
 * allows nothing (RFC 9309 §2.3.1), which answers the reason instead.
 */
export async function readRobots(
  get: GetPage,
  start: URL,
  maxDelaySeconds: number,
): Promise<Robots | string> {
  const robotsUrl = new URL('/robots.txt', start).href;
  let robots = robotsParser(robotsUrl, '');
  try {
    const r = await get(robotsUrl);
    if (r.kind === 'body') robots = robotsParser(robotsUrl, decodeText(r.bytes).slice(0, 500_000));
  } catch (err) {
    const status = err instanceof FetchError ? err.status : undefined;
    if (!(status && status >= 400 && status < 500))
      return `robots.txt could not be read (${(err as Error).message}): nothing is fetched`;
  }
  return {
    allowed: (url) => robots.isAllowed(url, WEBSITE_USER_AGENT) !== false,
    delayMs: Math.min(maxDelaySeconds, robots.getCrawlDelay(WEBSITE_USER_AGENT) ?? 0) * 1000,
    sitemaps: robots.getSitemaps(),
  };
}

/**
 * The pages of the site's sitemap (the address given when it is one, else robots.txt's `Sitemap:`
 * lines, else /sitemap.xml; a sitemap index one level down), within the start's scope; undefined when
 * the site has none.
 */
export async function sitemapPages(
  get: GetPage,
  start: URL,
  robots: Robots,
  maxPages: number,
  log: Logger,
): Promise<string[] | undefined> {
  const given = /\.xml(\.gz)?$/i.test(start.pathname);
  const candidates = given ? [start.href] : [...robots.sitemaps, new URL('/sitemap.xml', start).href];
  for (const candidate of candidates) {
    const url = normalise(candidate);
    if (!url || new URL(url).origin !== start.origin) continue;
    try {
      const pages = await readSitemapAt(get, url, maxPages);
      if (pages.length) return pages.filter((p) => start.pathname.endsWith('.xml') || inScope(p, start));
    } catch (err) {
      log.debug({ err, url }, 'no sitemap there');
    }
  }
  return undefined;
}

async function readSitemapAt(get: GetPage, url: string, maxPages: number): Promise<string[]> {
  const r = await get(url);
  if (r.kind !== 'body') return [];
  const first = readSitemap(decodeText(r.bytes), r.url);
  const pages = [...first.pages];
  for (const nested of first.sitemaps.slice(0, 50)) {
    if (pages.length >= maxPages) break;
    const n = await get(nested).catch(() => undefined);
    if (n?.kind === 'body') pages.push(...readSitemap(decodeText(n.bytes), n.url).pages);
  }
  return [...new Set(pages)];
}
