// The calendar with tasks (issue 64 item 6), in Chromium against the real sync server: tasks with a
// due time show in the week beside meetings, styled apart, an open one past due marked overdue and a
// done one not; a desktop rep may switch to the agenda (a list by day) and open a task from it; at
// phone width (390 px) the calendar is the agenda, in Russian, with no sideways scroll, and an open
// task overdue from an earlier week is listed first. In the week, five tasks due in one hour stay
// readable (stacked, the rest behind "+N more", which lists them all), a task due on a day with no time
// sits in the all-day row, and the week opens with 8:00 in view.
// The browsers' clocks are pinned and the tasks and meetings seeded relative to the same instant
// (./clock.ts: a Wednesday noon in Moscow; E2E_NOW=<ISO instant> runs the file at another one), so the
// items land on the same days and hours whatever the time of day of the run.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { pinClock, pinnedNow } from './clock';
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
/** Five tasks due at 10:00–10:40 one day this week, and one due that day with no time. */
const busyHour = [
  'Confirm the venue deposit',
  'Send the menu to Olga',
  'Book the photographer',
  'Check the stage plan',
  'Print the guest badges',
];
const untimedTask = 'Pay the florist';

/** A day of this week (weeks from Sunday in en-US) other than today, so today's items stay apart. */
const otherDayThisWeek = (today: string) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + (d.getUTCDay() === 0 ? 1 : -1));
  return d.toISOString().slice(0, 10);
};

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
  let busyDay = '';

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer();
    browser = await launchBrowser();
    const admin = await apiClient(server);
    const now = pinnedNow();
    // Earlier today in Moscow, so the week view holds it whatever the hour (the minute after midnight
    // at the earliest; an E2E_NOW in that very minute would find it not yet overdue).
    const midnight = Date.parse(
      `${new Intl.DateTimeFormat('en-CA', { timeZone }).format(now)}T00:00:00+03:00`,
    );
    busyDay = otherDayThisWeek(new Intl.DateTimeFormat('en-CA', { timeZone }).format(now));
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
        ...busyHour.map((title, i) => ({
          id: `cal-busy-${i}`,
          title,
          status: 'open',
          dueAt: new Date(Date.parse(`${busyDay}T10:${i}0:00+03:00`)).toISOString(),
        })),
        {
          id: 'cal-untimed',
          title: untimedTask,
          status: 'open',
          dueAt: new Date(`${busyDay}T00:00:00+03:00`).toISOString(),
        },
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
    await Promise.all([pinClock(desktop, now), pinClock(phone, now)]);
  }, 180_000);

  afterAll(() => closeAll(browser, server), 30_000);

  const openCalendar = async (page: Page) => {
    await signIn(page, server);
    await page.goto(`${server.url}/app/#/tasks/calendar`);
    // A new sign-in syncs the demo team's data first: slow on a busy machine.
    await page.waitForSelector('[data-testid=calendar]', { timeout: 60_000 });
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

    // A short item reads its title first: the time (the hour's row already says it) is what gets cut;
    // in a lane beside others (at the default instant it is stacked with the done task in their hour;
    // an E2E_NOW just after midnight puts it beside the meeting) the title is all it shows.
    const inLane = await overdue.evaluate((el) => el.classList.contains('narrow'));
    expect(await overdue.locator('strong').innerText()).toMatch(
      new RegExp(`^\\s*${overdueTask}${inLane ? '$' : '\\s'}`),
    );
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

  it('keeps five tasks of one hour readable, lists them all behind "+N", has an all-day row and opens at 8:00', async () => {
    // A context of its own (1440 px, the pictures' width): signed out, the week chosen by default.
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'en-US',
      timezoneId: timeZone,
    });
    await pinClock(context, pinnedNow());
    const page = await context.newPage();
    await openCalendar(page);
    expect(await page.getAttribute('[data-testid=calendar]', 'data-mode')).toBe('week');
    const week = page.locator('[data-testid=cal-week]');
    // (The demo team's own tasks share the week: the hour is the one holding the first of the five.)
    const hour = week.locator(`[data-testid=cal-day][data-day="${busyDay}"] [data-testid=cal-hour]`, {
      hasText: busyHour[0]!,
    });
    await hour.waitFor({ timeout: 30_000 });
    // One box for the hour: the first task and "+4 more" (not five slivers side by side).
    expect(await hour.locator('[data-testid=cal-event]').allInnerTexts()).toEqual([
      expect.stringContaining(busyHour[0]!),
    ]);
    const more = hour.locator('[data-testid=cal-more]');
    expect(await more.innerText()).toBe('+4 more');
    expect(await more.getAttribute('aria-label')).toMatch(/^4 more items, 10:00\sAM$/);
    // Every item the week shows is wide enough for eight characters of its title: its title's room is
    // at least the width of its first eight characters and the ellipsis in its own font (or the title).
    const cramped = await page.evaluate(() => {
      const canvas = document.createElement('canvas').getContext('2d')!;
      return [...document.querySelectorAll<HTMLElement>('[data-testid=cal-week] [data-testid=cal-event]')]
        .filter((el) => el.getBoundingClientRect().width > 0)
        .flatMap((el) => {
          const title = el.querySelector<HTMLElement>('.cal-title')!;
          canvas.font = getComputedStyle(title).font;
          const text = title.textContent ?? '';
          const need = canvas.measureText(text.length > 8 ? `${text.slice(0, 8)}…` : text).width;
          return title.getBoundingClientRect().width + 0.5 >= need ? [] : [title.textContent];
        });
    });
    expect(cramped).toEqual([]);
    // And no sliver: an item at least 64 px wide, a "+N" at least 30 px (the strip's chips).
    const widthsOf = (selector: string) =>
      week.locator(selector).evaluateAll((els) => els.map((el) => el.getBoundingClientRect().width));
    const items = await widthsOf('[data-testid=cal-event]');
    expect(items.length).toBeGreaterThan(2);
    expect(Math.min(...items)).toBeGreaterThanOrEqual(64);
    expect(Math.min(...(await widthsOf('[data-testid=cal-more]')))).toBeGreaterThanOrEqual(30);

    // "+4 more" lists all five, each openable.
    await more.click();
    const list = page.locator('[data-testid=cal-more-list]');
    await list.waitFor();
    expect(await list.locator('[data-testid=cal-more-item]').allInnerTexts()).toEqual(
      busyHour.map((title, i) => expect.stringMatching(new RegExp(`^10:${i}0\\sAM[\\s\\S]*${title}`))),
    );
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'calendar-week-busy-hour');
    await list.locator('[data-testid=cal-more-item]', { hasText: busyHour[3]! }).click();
    await page.waitForFunction(() => decodeURIComponent(location.hash) === '#/tasks/cal-task:cal-busy-3');
    expect(await page.locator('[data-testid=task-form-title]').inputValue()).toBe(busyHour[3]);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => location.hash === '#/tasks/calendar');

    // The task due with no time sits in the all-day row of its day, not at 0:00 in the hours.
    const allDay = week.locator(`[data-testid=cal-allday][data-day="${busyDay}"]`);
    await allDay.locator('[data-testid=cal-event]', { hasText: untimedTask }).waitFor();
    expect(
      await week.locator('[data-testid=cal-day] [data-testid=cal-event]', { hasText: untimedTask }).count(),
    ).toBe(0);
    // The hours open with 8:00 in view (and the three hours after it).
    const eight = await week.locator('[data-testid=cal-scroll]').evaluate((el) => {
      const hourPx = el.querySelector<HTMLElement>('.cal-hours div')!.getBoundingClientRect().height;
      return { at: 8 * hourPx - el.scrollTop, room: el.clientHeight - 3 * hourPx };
    });
    expect(eight.at).toBeGreaterThanOrEqual(0);
    expect(eight.at).toBeLessThanOrEqual(eight.room);
    await context.close();
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
