// The Plan and usage card and a plan limit, in Chromium against the real sync server (issue 40): the
// operator puts the team on Free (its seats made one, so the demo team is over it), the admin sees a
// bar per limit with the seats one reached, and an invite is refused with 402, the card of members
// saying why in the UI's language (English, then Russian). The device holds the 90 days of
// conversations the Free plan shows, and the rest once the plan shows all of it, without signing in
// again.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  ensureWebBuild,
  hasChromium,
  signedInPage,
  startSyncServer,
  type TestServer,
} from './harness';

const OPERATOR = 'operator-token-e2e-0123456789';

describe.skipIf(!hasChromium)('Plan and usage in Settings, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let team: { id: string };
  const setPlan = (plan: string) =>
    fetch(`${server.url}/api/v1/billing/operator/teams/${team.id}/plan`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' },
      body: JSON.stringify({ plan }),
    });
  const oldConversation = (at: string) => ({
    id: 'conv-e2e-long-ago',
    contactId: 'contact-e2e-long-ago',
    channel: 'webchat',
    externalChatId: 'Customer from long ago',
    mode: 'ai',
    status: 'open',
    lastMessageAt: at,
    createdAt: at,
    updatedAt: at,
  });

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
    ({ team } = (await login.json()) as { team: { id: string } });
    expect((await setPlan('free')).status).toBe(200);
    // A customer last heard from 200 days ago: kept, past what the Free plan shows.
    const at = new Date(Date.now() - 200 * 86_400_000).toISOString();
    await (await apiClient(server)).putDocs('conversations', [oldConversation(at)]);
    ({ browser, page } = await signedInPage(server));
    await page.goto(`${server.url}/app/#/settings/team`);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("holds the Free plan's 90 days of conversations, and the older ones once the plan shows all", async () => {
    await page.goto(`${server.url}/app/#/inbox`);
    const rows = page.locator('[data-testid=conversation-row]');
    await rows.first().waitFor();
    // The list is virtual and newest first: the oldest rows are drawn once it is scrolled to its end.
    const list = page.locator('[data-testid=conversation-list]');
    const listed = async () => {
      await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      return list.innerText();
    };
    expect(await listed()).not.toContain('Customer from long ago');

    // The larger plan: the device's next answer of the gateway says so, and it pulls the history again.
    expect((await setPlan('business')).status).toBe(200);
    const api = await apiClient(server);
    const now = new Date().toISOString();
    // A customer writes in today: the device's next pull (the periodic one of other collections, or
    // its conversations' next long-poll) names the larger history.
    await api.putDocs('conversations', [
      { ...oldConversation(now), id: 'conv-e2e-now', externalChatId: 'Customer of today' },
    ]);
    await expect.poll(listed, { timeout: 30_000 }).toContain('Customer from long ago');
    expect((await setPlan('free')).status).toBe(200);
    await page.goto(`${server.url}/app/#/settings/team`);
  }, 60_000);

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
