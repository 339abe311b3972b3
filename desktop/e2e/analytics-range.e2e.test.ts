// End to end in Chromium: the Analytics screen remembers the date range a rep picked on this device
// (a named range; a custom one is not kept), so the screen reopens on the year after a reload.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  newContext,
  signIn,
  startSyncServer,
  type TestServer,
} from './harness';

describe.skipIf(!hasChromium)('the Analytics range, remembered per device', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer();
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('reopens on the range the rep picked', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server);
    await page.goto(`${server.url}/app/#/analytics`);
    const range = page.locator('[data-testid=analytics-range]');
    await expect.poll(() => range.inputValue()).toBe('30d');
    await range.selectOption('365d');
    await page.reload();
    await page.waitForSelector('[data-testid=analytics-counts]');
    expect(await range.inputValue()).toBe('365d');
    // A custom range is for this look only: the next open is on the last named range.
    await range.selectOption('custom');
    await page.waitForSelector('[data-testid=analytics-from]');
    await page.reload();
    await page.waitForSelector('[data-testid=analytics-counts]');
    expect(await range.inputValue()).toBe('365d');
    await context.close();
  }, 120_000);
});
