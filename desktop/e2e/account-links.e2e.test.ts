// Links from account mail, in Chromium against the real sync server: a rep who forgot the password asks
// for a link on the sign-in screen, opens it from the mail and sets a new one; an invitee opens the
// invite link and lands in the team. The team's e-mail channel sends through a real SMTP server on
// loopback (sync-server/test/mail-servers.ts, in a process of its own); its mailbox points nowhere (no IMAP is needed to send).
// Sign-in through OpenID providers by redirect: two real ones (oidc-provider on loopback, oidc-issuer.ts),
// the first sign-in confirmed with the password, a second provider linked in Settings, each signing in,
// then the admin's rule naming the first one only, which refuses the second;
// and the attacks refused in the browser with the reason on the sign-in screen: a forged state, a replayed
// code, and ID tokens substituted at the token endpoint (signed with the provider's key) that expired or
// were made for another client.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer as createTcpServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  newContext,
  startSyncServer,
  waitFor,
  waitOnline,
  type TestServer,
} from './harness';
import { configureTwo, listenIssuer, twoProviders, type Issuer } from './oidc-issuer';

type Mail = { to: string; text: string };
type Smtp = { host: string; port: number; user: string; password: string; mails: Mail[]; stop(): void };

/** The sync-server tests' SMTP sink (smtp-server on loopback) in a process of its own. */
async function startSmtp(): Promise<Smtp> {
  const require = createRequire(import.meta.url);
  const tsx = join(dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');
  const repo = resolve(import.meta.dirname, '..', '..');
  const child = spawn(process.execPath, [tsx, join(repo, 'sync-server', 'test', 'smtp-sink-cli.ts')], {
    cwd: repo,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const mails: Mail[] = [];
  const lines = createInterface({ input: child.stdout! });
  return new Promise((res, rej) => {
    child.once('exit', (code) => rej(new Error(`the SMTP sink exited (${code})`)));
    lines.on('line', (line) => {
      const msg = JSON.parse(line) as { ready?: Omit<Smtp, 'mails' | 'stop'>; mail?: Mail };
      if (msg.mail) mails.push(msg.mail);
      if (msg.ready) res({ ...msg.ready, mails, stop: () => child.stdin!.end() });
    });
  });
}

async function closedPort(): Promise<number> {
  return new Promise((res) => {
    const s = createTcpServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

describe.skipIf(!hasChromium)('account links in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let smtp: Smtp;
  let corp: Issuer;
  let second: Issuer;

  /** The token of the newest mail to `to` with a `#<kind>=` link, and the link. */
  const linkIn = (to: string, kind: 'reset' | 'invite') =>
    waitFor(async () => {
      const mail = [...smtp.mails].reverse().find((m) => m.to === to && m.text.includes(`#${kind}=`));
      return mail && /https?:\/\/\S+\/app\/#(reset|invite)=\S+/.exec(mail.text)?.[0];
    });

  beforeAll(async () => {
    ensureWebBuild();
    smtp = await startSmtp();
    corp = await listenIssuer();
    second = await listenIssuer();
    server = await startSyncServer(twoProviders(corp, second));
    // PUBLIC_URL unset: the server's redirect URIs name localhost at its port.
    configureTwo(
      server.url.replace('127.0.0.1', 'localhost'),
      { corp, second },
      {
        corp: {
          boss: { email: 'sso-boss@example.com', email_verified: true },
          stranger: { email: 'stranger@example.com', email_verified: true },
        },
        second: { 'boss-2': {} },
      },
    );
    browser = await launchBrowser();
    const admin = await apiClient(server);
    await admin.call('PUT', '/api/v1/channels/email', {
      address: 'sales@demo.test',
      fromName: 'Demo Sales',
      imap: { host: '127.0.0.1', port: await closedPort(), tls: 'none', user: 'sales', password: 'x-imap' },
      smtp: { host: smtp.host, port: smtp.port, tls: 'none', user: smtp.user, password: smtp.password },
    });
  }, 180_000);

  /** At the provider's development pages: log in as `login`, then consent. */
  const atProvider = async (page: Page, login: string) => {
    await page.waitForSelector('input[name=login]');
    await page.fill('input[name=login]', login);
    await page.fill('input[name=password]', 'any');
    await page.click('button[type=submit]');
    await page.waitForSelector('button[type=submit][autofocus]');
    await page.click('button[type=submit]');
  };

  // Each test opens apps of its own; closed with it, none goes on syncing beside the next test.
  afterEach(async () => {
    await Promise.allSettled(browser.contexts().map((c) => c.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    smtp?.stop();
    await corp?.close();
    await second?.close();
  }, 30_000);

  it('a forgotten password: ask on the sign-in screen, open the mailed link, set a new one, sign in', async () => {
    const page = await (await newContext(browser)).newPage();
    await page.goto(`${server.url}/app/`);
    await page.fill('input[name=server]', server.url);
    await page.click('[data-testid=signin-forgot]');
    await page.waitForSelector('[data-testid=signin-form][data-mode=forgot]');
    await page.fill('input[name=email]', server.email);
    await page.click('[data-testid=signin-submit]');
    // The notice, or on failure what the screen showed instead (its mode, an alert, a request still out).
    const shown = () =>
      page.evaluate(() => {
        const text = (sel: string) => document.querySelector(sel)?.textContent ?? null;
        const form = document.querySelector('[data-testid=signin-form]');
        const submit = document.querySelector<HTMLButtonElement>('[data-testid=signin-submit]');
        return {
          notice: text('[data-testid=signin-notice]'),
          mode: form?.getAttribute('data-mode') ?? null,
          alert: text('[role=alert]'),
          busy: submit?.disabled ?? null,
        };
      });
    await expect
      .poll(
        async () =>
          (await shown()).notice?.includes(server.email) ? 'notice' : JSON.stringify(await shown()),
        {
          timeout: 30_000,
        },
      )
      .toBe('notice');

    const link = await linkIn(server.email, 'reset');
    await page.goto(link.replace(/^https?:\/\/[^/]+/, server.url));
    await page.waitForSelector('[data-testid=signin-form][data-mode=reset]');
    await page.fill('input[name=password]', 'A-brand-new-passphrase-51');
    await page.click('[data-testid=signin-submit]');
    await page.waitForSelector('[data-testid=signin-form][data-mode=signin]');
    // The token left the address; the e-mail is filled in; the new password signs in.
    expect(await page.evaluate(() => location.hash)).toBe('');
    expect(await page.inputValue('input[name=email]')).toBe(server.email);
    await page.fill('input[name=password]', 'A-brand-new-passphrase-51');
    await page.click('[data-testid=signin-submit]');
    await waitOnline(page);

    // The link works once: opened again, it says so.
    const again = await (await newContext(browser)).newPage();
    await again.goto(link.replace(/^https?:\/\/[^/]+/, server.url));
    await again.fill('input[name=server]', server.url);
    await again.fill('input[name=password]', 'Yet-another-passphrase-52');
    await again.click('[data-testid=signin-submit]');
    await expect.poll(() => again.textContent('[role=alert]')).toMatch(/used|invalid/);
  }, 120_000);

  it('an invite: the mailed link asks only for a password and lands in the team', async () => {
    const admin = await apiClient(server, server.email, 'A-brand-new-passphrase-51');
    const email = `invitee-${Date.now()}@example.com`;
    const invite = (await admin.call('POST', '/api/v1/members/invite', { email, role: 'rep' })) as {
      emailed: boolean;
    };
    expect(invite.emailed).toBe(true);
    const link = await linkIn(email, 'invite');
    const page = await (await newContext(browser, 'ru-RU')).newPage();
    await page.goto(link.replace(/^https?:\/\/[^/]+/, server.url));
    await page.waitForSelector('[data-testid=signin-form][data-mode=invite]');
    expect(await page.locator('input[name=email]').count()).toBe(0);
    await page.fill('input[name=server]', server.url);
    await page.fill('input[name=password]', 'Invitee-passphrase-63');
    await page.click('[data-testid=signin-submit]');
    await waitOnline(page);
  }, 120_000);

  it('signs in through an OpenID provider by redirect and links a second one', async () => {
    const app = server.url.replace('127.0.0.1', 'localhost');
    const password = 'Sso-boss-passphrase-77';
    const register = await fetch(`${server.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ teamName: 'SSO team', email: 'sso-boss@example.com', password }),
    });
    expect(register.status).toBe(202);

    const page = await (await newContext(browser)).newPage();
    await page.goto(`${app}/app/`);
    await page.fill('input[name=server]', app);
    // An account no member has: refused, and the sign-in screen says what to do.
    await page.click('[data-testid=sso-corp]');
    await atProvider(page, 'stranger');
    await expect
      .poll(() => page.textContent('[role=alert]'), { timeout: 15_000 })
      .toContain('No member signs in');

    // The member's first sign-in through the provider waits for the password: then linked and in.
    // (The provider's session of the stranger is forgotten, as after signing out there.)
    await page.context().clearCookies();
    await page.click('[data-testid=sso-corp]');
    await atProvider(page, 'boss');
    await page.waitForSelector('[data-testid=signin-form][data-mode=sso-pending]');
    expect(await page.inputValue('input[name=email]')).toBe('sso-boss@example.com');
    expect(await page.evaluate(() => location.hash)).toBe('');
    await page.fill('input[name=password]', password);
    await page.click('[data-testid=signin-submit]');
    await waitOnline(page);

    // Settings: Corp SSO is linked; link the second provider by redirect.
    await page.evaluate(() => (location.hash = '#/settings'));
    await page.waitForSelector('[data-testid=sso-linked-corp]');
    await page.click('[data-testid=sso-link-second]');
    await atProvider(page, 'boss-2');
    await page.waitForSelector('[data-testid=sso-linked-second]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid=sso-card]');

    // The admin requires SSO: the password no longer signs in, and the sign-in screen says why.
    await page.click('[data-testid=sso-required]');
    await page.waitForSelector('[data-testid=sso-required]:checked');
    await expect
      .poll(() =>
        fetch(`${server.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'sso-boss@example.com', password }),
        }).then((r) => r.status),
      )
      .toBe(403);
    const byPassword = await (await newContext(browser)).newPage();
    await byPassword.goto(`${app}/app/`);
    await byPassword.fill('input[name=server]', app);
    await byPassword.fill('input[name=email]', 'sso-boss@example.com');
    await byPassword.fill('input[name=password]', password);
    await byPassword.click('[data-testid=signin-submit]');
    await expect.poll(() => byPassword.textContent('[role=alert]')).toContain('use the provider');

    // Signed out, each provider signs the member in by redirect alone.
    for (const [id, login] of [
      ['second', 'boss-2'],
      ['corp', 'boss'],
    ] as const) {
      const fresh = await (await newContext(browser)).newPage();
      await fresh.goto(`${app}/app/`);
      await fresh.fill('input[name=server]', app);
      await fresh.click(`[data-testid=sso-${id}]`);
      await atProvider(fresh, login);
      await waitOnline(fresh);
      expect(await fresh.evaluate(() => location.hash)).not.toContain('sso');
    }

    // Corp SSO only, ticked in Settings (saved at once while the rule is on): the personal second
    // account signs in no more, and the sign-in screen says why.
    await page.click('[data-testid=sso-allowed-corp]');
    await page.waitForSelector('[data-testid=sso-allowed-corp]:checked');
    await expect
      .poll(() => page.textContent('[data-testid=toast][data-source=sso-notice]'))
      .toContain('Saved');
    const refused = await (await newContext(browser)).newPage();
    await refused.goto(`${app}/app/`);
    await refused.fill('input[name=server]', app);
    await refused.click('[data-testid=sso-second]');
    await atProvider(refused, 'boss-2');
    await expect.poll(() => refused.textContent('[role=alert]')).toContain('use the provider');

    // Untick it again (any provider), so the attacks below meet the rule they were written for.
    const saved = page.waitForResponse(
      (r) => r.url().includes('/auth/sso-policy') && r.request().method() === 'PUT',
    );
    await page.click('[data-testid=sso-allowed-corp]');
    await page.waitForSelector('[data-testid=sso-allowed-corp]:not(:checked)');
    expect((await saved).status()).toBe(200);
  }, 180_000);

  it('refuses a forged state, a replayed code, an expired ID token and one made for another client, and says why', async () => {
    const app = server.url.replace('127.0.0.1', 'localhost');
    const isCallback = (url: URL | string) => String(url).includes('/api/v1/auth/oidc/corp/callback');
    /**
     * A fresh browser through Corp SSO as the member and back to the server's callback: the callback's
     * address and the status the server answered it with. `beforeBack` runs at the provider's login page, with the
     * nonce the server put in the authorization request.
     */
    const throughProvider = async (beforeBack?: (nonce: string) => Promise<void>) => {
      const page = await (await newContext(browser)).newPage();
      let nonce = '';
      page.on('request', (r) => {
        const u = new URL(r.url());
        if (u.origin === corp.issuer && u.pathname === '/auth') nonce ||= u.searchParams.get('nonce') ?? '';
      });
      await page.goto(`${app}/app/`);
      await page.fill('input[name=server]', app);
      await page.click('[data-testid=sso-corp]');
      await page.waitForSelector('input[name=login]');
      expect(nonce).not.toBe('');
      await beforeBack?.(nonce);
      const back = page.waitForResponse((r) => isCallback(r.url()));
      await atProvider(page, 'boss');
      const res = await back;
      return { page, url: res.url(), status: res.status() };
    };
    /** Opens `url` in `page`: the server's answer (read before its page sends the browser on to the app). */
    const open = async (page: Page, url: string) => {
      let answer = { status: 0, text: '' };
      await page.route(isCallback, async (route) => {
        const res = await route.fetch({ maxRedirects: 0 });
        answer = { status: res.status(), text: await res.text() };
        await route.fulfill({ response: res });
      });
      await page.goto(url);
      await page.unroute(isCallback);
      return answer;
    };
    const saysRefused = (page: Page, detail: RegExp) =>
      expect
        .poll(() => page.textContent('[role=alert]'), { timeout: 15_000 })
        .toMatch(new RegExp(`sign-in through the provider was refused: .*(${detail.source})`, 'i'));

    // The member's own callback signs in once; the same code again is refused.
    const first = await throughProvider();
    expect(first.status).toBe(303);
    await waitOnline(first.page);
    expect(await open(first.page, first.url)).toEqual({
      status: 400,
      text: expect.stringMatching(/used already/),
    });

    // A state this server never handed out: refused, and the sign-in screen says so.
    const forged = new URL(first.url);
    forged.searchParams.set('state', 'forged-state-value');
    const other = await (await newContext(browser)).newPage();
    expect(await open(other, forged.href)).toEqual({
      status: 400,
      text: expect.stringMatching(/not started by this server/),
    });
    await saysRefused(other, /not started by this server/);

    // The token endpoint's answer replaced by a man in the middle with ID tokens signed by the provider's
    // own key, for the flow's nonce: one expired ten minutes ago, one made for another client.
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: 'boss', email: 'sso-boss@example.com', email_verified: true };
    for (const [token, detail] of [
      [{ ...claims, aud: 'workspace', iat: now - 1200, exp: now - 600 }, /"exp"|expired|timestamp/],
      [{ ...claims, aud: 'other', iat: now, exp: now + 600 }, /"aud"|audience/],
    ] as const) {
      try {
        const flow = await throughProvider(async (nonce) =>
          corp.tamperToken({
            access_token: 'substituted',
            token_type: 'Bearer',
            expires_in: 60,
            id_token: await corp.signIdToken({ ...token, nonce }),
          }),
        );
        expect(flow.status).toBe(400);
        await saysRefused(flow.page, detail);
        expect(await flow.page.locator('[data-testid=sync-status]').count()).toBe(0);
      } finally {
        corp.tamperToken(undefined);
      }
    }
  }, 180_000);
});
