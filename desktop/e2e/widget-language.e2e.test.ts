// The web chat widget's own texts follow the team's widget language (issue 17: they followed the
// browser while the replies were in Russian). In Chromium with an English browser, on a shop's page
// (its own origin) embedding the widget from the real sync server: a widget set to Russian speaks Russian; one on
// `auto` starts in the browser's language and switches to the conversation's once the replies show
// it; a rep's reply is labelled with the rep's display name, never the login.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  hasChromium,
  launchBrowser,
  newContext,
  startSyncServer,
  type TestServer,
} from './harness';

describe.skipIf(!hasChromium)('web chat widget language in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let api: Awaited<ReturnType<typeof apiClient>>;
  let site: Server;
  let shop: string;

  beforeAll(async () => {
    server = await startSyncServer();
    browser = await launchBrowser();
    api = await apiClient(server);
    site = createServer((req, res) => {
      const key = new URL(req.url ?? '/', 'http://x').searchParams.get('key') ?? '';
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(
        `<!doctype html><html><body><h1>Shop</h1>` +
          `<script src="${server.url}/webchat/widget.js" data-key="${encodeURIComponent(key)}"></script></body></html>`,
      );
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    shop = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    site?.close();
  }, 30_000);

  /** A shop's page (its own origin, served by the test on loopback) embedding the widget. */
  async function shopPage(key: string): Promise<Page> {
    const page = await (await newContext(browser, 'en-US')).newPage();
    await page.goto(`${shop}/?key=${encodeURIComponent(key)}`);
    return page;
  }
  const widget = (page: Page) => ({
    button: page.locator('.btn'),
    who: page.locator('.who'),
    input: page.locator('form input'),
  });

  it('a widget set to Russian shows Russian texts in an English browser', async () => {
    const created = (await api.call('POST', '/api/v1/channels/webchat', { language: 'ru' })) as {
      key: string;
    };
    const page = await shopPage(created.key);
    await expect.poll(() => widget(page).button.textContent(), { timeout: 15_000 }).toBe('Написать нам');
    await widget(page).button.click();
    expect(await widget(page).input.getAttribute('placeholder')).toBe('Ваше сообщение…');
  }, 60_000);

  it('on auto, the texts switch to the conversation’s language once a reply shows it', async () => {
    const created = (await api.call('POST', '/api/v1/channels/webchat', {
      greeting: 'Здравствуйте!',
    })) as { key: string; language: string };
    expect(created.language).toBe('auto');
    const page = await shopPage(created.key);
    const w = widget(page);
    await expect.poll(() => w.button.textContent(), { timeout: 15_000 }).toBe('Chat with us');
    await w.button.click();
    await w.input.fill('Здравствуйте, сколько стоит доставка?');
    await w.input.press('Enter');
    const visitorId = await page.evaluate((k) => localStorage.getItem(`sw-chat-visitor:${k}`), created.key);
    expect(visitorId).toBeTruthy();
    // A rep's reply in Russian, written as a desktop writes it (the author name is the login e-mail).
    const me = (await api.call('GET', '/api/v1/me')) as { user: { id: string } };
    await api.call('PATCH', '/api/v1/me', { displayName: 'Ольга' });
    await api.putDocs('messages', [
      {
        id: 'msg-rep-widget-1',
        conversationId: `conv:webchat:${created.key}:${visitorId}`,
        channel: 'webchat',
        direction: 'outbound',
        author: { kind: 'rep', id: me.user.id, name: server.email },
        text: 'Доставка бесплатная от 3000 ₽.',
        attachments: [],
        delivery: { status: 'pending' },
        idempotencyKey: 'msg-rep-widget-1',
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
      },
    ]);
    // (The team's agent may answer too: every label is in Russian whatever came first.)
    await expect.poll(() => w.who.allTextContents(), { timeout: 30_000 }).toContain('Ольга');
    const labels = await w.who.allTextContents();
    expect(labels).toContain('Вы');
    expect(labels.every((l) => ['Ассистент', 'Вы', 'Ольга'].includes(l))).toBe(true);
    expect(await w.button.textContent()).toBe('Написать нам');
    expect(await w.input.getAttribute('placeholder')).toBe('Ваше сообщение…');
    expect(await page.locator('.log').textContent()).not.toContain(server.email);
  }, 90_000);
});
