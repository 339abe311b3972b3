// Layout bugs issue 17 found at 1440×900 in Russian, each measured in Chromium against the real sync
// server: the sidebar's title on one line, inbox filters wide enough for what they show, the contact's
// header clear of the list, Tasks and Meetings with an empty state, and Activity without an empty box
// under "no steps" and with steps written for people instead of raw JSON.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram } from './fake-telegram';
import {
  apiClient,
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  signIn,
  startSyncServer,
  type TestServer,
} from './harness';

describe.skipIf(!hasChromium)('layout at 1440×900 in Russian', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let telegram: Awaited<ReturnType<typeof startFakeTelegram>>;

  beforeAll(async () => {
    ensureWebBuild();
    telegram = await startFakeTelegram();
    server = await startSyncServer({
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
    });
    browser = await launchBrowser();
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ru-RU' });
    page = await ctx.newPage();
    await signIn(page, server);
    await page.selectOption('[data-testid=language]', 'ru');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await telegram?.close();
  }, 30_000);

  it('keeps the sidebar title on one line, whole', async () => {
    const brand = page.locator('.sidebar .brand');
    await expect.poll(() => brand.textContent()).toBe('Рабочее место продаж');
    const m = await brand.evaluate((el) => {
      const style = getComputedStyle(el);
      const range = document.createRange();
      range.selectNodeContents(el);
      return {
        lines: range.getClientRects().length,
        lineHeight: parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2,
        textHeight: range.getBoundingClientRect().height,
        clipped: el.scrollWidth > el.clientWidth,
      };
    });
    expect(m.textHeight).toBeLessThan(m.lineHeight * 1.5);
    expect(m.clipped).toBe(false);
  });

  it('makes each inbox filter wide enough for the text it shows', async () => {
    await page.goto(`${server.url}/app/#/inbox`);
    await page.locator('[data-testid=conversation-row]').first().waitFor({ timeout: 30_000 });
    // Whose conversations is a tab (Mine / Unassigned / All); the other filters open from one button.
    await page.click('[data-testid=inbox-filters-toggle]');
    for (const id of ['filter-channel', 'filter-mode']) {
      const fit = await page.locator(`[data-testid=${id}]`).evaluate((el) => {
        const select = el as HTMLSelectElement;
        const style = getComputedStyle(select);
        const ctx = document.createElement('canvas').getContext('2d')!;
        ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const text = select.selectedOptions[0]!.text;
        // Padding, border and the drop-down arrow take about 32 px of a select's width.
        return { text, need: ctx.measureText(text).width + 32, has: select.getBoundingClientRect().width };
      });
      expect(fit.has, `${id}: "${fit.text}"`).toBeGreaterThanOrEqual(fit.need);
    }
  });

  it("sets the contact's header apart from the list and shows empty Tasks and Meetings", async () => {
    // A customer the demo imported, with no tasks or meetings yet (sync-server/src/seed).
    await page.goto(`${server.url}/app/#/contacts/contact-pavel-lebedev`);
    await page.locator('[data-testid=contact-detail]').waitFor();
    const list = await page.locator('.list-pane').boundingBox();
    const title = await page.locator('[data-testid=contact-detail] h1').boundingBox();
    expect(title!.x - (list!.x + list!.width)).toBeGreaterThanOrEqual(16);
    expect(title!.y).toBeGreaterThanOrEqual(list!.y + 12);
    // Empty, each says what to do next (issue 64).
    expect(await page.locator('[data-testid=tasks-empty]').textContent()).toBe(
      'Задач пока нет: добавьте следующий шаг ниже.',
    );
    expect(await page.locator('[data-testid=meetings-empty]').textContent()).toBe(
      'Встреч пока нет: назначьте встречу из диалога или в календаре. Открыть календарь',
    );

    // The add button under Tasks writes a task for this contact, which reaches the server.
    await page.fill('[data-testid=task-title]', 'Перезвонить Павлу в пятницу');
    await page.click('[data-testid=task-add]');
    await page
      .locator('[data-testid=contact-tasks] li', { hasText: 'Перезвонить Павлу в пятницу' })
      .waitFor();
    expect(await page.locator('[data-testid=tasks-empty]').count()).toBe(0);
    const api = await apiClient(server);
    await expect
      .poll(
        async () => {
          const r = (await api.call('POST', '/sync/tasks/_all_docs', { include_docs: true })) as {
            rows: { doc?: { title?: string; contactId?: string; status?: string } }[];
          };
          return r.rows.find((row) => row.doc?.title === 'Перезвонить Павлу в пятницу')?.doc;
        },
        { timeout: 20_000 },
      )
      .toMatchObject({ contactId: 'contact-pavel-lebedev', status: 'open' });
  }, 60_000);

  it('shows "no steps" without an empty box, then steps written for people', async () => {
    await page.goto(`${server.url}/app/#/activity`);
    await page.locator('[data-testid=activity-empty]').waitFor();
    expect(await page.locator('[data-testid=activity-list]').count()).toBe(0);

    // A customer writes; the server's agents work on it and log their steps.
    telegram.customerWrites(900300400, 'Ольга', 'Здравствуйте! Сколько стоит тариф для 5 человек?');
    const rows = page.locator('[data-testid=activity-row]');
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBeGreaterThan(1);
    await page.waitForTimeout(1_000);
    const texts = await rows.allTextContents();
    for (const text of texts) {
      expect(text, text).not.toMatch(/[{[]"|":/); // no JSON
      expect(text, text).not.toMatch(/\b(started|ok|error|skipped|denied)\b/); // statuses translated
    }
    expect(await page.locator('[data-testid=activity-empty]').count()).toBe(0);
    // The supervisor's routing, in words: the customer and the intent named in Russian, not `intent: price`.
    await expect
      .poll(async () => (await rows.allTextContents()).join('\n'), { timeout: 30_000 })
      .toContain('Прочитано сообщение клиента Ольга: цена');
    expect(texts.join('\n')).not.toMatch(/\b(intent|confidence|toolCalls|optOut):/);
    await page.screenshot({ path: '/tmp/layout-activity.png' });
  }, 90_000);

  it('follows a dark system theme, every text readable on its background', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
    const dark = await ctx.newPage();
    await signIn(dark, server);
    await dark.goto(`${server.url}/app/#/settings/team`);
    await dark.locator('[data-testid=members-card]').waitFor();
    const checks = await dark.evaluate(() => {
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const lum = (c: string) => {
        const [r, g, b] = rgb(c).map((v) => {
          const x = v / 255;
          return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const background = (el: Element): string => {
        for (let e: Element | null = el; e; e = e.parentElement) {
          const bg = getComputedStyle(e).backgroundColor;
          if (bg && !bg.startsWith('rgba(0, 0, 0, 0)') && bg !== 'transparent') return bg;
        }
        return 'rgb(255, 255, 255)';
      };
      const contrast = (el: Element) => {
        const a = lum(getComputedStyle(el).color);
        const b = lum(background(el));
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      };
      const pick = ['h1', '.panel h3', '.panel .muted', '.nav-item', 'button.primary', '.panel input'];
      return {
        page: lum(getComputedStyle(document.body).backgroundColor || background(document.body)),
        shell: lum(background(document.querySelector('.main')!)),
        contrast: Object.fromEntries(pick.map((sel) => [sel, contrast(document.querySelector(sel)!)])),
      };
    });
    expect(checks.shell).toBeLessThan(0.05);
    for (const [sel, ratio] of Object.entries(checks.contrast))
      expect(ratio, sel).toBeGreaterThanOrEqual(4.5);
    await dark.screenshot({ path: '/tmp/layout-dark.png' });
    await ctx.close();
  }, 60_000);
});
