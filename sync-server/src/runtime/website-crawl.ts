// A team's website as knowledge: a crawl reads the site's pages into knowledge sources of their own
// (kind `url`, `siteId` the website's source), each indexed as an uploaded HTML file is (parsed off
// the event loop with the upload limits, its chunks replaced), so an answer cites the page's title.
// - Which pages: the sitemap when there is one (the address given, else robots.txt's `Sitemap:` lines,
//   else /sitemap.xml; a sitemap index one level down), else the site's own links followed from the
//   start page; only the start's origin and path, at most `maxPages`; robots.txt (RFC 9309) obeyed
//   for our user agent, with its crawl delay up to 10 s; pages that say noindex are left out.
// - Every request goes through the server's address policy (ops/outbound.ts), redirects checked hop
//   by hop, with a time and size budget; only HTML and plain text are read.
// - Again on a schedule (`refreshHours`) with conditional requests (ETag, Last-Modified): a page that
//   answers 304 or the same bytes is left as it is; a changed page is indexed again; a page that is
//   gone (404, 410, or no longer in the sitemap of a complete crawl) is removed with its chunks.
// - The website source says how it goes (`site`: found, done, changed, removed, failed), written as the
//   crawl goes, so the Knowledge screen shows progress; one crawl at a time per site (a claim by
//   revision on the source; a claim older than `staleMs` belonged to a process that died).
import { createHash } from 'node:crypto';
import { readPage, readSitemap, WEB_READ_LIMIT } from '@app/shared/knowledge';
import type { KnowledgeSourceDoc } from '@app/shared/schemas';
import type { Logger } from 'pino';
import robotsParser from 'robots-parser';
import type { Store } from '../context';
import { OutboundRefused } from '../ops/outbound';
import { ORIGINAL, storeFile } from '../store/stored-files';
import { fromCouch, getDoc, readAttachment, updateDoc, type Stored } from '../store/couch-docs';
import { statusOf } from '../store/couch-errors';
import { removeKnowledgeSource, type IngestOutcome } from './knowledge-ingest';

export const WEBSITE_USER_AGENT = 'SalesWorkspaceBot';
type Site = NonNullable<KnowledgeSourceDoc['site']>;
type Raw = Stored<Record<string, unknown>>;

export type FetchPage = (
  url: string,
  init: { headers?: Record<string, string>; signal?: AbortSignal },
) => Promise<{ response: Response; url: string }>;

export type CrawlDeps = {
  store: Store;
  log: Logger;
  /** The policy-guarded fetch that follows redirects hop by hop (guardedFetchFollowing). */
  fetchPage: FetchPage;
  /** Indexes a stored page source (ingestKnowledgeSource with the server's parser). */
  ingest(teamId: string, sourceId: string, bytes: Uint8Array): Promise<IngestOutcome>;
  now?: () => Date;
  /** Largest page read (bytes). */
  maxPageBytes?: number;
  /** One request's budget. */
  requestTimeoutMs?: number;
  /** A crawl claim older than this is taken over. */
  staleMs?: number;
  /** Pages fetched side by side. */
  concurrency?: number;
  /** Most seconds waited between requests when robots.txt asks for a crawl delay. */
  maxCrawlDelaySeconds?: number;
};

export type CrawlResult =
  | { status: 'done'; site: Site }
  | { status: 'busy' }
  | { status: 'missing' }
  | { status: 'failed'; error: string };

const pageTypes = /^(text\/html|application\/xhtml\+xml|text\/plain)\b/i;

/** The page source's id: the same for the same address of the same site, in every process. */
export const pageSourceId = (siteId: string, url: string) =>
  `${siteId}.p-${createHash('sha256').update(url).digest('hex').slice(0, 24)}`;

const sha256 = (bytes: Uint8Array) => `sha256-${createHash('sha256').update(bytes).digest('hex')}`;

/** The page's address without the fragment; undefined when it is not http(s). */
function normalise(url: string): string | undefined {
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
function inScope(url: string, start: URL): boolean {
  const u = new URL(url);
  if (u.origin !== start.origin) return false;
  const folder = start.pathname.replace(/[^/]*$/, '');
  return u.pathname.startsWith(folder);
}

class FetchError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

type Fetched =
  | { kind: 'body'; bytes: Uint8Array; type: string; etag?: string; lastModified?: string; url: string }
  | { kind: 'not-modified' }
  | { kind: 'gone'; status: number };

/** A run's counts before it has done anything. */
const noCounts = { found: 0, done: 0, changed: 0, unchanged: 0, removed: 0, failed: 0, skipped: 0 };

export async function crawlWebsite(deps: CrawlDeps, teamId: string, siteId: string): Promise<CrawlResult> {
  const now = deps.now ?? (() => new Date());
  const log = deps.log.child({ component: 'website-crawl', teamId, siteId });
  const sources = deps.store.teamDb<Record<string, unknown>>(teamId, 'knowledge_sources');
  const files = deps.store.teamDb<Record<string, unknown>>(teamId, 'files');
  const maxPageBytes = deps.maxPageBytes ?? Math.min(WEB_READ_LIMIT, 5 * 1024 * 1024);
  const timeoutMs = deps.requestTimeoutMs ?? 15_000;
  const staleMs = deps.staleMs ?? 30 * 60_000;

  // The claim: `crawling` on the revision read, unless another live run holds it.
  const startedAt = now().toISOString();
  const written = await updateDoc(sources, siteId, (doc) => {
    const site = doc.site as Site | undefined;
    if (doc.kind !== 'website' || !site) return undefined;
    if (site.state === 'crawling' && site.runStartedAt) {
      if (now().getTime() - Date.parse(site.runStartedAt) < staleMs) return undefined;
    }
    const { error: _e, ...rest } = doc;
    return {
      ...rest,
      status: 'indexing',
      site: {
        ...site,
        state: 'crawling',
        runStartedAt: startedAt,
        ...noCounts,
      },
      updatedAt: startedAt,
    };
  }).catch((err: unknown) => {
    if (statusOf(err) === 404) return undefined;
    throw err;
  });
  if (!written) return (await getDoc(sources, siteId)) ? { status: 'busy' } : { status: 'missing' };
  const website = fromCouch<KnowledgeSourceDoc>(written);
  const site = website.site!;
  const start = new URL(website.url!);
  const counts = { ...noCounts };
  let lastProgress = 0;

  /** Writes the counts so far on the website source (at most every second, and at the end). */
  async function progress(force = false) {
    if (!force && Date.now() - lastProgress < 1000) return;
    lastProgress = Date.now();
    await updateDoc(sources, siteId, (doc) =>
      (doc.site as Site | undefined)?.runStartedAt === startedAt
        ? { ...doc, site: { ...(doc.site as Site), ...counts }, updatedAt: now().toISOString() }
        : undefined,
    ).catch((err: unknown) => log.debug({ err }, 'progress not written'));
  }

  async function get(url: string, headers: Record<string, string> = {}): Promise<Fetched> {
    const signal = AbortSignal.timeout(timeoutMs);
    const { response, url: finalUrl } = await deps.fetchPage(url, {
      headers: {
        'user-agent': `${WEBSITE_USER_AGENT}/1.0`,
        accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8',
        ...headers,
      },
      signal,
    });
    if (response.status === 304) return { kind: 'not-modified' };
    if (response.status === 404 || response.status === 410) {
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'gone', status: response.status };
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new FetchError(`HTTP ${response.status}`, response.status);
    }
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > maxPageBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new FetchError(`larger than ${Math.round(maxPageBytes / 1024)} KB`);
    }
    const parts: Uint8Array[] = [];
    let size = 0;
    for await (const part of response.body ?? []) {
      const chunk = part as Uint8Array;
      size += chunk.length;
      if (size > maxPageBytes) {
        await response.body?.cancel().catch(() => undefined);
        throw new FetchError(`larger than ${Math.round(maxPageBytes / 1024)} KB`);
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
  }

  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

  // robots.txt: missing (4xx) allows everything; unreachable or 5xx allows nothing (RFC 9309 §2.3.1).
  const robotsUrl = new URL('/robots.txt', start).href;
  let robots = robotsParser(robotsUrl, '');
  try {
    const r = await get(robotsUrl);
    if (r.kind === 'body') robots = robotsParser(robotsUrl, text(r.bytes).slice(0, 500_000));
  } catch (err) {
    const status = err instanceof FetchError ? err.status : undefined;
    if (!(status && status >= 400 && status < 500)) {
      return finish(`robots.txt could not be read (${(err as Error).message}): nothing is fetched`);
    }
  }
  const allowed = (url: string) => robots.isAllowed(url, WEBSITE_USER_AGENT) !== false;
  const delayMs =
    Math.min(deps.maxCrawlDelaySeconds ?? 10, robots.getCrawlDelay(WEBSITE_USER_AGENT) ?? 0) * 1000;

  // The pages: the sitemap's, else found by links.
  let fromSitemap: string[] | undefined;
  const sitemapCandidates = /\.xml(\.gz)?$/i.test(start.pathname)
    ? [start.href]
    : [...robots.getSitemaps(), new URL('/sitemap.xml', start).href];
  for (const candidate of sitemapCandidates) {
    const url = normalise(candidate);
    if (!url || new URL(url).origin !== start.origin) continue;
    try {
      const pages = await sitemapPages(url);
      if (pages.length) {
        fromSitemap = pages.filter((p) => start.pathname.endsWith('.xml') || inScope(p, start));
        break;
      }
    } catch (err) {
      log.debug({ err, url }, 'no sitemap there');
    }
  }

  async function sitemapPages(url: string): Promise<string[]> {
    const r = await get(url);
    if (r.kind !== 'body') return [];
    const first = readSitemap(text(r.bytes), r.url);
    const pages = [...first.pages];
    for (const nested of first.sitemaps.slice(0, 50)) {
      if (pages.length >= site.maxPages) break;
      const n = await get(nested).catch(() => undefined);
      if (n?.kind === 'body') pages.push(...readSitemap(text(n.bytes), n.url).pages);
    }
    return [...new Set(pages)];
  }

  // What the site's pages were after the last crawl.
  const existing = new Map<string, Raw>();
  for (const d of (await sources.find({ selector: { siteId }, limit: 100_000 })).docs as Raw[])
    if (typeof d.url === 'string') existing.set(d.url, d);

  const queue: string[] = fromSitemap ? fromSitemap.slice() : [start.href];
  const queued = new Set(queue);
  const seen = new Set<string>();
  const gone = new Set<string>();
  let capped = false;
  let transient = false;

  function offer(url: string) {
    const n = normalise(url);
    if (!n || queued.has(n) || !inScope(n, start)) return;
    if (queued.size >= site.maxPages) {
      capped = true;
      return;
    }
    queued.add(n);
    queue.push(n);
  }
  if (fromSitemap && fromSitemap.length > site.maxPages) {
    capped = true;
    queue.length = site.maxPages;
  }

  /** One page: fetched (conditionally when known), stored and indexed when new or changed. */
  async function crawlPage(url: string): Promise<void> {
    counts.found = queued.size;
    const known = existing.get(url);
    if (!allowed(url)) {
      // robots.txt says no (now): a page taken before goes.
      if (known) gone.add(url);
      counts.skipped++;
      return;
    }
    const http = (known?.http ?? {}) as { etag?: string; lastModified?: string };
    const headers: Record<string, string> = {};
    if (known?.status === 'ready' && http.etag) headers['if-none-match'] = http.etag;
    if (known?.status === 'ready' && http.lastModified) headers['if-modified-since'] = http.lastModified;
    let got: Fetched;
    try {
      got = await get(url, headers);
    } catch (err) {
      counts.failed++;
      if (err instanceof OutboundRefused) {
        // Refused by the address policy (a redirect inward): never fetched, and it will not be.
        if (known) gone.add(url);
        log.info({ url, err: err.message }, 'page refused');
        return;
      }
      transient = true;
      if (known) seen.add(url);
      log.info({ url, err: (err as Error).message }, 'page not fetched');
      return;
    }
    if (got.kind === 'gone') {
      gone.add(url);
      return;
    }
    seen.add(url);
    const at = now().toISOString();
    if (got.kind === 'not-modified') {
      counts.unchanged++;
      counts.done++;
      if (!fromSitemap && known) await followLinksOf(known);
      return;
    }
    if (!pageTypes.test(got.type)) {
      counts.skipped++;
      return;
    }
    const contentHash = sha256(got.bytes);
    const id = pageSourceId(siteId, url);
    const validators = {
      ...(got.etag ? { etag: got.etag.slice(0, 512) } : {}),
      ...(got.lastModified ? { lastModified: got.lastModified.slice(0, 128) } : {}),
      fetchedAt: at,
    };
    if (known && known.contentHash === contentHash && known.status === 'ready') {
      counts.unchanged++;
      counts.done++;
      await updateDoc(sources, id, (doc) => ({ ...doc, http: validators })).catch(() => undefined);
      if (!fromSitemap) await followLinksOf(known);
      return;
    }
    const mimeType = /^text\/plain/i.test(got.type) ? 'text/plain' : 'text/html';
    const fileDocId = `kfile-${id}-${contentHash.slice(7, 19)}`;
    const path = new URL(url).pathname;
    await storeFile(
      files,
      fileDocId,
      {
        kind: 'knowledge',
        sourceId: id,
        fileName: fileNameOf(url, mimeType),
        mimeType,
        size: got.bytes.length,
        contentHash,
        createdAt: at,
      },
      Buffer.from(got.bytes),
      mimeType,
    );
    const title =
      (known?.title as string | undefined) ?? (`${start.host}${path}`.slice(0, 300) || start.host);
    const doc = {
      ...(known ?? {}),
      _id: id,
      title,
      kind: 'url',
      url,
      siteId,
      fileName: fileNameOf(url, mimeType),
      mimeType,
      size: got.bytes.length,
      fileDocId,
      contentHash,
      status: 'pending',
      attempts: 0,
      http: validators,
      createdAt: (known?.createdAt as string | undefined) ?? at,
      updatedAt: at,
      fieldUpdatedAt: { title: at, status: at },
    } as Record<string, unknown>;
    delete doc.error;
    await sources.insert(doc as Raw);
    const oldFile = known?.fileDocId;
    const outcome = await deps.ingest(teamId, id, got.bytes);
    if (oldFile && oldFile !== fileDocId) await removeFile(String(oldFile));
    if (outcome.status === 'ready') {
      if (outcome.page?.noindex) {
        await removePage(id);
        counts.skipped++;
        seen.delete(url);
        return;
      }
      counts.changed++;
      counts.done++;
      if (!fromSitemap) for (const link of outcome.page?.links ?? []) offer(link);
    } else counts.failed++;
  }

  /** The links of an unchanged page, read again from its stored copy (a crawl by links needs them). */
  async function followLinksOf(known: Raw): Promise<void> {
    if (!known.fileDocId) return;
    const bytes = await readAttachment(files, String(known.fileDocId), ORIGINAL).catch(() => undefined);
    if (!bytes) return;
    // A page already within the size budget; its links only (no index work).
    for (const link of readPage(text(bytes).slice(0, 1_000_000), String(known.url)).links) offer(link);
  }

  async function removeFile(fileDocId: string) {
    const file = await getDoc(files, fileDocId);
    if (file) await files.destroy(file._id, file._rev).catch(() => undefined);
  }

  const removePage = (id: string) => removeKnowledgeSource(deps.store, teamId, id);

  async function finish(error?: string): Promise<CrawlResult> {
    const at = now();
    const next =
      site.refreshHours > 0
        ? new Date(at.getTime() + site.refreshHours * 3_600_000).toISOString()
        : undefined;
    // The website's count is its pages now.
    const pages = (await sources.find({ selector: { siteId }, fields: ['_id'], limit: 100_000 })).docs.length;
    const final = await updateDoc(sources, siteId, (doc) => {
      const current = doc.site as Site | undefined;
      if (current?.runStartedAt !== startedAt) return undefined;
      const { nextRunAt: _n, ...siteRest } = { ...current, ...counts };
      const { error: _old, ...rest } = doc;
      return {
        ...rest,
        status: error ? 'failed' : 'ready',
        ...(error ? { error: error.slice(0, 1000) } : {}),
        chunkCount: pages,
        site: {
          ...siteRest,
          state: 'idle',
          lastRunAt: at.toISOString(),
          ...(next ? { nextRunAt: next } : {}),
        },
        updatedAt: at.toISOString(),
      };
    });
    if (error) log.warn({ error }, 'website crawl failed');
    else log.info(counts, 'website crawled');
    return error
      ? { status: 'failed', error }
      : { status: 'done', site: (final?.site as Site) ?? { ...site, ...counts } };
  }

  // Side by side, `concurrency` pages at a time (one when robots.txt asks for a delay).
  const workers = delayMs > 0 ? 1 : Math.max(1, deps.concurrency ?? 2);
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < queue.length) {
        const url = queue[next++]!;
        try {
          await crawlPage(url);
        } catch (err) {
          counts.failed++;
          transient = true;
          if (existing.has(url)) seen.add(url);
          log.warn({ err, url }, 'page failed');
        }
        counts.found = queued.size;
        await progress();
        if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      }
    }),
  );

  // Gone: answered 404/410, or (a complete crawl) no longer found at all.
  for (const [url, doc] of existing) {
    const complete = !capped && !transient;
    if (gone.has(url) || (complete && !seen.has(url) && !queued.has(url))) {
      await removePage(doc._id);
      counts.removed++;
    }
  }
  await progress(true);
  const nothing = counts.done === 0 && counts.failed > 0;
  return finish(nothing ? `no page could be read (${counts.failed} failed)` : undefined);
}

const fileNameOf = (url: string, mimeType: string) => {
  const last = new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? 'index';
  const base =
    last
      .replace(/\.[a-z0-9]+$/i, '')
      .replace(/[^\p{L}\p{N}_.-]+/gu, '_')
      .slice(0, 200) || 'index';
  return `${base}${mimeType === 'text/plain' ? '.txt' : '.html'}`;
};

/** The website sources whose next crawl is due (or that never ran), oldest first. */
export async function dueWebsites(store: Store, teamId: string, at: Date): Promise<string[]> {
  const sources = store.teamDb<Record<string, unknown>>(teamId, 'knowledge_sources');
  const { docs } = await sources.find({
    selector: { kind: 'website' },
    fields: ['_id', 'site'],
    limit: 1000,
  });
  const iso = at.toISOString();
  return docs
    .filter((d) => {
      const site = d.site as Site | undefined;
      if (!site || site.state === 'crawling') return false;
      return !site.lastRunAt || (site.nextRunAt !== undefined && site.nextRunAt <= iso);
    })
    .map((d) => d._id);
}

/** Crawls the team's due websites one after the other; answers how many ran. */
export async function crawlDueWebsites(deps: CrawlDeps, teamId: string): Promise<number> {
  let runs = 0;
  for (const id of await dueWebsites(deps.store, teamId, (deps.now ?? (() => new Date()))())) {
    const result = await crawlWebsite(deps, teamId, id);
    if (result.status === 'done' || result.status === 'failed') runs++;
  }
  return runs;
}
