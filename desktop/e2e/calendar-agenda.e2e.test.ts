// The calendar with tasks (issue 64 item 6), in Chromium against the real sync server: tasks with a
// due time show in the week beside meetings, styled apart, an open one past due marked overdue and a
// done one not; a desktop rep may switch to the agenda (a list by day) and open a task from it; at
// phone width (390 px) the calendar is the agenda, in Russian, with no sideways scroll, and an open
// task overdue from an earlier week is listed first.
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

const timeZone = 'Europe/Moscow';
const overdueTask = 'Call Anna about the contract';
const doneTask = 'Send the brochure';
const oldTask = 'Chase the unpaid invoice';
const meeting = 'Catering tasting with Anna';

/** A picture of the screen for review (the screens walk's go to docs/screens; these to screensDir). */
const shot = (page: Page, name: string) => {
  mkdirSync(screensDir, { recursive: true });
  return page.screenshot({ path: join(screensDir, `${name}.png`) });
};

describe.skipIf(!hasChromium)('calendar: due tasks beside meetings, and the agenda on the phone', () => {
  let server: TestServer;
  let browser: Browser;
  let desktop: BrowserContext;
  let phone: BrowserContext;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer();
    browser = await launchBrowser();
    const admin = await apiClient(server);
    const now = Date.now();
    // Earlier today in Moscow, so the week view holds it whatever the hour (the minute after midnight
    // at the earliest; a run in that very minute would find it not yet overdue).
    const midnight = Date.parse(
      `${new Intl.DateTimeFormat('en-CA', { timeZone }).format(now)}T00:00:00+03:00`,
    );
    const earlier = (ms: number) => new Date(Math.max(midnight + 60_000, now - ms)).toISOString();
    const at = new Date(now).toISOString();
    const rep = { kind: 'rep', id: 'someone' };
    await admin.putDocs(
      'tasks',
      [
        { id: 'cal-overdue', title: overdueTask, status: 'open', dueAt: earlier(20 * 60_000) },
        { id: 'cal-done', title: doneTask, status: 'done', dueAt: earlier(40 * 60_000) },
        {
          id: 'cal-old',
          title: oldTask,
          status: 'open',
          dueAt: new Date(now - 20 * 86_400_000).toISOString(),
        },
        { id: 'cal-undated', title: 'Someday, maybe', status: 'open' },
      ].map((t) => ({ ...t, priority: 'normal', createdBy: rep, createdAt: at, updatedAt: at })),
    );
    await admin.putDocs('events', [
      {
        id: 'cal-meeting',
        title: meeting,
        startAt: earlier(3 * 3_600_000),
        endAt: earlier(2 * 3_600_000),
        status: 'scheduled',
        createdBy: rep,
        createdAt: at,
        updatedAt: at,
      },
    ]);
    desktop = await browser.newContext({
      viewport: { width: 1360, height: 860 },
      locale: 'en-US',
      timezoneId: timeZone,
    });
    phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'ru-RU',
      timezoneId: timeZone,
      isMobile: true,
      hasTouch: true,
    });
  }, 180_000);

  afterAll(() => closeAll(browser, server), 30_000);

  const openCalendar = async (page: Page) => {
    await signIn(page, server);
    await page.goto(`${server.url}/app/#/tasks/calendar`);
    await page.waitForSelector('[data-testid=calendar]');
  };

  it('shows due tasks in the week beside meetings, the overdue one marked, and the agenda on request', async () => {
    const page = await desktop.newPage();
    await openCalendar(page);
    expect(await page.getAttribute('[data-testid=calendar]', 'data-mode')).toBe('week');
    const overdue = page.locator('[data-testid=cal-event][data-kind=task]', { hasText: overdueTask });
    await overdue.waitFor({ timeout: 30_000 });
    expect(await overdue.getAttribute('data-overdue')).toBe('true');
    expect(await overdue.getAttribute('title')).toBe(`Task, overdue: ${overdueTask}`);
    const done = page.locator('[data-testid=cal-event][data-kind=task]', { hasText: doneTask });
    expect(await done.getAttribute('data-overdue')).toBeNull();
    const demo = page.locator('[data-testid=cal-event][data-kind=meeting]', { hasText: meeting });
    expect(await demo.count()).toBe(1);
    // Styled apart: a task is not filled like a meeting.
    const fill = (l: typeof demo) => l.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await fill(done)).not.toBe(await fill(demo));
    expect(
      await page.locator('[data-testid=cal-event][data-kind=task]', { hasText: 'Someday' }).count(),
    ).toBe(0);
    await shot(page, 'calendar-week-tasks');
    expect(await axeViolations(page)).toEqual([]);

    // A short item reads its title first: the time (the hour's row already says it) is what gets cut.
    expect(await overdue.locator('strong').innerText()).toMatch(new RegExp(`^\\s*${overdueTask}\\s`));
    // The month: the title on one line, uncut; each item's title wraps rather than running off its box.
    await page.click('[data-testid=cal-mode-month]');
    await page.locator('[data-testid=cal-month] [data-testid=cal-event]').first().waitFor();
    const cut = await page.evaluate(() =>
      [
        ...document.querySelectorAll<HTMLElement>(
          '[data-testid=cal-title], [data-testid=cal-month] [data-testid=cal-event]',
        ),
      ]
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => el.textContent),
    );
    expect(cut).toEqual([]);
    // A long title takes a second line (more than one line's height of its font), and every one does.
    const wraps = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid=cal-month] [data-testid=cal-event]')]
        .filter((el) => (el.textContent ?? '').length > 40)
        .map((el) => el.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(el).fontSize)),
    );
    expect(wraps.length).toBeGreaterThan(0);
    expect(wraps.every(Boolean)).toBe(true);
    await page.click('[data-testid=cal-mode-week]');

    await page.click('[data-testid=cal-mode-agenda]');
    const row = page.locator('[data-testid=cal-agenda-item]', { hasText: overdueTask });
    await row.waitFor();
    expect(await row.locator('.pill').textContent()).toBe('Overdue');
    expect(await page.locator('[data-testid=cal-week]').count()).toBe(0);
    await shot(page, 'calendar-agenda');
    expect(await axeViolations(page)).toEqual([]);
    await row.click();
    await page.waitForFunction(() => decodeURIComponent(location.hash) === '#/tasks/cal-task:cal-overdue');
    expect(await page.locator('[data-testid=task-form-title]').inputValue()).toBe(overdueTask);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => location.hash === '#/tasks/calendar');
    // The choice is kept for the next visit.
    await page.reload();
    await page.waitForSelector('[data-testid=cal-agenda]', { timeout: 30_000 });
    await page.close();
  }, 180_000);

  it('is an agenda at phone width, in Russian, the overdue tasks marked and nothing wider than the phone', async () => {
    const page = await phone.newPage();
    await openCalendar(page);
    await page.waitForSelector('[data-testid=cal-agenda]');
    expect(await page.getAttribute('[data-testid=calendar]', 'data-mode')).toBe('agenda');
    expect(await page.locator('[data-testid=cal-week], [data-testid=cal-mode-week]').count()).toBe(0);
    const row = page.locator('[data-testid=cal-agenda-item]', { hasText: overdueTask });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.locator('.pill').textContent()).toBe('Просрочена');
    const today = page.locator('[data-testid=cal-agenda-day]', { has: row });
    expect(await today.count()).toBe(1);
    expect(await today.locator('h3').textContent()).toContain('Сегодня');
    expect(await today.textContent()).toContain(meeting);
    const earlier = page.locator('[data-testid=cal-agenda-earlier]');
    expect(await earlier.locator('h3').textContent()).toBe('Просрочено в прошлые дни');
    const old = earlier.locator('[data-testid=cal-agenda-item]', { hasText: oldTask });
    expect(await old.locator('.pill').textContent()).toBe('Просрочена');
    await shot(page, 'calendar-agenda-ru-phone');
    expect(await axeViolations(page)).toEqual([]);
    const width = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(width[0]).toBeLessThanOrEqual(width[1]!);
    await page.close();
  }, 180_000);
});
