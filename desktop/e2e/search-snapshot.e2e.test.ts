// End-to-end: the search index is kept on the device. In Chromium against the real sync server, the
// search worker builds its index from the local database, stores it in IndexedDB, and after a reload
// restores it before the app reads any doc: the playground answers from it, and the first rebuild
// re-indexes nothing. The worker's own log (`searchIndexEvents` on its global) says what it did.
import type { Browser, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chooseFiles,
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  newContext,
  signIn,
  startSyncServer,
  type TestServer,
} from './harness';

type IndexEvent = { kind: string; size: number; ms: number; changed?: number };

async function searchWorker(page: Page): Promise<Worker> {
  for (let i = 0; i < 100; i++) {
    const worker = page.workers().find((w) => w.url().includes('search.worker'));
    if (worker) return worker;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `no search worker among ${
      page
        .workers()
        .map((w) => w.url())
        .join(', ') || 'none'
    }`,
  );
}

const eventsOf = async (page: Page) =>
  (await searchWorker(page)).evaluate(
    () => (self as unknown as { searchIndexEvents?: IndexEvent[] }).searchIndexEvents ?? [],
  );

describe.skipIf(!hasChromium)('search index kept on the device, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer();
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await signIn(page, server);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 30_000);

  it('is stored after the first build and restored, unchanged, after a reload', async () => {
    await page.goto(`${server.url}/app/#/knowledge`);
    const doc = '# Warranty\n\nEvery quadcopter carries a warranty of thirty months.\n';
    await chooseFiles(page, page.locator('[data-testid=upload]'), {
      name: 'warranty.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(doc),
    });
    await page.fill('[data-testid=playground-query]', 'quadcopter warranty');
    await expect
      .poll(() => page.locator('[data-testid=search-hits]').textContent(), { timeout: 30_000 })
      .toContain('thirty months');
    // Stored a few seconds after a rebuild that changed the index. The upload's chunks also come back
    // from the server's ingestion, so wait until the data has settled: synced, and nothing re-indexed
    // since the last save (checked twice, a few seconds apart).
    const settled = async () => {
      const state = await page.getAttribute('[data-testid=sync-status]', 'data-state');
      const events = await eventsOf(page);
      const last = events.map((e) => e.kind).lastIndexOf('saved');
      const since = events.slice(last + 1);
      return state === 'online' && last >= 0 && since.every((e) => e.kind === 'rebuilt' && e.changed === 0);
    };
    for (const pause of [0, 4000]) {
      await page.waitForTimeout(pause);
      await expect.poll(settled, { timeout: 60_000 }).toBe(true);
    }
    const saved = (await eventsOf(page)).filter((e) => e.kind === 'saved').at(-1)!;
    expect(saved.size).toBeGreaterThan(0);

    await page.reload();
    await expect
      .poll(async () => (await eventsOf(page)).map((e) => e.kind).join(' '), { timeout: 30_000 })
      .toMatch(/^restored rebuilt/);
    const [restored, rebuilt] = await eventsOf(page);
    expect(restored).toMatchObject({ kind: 'restored', size: saved.size });
    // The rebuild compared every doc with the restored index and re-indexed only what changed since the
    // save (nothing, unless a doc arrived meanwhile); without the restore it would index every doc.
    expect(rebuilt).toMatchObject({ kind: 'rebuilt' });
    expect(rebuilt!.changed).toBeLessThanOrEqual(Math.abs(rebuilt!.size - saved.size) + 2);
    expect(rebuilt!.changed).toBeLessThan(rebuilt!.size / 2);
    await page.fill('[data-testid=playground-query]', 'quadcopter warranty');
    await expect
      .poll(() => page.locator('[data-testid=search-hits]').textContent(), { timeout: 30_000 })
      .toContain('thirty months');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
