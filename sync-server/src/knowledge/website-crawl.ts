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
// - Within the team's plan: at most its `websitePages` per site whatever `maxPages` says, and each
//   page's copy within its storage (a page over it stops the run, the site failed with the plan's
//   reason); crawls of one team run one at a time (crawl-queue.ts).
import { createHash } from 'node:crypto';
import { readPage, WEB_READ_LIMIT } from '@app/shared/knowledge';
import type { KnowledgeSourceDoc } from '@app/shared/schemas';
import type { Logger } from 'pino';
import type { PlanPolicy, Store } from '../context';
import { OutboundRefused } from '../ops/outbound';
import { fromCouch, type Stored } from '../store/couch-docs';
import { teamData, teamStored, type StoredDocs, type TeamFiles } from '../store/data';
import { statusOf } from '../store/couch-errors';
import { removeKnowledgeSource, type IngestOutcome } from './knowledge-ingest';
import {
  decodeText,
  inScope,
  normalise,
  pageReader,
  readRobots,
  sitemapPages,
  type Fetched,
  type FetchPage,
  type GetPage,
  type Robots,
} from './website-fetch';

export { WEBSITE_USER_AGENT, type FetchPage } from './website-fetch';
type Site = NonNullable<KnowledgeSourceDoc['site']>;
type Raw = Stored<Record<string, unknown>>;
type Db = StoredDocs<Record<string, unknown>>;

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
  /** The team's plan: the pages a site takes at most, and the storage each page's copy needs. */
  plans?: Pick<PlanPolicy, 'assertStorage' | 'websitePages'>;
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

/** A run's counts before it has done anything. */
const noCounts = { found: 0, done: 0, changed: 0, unchanged: 0, removed: 0, failed: 0, skipped: 0 };

/**
 * Crawls one site now. `askedAt`: when the crawl was asked for (a crawl queued behind the team's other
 * runs); a site whose run began since then is not crawled again (the schedule's pass took it meanwhile).
 */
export async function crawlWebsite(
  deps: CrawlDeps,
  teamId: string,
  siteId: string,
  askedAt?: Date,
): Promise<CrawlResult> {
  const now = deps.now ?? (() => new Date());
  const sources = teamStored(deps.store, teamId, 'knowledge_sources');
  const startedAt = now().toISOString();
  const written = await claimCrawl(sources, siteId, startedAt, now, deps.staleMs ?? 30 * 60_000, askedAt);
  if (!written) return (await sources.get(siteId)) ? { status: 'busy' } : { status: 'missing' };
  const crawl = new SiteCrawl(deps, teamId, fromCouch<KnowledgeSourceDoc>(written), startedAt);
  return crawl.run();
}

/** The claim: `crawling` on the revision read, unless another live run holds it; undefined when not taken. */
async function claimCrawl(
  sources: Db,
  siteId: string,
  startedAt: string,
  now: () => Date,
  staleMs: number,
  askedAt?: Date,
) {
  return sources
    .update(siteId, (doc) => {
      const site = doc.site as Site | undefined;
      if (doc.kind !== 'website' || !site) return undefined;
      if (askedAt && site.lastRunAt && Date.parse(site.lastRunAt) >= askedAt.getTime()) return undefined;
      if (site.state === 'crawling' && site.runStartedAt) {
        if (now().getTime() - Date.parse(site.runStartedAt) < staleMs) return undefined;
      }
      const { error: _e, ...rest } = doc;
      return {
        ...rest,
        status: 'indexing',
        site: { ...site, state: 'crawling', runStartedAt: startedAt, ...noCounts },
        updatedAt: startedAt,
      };
    })
    .catch((err: unknown) => {
      if (statusOf(err) === 404) return undefined;
      throw err;
    });
}

/** One claimed run over a website: its pages, what it found of them, and the source's progress. */
class SiteCrawl {
  private readonly now: () => Date;
  private readonly log: Logger;
  private readonly sources: Db;
  private readonly files: Db;
  private readonly fileBytes: TeamFiles;
  private readonly get: GetPage;
  private readonly site: Site;
  private readonly siteId: string;
  private readonly start: URL;
  private readonly counts = { ...noCounts };
  private lastProgress = 0;
  private robots!: Robots;
  /** The sitemap's pages; undefined: the pages are found by their links. */
  private fromSitemap: string[] | undefined;
  /** What the site's pages were after the last crawl, by address. */
  private readonly existing = new Map<string, Raw>();
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private readonly seen = new Set<string>();
  private readonly gone = new Set<string>();
  private capped = false;
  private transient = false;
  /** The pages this run takes: the site's `maxPages` within the plan's `websitePages`. */
  private maxPages = 0;
  /** Why the run stopped before its queue's end (the plan's storage is full). */
  private stopped: string | undefined;

  constructor(
    private readonly deps: CrawlDeps,
    private readonly teamId: string,
    website: KnowledgeSourceDoc,
    private readonly startedAt: string,
  ) {
    this.now = deps.now ?? (() => new Date());
    this.siteId = website.id;
    this.log = deps.log.child({ component: 'website-crawl', teamId, siteId: website.id });
    this.sources = teamStored(deps.store, teamId, 'knowledge_sources');
    this.files = teamStored(deps.store, teamId, 'files');
    this.fileBytes = teamData(deps.store, teamId).files;
    this.get = pageReader(deps.fetchPage, {
      maxPageBytes: deps.maxPageBytes ?? Math.min(WEB_READ_LIMIT, 5 * 1024 * 1024),
      timeoutMs: deps.requestTimeoutMs ?? 15_000,
    });
    this.site = website.site!;
    this.start = new URL(website.url!);
  }

  async run(): Promise<CrawlResult> {
    const robots = await readRobots(this.get, this.start, this.deps.maxCrawlDelaySeconds ?? 10);
    if (typeof robots === 'string') return this.finish(robots);
    this.robots = robots;
    // A site written with more pages than the plan takes (a device's push, a smaller plan now) takes
    // the plan's number.
    const bound = (await this.deps.plans?.websitePages?.(this.teamId)) ?? null;
    this.maxPages = bound === null ? this.site.maxPages : Math.min(this.site.maxPages, bound);
    this.fromSitemap = await sitemapPages(this.get, this.start, robots, this.maxPages, this.log);
    const docs = await this.sources.find({ selector: { siteId: this.siteId }, limit: 100_000 });
    for (const d of docs) if (typeof d.url === 'string') this.existing.set(d.url, d);
    this.queue.push(...(this.fromSitemap ?? [this.start.href]));
    for (const url of this.queue) this.queued.add(url);
    if (this.fromSitemap && this.fromSitemap.length > this.maxPages) {
      this.capped = true;
      this.queue.length = this.maxPages;
    }
    await this.crawlQueue();
    await this.removeGone();
    await this.progress(true);
    const nothing = this.counts.done === 0 && this.counts.failed > 0;
    if (this.stopped) return this.finish(this.stopped);
    return this.finish(nothing ? `no page could be read (${this.counts.failed} failed)` : undefined);
  }

  /** Side by side, `concurrency` pages at a time (one when robots.txt asks for a delay). */
  private async crawlQueue(): Promise<void> {
    const { delayMs } = this.robots;
    const workers = delayMs > 0 ? 1 : Math.max(1, this.deps.concurrency ?? 2);
    let next = 0;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (next < this.queue.length && !this.stopped) {
          const url = this.queue[next++]!;
          try {
            await this.crawlPage(url);
          } catch (err) {
            this.counts.failed++;
            this.transient = true;
            if (this.existing.has(url)) this.seen.add(url);
            this.stopped = planRefusal(err);
            this.log.warn({ err, url }, this.stopped ? 'crawl stopped: plan storage' : 'page failed');
          }
          this.counts.found = this.queued.size;
          await this.progress();
          if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
        }
      }),
    );
  }

  /** A page found on the way (a link), queued when in scope and under the page limit. */
  private offer(url: string): void {
    const n = normalise(url);
    if (!n || this.queued.has(n) || !inScope(n, this.start)) return;
    if (this.queued.size >= this.maxPages) {
      this.capped = true;
      return;
    }
    this.queued.add(n);
    this.queue.push(n);
  }

  /** One page: fetched (conditionally when known), stored and indexed when new or changed. */
  private async crawlPage(url: string): Promise<void> {
    const { counts } = this;
    counts.found = this.queued.size;
    const known = this.existing.get(url);
    if (!this.robots.allowed(url)) {
      // robots.txt says no (now): a page taken before goes.
      if (known) this.gone.add(url);
      counts.skipped++;
      return;
    }
    const got = await this.fetchPage(url, known);
    if (!got) return;
    if (got.kind === 'gone') {
      this.gone.add(url);
      return;
    }
    this.seen.add(url);
    if (got.kind === 'not-modified') {
      counts.unchanged++;
      counts.done++;
      if (!this.fromSitemap && known) await this.followLinksOf(known);
      return;
    }
    if (!pageTypes.test(got.type)) {
      counts.skipped++;
      return;
    }
    const contentHash = sha256(got.bytes);
    const validators = {
      ...(got.etag ? { etag: got.etag.slice(0, 512) } : {}),
      ...(got.lastModified ? { lastModified: got.lastModified.slice(0, 128) } : {}),
      fetchedAt: this.now().toISOString(),
    };
    if (known && known.contentHash === contentHash && known.status === 'ready') {
      counts.unchanged++;
      counts.done++;
      const id = pageSourceId(this.siteId, url);
      await this.sources.update(id, (doc) => ({ ...doc, http: validators })).catch(() => undefined);
      if (!this.fromSitemap) await this.followLinksOf(known);
      return;
    }
    await this.indexPage(url, known, got, contentHash, validators);
  }

  /** The page read, conditionally when a ready copy is kept; undefined when it failed (counted). */
  private async fetchPage(url: string, known: Raw | undefined): Promise<Fetched | undefined> {
    const http = (known?.http ?? {}) as { etag?: string; lastModified?: string };
    const headers: Record<string, string> = {};
    if (known?.status === 'ready' && http.etag) headers['if-none-match'] = http.etag;
    if (known?.status === 'ready' && http.lastModified) headers['if-modified-since'] = http.lastModified;
    try {
      return await this.get(url, headers);
    } catch (err) {
      this.counts.failed++;
      if (err instanceof OutboundRefused) {
        // Refused by the address policy (a redirect inward): never fetched, and it will not be.
        if (known) this.gone.add(url);
        this.log.info({ url, err: err.message }, 'page refused');
        return undefined;
      }
      this.transient = true;
      if (known) this.seen.add(url);
      this.log.info({ url, err: (err as Error).message }, 'page not fetched');
      return undefined;
    }
  }

  /** A new or changed page: its copy stored, its source written pending and indexed. */
  private async indexPage(
    url: string,
    known: Raw | undefined,
    got: Extract<Fetched, { kind: 'body' }>,
    contentHash: string,
    validators: Record<string, string>,
  ): Promise<void> {
    const { counts, start } = this;
    const at = this.now().toISOString();
    const id = pageSourceId(this.siteId, url);
    const mimeType = /^text\/plain/i.test(got.type) ? 'text/plain' : 'text/html';
    const fileDocId = `kfile-${id}-${contentHash.slice(7, 19)}`;
    const fileName = fileNameOf(url, mimeType);
    const size = got.bytes.length;
    // The page's copy within the plan's storage; over it, the run stops (crawlQueue).
    await this.deps.plans?.assertStorage?.(this.teamId, size);
    await this.fileBytes.store(
      fileDocId,
      { kind: 'knowledge', sourceId: id, fileName, mimeType, size, contentHash, createdAt: at },
      Buffer.from(got.bytes),
      mimeType,
    );
    const path = new URL(url).pathname;
    const title =
      (known?.title as string | undefined) ?? (`${start.host}${path}`.slice(0, 300) || start.host);
    const doc = {
      ...(known ?? {}),
      _id: id,
      title,
      kind: 'url',
      url,
      siteId: this.siteId,
      fileName,
      mimeType,
      size,
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
    if ((await this.sources.put(doc as Raw)) === null)
      throw new Error(`the page source ${id} changed while it was crawled`);
    const oldFile = known?.fileDocId;
    const outcome = await this.deps.ingest(this.teamId, id, got.bytes);
    if (oldFile && oldFile !== fileDocId) await this.removeFile(String(oldFile));
    if (outcome.status !== 'ready') {
      counts.failed++;
      return;
    }
    if (outcome.page?.noindex) {
      await this.removePage(id);
      counts.skipped++;
      this.seen.delete(url);
      return;
    }
    counts.changed++;
    counts.done++;
    if (!this.fromSitemap) for (const link of outcome.page?.links ?? []) this.offer(link);
  }

  /** The links of an unchanged page, read again from its stored copy (a crawl by links needs them). */
  private async followLinksOf(known: Raw): Promise<void> {
    if (!known.fileDocId) return;
    const bytes = await this.fileBytes.originalOrNone(String(known.fileDocId)).catch(() => undefined);
    if (!bytes) return;
    // A page already within the size budget; its links only (no index work).
    for (const link of readPage(decodeText(bytes).slice(0, 1_000_000), String(known.url)).links)
      this.offer(link);
  }

  private async removeFile(fileDocId: string): Promise<void> {
    const file = await this.files.get(fileDocId);
    if (file)
      await teamData(this.deps.store, this.teamId)
        .files.remove(file._id, file._rev)
        .catch(() => undefined);
  }

  private removePage(id: string) {
    return removeKnowledgeSource(this.deps.store, this.teamId, id);
  }

  /** Gone: answered 404/410, or (a complete crawl) no longer found at all. */
  private async removeGone(): Promise<void> {
    const complete = !this.capped && !this.transient;
    for (const [url, doc] of this.existing) {
      if (this.gone.has(url) || (complete && !this.seen.has(url) && !this.queued.has(url))) {
        await this.removePage(doc._id);
        this.counts.removed++;
      }
    }
  }

  /** Writes the counts so far on the website source (at most every second, and at the end). */
  private async progress(force = false): Promise<void> {
    if (!force && Date.now() - this.lastProgress < 1000) return;
    this.lastProgress = Date.now();
    await this.sources
      .update(this.siteId, (doc) =>
        (doc.site as Site | undefined)?.runStartedAt === this.startedAt
          ? { ...doc, site: { ...(doc.site as Site), ...this.counts }, updatedAt: this.now().toISOString() }
          : undefined,
      )
      .catch((err: unknown) => this.log.debug({ err }, 'progress not written'));
  }

  /** Ends the run on the website source: its pages, the counts, the next run's time, any failure. */
  private async finish(error?: string): Promise<CrawlResult> {
    const { site, counts } = this;
    const at = this.now();
    const next =
      site.refreshHours > 0
        ? new Date(at.getTime() + site.refreshHours * 3_600_000).toISOString()
        : undefined;
    // The website's count is its pages now.
    const docs = await this.sources.find({
      selector: { siteId: this.siteId },
      fields: ['_id'],
      limit: 100_000,
    });
    const final = await this.sources.update(this.siteId, (doc) => {
      const current = doc.site as Site | undefined;
      if (current?.runStartedAt !== this.startedAt) return undefined;
      const { nextRunAt: _n, ...siteRest } = { ...current, ...counts };
      const { error: _old, ...rest } = doc;
      return {
        ...rest,
        status: error ? 'failed' : 'ready',
        ...(error ? { error: error.slice(0, 1000) } : {}),
        chunkCount: docs.length,
        site: {
          ...siteRest,
          state: 'idle',
          lastRunAt: at.toISOString(),
          ...(next ? { nextRunAt: next } : {}),
        },
        updatedAt: at.toISOString(),
      };
    });
    if (error) this.log.warn({ error }, 'website crawl failed');
    else this.log.info(counts, 'website crawled');
    return error
      ? { status: 'failed', error }
      : { status: 'done', site: (final?.site as Site) ?? { ...site, ...counts } };
  }
}

/** The plan's sentences (English, then Russian) when `err` is its 402, else undefined. */
function planRefusal(err: unknown): string | undefined {
  const e = err as {
    code?: unknown;
    message?: unknown;
    details?: { messages?: { en?: unknown; ru?: unknown } };
  };
  if (e?.code !== 'plan-limit-reached') return undefined;
  const said = e.details?.messages;
  return typeof said?.en === 'string' && typeof said.ru === 'string'
    ? `${said.en}\n${said.ru}`
    : String(e.message);
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
  const docs = await teamStored(store, teamId, 'knowledge_sources').find({
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
