// The UI kit (components/ui, Radix primitives) end to end in Chromium against the real sync server:
// "?" opens the keyboard shortcut sheet (English and Russian), focus stays inside while it is open
// and Esc closes it; the command palette is a named dialog closed by Esc; deleting a pipeline asks
// first in a ConfirmDialog naming it (Cancel keeps it on the server, the action deletes it) and a
// toast says it was deleted; a task added says so in a toast, and completing one offers Undo, which
// reopens it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  closeAll,
  ensureWebBuild,
  hasChromium,
  signedInPage,
  startSyncServer,
  type TestServer,
} from './harness';

describe.skipIf(!hasChromium)('the UI kit in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let admin: Awaited<ReturnType<typeof apiClient>>;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer();
    admin = await apiClient(server);
    ({ browser, page } = await signedInPage(server));
  }, 180_000);

  afterAll(() => closeAll(browser, server), 30_000);

  const focusInside = (selector: string) =>
    page.evaluate((s) => !!document.querySelector(s)?.contains(document.activeElement), selector);

  it('"?" shows the shortcut sheet; Tab stays inside; Esc closes it', async () => {
    await page.locator('[data-testid=nav-inbox]').waitFor({ timeout: 20_000 });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor({ timeout: 10_000 });
    expect(await sheet.locator('[data-testid=shortcut-go-tasks]').textContent()).toContain('Go to Tasks');
    expect(await sheet.locator('[data-testid=shortcut-go-tasks] kbd').allTextContents()).toEqual(['G', 'T']);
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await focusInside('[data-testid=shortcut-sheet]')).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => sheet.count()).toBe(0);
  });

  it('the sheet speaks Russian when the app does', async () => {
    await page.selectOption('[data-testid=language]', 'ru');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Сочетания клавиш' });
    await sheet.waitFor({ timeout: 10_000 });
    expect(await sheet.locator('[data-testid=shortcut-go-tasks]').textContent()).toContain('затем');
    await sheet.locator('[data-testid=shortcut-sheet-close]').click();
    await expect.poll(() => sheet.count()).toBe(0);
    await page.selectOption('[data-testid=language]', 'en');
  });

  it('the command palette is a named dialog; Esc closes it and focus returns to its button', async () => {
    await page.click('[data-testid=global-search]');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor({ timeout: 10_000 });
    // The dialog moves the focus in as it opens, which may be a frame after it shows.
    await expect.poll(() => focusInside('.palette')).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => palette.count()).toBe(0);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('global-search');
  });

  it('deleting a pipeline asks first, naming it; Cancel keeps it, the action deletes it', async () => {
    await admin.call('POST', '/api/v1/pipelines', {
      id: 'kit-test',
      name: 'Kit test pipeline',
      currencies: ['USD'],
      stages: [
        { id: 'new', name: 'New', kind: 'open', probability: 10 },
        { id: 'won', name: 'Won', kind: 'won', probability: 100 },
        { id: 'lost', name: 'Lost', kind: 'lost', probability: 0 },
      ],
    });
    await page.goto(`${server.url}/app/#/settings/pipelines`);
    const section = page.locator('[data-testid=pipeline-settings]');
    await section.waitFor({ timeout: 20_000 });
    const select = section.locator('[data-testid=pipeline-settings-select]');
    await expect.poll(() => select.locator('option[value=kit-test]').count(), { timeout: 20_000 }).toBe(1);
    await select.selectOption('kit-test');
    // The stage buttons' hints are Tooltips (named by aria-label, described by the tooltip).
    const remove = section.locator('[data-testid=stage-remove]').first();
    await remove.hover();
    await page.getByRole('tooltip').waitFor({ state: 'attached', timeout: 10_000 });
    expect(await page.getByRole('tooltip').textContent()).toBe('Remove stage');
    await page.keyboard.press('Escape');
    await section.locator('[data-testid=pipeline-delete]').click();
    const confirm = page.getByRole('alertdialog');
    await confirm.waitFor({ timeout: 10_000 });
    expect(await confirm.locator('h2').textContent()).toBe('Delete the pipeline “Kit test pipeline”?');
    expect(await confirm.locator('[data-testid=pipeline-delete-confirm-confirm]').textContent()).toBe(
      'Delete pipeline',
    );
    // Cancel has the focus first: Enter right away does not delete.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('pipeline-delete-confirm-cancel');
    await page.keyboard.press('Escape');
    await expect.poll(() => confirm.count()).toBe(0);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('pipeline-delete');
    expect(((await admin.call('GET', '/api/v1/pipelines/kit-test')) as { id: string }).id).toBe('kit-test');

    await section.locator('[data-testid=pipeline-delete]').click();
    await confirm.locator('[data-testid=pipeline-delete-confirm-confirm]').click();
    await expect
      .poll(() => page.locator('[data-testid=toast]').textContent(), { timeout: 15_000 })
      .toContain('Pipeline “Kit test pipeline” deleted');
    await expect(admin.call('GET', '/api/v1/pipelines/kit-test')).rejects.toThrow(/: 404 /);
  }, 60_000);

  it('a new task says so in a toast; completing it offers Undo, which reopens it', async () => {
    await page.goto(`${server.url}/app/#/tasks`);
    await page.locator('[data-testid=task-new]').click();
    const dialog = page.locator('[data-testid=task-dialog]');
    await dialog.locator('[data-testid=task-form-title]').fill('Call the kit customer');
    await dialog.locator('[data-testid=task-form-save]').click();
    await dialog.waitFor({ state: 'detached' });
    const toasts = page.locator('[data-testid=toast]');
    await expect
      .poll(() => toasts.allTextContents(), { timeout: 10_000 })
      .toContainEqual(expect.stringContaining('Task added'));
    const row = page.locator('[data-testid=task-row]', { hasText: 'Call the kit customer' });
    await row.locator('[data-testid=task-done]').click();
    const done = toasts.filter({ hasText: 'Done: Call the kit customer' });
    await done.waitFor({ timeout: 10_000 });
    await expect.poll(() => row.count()).toBe(0); // it left the Open tab
    await done.locator('[data-testid=toast-action]').click();
    await row.waitFor({ timeout: 10_000 });
    expect(await row.locator('[data-testid=task-done]').isChecked()).toBe(false);
  });

  it('an icon beside a word in a button or link sits level with the word, not above it', async () => {
    // The icon's middle and the first line's middle (the text's own box) within 2 px, for every
    // button and link whose first child is an icon (Tasks | Calendar, Back, + Add deal, All tasks ->).
    const raised = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('button, a')].flatMap((el) => {
          const svg = el.querySelector(':scope > svg');
          const text = [...el.childNodes].find((n) => n.nodeType === 3 && n.textContent!.trim());
          if (!svg || !text || !(el as HTMLElement).offsetParent) return [];
          const range = document.createRange();
          range.selectNodeContents(text);
          const line = range.getClientRects()[0];
          const icon = svg.getBoundingClientRect();
          if (!line || icon.height === 0) return [];
          const off = icon.top + icon.height / 2 - (line.top + line.height / 2);
          return Math.abs(off) > 2 ? [`${el.textContent!.trim()}: ${off.toFixed(1)} px`] : [];
        }),
      );
    await page.goto(`${server.url}/app/#/tasks`);
    await page.locator('[data-testid=tasks-view-list]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid=tasks-view-list] > svg').count()).toBe(1);
    expect(await raised()).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(`${server.url}/app/#/tasks`);
      await page.locator('[data-testid=tasks-view-calendar]').waitFor({ timeout: 20_000 });
      expect(await raised()).toEqual([]);
      // A section's Back on the phone: level, and a space between its arrow and its word ("←Back" touched).
      await page.goto(`${server.url}/app/#/settings/profile`);
      const back = page.locator('[data-testid=stack-back]:visible');
      await back.waitFor({ timeout: 20_000 });
      expect(await raised()).toEqual([]);
      const gap = await back.evaluate((b) => {
        const text = [...b.childNodes].find((n) => n.nodeType === 3 && n.textContent!.trim())!;
        const range = document.createRange();
        range.selectNodeContents(text);
        const word = [...range.getClientRects()].find((r) => r.width > 0)!;
        return word.left - b.querySelector('svg')!.getBoundingClientRect().right;
      });
      expect(gap).toBeGreaterThanOrEqual(3);
    } finally {
      await page.setViewportSize({ width: 1360, height: 860 });
    }
  });
});
