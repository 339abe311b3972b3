// End to end in Chromium against the real sync server: a rep (in Moscow time) finds a task an agent
// made in a conversation under My tasks (overdue, on the rep's deal, linked to the conversation),
// completes it with one click and the server has it done; adds a task of their own with a due time,
// deal, priority and assignee (also offline); uses the deal's and the contact's task lists; opens the
// calendar's week and month views and a meeting with its .ics file; gets desktop reminders of a
// meeting and a due task once each, not again after a reload, none while reminders are off; Russian.
// The browser's clock is pinned and the tasks and meetings seeded relative to the same instant
// (./clock.ts: a Wednesday noon in Moscow; E2E_NOW=<ISO instant> runs the file at another one), so
// today, tomorrow, this week and this month are the same whatever the time of day of the run.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  screensDir,
  signIn,
  startSyncServer,
  waitFor,
  type TestServer,
} from './harness';
import { pageNow, pinClock, pinnedNow } from './clock';
import { boxesOffTheirText, linesOf } from './form-layout';

type Task = {
  title: string;
  status: string;
  leadId?: string;
  assigneeId?: string;
  dueAt?: string;
  priority?: string;
  createdBy: { kind: string; id?: string };
};
const shot = (page: Page, name: string) => page.screenshot({ path: join(screensDir, `${name}.png`) });
type Recorded = { title: string; body?: string; tag?: string };

const timeZone = 'Europe/Moscow';
const earlyCall = 'Early call with Maria';
const dayIn = (ms: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    ms,
  );

/** Records every Notification the page constructs (the real one still runs). */
function recordNotifications() {
  const Real = window.Notification;
  const seen: Recorded[] = [];
  (window as unknown as { __notifications: Recorded[] }).__notifications = seen;
  class Recording extends Real {
    constructor(title: string, options?: NotificationOptions) {
      seen.push({ title, body: options?.body, tag: options?.tag });
      super(title, options);
    }
  }
  Object.defineProperty(Recording, 'permission', { get: () => Real.permission });
  Object.defineProperty(Recording, 'requestPermission', { value: Real.requestPermission.bind(Real) });
  window.Notification = Recording;
}

describe.skipIf(!hasChromium)(
  'tasks, calendar and reminders in Chromium against the real sync server',
  () => {
    let server: TestServer;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let admin: Awaited<ReturnType<typeof apiClient>>;
    const rep = { email: `tasks-rep-${Date.now()}@example.com`, password: 'correct horse battery staple 42' };
    let repId = '';
    let leadId = '';
    let contactId = '';
    let conversationId = '';
    const start = pinnedNow();
    const agentTask = 'Send the price list to Maria';
    const meeting = 'Product demo with Maria';
    const dueSoon = 'Call Maria back';

    beforeAll(async () => {
      ensureWebBuild();
      server = await startSyncServer();
      browser = await launchBrowser();
      admin = await apiClient(server);
      const invite = (await admin.call('POST', '/api/v1/members/invite', {
        email: rep.email,
        role: 'rep',
      })) as {
        inviteToken: string;
      };
      await fetch(`${server.url}/api/v1/auth/accept-invite`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: invite.inviteToken, password: rep.password }),
      });
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(rep),
      });
      repId = ((await login.json()) as { user: { id: string } }).user.id;
      const contact = (await admin.call('POST', '/api/v1/contacts', { name: 'Maria Tasks' })) as {
        id: string;
      };
      contactId = contact.id;
      const lead = (await admin.call('POST', '/api/v1/leads', {
        contactId,
        title: 'Maria: 20 seats',
        ownerId: repId,
      })) as { id: string };
      leadId = lead.id;
      const conversations = (await admin.call('GET', '/api/v1/conversations')) as { items: { id: string }[] };
      conversationId = conversations.items[0]!.id;
      const at = new Date(start).toISOString();
      const agent = { kind: 'agent', name: 'answer' };
      await admin.putDocs('tasks', [
        {
          id: 'task-e2e-agent',
          title: agentTask,
          status: 'open',
          priority: 'high',
          dueAt: new Date(start - 2 * 3_600_000).toISOString(),
          contactId,
          leadId,
          conversationId,
          createdBy: agent,
          createdAt: at,
          updatedAt: at,
        },
        {
          id: 'task-e2e-finished',
          title: 'Already finished',
          status: 'done',
          dueAt: new Date(start + 60_000).toISOString(),
          contactId,
          leadId,
          createdBy: agent,
          createdAt: at,
          updatedAt: at,
        },
      ]);
      await admin.putDocs('events', [
        {
          id: 'event-e2e-demo',
          title: meeting,
          startAt: new Date(start + 5 * 60_000).toISOString(),
          endAt: new Date(start + 35 * 60_000).toISOString(),
          location: 'Zoom',
          attendees: [{ name: 'Maria Tasks', email: 'maria@example.com', contactId }],
          status: 'scheduled',
          contactId,
          leadId,
          conversationId,
          createdBy: agent,
          createdAt: at,
          updatedAt: at,
        },
        {
          // An early call on the meeting's day (6:30 in Moscow): the week must open where it shows.
          id: 'event-e2e-early',
          title: earlyCall,
          startAt: `${dayIn(start + 5 * 60_000)}T06:30:00+03:00`,
          endAt: `${dayIn(start + 5 * 60_000)}T07:00:00+03:00`,
          status: 'scheduled',
          contactId,
          createdBy: agent,
          createdAt: at,
          updatedAt: at,
        },
      ]);
      context = await browser.newContext({
        viewport: { width: 1360, height: 860 },
        locale: 'en-US',
        timezoneId: timeZone,
        acceptDownloads: true,
      });
      await pinClock(context, start);
      await context.grantPermissions(['notifications'], { origin: server.url });
      await context.addInitScript(recordNotifications);
      page = await context.newPage();
      mkdirSync(screensDir, { recursive: true });
      await signIn(page, server, rep.email, rep.password);
      // No due time yet (neither overdue nor upcoming, whatever the hour the suite runs): the reminder
      // test below gives it one a few seconds ahead, as a rep scheduling it on another device would
      // (the app plans the reminder from the live change).
      const ready = new Date(await pageNow(page)).toISOString();
      await admin.putDocs('tasks', [
        {
          id: 'task-e2e-due-soon',
          title: dueSoon,
          status: 'open',
          contactId,
          leadId,
          createdBy: { kind: 'agent', name: 'answer' },
          createdAt: ready,
          updatedAt: ready,
        },
      ]);
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    }, 30_000);

    it('shows the agent’s task under My tasks, overdue, on the rep’s deal, linked to its conversation', async () => {
      await page.keyboard.press('g');
      await page.keyboard.press('t');
      await page.locator('[data-testid=tasks-screen]').waitFor();
      expect(page.url()).toContain('#/tasks');
      await page.locator('[data-testid=tasks-scope-mine]').click();
      const row = page.locator('[data-testid=task-row]', { hasText: agentTask });
      await row.waitFor({ timeout: 30_000 });
      expect(await row.locator('[data-testid=task-creator]').textContent()).toContain('AI agent');
      expect(await row.locator('[data-testid=task-deal]').textContent()).toBe('Maria: 20 seats');
      expect(await row.locator('[data-testid=task-conversation]').getAttribute('href')).toBe(
        `#/inbox/${encodeURIComponent(conversationId)}`,
      );
      expect(await row.locator('[data-testid=task-due]').getAttribute('class')).toContain('overdue');
      expect(await row.locator('[data-testid=task-due]').textContent()).toMatch(/2 hours ago/);
      expect(Number(await page.locator('[data-testid=tasks-count-overdue]').textContent())).toBe(1);
      // Nothing due after today yet: the empty state says so and offers to add a task (Esc closes it).
      await page.locator('[data-testid=tasks-tab-upcoming]').click();
      expect(await page.locator('[data-testid=tasks-list-empty]').textContent()).toContain(
        'Nothing is planned after today.',
      );
      await page.locator('[data-testid=tasks-empty-add]').click();
      await page.locator('[data-testid=task-dialog]').waitFor();
      await page.keyboard.press('Escape');
      await page.locator('[data-testid=task-dialog]').waitFor({ state: 'detached' });
      await page.locator('[data-testid=tasks-tab-overdue]').click();
      expect(await page.locator('[data-testid=task-row]').count()).toBe(1);
      // Grouped by deal, the deal heads its tasks.
      await page.locator('[data-testid=tasks-tab-open]').click();
      await page.locator('[data-testid=tasks-by-deal]').check();
      expect(await page.locator('[data-testid=task-group]').first().textContent()).toContain(
        'Maria: 20 seats',
      );
      await shot(page, 'tasks-by-deal');
      await page.locator('[data-testid=tasks-by-deal]').uncheck();
    }, 60_000);

    it('completes the agent’s task with one click and the server has it done', async () => {
      const row = page.locator('[data-testid=task-row]', { hasText: agentTask });
      await row.locator('[data-testid=task-done]').click();
      const done = await waitFor(async () => {
        const doc = await admin.getDoc<Task>('tasks', 'task-e2e-agent');
        return doc?.status === 'done' ? doc : null;
      }, 30_000);
      expect(done.title).toBe(agentTask);
      await page.locator('[data-testid=tasks-tab-done]').click();
      await page.locator('[data-testid=task-row]', { hasText: agentTask }).waitFor();
      expect(await page.locator('[data-testid=tasks-count-overdue]').textContent()).toBe('0');
      await page.locator('[data-testid=tasks-tab-open]').click();
    }, 60_000);

    it('adds a task with a due time, deal, priority and assignee that reaches the server', async () => {
      await page.locator('[data-testid=task-new]').click();
      const dialog = page.locator('[data-testid=task-dialog]');
      await dialog.waitFor();
      await dialog.locator('[data-testid=task-form-save]').click();
      expect(await dialog.locator('[data-testid=task-form-problem]').textContent()).toBe(
        'Say what is to be done.',
      );
      await dialog.locator('[data-testid=task-form-title]').fill('Prepare the contract for Maria');
      const tomorrow = dayIn(start + 86_400_000);
      // Typed as the English UI writes dates and times, whatever the browser's own locale.
      const [y, mo, d] = tomorrow.split('-');
      await dialog.locator('[data-testid=task-form-due]').fill(`${mo}/${d}/${y}`);
      await dialog.locator('[data-testid=task-form-due-time]').fill('11:30 AM');
      expect(await dialog.locator('.date-field-zone').textContent()).toBe('GMT+3');
      await dialog.locator('[data-testid=task-form-priority]').selectOption('high');
      await dialog.locator('[data-testid=task-form-deal]').selectOption(leadId);
      // The assignee (a searchable combobox of the members): the rep by default, by name, never an id.
      expect(await dialog.locator('[data-testid=task-form-assignee]').inputValue()).toMatch(/\(you\)$/);
      await dialog.locator('[data-testid=task-form-save]').click();
      await dialog.waitFor({ state: 'detached' });
      const row = page.locator('[data-testid=task-row]', { hasText: 'Prepare the contract for Maria' });
      await row.waitFor();
      expect(await row.locator('[data-testid=task-due]').textContent()).toContain('tomorrow');
      const stored = await waitFor(async () => {
        const r = (await admin.call('POST', '/sync/tasks/_all_docs', { include_docs: true })) as {
          rows: { doc?: Task }[];
        };
        return r.rows.map((x) => x.doc).find((d) => d?.title === 'Prepare the contract for Maria');
      }, 30_000);
      expect(stored).toMatchObject({
        status: 'open',
        priority: 'high',
        leadId,
        assigneeId: repId,
        createdBy: { kind: 'rep', id: repId },
      });
      // 11:30 in Moscow (UTC+3) is 08:30 UTC.
      expect(stored.dueAt).toBe(`${tomorrow}T08:30:00.000Z`);
    }, 60_000);
    it('edits a task’s due time, and a task added or completed offline reaches the server once online', async () => {
      type Row = { rows: { doc?: Task & { id?: string; _id: string } }[] };
      const all = async () =>
        ((await admin.call('POST', '/sync/tasks/_all_docs', { include_docs: true })) as Row).rows;
      const row = page.locator('[data-testid=task-row]', { hasText: 'Prepare the contract for Maria' });
      await row.locator('[data-testid=task-open]').click();
      const dialog = page.locator('[data-testid=task-dialog]');
      const later = dayIn(start + 3 * 86_400_000);
      // The time typed on a 24-hour clock; the day picked in the calendar, which opens on the task's
      // day (tomorrow) with the focus on it.
      await dialog.locator('[data-testid=task-form-due-time]').fill('09:00');
      await dialog.locator('[data-testid=task-form-due-open]').click();
      const calendar = page.locator('.date-field-popover');
      await calendar.waitFor();
      expect(
        await calendar.locator('[data-selected] button').evaluate((b) => b === document.activeElement),
      ).toBe(true);
      await calendar.locator(`[data-day="${later}"] button`).click();
      await calendar.waitFor({ state: 'detached' });
      const [ly, lm, ld] = later.split('-');
      expect(await dialog.locator('[data-testid=task-form-due]').inputValue()).toBe(`${lm}/${ld}/${ly}`);
      expect(await dialog.locator('[data-testid=task-form-due-time]').inputValue()).toMatch(/^9:00\sAM$/);
      await dialog.locator('[data-testid=task-form-save]').click();
      await dialog.waitFor({ state: 'detached' });
      await waitFor(
        async () =>
          (await all()).some(
            (x) =>
              x.doc?.title === 'Prepare the contract for Maria' && x.doc.dueAt === `${later}T06:00:00.000Z`,
          ),
        30_000,
      );

      await context.setOffline(true);
      try {
        await expect.poll(() => page.getAttribute('[data-testid=sync-status]', 'data-state')).toBe('offline');
        await page.locator('[data-testid=task-new]').click();
        await dialog.locator('[data-testid=task-form-title]').fill('Written on the train');
        await dialog.locator('[data-testid=task-form-save]').click();
        const offlineRow = page.locator('[data-testid=task-row]', { hasText: 'Written on the train' });
        await offlineRow.waitFor();
        await page
          .locator('[data-testid=task-row]', { hasText: dueSoon })
          .locator('[data-testid=task-done]')
          .click(); // done: it leaves the open tab
        expect((await all()).some((x) => x.doc?.title === 'Written on the train')).toBe(false);
      } finally {
        await context.setOffline(false);
      }
      await waitFor(async () => {
        const rows = await all();
        return (
          rows.some((x) => x.doc?.title === 'Written on the train' && x.doc.status === 'open') &&
          rows.some((x) => x.doc?.title === dueSoon && x.doc.status === 'done')
        );
      }, 60_000);
      // Reopened with one click: the reminder test below needs it open.
      await page.locator('[data-testid=tasks-tab-done]').click();
      await page
        .locator('[data-testid=task-row]', { hasText: dueSoon })
        .locator('[data-testid=task-done]')
        .click(); // reopened: it leaves the done tab
      await waitFor(
        async () => (await all()).some((x) => x.doc?.title === dueSoon && x.doc.status === 'open'),
        30_000,
      );
      await page.locator('[data-testid=tasks-tab-open]').click();
    }, 120_000);

    it('lists a deal’s tasks in the deal editor and a contact’s on its page, and adds one there', async () => {
      await page.goto(`${server.url}/app/#/leads/${encodeURIComponent(leadId)}`);
      const deal = page.locator('[data-testid=deal-tasks]');
      await deal.locator('li', { hasText: 'Prepare the contract for Maria' }).waitFor({ timeout: 30_000 });
      expect(
        await deal.locator('li', { hasText: agentTask }).locator('[data-testid=mini-task-done]').isChecked(),
      ).toBe(true);
      await deal.locator('[data-testid=task-title]').fill('Book the onboarding call');
      await deal.locator('[data-testid=task-title]').press('Enter');
      await deal.locator('li', { hasText: 'Book the onboarding call' }).waitFor();
      // Enter in the task's field adds the task and leaves the deal dialog open.
      expect(await page.locator('[data-testid=lead-editor]').count()).toBe(1);
      const added = await waitFor(async () => {
        const r = (await admin.call('POST', '/sync/tasks/_all_docs', { include_docs: true })) as {
          rows: { doc?: Task & { contactId?: string } }[];
        };
        return r.rows.map((x) => x.doc).find((d) => d?.title === 'Book the onboarding call');
      }, 30_000);
      expect(added).toMatchObject({ leadId, contactId, assigneeId: repId, status: 'open' });

      await page.goto(`${server.url}/app/#/contacts/${encodeURIComponent(contactId)}`);
      const mine = page.locator('[data-testid=contact-tasks]');
      const row = mine.locator('li', { hasText: 'Book the onboarding call' });
      await row.waitFor({ timeout: 30_000 });
      await row.locator('[data-testid=mini-task-done]').check();
      await waitFor(async () => {
        const r = (await admin.call('POST', '/sync/tasks/_all_docs', { include_docs: true })) as {
          rows: { doc?: Task }[];
        };
        return r.rows.some((x) => x.doc?.title === 'Book the onboarding call' && x.doc.status === 'done');
      }, 30_000);
      await page.goto(`${server.url}/app/#/tasks`);
      await page.locator('[data-testid=tasks-screen]').waitFor();
    }, 90_000);

    it('shows the meeting in the week and month views and opens it with its .ics file', async () => {
      await page.locator('[data-testid=tasks-view-calendar]').click();
      await page.locator('[data-testid=cal-mode-week]').click();
      const week = page.locator('[data-testid=cal-week]');
      await week.waitFor();
      // This week: today's column is marked, once.
      expect(await week.locator('[data-testid=cal-day-head][aria-current=date]').count()).toBe(1);
      const day = dayIn(start + 5 * 60_000);
      if ((await week.locator(`[data-testid=cal-day][data-day="${day}"]`).count()) === 0) {
        await page.locator('[data-testid=cal-next]').click(); // the meeting falls in next week
      }
      const event = week.locator(`[data-testid=cal-day][data-day="${day}"] [data-testid=cal-event]`, {
        hasText: meeting,
      });
      await event.waitFor({ timeout: 30_000 });
      // The week opens at the early call (6:30, before the working day's 8:00), in view with its hour's
      // label; not scrolled to 8:00 with the call above the fold.
      const early = week.locator('[data-testid=cal-event]', { hasText: earlyCall });
      const scroller = await week.locator('.cal-scroll').boundingBox();
      await expect
        .poll(async () => {
          const box = await early.boundingBox();
          return box !== null && box.y >= scroller!.y && box.y + box.height <= scroller!.y + scroller!.height;
        })
        .toBe(true);
      await shot(page, 'calendar-week');
      await event.click();
      const dialog = page.locator('[data-testid=event-dialog]');
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('Zoom');
      expect(await dialog.textContent()).toContain('maria@example.com');
      expect(await dialog.textContent()).toContain('Maria: 20 seats');
      expect(await dialog.locator('[data-testid=event-conversation]').getAttribute('href')).toBe(
        `#/inbox/${encodeURIComponent(conversationId)}`,
      );
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        dialog.locator('[data-testid=event-ics]').click(),
      ]);
      await shot(page, 'calendar-event');
      const ics = readFileSync((await download.path())!, 'utf8');
      expect(ics).toContain('BEGIN:VCALENDAR');
      expect(ics).toContain(`SUMMARY:${meeting}`);
      expect(download.suggestedFilename()).toMatch(/\.ics$/);
      await dialog.locator('[data-testid=event-close]').click();
      await dialog.waitFor({ state: 'detached' });

      await page.locator('[data-testid=cal-today]').click();
      await page.locator('[data-testid=cal-mode-month]').click();
      const cell = page.locator(`[data-testid=cal-cell][data-day="${day}"]`);
      await cell.locator('[data-testid=cal-event]', { hasText: meeting }).waitFor();
      expect(await page.locator('[data-testid=cal-cell] [aria-current=date]').textContent()).toBe(
        String(Number(dayIn(await pageNow(page)).slice(8))),
      );
      await shot(page, 'calendar-month');
    }, 60_000);

    it('fires a desktop reminder of the meeting and of the due task once each, not again after a reload', async () => {
      const seen = () =>
        page.evaluate(() => (window as unknown as { __notifications: Recorded[] }).__notifications ?? []);
      // The meeting starts within 10 minutes: its reminder fired once the screen was up.
      await expect
        .poll(async () => (await seen()).map((n) => n.title), { timeout: 20_000 })
        .toContainEqual(expect.stringContaining(`: ${meeting}`));
      // The task is scheduled elsewhere to fall due in a few seconds: its reminder comes then.
      const due = await admin.getDoc('tasks', 'task-e2e-due-soon');
      expect(due?.status).toBe('open');
      const soon = await pageNow(page);
      const dueAt = new Date(soon + 6_000).toISOString();
      await admin.putDocs('tasks', [
        { ...due, id: 'task-e2e-due-soon', dueAt, updatedAt: new Date(soon).toISOString() },
      ]);
      expect((await seen()).some((n) => n.title === `Task due: ${dueSoon}`)).toBe(false);
      await expect
        .poll(async () => (await seen()).map((n) => n.title), { timeout: 30_000 })
        .toContain(`Task due: ${dueSoon}`);
      const before = await seen();
      expect(before.filter((n) => n.title.includes(meeting))).toHaveLength(1);
      // Nothing for a done task, nor for one whose due time passed hours before the app opened.
      expect(before.some((n) => n.title.includes('Already finished'))).toBe(false);
      expect(before.some((n) => n.title.includes(agentTask))).toBe(false);
      expect(before.filter((n) => n.title === `Task due: ${dueSoon}`)).toHaveLength(1);

      await page.reload();
      await page.locator('[data-testid=tasks-screen]').waitFor();
      await page.waitForTimeout(3_000);
      expect(await seen()).toEqual([]);

      // Reminders turned off in their card: a task falling due shows nothing; turned on, it does.
      await page.locator('[data-testid=tasks-view-list]').click();
      await page.locator('[data-testid=reminders-toggle]').click();
      const card = page.locator('[data-testid=reminder-card]');
      expect(await card.locator('[data-testid=reminders-permission]').textContent()).toBe(
        'Notifications are allowed.',
      );
      await card.locator('[data-testid=reminders-enabled]').uncheck();
      const now = new Date(await pageNow(page)).toISOString();
      await admin.putDocs('tasks', [
        {
          id: 'task-e2e-quiet',
          title: 'Due while reminders are off',
          status: 'open',
          dueAt: now,
          leadId,
          contactId,
          createdBy: { kind: 'agent', name: 'answer' },
          createdAt: now,
          updatedAt: now,
        },
      ]);
      await page
        .locator('[data-testid=task-row]', { hasText: 'Due while reminders are off' })
        .waitFor({ timeout: 30_000 });
      await page.waitForTimeout(2_000);
      expect(await seen()).toEqual([]);
      await card.locator('[data-testid=reminders-enabled]').check();
      await expect
        .poll(async () => (await seen()).map((n) => n.title), { timeout: 20_000 })
        .toEqual(['Task due: Due while reminders are off']);
    }, 150_000);

    it('speaks Russian: tabs, relative due times and the calendar’s month and weekdays', async () => {
      await page.selectOption('[data-testid=language]', 'ru');
      await page.goto(`${server.url}/app/#/tasks`);
      await page.locator('[data-testid=tasks-screen]').waitFor();
      expect(await page.locator('[data-testid=tasks-scope-mine]').textContent()).toBe('Мои задачи');
      expect(await page.locator('[data-testid=tasks-tab-overdue]').textContent()).toMatch(/^Просроченные/);
      const due = page
        .locator('[data-testid=task-row]', { hasText: 'Prepare the contract for Maria' })
        .locator('[data-testid=task-due]');
      expect(await due.textContent()).toMatch(/через 3 дня|послезавтра/);
      await page.locator('[data-testid=tasks-view-calendar]').click();
      await page.locator('[data-testid=cal-mode-month]').click();
      // The month in the nominative and capitalised, the year without "г." ("Декабрь 2026").
      const parts = new Intl.DateTimeFormat('ru-RU', {
        month: 'long',
        year: 'numeric',
        timeZone,
      }).formatToParts(await pageNow(page));
      const name = parts.find((p) => p.type === 'month')!.value;
      const month = `${name[0]!.toLocaleUpperCase('ru')}${name.slice(1)} ${parts.find((p) => p.type === 'year')!.value}`;
      expect(await page.locator('[data-testid=cal-title]').textContent()).toBe(month);
      expect(await page.locator('[data-testid=cal-title]').innerText()).toBe(month);
      // Russian weeks start on Monday.
      expect(await page.locator('[data-testid=cal-month] .cal-day-head').first().textContent()).toBe('пн');
      // The task's due date and time as Russian writes them, and its date picker's weeks from Monday.
      await page.locator('[data-testid=tasks-view-list]').click();
      await page
        .locator('[data-testid=task-row]', { hasText: 'Prepare the contract for Maria' })
        .locator('[data-testid=task-open]')
        .click();
      const dialog = page.locator('[data-testid=task-dialog]');
      expect(await dialog.locator('[data-testid=task-form-due]').inputValue()).toMatch(
        /^\d{2}\.\d{2}\.\d{4}$/,
      );
      expect(await dialog.locator('[data-testid=task-form-due-time]').inputValue()).toBe('09:00');
      await dialog.locator('[data-testid=task-form-due-open]').click();
      const picker = page.locator('.date-field-popover');
      expect((await picker.locator('th').first().textContent())?.toLowerCase()).toMatch(/^пн/);
      await page.keyboard.press('Escape');
      await picker.waitFor({ state: 'detached' });
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await page.selectOption('[data-testid=language]', 'en');
    }, 60_000);

    it('keeps a long title beside its checkbox at 1360 and 390 px (issue 64 item 5)', async () => {
      const long =
        'Ask Maria which of the two offices takes the first seats, and whether the finance team wants a yearly invoice';
      const at = new Date(await pageNow(page)).toISOString();
      await admin.putDocs('tasks', [
        {
          id: 'task-e2e-long-title',
          title: long,
          status: 'open',
          contactId,
          leadId,
          createdBy: { kind: 'agent', name: 'answer' },
          createdAt: at,
          updatedAt: at,
        },
      ]);
      await page.goto(`${server.url}/app/#/tasks`);
      await page.locator('[data-testid=tasks-screen]').waitFor();
      await page.locator('[data-testid=tasks-tab-open]').click();
      const row = page.locator('[data-testid=task-row]', { hasText: long });
      await row.waitFor({ timeout: 30_000 });
      const list = page.locator('[data-testid=task-list]');
      for (const width of [1360, 390]) {
        await page.setViewportSize({ width, height: 860 });
        await row.locator('[data-testid=task-done]').waitFor();
        expect(await row.locator('.check-row').count()).toBe(1);
        expect(await boxesOffTheirText(list)).toEqual([]);
        // The title does wrap, so its box beside the first line is what was checked.
        expect(await linesOf(row.locator('.check-row'))).toBeGreaterThan(1);
      }
      await page.setViewportSize({ width: 1360, height: 860 });
      // The group-by-deal box beside its words too.
      expect(await boxesOffTheirText(page.locator('.tasks-toolbar'))).toEqual([]);
      await row.locator('[data-testid=task-done]').click();
      await waitFor(
        async () => (await admin.getDoc<Task>('tasks', 'task-e2e-long-title'))?.status === 'done',
        30_000,
      );
    }, 90_000);
  },
);
