// Pages a web chat visitor viewed on the team's site, as twin facts (issue 14), in Chromium against the
// real sync server: an admin switches "note the pages a visitor viewed" on in Settings > Web chat; on
// a shop's site (its own origin, two pages embedding the widget) the widget asks the visitor in one
// line, the visitor allows, browses and writes; the contact page in the app then shows the pages
// viewed as a fact marked "pages viewed on the site". A visitor who says No sends no pages; the
// question is in Russian in a Russian browser.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeAll,
  ensureWebBuild,
  hasChromium,
  newContext,
  signedInPage,
  startSyncServer,
  toastText,
  type TestServer,
} from './harness';

const titles: Record<string, string> = { '/pricing': 'Pricing — Shop', '/delivery': 'Delivery — Shop' };

describe.skipIf(!hasChromium)('web chat: pages viewed, with the visitor’s consent', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let app: Page;
  let site: Server;
  let shop: string;
  let key = '';

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer();
    ({ browser, context, page: app } = await signedInPage(server));
    site = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(
        `<!doctype html><html><head><title>${titles[url.pathname] ?? 'Shop'}</title></head><body><h1>Shop</h1>` +
          `<script src="${server.url}/webchat/widget.js" data-key="${encodeURIComponent(key)}"></script></body></html>`,
      );
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    shop = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  }, 180_000);

  afterAll(async () => {
    await closeAll(context, browser, server);
    site?.close();
  }, 30_000);

  it('the admin switches it on in Settings > Web chat (off by default)', async () => {
    await app.goto(`${server.url}/app/#/settings/channels`);
    const card = app.locator('[data-testid=webchat-card]');
    const enable = card.locator('[data-testid=webchat-enable]');
    const snippet = card.locator('[data-testid=webchat-snippet]');
    await enable.or(snippet).first().waitFor({ timeout: 20_000 });
    if (await enable.isVisible()) await enable.click();
    await snippet.waitFor({ timeout: 20_000 });
    key = (await snippet.inputValue()).match(/data-key="([^"]+)"/)![1]!;
    const box = card.locator('[data-testid=webchat-record-pages]');
    expect(await box.isChecked()).toBe(false);
    expect(await card.textContent()).toContain('Note the pages a visitor viewed on the site');
    await box.check();
    await card.locator('[data-testid=webchat-save]').click();
    await expect.poll(() => toastText(app, 'webchat-notice'), { timeout: 15_000 }).toBe('Saved');
  }, 60_000);

  it('the visitor allows, browses and writes; the contact page shows the pages viewed', async () => {
    const visitor = await (await newContext(browser, 'en-US')).newPage();
    const posted: unknown[] = [];
    visitor.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/webchat/v1/')) posted.push(r.postDataJSON());
    });
    await visitor.goto(`${shop}/pricing`);
    await expect.poll(() => visitor.locator('.btn').textContent(), { timeout: 15_000 }).toBe('Chat with us');
    await visitor.locator('.btn').click();
    const consent = visitor.locator('.consent');
    await consent.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await consent.locator('span').textContent()).toBe(
      'May we note which pages of this site you view, to help you better?',
    );
    await consent.getByRole('button', { name: 'Allow' }).click();
    await consent.waitFor({ state: 'hidden' });

    await visitor.goto(`${shop}/delivery?utm_source=ads`);
    await expect.poll(() => visitor.locator('.btn').textContent(), { timeout: 15_000 }).toBe('Chat with us');
    await visitor.locator('.btn').click();
    // Remembered: not asked again.
    await visitor.waitForTimeout(500);
    expect(await visitor.locator('.consent').isVisible()).toBe(false);
    await visitor.locator('form input').fill('Hello! How long does delivery take?');
    await visitor.locator('form input').press('Enter');
    await expect.poll(() => posted.length, { timeout: 15_000 }).toBe(1);
    expect(posted[0]).toMatchObject({
      pagesConsent: true,
      pages: [
        { path: '/pricing', title: 'Pricing — Shop' },
        { path: '/delivery', title: 'Delivery — Shop' },
      ],
    });
    const visitorId = await visitor.evaluate((k) => localStorage.getItem(`sw-chat-visitor:${k}`), key);

    await app.goto(`${server.url}/app/#/contacts/${encodeURIComponent(`contact:webchat:${visitorId}`)}`);
    const facts = app.locator('[data-testid=contact-twin]');
    await expect
      .poll(() => facts.textContent(), { timeout: 30_000 })
      .toContain('Pages viewed: Pricing — Shop (/pricing); Delivery — Shop (/delivery)');
    // The fact under its message's quote, which is shown once (issue 64).
    const item = facts.locator('[data-testid=twin-quote]', { hasText: 'Pages viewed' });
    expect(await item.textContent()).toContain('pages viewed on the site before message');
    // The fact cites the visitor's message, shown once the message has reached this device too.
    await expect
      .poll(() => item.textContent(), { timeout: 30_000 })
      .toContain('Hello! How long does delivery take?');
    await visitor.context().close();
  }, 90_000);

  it('a visitor who says No sends no pages; the question is Russian in a Russian browser', async () => {
    const visitor = await (await newContext(browser, 'ru-RU')).newPage();
    const posted: Array<Record<string, unknown>> = [];
    visitor.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/webchat/v1/')) posted.push(r.postDataJSON());
    });
    await visitor.goto(`${shop}/pricing`);
    await expect.poll(() => visitor.locator('.btn').textContent(), { timeout: 15_000 }).toBe('Написать нам');
    await visitor.locator('.btn').click();
    const consent = visitor.locator('.consent');
    await consent.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await consent.locator('span').textContent()).toMatch(/^Можно учитывать, какие страницы/);
    await consent.getByRole('button', { name: 'Нет' }).click();
    await visitor.goto(`${shop}/delivery`);
    await expect.poll(() => visitor.locator('.btn').textContent(), { timeout: 15_000 }).toBe('Написать нам');
    await visitor.locator('.btn').click();
    await visitor.locator('form input').fill('Здравствуйте!');
    await visitor.locator('form input').press('Enter');
    await expect.poll(() => posted.length, { timeout: 15_000 }).toBe(1);
    expect(posted[0]).not.toHaveProperty('pages');
    expect(await visitor.evaluate((k) => localStorage.getItem(`sw-chat-pages:${k}`), key)).toBeNull();
    await visitor.context().close();
  }, 60_000);
});
