// What a website crawl reads besides a page's text (which extract-html.ts turns into sections): a
// page's title, the links it offers to follow and its robots meta (noindex, nofollow), and a sitemap's
// page and sitemap addresses. Both read with htmlparser2 (a sitemap in its XML mode), within a size
// budget, and keep only http(s) addresses of the same origin as the page, without fragments, so a
// crawl never leaves the site it was given.
import { Parser } from 'htmlparser2';

export type PageInfo = {
  title?: string;
  /** Same-origin http(s) addresses the page links to, each once, without `#fragment`. */
  links: string[];
  /** `<meta name="robots" content="noindex">`: the page asks not to be indexed. */
  noindex: boolean;
  /** `<meta name="robots" content="nofollow">` (or `none`): its links are not followed. */
  nofollow: boolean;
};

/** The most of a page or sitemap read (characters); the rest is ignored. */
export const WEB_READ_LIMIT = 2_000_000;
/** Links kept from one page, sitemap entries from one sitemap. */
export const MAX_LINKS = 5_000;

/** `href` resolved against `base`, when it is an http(s) address of base's origin; without its fragment. */
export function sameOriginUrl(href: string, base: URL): string | undefined {
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.origin !== base.origin) return undefined;
  url.hash = '';
  return url.href;
}

export function readPage(html: string, pageUrl: string): PageInfo {
  const base = new URL(pageUrl);
  const links = new Set<string>();
  let title = '';
  let inTitle = false;
  let noindex = false;
  let nofollow = false;
  let baseSet = false;
  let effectiveBase = base;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'title') inTitle = true;
        else if (name === 'base' && attrs.href && !baseSet) {
          baseSet = true;
          // A <base> elsewhere is ignored: it could not make a link leave the origin anyway.
          try {
            const b = new URL(attrs.href, base);
            if (b.origin === base.origin) effectiveBase = b;
          } catch {
            // an unreadable <base> changes nothing
          }
        } else if (name === 'meta' && attrs.name?.toLowerCase() === 'robots') {
          const content = (attrs.content ?? '').toLowerCase();
          if (/\b(noindex|none)\b/.test(content)) noindex = true;
          if (/\b(nofollow|none)\b/.test(content)) nofollow = true;
        } else if (name === 'a' && attrs.href && links.size < MAX_LINKS) {
          if (/\bnofollow\b/i.test(attrs.rel ?? '')) return;
          const url = sameOriginUrl(attrs.href, effectiveBase);
          if (url) links.add(url);
        }
      },
      ontext(text) {
        if (inTitle && title.length < 600) title += text;
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html.slice(0, WEB_READ_LIMIT));
  const clean = title.replace(/\s+/g, ' ').trim().slice(0, 300);
  return { ...(clean ? { title: clean } : {}), links: nofollow ? [] : [...links], noindex, nofollow };
}

export type SitemapInfo = {
  /** Page addresses (`<urlset><url><loc>`), same origin as the sitemap. */
  pages: string[];
  /** Further sitemaps (`<sitemapindex><sitemap><loc>`), same origin. */
  sitemaps: string[];
};

/** A sitemap (sitemaps.org protocol, plain XML) or a sitemap index. */
export function readSitemap(xml: string, sitemapUrl: string): SitemapInfo {
  const base = new URL(sitemapUrl);
  const pages = new Set<string>();
  const sitemaps = new Set<string>();
  const stack: string[] = [];
  let loc = '';
  const parser = new Parser(
    {
      onopentag(name) {
        // Namespaced names (`sm:loc`) count by their local part.
        stack.push(name.replace(/^.*:/, '').toLowerCase());
        if (stack.at(-1) === 'loc') loc = '';
      },
      ontext(text) {
        if (stack.at(-1) === 'loc' && loc.length < 4096) loc += text;
      },
      onclosetag() {
        const name = stack.pop();
        if (name !== 'loc') return;
        const parent = stack.at(-1);
        const url = sameOriginUrl(loc, base);
        if (!url) return;
        if (parent === 'url' && pages.size < MAX_LINKS) pages.add(url);
        else if (parent === 'sitemap' && sitemaps.size < MAX_LINKS) sitemaps.add(url);
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(xml.slice(0, WEB_READ_LIMIT));
  return { pages: [...pages], sitemaps: [...sitemaps] };
}
