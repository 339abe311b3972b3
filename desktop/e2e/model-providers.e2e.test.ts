// The model providers card of Settings as an admin uses it, in Russian, in Chromium against the real
// sync server and a fake OpenAI-compatible model server on loopback: the card says the team uses the
// server's default, the admin adds a provider (its key goes to the server and is never shown again),
// tests the connection (models listed, a one-token chat answered), sees this month's usage line, has
// the default agent profile (Agents) answer with it, with a fallback chain and a monthly budget, and
// removes the provider.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeCompletion, startFakeOpenAi, type FakeOpenAi } from '@app/shared/testing';
import {
  apiClient,
  closeAll,
  ensureWebBuild,
  hasChromium,
  russianSettingsPage,
  startSyncServer,
  type TestServer,
  toastText,
} from './harness';

const KEY = 'sk-team-key-from-the-settings-card-0123456789';

describe.skipIf(!hasChromium)('the model providers card in Chromium against the real sync server', () => {
  let server: TestServer;
  let model: FakeOpenAi;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    model = await startFakeOpenAi((req) =>
      req.path.endsWith('/models')
        ? {
            body: {
              object: 'list',
              data: [{ id: 'qwen-team', object: 'model', created: 0, owned_by: 'me' }],
            },
          }
        : { body: fakeCompletion({ content: 'OK', model: String(req.body.model) }) },
    );
    server = await startSyncServer();
    ({ browser, page } = await russianSettingsPage(server));
    await page.goto(`${server.url}/app/#/settings/ai`);
  }, 180_000);

  afterAll(() => closeAll(browser, server, model), 30_000);

  it('adds a provider, tests it, shows usage, a profile picks it with a chain and budget, removes it', async () => {
    const card = page.locator('[data-testid=models-card]');
    await expect.poll(() => card.locator('[data-testid=models-usage]').count()).toBe(1);
    expect(await card.locator('h3').textContent()).toBe('Провайдер LLM');
    expect(await card.textContent()).toMatch(
      /Пока нет: агенты используют (модель сервера|встроенный офлайн-провайдер)/,
    );
    expect(await card.locator('[data-testid=models-usage]').textContent()).toMatch(
      /^В этом месяце: 0\s\$, вызовов: 0, токенов: 0$/,
    );
    expect(await card.textContent()).not.toContain('не подключено');

    await page.selectOption('[data-testid=models-kind]', 'openai-compatible');
    await page.fill('[data-testid=models-id]', 'team');
    await page.fill('[data-testid=models-url]', model.baseURL);
    await page.fill('[data-testid=models-key]', KEY);
    await page.fill('[data-testid=models-model]', 'qwen-team');
    await page.click('[data-testid=models-save]');
    await expect.poll(() => toastText(page, 'models-notice')).toBe('Провайдер team добавлен');
    const row = card.locator('[data-testid=model-provider-team]');
    expect(await row.textContent()).toContain('ключ сохранён');
    expect(await card.textContent()).not.toContain(KEY);
    expect(await page.locator('[data-testid=models-key]').inputValue()).toBe('');

    const api = await apiClient(server);
    const listed = (await api.call('GET', '/api/v1/model-providers')) as { providers: unknown[] };
    expect(listed.providers).toEqual([
      expect.objectContaining({ id: 'team', kind: 'openai-compatible', model: 'qwen-team', hasKey: true }),
    ]);

    await card.locator('[data-testid=model-test-team]').click();
    const result = card.locator('[data-testid=model-test-result-team]');
    await expect.poll(() => result.textContent()).toMatch(/^Подключено: моделей — 1, ответ за \d+ мс$/);
    expect(model.requests.at(-1)!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(model.requests.at(-1)!.body.max_tokens).toBe(1);

    // The default agent profile picks the provider for its answers, a fallback chain and a budget.
    // Providers are picked from the team's, not typed as ids; any role may also be kept offline.
    await page.goto(`${server.url}/app/#/agents`);
    const provider = page.locator('[data-testid=agent-provider-answer]');
    await expect.poll(() => provider.evaluate((el) => el.tagName)).toBe('SELECT');
    expect(await provider.locator('option').allTextContents()).toEqual([
      'Первый провайдер команды',
      'Офлайн (без модели)',
      'team',
    ]);
    await provider.selectOption('team');
    // Its model is offered (the provider's), not only typed.
    const offered = page.locator('#agent-models-answer option');
    expect(await offered.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual([
      'qwen-team',
    ]);
    await page.fill('[data-testid=agent-model-answer]', 'qwen-team');
    await page.check('[data-testid=agent-fallback-team]');
    expect(await page.locator('[data-testid=agent-fallbacks]').textContent()).toContain('1. team');
    await page.fill('[data-testid=agent-budget]', '25');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    type Profile = { isDefault: boolean; models?: unknown; fallbacks?: string[]; monthlyBudgetUsd?: number };
    await expect
      .poll(
        async () => {
          const list = (await api.call('GET', '/api/v1/agent-settings')) as { items: Profile[] };
          const p = list.items.find((x) => x.isDefault);
          return (
            p && {
              answer: (p.models as Record<string, unknown>)?.answer,
              fallbacks: p.fallbacks,
              budget: p.monthlyBudgetUsd,
            }
          );
        },
        { timeout: 20_000 },
      )
      .toEqual({ answer: { provider: 'team', model: 'qwen-team' }, fallbacks: ['team'], budget: 25 });

    await page.goto(`${server.url}/app/#/settings/ai`);
    await row.getByRole('button', { name: 'Удалить' }).click();
    await expect.poll(() => card.locator('[data-testid=model-provider-team]').count()).toBe(0);
    expect(
      ((await api.call('GET', '/api/v1/model-providers')) as { providers: unknown[] }).providers,
    ).toEqual([]);
  }, 90_000);
});
