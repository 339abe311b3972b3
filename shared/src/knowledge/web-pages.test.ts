import { describe, expect, it } from 'vitest';
import { readPage, readSitemap, sameOriginUrl } from './web-pages';

describe('readPage', () => {
  it('reads the title, same-origin links without fragments, and nothing that leaves the site', () => {
    const html = `<html><head><title> Prices &amp; plans </title></head><body>
      <a href="/docs/a#top">A</a><a href="b.html">B</a><a href="https://evil.example/x">out</a>
      <a href="mailto:x@y.z">mail</a><a href="javascript:alert(1)">js</a><a href="/docs/a">A again</a>
      <a href="/skip" rel="nofollow">skip</a></body></html>`;
    const page = readPage(html, 'https://site.example/docs/index.html');
    expect(page.title).toBe('Prices & plans');
    expect(page.links).toEqual(['https://site.example/docs/a', 'https://site.example/docs/b.html']);
    expect(page.noindex).toBe(false);
  });

  it('follows the robots meta: noindex, nofollow and none', () => {
    const none = readPage('<meta name="ROBOTS" content="none"><a href="/x">x</a>', 'http://s.example/');
    expect(none).toMatchObject({ noindex: true, nofollow: true, links: [] });
    const noindex = readPage(
      '<meta name="robots" content="noindex, follow"><a href="/x">x</a>',
      'http://s.example/',
    );
    expect(noindex).toMatchObject({ noindex: true, nofollow: false, links: ['http://s.example/x'] });
  });

  it('takes a <base> of the same origin only', () => {
    const page = readPage('<base href="https://evil.example/"><a href="x">x</a>', 'https://site.example/a/');
    expect(page.links).toEqual(['https://site.example/a/x']);
  });
});

describe('readSitemap', () => {
  it('reads pages and nested sitemaps of the same origin, namespaced or not', () => {
    const xml = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc> https://site.example/a </loc><lastmod>2026-01-01</lastmod></url>
      <url><loc>https://site.example/b?x=1&amp;y=2</loc></url>
      <url><loc>https://other.example/c</loc></url></urlset>`;
    expect(readSitemap(xml, 'https://site.example/sitemap.xml')).toEqual({
      pages: ['https://site.example/a', 'https://site.example/b?x=1&y=2'],
      sitemaps: [],
    });
    const index = `<sm:sitemapindex xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sm:sitemap><sm:loc>https://site.example/s1.xml</sm:loc></sm:sitemap></sm:sitemapindex>`;
    expect(readSitemap(index, 'https://site.example/sitemap.xml').sitemaps).toEqual([
      'https://site.example/s1.xml',
    ]);
  });

  it('answers nothing for what is not a sitemap', () => {
    expect(readSitemap('<html><body>hi</body></html>', 'https://s.example/')).toEqual({
      pages: [],
      sitemaps: [],
    });
  });
});

describe('sameOriginUrl', () => {
  it('refuses other schemes, origins and unreadable addresses', () => {
    const base = new URL('https://site.example/a/');
    expect(sameOriginUrl('ftp://site.example/x', base)).toBeUndefined();
    expect(sameOriginUrl('http://site.example/x', base)).toBeUndefined();
    expect(sameOriginUrl('http://[::1', base)).toBeUndefined();
    expect(sameOriginUrl('../b#c', base)).toBe('https://site.example/b');
  });
});
