// The Plan and usage card and a plan limit, in Chromium against the real sync server (issue 40): the
// operator puts the team on Free (its seats made one, so the demo team is over it), the admin sees a
// bar per limit with the seats one reached, and an invite is refused with 402, the card of members
// saying why in the UI's language (English, then Russian).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild, hasChromium, signedInPage, startSyncServer, type TestServer } from './harness';

const OPERATOR = 'operator-token-e2e-0123456789';

describe.skipIf(!hasChromium)('Plan and usage in Settings, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer({
      BILLING_OPERATOR_TOKEN: OPERATOR,
      BILLING_LIMITS: JSON.stringify({ free: { seats: 1 } }),
    });
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: server.email, password: server.password }),
    });
    const { team } = (await login.json()) as { team: { id: string } };
    const set = await fetch(`${server.url}/api/v1/billing/operator/teams/${team.id}/plan`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' },
      body: JSON.stringify({ plan: 'free' }),
    });
    expect(set.status).toBe(200);
    ({ browser, page } = await signedInPage(server));
    await page.goto(`${server.url}/app/#/settings/team`);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows a bar per limit, the reached one marked, and why an invite over the seats fails', async () => {
    const card = page.locator('[data-testid=plan-card]');
    await card.locator('[data-testid=plan-name]').waitFor();
    expect(await card.locator('[data-testid=plan-name]').innerText()).toBe('Plan: Free');
    // A bar for each counted limit, none for the history kept.
    for (const key of ['seats', 'channels', 'aiReplies', 'knowledgeBytes'])
      expect(await card.locator(`[data-testid=plan-limit-${key}] meter`).count()).toBe(1);
    expect(await card.locator('[data-testid=plan-limit-historyDays] meter').count()).toBe(0);
    expect(await card.locator('[data-testid=plan-limit-historyDays]').innerText()).toContain('90 days');
    expect(await card.locator('[data-testid=plan-reached-seats]').innerText()).toBe('Limit reached');
    expect(await card.locator('[data-testid=plan-usage-seats]').innerText()).toMatch(/^\d+ of 1$/);
    expect(Number(await card.locator('[data-testid=plan-limit-seats] meter').getAttribute('value'))).toBe(1);

    const invite = async (email: string) => {
      const form = page.locator('[data-testid=invite-form]');
      await form.locator('input[type=email]').fill(email);
      await form.locator('[data-testid=invite-submit]').click();
    };
    await invite('one-too-many@example.com');
    const notice = page.locator('[data-testid=members-notice]');
    await notice.waitFor();
    await expect
      .poll(() => notice.innerText())
      .toContain('The Free plan allows 1 seat (members and pending invites), and all are taken');

    await page
      .locator('[data-testid=settings-nav] >> text=Profile')
      .click()
      .catch(() => undefined);
    await page.goto(`${server.url}/app/#/settings/profile`);
    await page.locator('[data-testid=settings-language]').selectOption('ru');
    await page.goto(`${server.url}/app/#/settings/team`);
    await expect.poll(() => card.locator('h3').textContent()).toBe('Тариф и использование');
    expect(await card.locator('[data-testid=plan-reached-seats]').innerText()).toBe('Лимит исчерпан');
    await invite('one-more@example.com');
    await expect
      .poll(() => notice.innerText())
      .toContain('Тариф «Бесплатный» допускает мест: 1 (участники и приглашения), и все заняты');
  });
});
