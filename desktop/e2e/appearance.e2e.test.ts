// Settings > Appearance in Chromium against the real sync server (its demo team's conversations and
// deals): Dark turns the page dark on a light system, Compact makes inbox and lead-table rows shorter
// with each row exactly the slot its virtualised list gives it, and both survive a reload.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeAll,
  ensureWebBuild,
  hasChromium,
  signedInPage,
  startSyncServer,
  type TestServer,
} from './harness';

const background = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
/** The first row's height and the distance to the next one (its slot in the virtualised list). */
const rowBox = (page: Page, testId: string) =>
  page.evaluate((id) => {
    const [a, b] = [...document.querySelectorAll<HTMLElement>(`[data-testid=${id}]`)].map((el) =>
      el.getBoundingClientRect(),
    );
    return { height: a!.height, slot: b!.top - a!.top };
  }, testId);
const leadRows = async (page: Page, url: string) => {
  await page.goto(`${url}/app/#/leads`);
  await page.click('[data-testid=view-table]');
  await expect
    .poll(() => page.locator('[data-testid=lead-row]').count(), { timeout: 20_000 })
    .toBeGreaterThan(1);
  return rowBox(page, 'lead-row');
};
const inboxRows = async (page: Page, url: string) => {
  await page.goto(`${url}/app/#/inbox`);
  const rows = page.locator('[data-testid=conversation-row]');
  await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThan(1);
  return rowBox(page, 'conversation-row');
};

describe.skipIf(!hasChromium)('Appearance: theme and density of this device', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer();
    ({ browser, page } = await signedInPage(server));
  }, 180_000);

  afterAll(() => closeAll(browser, server), 30_000);

  it('switches to Dark on a light system, and back to System', async () => {
    await page.goto(`${server.url}/app/#/settings`);
    const card = page.locator('[data-testid=appearance-card]');
    await card.waitFor();
    expect(await card.locator('[data-testid=theme-system]').getAttribute('aria-pressed')).toBe('true');
    const light = await background(page);
    expect(light).toBe('rgb(246, 247, 249)');

    await card.locator('[data-testid=theme-dark]').click();
    await expect.poll(() => background(page)).toBe('rgb(15, 17, 21)');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await card.locator('[data-testid=theme-dark]').getAttribute('aria-pressed')).toBe('true');

    await card.locator('[data-testid=theme-system]').click();
    await expect.poll(() => background(page)).toBe(light);
    await card.locator('[data-testid=theme-dark]').click();
  }, 60_000);

  it('makes inbox and lead-table rows shorter in Compact, each row filling its list slot', async () => {
    const inbox = await inboxRows(page, server.url);
    const leads = await leadRows(page, server.url);
    expect(inbox).toEqual({ height: 68, slot: 68 });
    expect(leads).toEqual({ height: 40, slot: 40 });

    await page.goto(`${server.url}/app/#/settings`);
    await page.click('[data-testid=density-compact]');
    const compactInbox = await inboxRows(page, server.url);
    const compactLeads = await leadRows(page, server.url);
    expect(compactInbox.height).toBeLessThan(inbox.height);
    expect(compactInbox.slot).toBe(compactInbox.height);
    expect(compactLeads.height).toBeLessThan(leads.height);
    expect(compactLeads.slot).toBe(compactLeads.height);
    // The row's content still fits in it (nothing clipped by the shorter slot).
    const fits = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid=lead-row]')].every(
        (el) => el.scrollHeight <= el.clientHeight + 1,
      ),
    );
    expect(fits).toBe(true);
  }, 90_000);

  it('keeps both after a reload, and names them in Russian', async () => {
    await page.goto(`${server.url}/app/#/settings`);
    await page.reload();
    const card = page.locator('[data-testid=appearance-card]');
    await card.waitFor();
    expect(await background(page)).toBe('rgb(15, 17, 21)');
    expect(await page.evaluate(() => ({ ...document.documentElement.dataset }))).toMatchObject({
      theme: 'dark',
      density: 'compact',
    });
    expect(await card.locator('[data-testid=density-compact]').getAttribute('aria-pressed')).toBe('true');
    const compactInbox = await inboxRows(page, server.url);
    expect(compactInbox.height).toBeLessThan(68);

    await page.goto(`${server.url}/app/#/settings`);
    await page.selectOption('[data-testid=language]', 'ru');
    await expect.poll(() => card.locator('h3').textContent()).toBe('Оформление');
    expect(await card.locator('[data-testid=theme-dark]').textContent()).toBe('Тёмная');
    expect(await card.locator('[data-testid=density-compact]').textContent()).toBe('Компактно');
  }, 90_000);
});
