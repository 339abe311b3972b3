// Adding a website as knowledge (a page, a site's start page or its sitemap): the address is checked
// (http or https, no credentials, the outbound address policy: deps.websites.check) and the pages
// asked for are bounded by the plan, before anything is fetched; the pages are then crawled now and
// again every refreshHours (knowledge/website-crawl.ts). The same address again answers its source.
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import { newId } from '@app/shared/ids';
import type { ApiDeps } from '../../api/deps';
import { assertValid } from '../../api/doc-writes';
import { authOf, parse, route } from '../../http/route';
import type { KnowledgeRoutes } from './context';

const websiteBody = z.strictObject({
  url: z.string().trim().min(1).max(2048),
  title: z.string().trim().min(1).max(300).optional(),
  maxPages: z.number().int().min(1).max(10_000).optional(),
  refreshHours: z.number().int().min(0).max(8760).default(24),
  tags: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
});

/** Pages a new website takes when not said: 200, or fewer on a plan that takes fewer. */
const DEFAULT_MAX_PAGES = 200;

/**
 * The pages a website may take: as asked (402 plan-limit-reached over the plan's `websitePages`), or
 * the default within the plan.
 */
async function websitePages(deps: ApiDeps, teamId: string, asked: number | undefined): Promise<number> {
  const bound = (await deps.plans?.websitePages?.(teamId, asked)) ?? null;
  return asked ?? (bound === null ? DEFAULT_MAX_PAGES : Math.min(DEFAULT_MAX_PAGES, bound));
}

/** The address to crawl: a web address over http or https, without credentials or fragment. */
function websiteUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DomainError('validation-failed', 'url: not a web address (https://…)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new DomainError('validation-failed', 'url: only http and https addresses can be crawled');
  if (url.username || url.password)
    throw new DomainError('validation-failed', 'url: an address with a user name or password is not crawled');
  url.hash = '';
  return url;
}

/** The source doc of a new website. */
function websiteSource(body: z.infer<typeof websiteBody>, url: URL, maxPages: number, at: string) {
  return {
    id: newId('site'),
    title: body.title ?? url.host,
    kind: 'website',
    url: url.href,
    contentHash: `url-${url.href}`.slice(0, 128),
    status: 'pending',
    site: { maxPages, refreshHours: body.refreshHours, state: 'idle' },
    ...(body.tags?.length ? { tags: body.tags } : {}),
    createdAt: at,
    updatedAt: at,
    fieldUpdatedAt: { title: at, status: at },
  };
}

/** POST /knowledge/websites. */
export function addWebsiteRoutes(k: KnowledgeRoutes): void {
  const { deps } = k;
  k.registry.add(
    k.router,
    {
      method: 'post',
      path: '/knowledge/websites',
      summary:
        "Add a website (a page, a site's start page or its sitemap) as knowledge: its pages are crawled now and again every refreshHours (0: only on re-index)",
      tag: k.tag,
      access: [
        { resource: 'knowledge_sources', op: 'create' },
        { resource: 'files', op: 'create' },
      ],
      body: websiteBody,
      response: k.source,
      status: 201,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const body = parse(websiteBody, req.body);
      if (!deps.websites) throw new DomainError('bad-request', 'Websites are not available on this server');
      const url = websiteUrl(body.url);
      // The pages asked for within the plan (402 over it), before anything is fetched.
      const maxPages = await websitePages(deps, auth.teamId, body.maxPages);
      try {
        await deps.websites.check(url.href);
      } catch (error) {
        throw new DomainError('address-refused', `url: ${(error as Error).message}`);
      }
      const existing = await k.sources(auth.teamId).scan({
        limit: 1,
        match: (d) => d.kind === 'website' && d.url === url.href,
        maxScan: 100_000,
      });
      if (existing.items[0]) {
        res.status(200).json({ ...existing.items[0].doc, rev: existing.items[0].rev, duplicate: true });
        return;
      }
      // A website's pages are measured as they are crawled: a team at its knowledge size adds none.
      await deps.plans?.assertKnowledge(auth.teamId, 1);
      const doc = websiteSource(body, url, maxPages, deps.now().toISOString());
      assertValid('knowledge_sources', doc);
      const rev = await k.sources(auth.teamId).save(doc);
      deps.websites.crawl(auth.teamId, doc.id);
      res.status(201).json({ ...doc, rev });
    }),
  );
}
