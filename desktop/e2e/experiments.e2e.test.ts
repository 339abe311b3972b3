// End to end in Chromium against the real sync server (issue 38): the demo team's admin opens Agents
// in Russian, sees the demo's running A/B test with both variants, their conversations and the
// conversion interval (computed from the replicated data), and promotes one: the server's profile
// then has the winner's instructions and the test is marked promoted.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  closeAll,
  ensureWebBuild,
  hasChromium,
  signedInPage,
  startSyncServer,
  waitFor,
  type TestServer,
} from './harness';

type Profile = {
  instructions: string;
  experiments?: {
    id: string;
    status: string;
    winnerVariantId?: string;
    variants: { id: string; instructions: string }[];
  }[];
};

describe.skipIf(!hasChromium)('A/B tests of instructions in Chromium against the real sync server', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer();
    ({ browser, page } = await signedInPage(server, 'ru-RU'));
    await page.selectOption('[data-testid=language]', 'ru');
  }, 180_000);

  afterAll(() => closeAll(browser, server));

  it('shows the demo test’s variants with data and promotes one, in Russian', async () => {
    const admin = await apiClient(server);
    await page.goto(`${server.url}/app/#/agents`);
    const section = page.locator('[data-testid=experiments]');
    await section.waitFor({ timeout: 30_000 });
    expect(await section.locator('h2').textContent()).toBe('Сплит-тесты инструкций');
    const test = section.locator('[data-testid=experiment-exp-demo-style]');
    expect(await test.getAttribute('data-status')).toBe('running');
    expect(await test.textContent()).toContain('идёт');
    // Both variants have replicated conversations (the demo's 25 are split between them).
    const count = async (id: string) =>
      Number(
        (await test.locator(`[data-testid=experiment-variant-${id}] td`).nth(1).textContent())?.replace(
          /\s/g,
          '',
        ),
      );
    await waitFor(async () => (await count('a')) > 0 && (await count('b')) > 0, 30_000);
    expect((await count('a')) + (await count('b'))).toBe(25);
    expect(await test.locator('[data-testid=experiment-variant-a]').textContent()).toMatch(/95%: от \d/);
    expect(await test.locator('[data-testid=experiment-report] th').first().textContent()).toBe('Вариант');
    expect(await test.locator('canvas[role=img]').count()).toBe(1);

    const promote = test.locator('[data-testid=experiment-promote-b]');
    expect(await promote.textContent()).toBe('Сделать «Consultative» инструкциями профиля');
    await promote.click();
    const profile = await waitFor(async () => {
      const p = (await admin.call('GET', '/api/v1/agent-settings/agent-default')) as Profile;
      return p.experiments?.[0]?.status === 'promoted' ? p : null;
    }, 30_000);
    expect(profile.experiments![0]!.winnerVariantId).toBe('b');
    expect(profile.instructions).toBe(profile.experiments![0]!.variants[1]!.instructions);
    await waitFor(async () => (await test.getAttribute('data-status')) === 'promoted', 15_000);
    expect(await test.textContent()).toContain('победитель: Consultative');
    // A new test can be started now that none runs.
    expect(await section.locator('[data-testid=experiment-start]').count()).toBe(1);
  }, 120_000);
});
