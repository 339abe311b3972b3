// Websites as knowledge in the Knowledge screen (issue 40), in Chromium against the real server and a
// small website the test serves on loopback (opened to the server for its port only): an admin adds
// the site in Russian, sees the crawl's outcome in words, the pages under the website with their
// titles, and "read again now"; an address the server may not fetch is refused with a readable reason
// in the UI's language, and the refused server is never reached.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild, hasChromium, signedInPage, startSyncServer, type TestServer } from './harness';

const page = (title: string, text: string, links: string[] = []) =>
  `<!doctype html><html lang="ru"><head><title>${title}</title></head><body><main><h1>${title}</h1><p>${text}</p>${links
    .map((l) => `<a href="${l}">${l}</a>`)
    .join(' ')}</main></body></html>`;
const site: Record<string, string> = {
  '/help/': page('Помощь', 'Ответы на частые вопросы.', ['/help/delivery', '/help/returns']),
  '/help/delivery': page('Доставка по России', 'Доставка в Казань занимает три дня.'),
  '/help/returns': page('Возврат товара', 'Вернуть товар можно в течение 14 дней.'),
};

describe.skipIf(!hasChromium)('websites in the Knowledge screen', () => {
  let server: TestServer;
  let web: Server;
  let refused: Server;
  let refusedHits = 0;
  let webUrl = '';
  let refusedUrl = '';
  let browser: Browser;
  let tab: Page;

  const listen = (s: Server) =>
    new Promise<string>((r) =>
      s.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)),
    );

  beforeAll(async () => {
    ensureWebBuild();
    web = createServer((req, res) => {
      const body = site[new URL(req.url ?? '/', 'http://x').pathname];
      res.writeHead(body ? 200 : 404, { 'content-type': body ? 'text/html; charset=utf-8' : 'text/plain' });
      res.end(body ?? 'not found');
    });
    refused = createServer((_req, res) => {
      refusedHits++;
      res.end('no');
    });
    webUrl = await listen(web);
    refusedUrl = await listen(refused);
    server = await startSyncServer({ OUTBOUND_ALLOW_PRIVATE: `127.0.0.1:${new URL(webUrl).port}` });
    ({ browser, page: tab } = await signedInPage(server, 'ru-RU'));
    await tab.selectOption('[data-testid=language]', 'ru');
    await tab.goto(`${server.url}/app/#/knowledge`);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((r) => web?.close(r));
    await new Promise((r) => refused?.close(r));
  }, 30_000);

  it('adds a website, shows its pages and when it is read again', async () => {
    await tab.fill('[data-testid=website-url]', `${webUrl}/help/`);
    await tab.click('[data-testid=website-add]');
    const item = tab.locator('[data-testid=website]');
    await expect
      .poll(() => item.locator('[data-testid=website-summary]').textContent(), { timeout: 60_000 })
      .toMatch(
        /^3 страницы · прочитан .+: новых или изменённых 3, без изменений 0, удалено 0, с ошибкой 0 · следующий раз /,
      );
    await expect.poll(() => item.locator('[data-testid=website-state]').textContent()).toBe('готов');
    await item.locator('summary').click();
    const titles = await item.locator('[data-testid=website-pages] li > span:first-child').allTextContents();
    expect(titles.sort()).toEqual(['Возврат товара', 'Доставка по России', 'Помощь']);
    // The pages are not listed again among the files.
    const files = tab.locator('[data-testid=sources] > li:not([data-testid=website])');
    expect(await files.allTextContents()).not.toContain(expect.stringContaining('Доставка по России'));

    site['/help/returns'] = page('Возврат товара', 'Вернуть товар можно в течение 30 дней.');
    await item.locator('[data-testid=website-crawl]').click();
    await expect
      .poll(() => item.locator('[data-testid=website-summary]').textContent(), { timeout: 60_000 })
      .toMatch(/новых или изменённых 1, без изменений 2/);
  }, 150_000);

  it('groups the sources by where they came from and filters them by a title or a page', async () => {
    const groups = tab.locator('.source-group h4');
    expect(await tab.locator('[data-testid=source-group-websites] h4').textContent()).toBe('Сайты 1');
    expect((await groups.allTextContents()).length).toBeGreaterThan(1);
    // A word of one of the website's pages keeps the website and drops every other source.
    await tab.fill('[data-testid=source-filter]', 'возврат');
    await expect.poll(() => groups.allTextContents()).toEqual(['Сайты 1']);
    await tab.fill('[data-testid=source-filter]', 'доставка россии');
    await expect.poll(() => groups.allTextContents()).toEqual(['Сайты 1']);
    await tab.fill('[data-testid=source-filter]', 'нетакогоисточника');
    await expect
      .poll(() => tab.locator('[data-testid=source-filter-empty]').textContent())
      .toBe('Нет источников по запросу «нетакогоисточника».');
    expect(await groups.count()).toBe(0);
    await tab.fill('[data-testid=source-filter]', '');
    await expect.poll(() => groups.count()).toBeGreaterThan(1);
  }, 60_000);

  it("says what each file's count is, and indexes a file again or removes it", async () => {
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: server.email, password: server.password }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const uploaded = await fetch(`${server.url}/api/v1/knowledge/sources?fileName=garantiya.md`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/octet-stream' },
      body: '# Гарантия\n\nГарантия на оборудование — два года с даты покупки.\n',
    });
    expect(uploaded.status).toBe(201);
    const rows = tab.locator('[data-testid=sources] > li:not([data-testid=website])');
    const row = rows.filter({ hasText: 'garantiya' });
    await expect.poll(() => row.textContent(), { timeout: 60_000 }).toMatch(/готов · 1 фрагмент/);
    // A seeded source has no stored original: nothing to index again, so no button for it.
    const seeded = rows.filter({ hasNotText: 'garantiya' }).first();
    expect(await seeded.textContent()).toMatch(/ · \d+ фрагмент(а|ов)?/);
    expect(await seeded.getByRole('button', { name: 'Проиндексировать заново' }).count()).toBe(0);
    // Each file's actions stay at the end of its first line, however long its title and facts (a long
    // Russian title used to push «Удалить» onto a line of its own under half the rows).
    const actionsOffTheLine = () =>
      rows.evaluateAll((items) =>
        items.flatMap((li) => {
          const main = li.querySelector(':scope > .source-main');
          const actions = li.querySelector(':scope > .source-actions');
          if (!main || !actions) return [`${li.textContent}: no title box or no actions`];
          const m = main.getBoundingClientRect();
          const a = actions.getBoundingClientRect();
          return a.top <= m.top + 4 && a.left >= m.right - 1 ? [] : [main.textContent ?? ''];
        }),
      );
    for (const width of [1440, 1024]) {
      await tab.setViewportSize({ width, height: 900 });
      expect(await rows.count()).toBeGreaterThan(3);
      expect(await actionsOffTheLine()).toEqual([]);
    }
    await row.getByRole('button', { name: 'Проиндексировать заново' }).click();
    await expect.poll(() => row.textContent(), { timeout: 60_000 }).toMatch(/готов · 1 фрагмент/);
    const dialogs: string[] = [];
    tab.once('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await row.getByRole('button', { name: 'Удалить' }).click();
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(0);
    expect(dialogs).toEqual(['Удалить «garantiya» и его фрагменты из базы знаний?']);
  }, 120_000);

  it('refuses an address the server may not fetch, saying why in Russian', async () => {
    await tab.fill('[data-testid=website-url]', `${refusedUrl}/`);
    await tab.click('[data-testid=website-add]');
    await expect
      .poll(() => tab.locator('[data-testid=website-error]').textContent())
      .toBe(
        'Сервер не может обращаться к этому адресу: локальные и внутренние адреса открывает только администратор сервера (OUTBOUND_ALLOW_PRIVATE).',
      );
    expect(refusedHits).toBe(0);
  });
});
