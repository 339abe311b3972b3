// The desktop app's sign-in accounts, in Chromium against the real sync server and a real OpenID
// provider (oidc-provider on loopback, oidc-issuer.ts). Electron cannot run here, so the renderer runs
// as the shell shows it: `window.desktop` is defined before the app's scripts, as the preload does,
// and its provider calls are answered by main's own code (src/main/loopback-sign-in.ts, its real
// loopback listener) whose "system browser" is another Chromium context sharing nothing with the app.
// A first sign-in whose e-mail is a member's is confirmed in the app with the password; Settings shows
// the sign-in accounts card; "Link" goes through the system browser and the loopback and ends in the
// linked notice without the app's page leaving; the admin's require-SSO switch and unlinking work.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopApi, ProviderLinkRequest, ProviderSignInRequest } from '@app/shared/ipc';
import { signInWithProvider } from '../src/main/loopback-sign-in';
import {
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  newContext,
  startSyncServer,
  waitOnline,
  type TestServer,
} from './harness';
import { configureTwo, listenIssuer, twoProviders, type Issuer } from './oidc-issuer';

/**
 * The preload's `window.desktop`, run in the page before the app: the session in localStorage (main
 * keeps it in safeStorage), the provider calls handed to the test's main (`__desktopShell`).
 */
function installDesktopShell() {
  type Shell = (channel: 'sign-in' | 'link', request: unknown) => Promise<never>;
  const shell = (window as unknown as { __desktopShell: Shell }).__desktopShell;
  const api = {
    getAppInfo: async () => ({
      name: 'Sales Workspace',
      version: '0.1.0',
      platform: 'linux',
      secureStorage: true,
    }),
    getSession: async () => JSON.parse(localStorage.getItem('sw.session') ?? 'null') as never,
    setSession: async (session: unknown) => localStorage.setItem('sw.session', JSON.stringify(session)),
    clearSession: async () => localStorage.removeItem('sw.session'),
    showNotification: async () => undefined,
    openFile: async () => [],
    saveFile: async () => ({ saved: false }),
    setUnreadCount: async () => undefined,
    openExternal: async () => undefined,
    signInWithProvider: (request: unknown) => shell('sign-in', request),
    linkWithProvider: (request: unknown) => shell('link', request),
    onNavigate: () => () => undefined,
  } satisfies DesktopApi;
  (window as unknown as { desktop: DesktopApi }).desktop = Object.freeze(api);
}

describe.skipIf(!hasChromium)('the desktop app’s sign-in accounts in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let corp: Issuer;
  let second: Issuer;
  const member = { email: 'desk-boss@example.com', password: 'Desk-boss-passphrase-81' };
  /** The address the app is given for the server: the one the server's redirect URIs name. */
  let appUrl = '';

  beforeAll(async () => {
    ensureWebBuild();
    corp = await listenIssuer();
    second = await listenIssuer();
    server = await startSyncServer(twoProviders(corp, second));
    // PUBLIC_URL unset: the server's redirect URIs (and the flow's cookie) name localhost at its port.
    appUrl = server.url.replace('127.0.0.1', 'localhost');
    configureTwo(
      appUrl,
      { corp, second },
      { corp: { desk: { email: member.email, email_verified: true } }, second: { 'desk-2': {} } },
    );
    const register = await fetch(`${server.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ teamName: 'Desk team', ...member }),
    });
    expect(register.status).toBe(202);
    browser = await launchBrowser();
  }, 180_000);

  afterEach(async () => {
    await Promise.allSettled(browser.contexts().map((c) => c.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await corp?.close();
    await second?.close();
  }, 30_000);

  /** At the provider's development pages: log in as `login`, then consent. */
  const atProvider = async (page: Page, login: string) => {
    await page.waitForSelector('input[name=login]');
    await page.fill('input[name=login]', login);
    await page.fill('input[name=password]', 'any');
    await page.click('button[type=submit]');
    await page.waitForSelector('button[type=submit][autofocus]');
    await page.click('button[type=submit]');
  };

  /**
   * The app's window with the shell's preload, and the system browser main opens the provider in
   * (a context of its own: no cookie or storage of the app). `at.login` names the provider account
   * the person signs in with there; `at.shown` is the text of the page the loopback listener answered.
   */
  async function desktopApp() {
    const systemBrowser: BrowserContext = await newContext(browser);
    const at = { login: '', shown: '', opened: [] as string[], channels: [] as string[] };
    const visit = async (url: string) => {
      const tab = await systemBrowser.newPage();
      const loopback = tab.waitForResponse((r) => new URL(r.url()).pathname === '/callback', {
        timeout: 60_000,
      });
      await tab.goto(url);
      await atProvider(tab, at.login);
      at.shown = await (await loopback).text();
    };
    const app = await newContext(browser);
    await app.exposeFunction('__desktopShell', (channel: 'sign-in' | 'link', request: unknown) => {
      at.channels.push(channel);
      return signInWithProvider(
        {
          // As shell.openExternal: it hands the address to the browser and returns.
          openExternal: async (url) => {
            at.opened.push(url);
            void visit(url).catch((err: unknown) => console.error('system browser:', err));
          },
          timeoutMs: 90_000,
        },
        request as ProviderSignInRequest | ProviderLinkRequest,
      );
    });
    await app.addInitScript(installDesktopShell);
    return { page: await app.newPage(), at };
  }

  it('signs in through the system browser, confirms the first link with the password, and links, unlinks and requires SSO in Settings', async () => {
    const { page, at } = await desktopApp();
    await page.goto(`${appUrl}/app/`);
    expect(await page.evaluate(() => 'desktop' in window)).toBe(true);
    await page.fill('input[name=server]', appUrl);

    // A first sign-in through Corp SSO whose e-mail is the member's: the app asks for the password.
    at.login = 'desk';
    await page.click('[data-testid=sso-corp]');
    await page.waitForSelector('[data-testid=signin-form][data-mode=sso-pending]', { timeout: 60_000 });
    const start = new URL(at.opened[0]!);
    expect(start.pathname).toBe('/api/v1/auth/oidc/corp/start');
    expect(start.searchParams.get('client_id')).toBe('desktop');
    expect(start.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    // The system browser's tab, answered by the loopback listener (read as the app goes on).
    await expect.poll(() => at.shown).toContain('Almost done');
    expect(await page.inputValue('input[name=email]')).toBe(member.email);
    await page.fill('input[name=password]', member.password);
    await page.click('[data-testid=signin-submit]');
    await waitOnline(page);

    // Settings: the card shows on the desktop, Corp SSO linked by the confirmation.
    await page.evaluate(() => (location.hash = '#/settings'));
    await page.waitForSelector('[data-testid=sso-card]');
    await page.waitForSelector('[data-testid=sso-linked-corp]');
    const appAddress = page.url();

    // Link Second ID: the system browser, the loopback, the link confirmed on this session.
    at.login = 'desk-2';
    await page.click('[data-testid=sso-link-second]');
    // The window waits for the system browser, saying so.
    expect(await (await page.waitForSelector('[data-testid=sso-waiting]')).textContent()).toContain(
      'Sign in with Second ID in your browser',
    );
    await page.waitForSelector('[data-testid=sso-linked-second]', { timeout: 60_000 });
    expect(at.channels).toEqual(['sign-in', 'link']);
    const linkStart = new URL(at.opened[1]!);
    expect(linkStart.pathname).toBe('/api/v1/auth/oidc/second/start');
    expect(linkStart.searchParams.get('link')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await expect
      .poll(() => page.textContent('[data-testid=toast][data-source=sso-notice]'))
      .toContain('Second ID is linked');
    expect(await page.locator('[data-testid=sso-waiting]').count()).toBe(0);
    // The app's window never left the app for the provider.
    expect(page.url()).toBe(appAddress);

    // The admin's switch: members sign in through a provider only; then off again.
    await page.click('[data-testid=sso-required]');
    await page.waitForSelector('[data-testid=sso-required]:checked');
    const byPassword = () =>
      fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(member),
      }).then((r) => r.status);
    expect(await byPassword()).toBe(403);
    await page.click('[data-testid=sso-required]');
    await page.waitForSelector('[data-testid=sso-required]:not(:checked)');
    expect(await byPassword()).toBe(200);

    // Unlink Second ID, after asking.
    await page.click('[data-testid=sso-unlink-second]');
    await page.click('[data-testid=sso-unlink-confirm-second]');
    await page.waitForSelector('[data-testid=sso-linked-second]', { state: 'detached' });
    await page.waitForSelector('[data-testid=sso-link-second]');
  }, 180_000);
});
