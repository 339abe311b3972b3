// End to end in Chromium against the real sync server: a column with more deals than its first page
// shows the first page and its count, loads the rest as it is scrolled, and a deal moved by someone
// else (written on the server, replicated live) moves between columns without a reload (issue 18).
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

/** More than two of the board's pages of 50 cards. */
const DEALS = 130;

describe.skipIf(!hasChromium)('the board pages its columns and follows live moves', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let api: Awaited<ReturnType<typeof apiClient>>;
  const at = new Date().toISOString();
  // Scores 0..64.5: the board sorts the highest first, so `page-000` (score 0) is the last card.
  const id = (i: number) => `page-${String(i).padStart(3, '0')}`;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer();
    api = await apiClient(server);
    await api.putDocs(
      'leads',
      Array.from({ length: DEALS }, (_, i) => ({
        id: id(i),
        title: `Paged deal ${i}`,
        pipelineId: 'default',
        stage: 'qualified',
        score: { value: i / 2, reasons: [] },
        source: { channel: 'manual' },
        createdAt: at,
        updatedAt: at,
      })),
    );
    ({ browser, page } = await signedInPage(server));
  }, 180_000);

  afterAll(() => closeAll(browser, server), 30_000);

  it('shows the first page with the full count and loads cards beyond it as the column scrolls', async () => {
    await page.evaluate(() => localStorage.setItem('sw.leadsView', 'board'));
    await page.goto(`${server.url}/app/#/leads`);
    // The demo team has deals of its own in this stage too.
    const count = page.locator('[data-testid=column-count-qualified]');
    await expect
      .poll(async () => Number(await count.textContent()), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(DEALS);
    const total = Number(await count.textContent());
    const column = page.locator('[data-testid=column-qualified]');
    await column.locator(`[data-lead-id="${id(DEALS - 1)}"]`).waitFor();
    // Only the first page is loaded: the rest are counted below it.
    expect(await page.locator('[data-testid=column-more-qualified]').textContent()).toBe(`+${total - 50}`);
    expect(await column.locator(`[data-lead-id="${id(0)}"]`).count()).toBe(0);

    const cards = page.locator('[data-testid=cards-qualified]');
    await expect
      .poll(
        async () => {
          await cards.evaluate((el) => (el.scrollTop = el.scrollHeight));
          return column.locator(`[data-lead-id="${id(0)}"]`).count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    expect(await page.locator('[data-testid=column-more-qualified]').count()).toBe(0);
  }, 60_000);

  it('moves a card to another column when the deal is moved elsewhere and replicated', async () => {
    const moved = id(DEALS - 1);
    const before = Number(await page.locator('[data-testid=column-count-qualified]').textContent());
    const doc = await api.getDoc<Record<string, unknown>>('leads', moved);
    if (!doc) throw new Error('the seeded deal is missing on the server');
    const later = new Date(Date.now() + 1000).toISOString();
    await api.putDocs('leads', [
      {
        ...doc,
        id: moved,
        stage: 'won',
        stageChangedAt: later,
        updatedAt: later,
        fieldUpdatedAt: { stage: later },
      },
    ]);
    await page.locator(`[data-testid=column-won] [data-lead-id="${moved}"]`).waitFor({ timeout: 20_000 });
    expect(await page.locator(`[data-testid=column-qualified] [data-lead-id="${moved}"]`).count()).toBe(0);
    expect(await page.locator('[data-testid=column-count-qualified]').textContent()).toBe(String(before - 1));
  }, 60_000);
});
