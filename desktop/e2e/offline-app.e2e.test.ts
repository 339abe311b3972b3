// End-to-end: the web app at /app works with no connection after one online visit. Chromium signs in
// online, the service worker (vite-plugin-pwa / Workbox, see desktop/vite.renderer.ts) takes control
// and precaches the app shell; then the server becomes unreachable and the page is reloaded: the app
// loads from the worker's cache and shows the signed-in workspace from local data (RxDB in IndexedDB),
// and every screen that loads on first use (a chunk of its own, never opened online) opens from it.
// An edit made there reaches the server once it is reachable again.
//
// Playwright's `context.setOffline` does not cover a service worker's own fetches in Chromium
// (microsoft/playwright#2311), so besides it the browser talks to the server through a loopback gate
// that is closed for the offline part: nothing can reach the server, from the page or the worker.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  newContext,
  signIn,
  startSyncServer,
  waitFor,
  type TestServer,
  waitOnline,
  within,
} from './harness';

/** The build the server serves at /app (its default APP_DIR). */
const rendererDir = resolve(import.meta.dirname, '..', 'out', 'renderer');

/** A TCP gate on loopback in front of the server: `close()` refuses and cuts every connection. */
async function startGate(targetPort: number) {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const open = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect(targetPort, '127.0.0.1');
        for (const sock of [client, upstream]) {
          sockets.add(sock);
          sock.on('close', () => sockets.delete(sock));
          sock.on('error', () => sock.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as { port: number }).port;
        server = s;
        resolve();
      });
    });
  await open();
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    open,
    async close() {
      const s = server;
      server = null;
      for (const sock of sockets) sock.destroy();
      await new Promise((r) => (s ? s.close(r) : r(null)));
    },
  };
}

describe.skipIf(!hasChromium)('/app offline in Chromium (service worker)', () => {
  let server: TestServer;
  let gate: Awaited<ReturnType<typeof startGate>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer();
    gate = await startGate(Number(new URL(server.url).port));
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await gate?.close();
    await server?.stop();
  });

  it('reloads offline after one online visit, and an offline edit reaches the server when back online', async () => {
    const api = await apiClient(server);
    const id = `lead-offline-${Date.now()}`;
    const at = new Date().toISOString();
    await api.putDocs('leads', [
      {
        id,
        contactId: 'contact-e2e',
        title: 'Before the trip',
        stage: 'new',
        value: { amount: 100, currency: 'RUB' },
        source: { channel: 'manual' },
        createdAt: at,
        updatedAt: at,
      },
    ]);

    // One online visit, through the gate (the origin the worker is registered for).
    context = await newContext(browser, 'en-US', { serviceWorkers: 'allow' });
    page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await signIn(page, { ...server, url: gate.url });
    const registration = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      return { scope: reg.scope, script: reg.active?.scriptURL };
    });
    expect(registration).toEqual({ scope: `${gate.url}/app/`, script: `${gate.url}/app/sw.js` });
    // clientsClaim: the first install takes over the page it was registered from.
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'), {
        timeout: 30_000,
      })
      .toBe('activated');
    // The app shell and its hashed assets are in the precache; API and sync answers are not.
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys())
        for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
      return urls;
    });
    expect(cached).toEqual(expect.arrayContaining(['/app/index.html', '/app/manifest.webmanifest']));
    expect(cached.some((u) => /^\/app\/assets\/index-[\w-]+\.js$/.test(u))).toBe(true);
    // Every chunk of the build, the screens that load on first use too (Shell.tsx), none opened yet.
    const built = readdirSync(join(rendererDir, 'assets')).filter((f) => /\.(js|css)$/.test(f));
    expect(built.filter((f) => /^(Tasks|Settings|Analytics)-[\w-]+\.js$/.test(f))).toHaveLength(3);
    expect(built.map((f) => `/app/assets/${f}`).filter((u) => !cached.includes(u))).toEqual([]);
    expect(cached.filter((u) => !u.startsWith('/app/'))).toEqual([]);
    // Installable: the page links a manifest with the name, icons and the brand colour.
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel=manifest]');
      return link ? ((await (await fetch(link.href)).json()) as Record<string, unknown>) : null;
    });
    expect(manifest).toMatchObject({
      name: 'Sales Workspace',
      display: 'standalone',
      theme_color: '#111827',
      start_url: './',
      scope: './',
    });
    expect(manifest!.icons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sizes: '192x192', type: 'image/png' }),
        expect.objectContaining({ sizes: '512x512', type: 'image/png' }),
      ]),
    );

    await page.goto(`${gate.url}/app/#/leads/${id}`);
    await expect
      .poll(() => page.inputValue('[data-testid=lead-editor] input[name=title]'), { timeout: 30_000 })
      .toBe('Before the trip');

    // No connection at all: the browser is offline and the server cannot be reached.
    await context.setOffline(true);
    await gate.close();
    expect(
      await fetch(`${gate.url}/healthz`).then(
        () => 'reached',
        () => 'unreachable',
      ),
    ).toBe('unreachable');

    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await expect
      .poll(() => page.inputValue('[data-testid=lead-editor] input[name=title]'), { timeout: 30_000 })
      .toBe('Before the trip');
    await expect.poll(() => page.getAttribute('[data-testid=sync-status]', 'data-state')).toBe('offline');
    // A route never opened online loads too (the shell is one page; data comes from IndexedDB).
    await page.goto(`${gate.url}/app/#/leads`);
    await page
      .locator(`[data-lead-id="${id}"], a[href="#/leads/${id}"]`)
      .first()
      .waitFor({ timeout: 30_000 });
    await page.goto(`${gate.url}/app/#/leads/${id}`);
    await expect
      .poll(() => page.inputValue('[data-testid=lead-editor] input[name=title]'), { timeout: 30_000 })
      .toBe('Before the trip');
    // Each screen that loads on first use (its own chunk, never fetched online) opens offline: the
    // worker serves its chunk from the precache, so no screen shows the load failure notice.
    for (const [screen, shown] of [
      ['tasks', '[data-testid=tasks-screen]'],
      ['contacts', 'main.content .list-pane'],
      ['knowledge', 'main.content h1:text-is("Knowledge")'],
      ['agents', 'main.content h1:text-is("Agents")'],
      ['activity', 'main.content h1:text-is("Agent activity")'],
      ['analytics', '[data-testid=analytics-counts]'],
      ['settings', '[data-testid=sign-out]'],
    ] as const) {
      await page.goto(`${gate.url}/app/#/${screen}`);
      await page.locator(shown).first().waitFor({ timeout: 30_000 });
      expect(await page.locator('[data-testid=screen-load-failed]').count(), screen).toBe(0);
    }
    await page.goto(`${gate.url}/app/#/leads/${id}`);
    await expect
      .poll(() => page.inputValue('[data-testid=lead-editor] input[name=title]'), { timeout: 30_000 })
      .toBe('Before the trip');

    // An edit made offline waits on the device.
    await page.fill('[data-testid=lead-editor] input[name=title]', 'Renamed on the plane');
    await page.click('[data-testid=lead-save]');
    await expect
      .poll(() => page.textContent('[data-testid=sync-status]'), { timeout: 20_000 })
      .toMatch(/Offline — [1-9]\d* changes? pending/);
    expect((await api.getDoc<{ title: string }>('leads', id))?.title).toBe('Before the trip');

    // Back online: the edit reaches the server.
    await gate.open();
    await context.setOffline(false);
    const synced = await waitFor(async () => {
      const d = await api.getDoc<{ title: string }>('leads', id);
      return d?.title === 'Renamed on the plane' ? d : null;
    }, 60_000);
    expect(synced.title).toBe('Renamed on the plane');
    await expect
      .poll(() => page.getAttribute('[data-testid=sync-status]', 'data-state'), { timeout: 30_000 })
      .toBe('online');
    expect(errors).toEqual([]);
  }, 240_000);

  it('installs a new version in the background and offers "Reload to update" (en and ru)', async () => {
    // A copy of the build the server serves, so this test can ship a "new version" of it.
    const appDir = mkdtempSync(join(tmpdir(), 'sw-e2e-app-'));
    cpSync(rendererDir, appDir, { recursive: true });
    const own = await startSyncServer({ APP_DIR: appDir });
    const ctx = await newContext(browser, 'ru-RU', { serviceWorkers: 'allow' });
    try {
      const p = await ctx.newPage();
      await signIn(p, own);
      await expect
        .poll(() => p.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'), {
          timeout: 30_000,
        })
        .toBe('activated');
      expect(await p.locator('[data-testid=update-ready]').count()).toBe(0);

      // The new version: a changed app shell, and the worker's precache list naming its new revision.
      const index = readFileSync(join(appDir, 'index.html'), 'utf8');
      writeFileSync(
        join(appDir, 'index.html'),
        index.replace('</head>', '<meta name="app-build" content="2"></head>'),
      );
      const sw = readFileSync(join(appDir, 'sw.js'), 'utf8');
      const updated = sw.replace(/(\{url:"index\.html",revision:")[0-9a-f]+"/, '$1' + 'f'.repeat(32) + '"');
      expect(updated).not.toBe(sw);
      writeFileSync(join(appDir, 'sw.js'), updated);

      // The browser finds it (as on any navigation or the app's hourly check); it installs and waits.
      await p.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        await reg?.update();
      });
      const banner = p.locator('[data-testid=update-ready]');
      await banner.waitFor({ timeout: 30_000 });
      expect(await banner.textContent()).toContain('Готова новая версия приложения.');
      expect(await p.locator('[data-testid=update-reload]').textContent()).toBe('Перезагрузить и обновить');
      // Waiting, not yet in charge: the open page still runs the old shell.
      expect(
        await p.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !!r?.waiting)),
      ).toBe(true);
      expect(await p.locator('meta[name=app-build]').count()).toBe(0);

      // The rep's choice: the new version takes over and the page reloads into it, still signed in.
      // What counts is the new shell running, not a particular load event (a loaded CI machine took
      // over 30 s for the reloaded page's).
      await p.click('[data-testid=update-reload]');
      await p
        .locator('meta[name=app-build]')
        .waitFor({ state: 'attached', timeout: 60_000 })
        .catch(async (e: unknown) => {
          // Which step did not happen: the new version never activated, or the page never reloaded.
          const read = p
            .evaluate(async () => {
              const reg = await navigator.serviceWorker.getRegistration();
              return {
                waiting: reg?.waiting?.state ?? null,
                active: reg?.active?.state ?? null,
                controlledByActive: navigator.serviceWorker.controller === reg?.active,
                banner: !!document.querySelector('[data-testid=update-ready]'),
                intent: sessionStorage.getItem('sw-update-requested'),
              };
            })
            .catch((err: unknown) => String(err));
          // A page busy past the wait may not answer either: the error must not wait for it.
          const state = await within('reading the page', 5_000, read).catch((err: unknown) => String(err));
          throw new Error(`${String(e)}\nservice worker: ${JSON.stringify(state)}`);
        });
      await waitOnline(p);
      expect(await p.locator('[data-testid=update-ready]').count()).toBe(0);
    } finally {
      await ctx.close();
      await own.stop();
      rmSync(appDir, { recursive: true, force: true });
    }
  }, 180_000);
});
