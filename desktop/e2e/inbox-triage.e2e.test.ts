// Inbox triage (issue 64 item 7), in Chromium against the real sync server: Mine / Unassigned / All
// tabs with the counts the server's conversations give (closed ones left out), each tab listing its
// own; the counts follow the Filters control (the channel and mode selects behind one button); the
// list is wider at 1440 px; in Russian the mode pill leaves the preview its room and the tabs fit
// beside the Filters button.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import {
  apiClient,
  closeAll,
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  screensDir,
  signIn,
  startSyncServer,
  type TestServer,
} from './harness';

type Conv = { _id: string; status?: string; mode?: string; assigneeId?: string };
const preview = (id: string) => `Triage check ${id}: could you send the catering menu for Friday?`;

/** A picture of the screen for review (the screens walk's go to docs/screens; these to screensDir). */
const shot = (page: Page, name: string) => {
  mkdirSync(screensDir, { recursive: true });
  return page.screenshot({ path: join(screensDir, `${name}.png`) });
};

describe.skipIf(!hasChromium)('inbox triage: Mine / Unassigned / All with counts', () => {
  let server: TestServer;
  let browser: Browser;
  let english: BrowserContext;
  let russian: BrowserContext;
  let admin: Awaited<ReturnType<typeof apiClient>>;
  let me = '';

  /** What each tab should count, read from the server's conversations (not from the app). */
  async function expected(keep: (c: Conv) => boolean = () => true) {
    const all = (await admin.call('GET', '/sync/conversations/_all_docs?include_docs=true')) as {
      rows: { doc?: Conv }[];
    };
    const open = all.rows
      .map((r) => r.doc)
      .filter((c): c is Conv => !!c && !c._id.startsWith('_design') && c.status !== 'closed')
      .filter(keep);
    return {
      mine: open.filter((c) => c.assigneeId === me).length,
      unassigned: open.filter((c) => !c.assigneeId).length,
      all: open.length,
    };
  }

  const counts = (page: Page) =>
    Promise.all(
      (['mine', 'unassigned', 'all'] as const).map(async (k) =>
        Number(await page.locator(`[data-testid=inbox-count-${k}]`).textContent()),
      ),
    ).then(([mine, unassigned, all]) => ({ mine, unassigned, all }));

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer();
    browser = await launchBrowser();
    admin = await apiClient(server);
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: server.email, password: server.password }),
    });
    me = ((await login.json()) as { user: { id: string } }).user.id;
    const at = new Date().toISOString();
    const conv = (id: string, over: Record<string, unknown>) => ({
      id,
      contactId: `contact-${id}`,
      channel: 'telegram',
      externalChatId: id,
      mode: 'ai',
      status: 'open',
      lastMessageAt: at,
      lastMessagePreview: preview(id),
      createdAt: at,
      updatedAt: at,
      ...over,
    });
    await admin.putDocs('conversations', [
      conv('triage-mine', { assigneeId: me, mode: 'human' }),
      conv('triage-mine-ai', { assigneeId: me }),
      conv('triage-mine-closed', { assigneeId: me, status: 'closed' }),
      conv('triage-free', {}),
      conv('triage-other', { assigneeId: 'someone-else', mode: 'human' }),
    ]);
    english = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    russian = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ru-RU' });
  }, 180_000);

  afterAll(() => closeAll(browser, server), 30_000);

  it('counts and lists Mine, Unassigned and All, and the counts follow the filters', async () => {
    const page = await english.newPage();
    await signIn(page, server);
    await page.goto(`${server.url}/app/#/inbox`);
    const want = await expected();
    expect(want.mine).toBeGreaterThanOrEqual(2); // the demo's and this file's
    await expect.poll(() => counts(page), { timeout: 30_000 }).toEqual(want);
    const row = (id: string) => page.locator('[data-testid=conversation-row]', { hasText: preview(id) });

    await page.click('[data-testid=inbox-tab-mine]');
    await row('triage-mine').waitFor();
    await expect.poll(() => page.locator('[data-testid=conversation-row]').count()).toBe(want.mine);
    expect(await row('triage-mine-ai').count()).toBe(1);
    expect(await row('triage-mine-closed').count()).toBe(0);
    expect(await row('triage-free').count()).toBe(0);

    await page.click('[data-testid=inbox-tab-unassigned]');
    await row('triage-free').waitFor();
    expect(await row('triage-mine').count()).toBe(0);
    expect(await row('triage-other').count()).toBe(0);

    // The filters sit behind one button; the tabs count what they let through.
    expect(await page.locator('[data-testid=filter-mode]').count()).toBe(0);
    await page.click('[data-testid=inbox-filters-toggle]');
    await page.selectOption('[data-testid=filter-mode]', 'human');
    await expect.poll(() => counts(page)).toEqual(await expected((c) => c.mode === 'human'));
    expect(await page.locator('[data-testid=inbox-filters-toggle] .count').textContent()).toBe('1');
    await shot(page, 'inbox-triage-filters');
    expect(await axeViolations(page)).toEqual([]);
    await page.click('[data-testid=inbox-filters-clear]');
    await expect.poll(() => counts(page)).toEqual(want);

    // The tab is kept for the next visit; the list is wider than the old 340 px at 1440.
    await page.click('[data-testid=inbox-tab-mine]');
    await page.reload();
    await row('triage-mine').waitFor({ timeout: 30_000 });
    expect(await page.getAttribute('[data-testid=inbox-tab-mine]', 'aria-pressed')).toBe('true');
    expect((await page.locator('.list-pane').boundingBox())!.width).toBeGreaterThanOrEqual(380);
    await page.close();
  }, 180_000);

  it('leaves the preview its room beside the mode pill in Russian', async () => {
    const page = await russian.newPage();
    await signIn(page, server);
    await page.goto(`${server.url}/app/#/inbox`);
    const mine = (await expected()).mine;
    await expect
      .poll(() => page.locator('[data-testid=inbox-tab-mine]').textContent(), { timeout: 30_000 })
      .toBe(`Мои${mine}`);
    const row = page.locator('[data-testid=conversation-row]', { hasText: preview('triage-mine') });
    await row.waitFor({ timeout: 30_000 });
    const pill = row.locator('[data-testid=conversation-mode]');
    expect(await pill.getAttribute('aria-label')).toBe('Отвечает менеджер');
    const widths = await row.locator('.row-bottom').evaluate((el) => ({
      row: el.getBoundingClientRect().width,
      preview: el.querySelector('.ellipsis')!.getBoundingClientRect().width,
    }));
    expect(widths.preview / widths.row).toBeGreaterThan(0.75);
    // The tabs and the Filters button share one line without overlapping.
    const lastTab = (await page.locator('[data-testid=inbox-tab-all]').boundingBox())!;
    const toggle = page.locator('[data-testid=inbox-filters-toggle]');
    expect(lastTab.x + lastTab.width).toBeLessThanOrEqual((await toggle.boundingBox())!.x);
    expect(Math.abs(lastTab.y - (await toggle.boundingBox())!.y)).toBeLessThan(lastTab.height);
    expect(await toggle.getAttribute('aria-label')).toBe('Фильтры');
    await shot(page, 'inbox-triage-ru');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  }, 180_000);
});
