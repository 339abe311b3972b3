// The knowledge embeddings card of Settings as an admin uses it, in Russian, in Chromium against the
// real sync server (the demo team and its sample knowledge) and a fake OpenAI-compatible
// `/v1/embeddings` server on loopback: the admin adds a provider with an embeddings model (the model
// providers card), picks it for the knowledge, watches the chunks embedded by it (the fake counts the
// texts), then goes back to the built-in embedder; a provider that stops answering shows its failure.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAi, type FakeOpenAi } from '@app/shared/testing';
import {
  closeAll,
  ensureWebBuild,
  hasChromium,
  russianSettingsPage,
  startSyncServer,
  type TestServer,
} from './harness';

describe.skipIf(!hasChromium)(
  'the knowledge embeddings card in Chromium against the real sync server',
  () => {
    let server: TestServer;
    let fake: FakeOpenAi;
    let browser: Browser;
    let page: Page;
    const embedded: string[] = [];
    let down = false;

    beforeAll(async () => {
      ensureWebBuild();
      fake = await startFakeOpenAi((req) => {
        const input = (req.body.input as string[] | undefined) ?? [];
        if (down) return { status: 500, body: { error: { message: 'embeddings are down' } } };
        embedded.push(...input);
        return {
          body: {
            object: 'list',
            model: String(req.body.model),
            data: input.map((t, index) => ({
              object: 'embedding',
              index,
              embedding: [t.length % 7, 1, 0.5],
            })),
            usage: { prompt_tokens: input.length, total_tokens: input.length },
          },
        };
      });
      server = await startSyncServer();
      ({ browser, page } = await russianSettingsPage(server));
      await page.goto(`${server.url}/app/#/settings/ai`);
    }, 180_000);

    afterAll(() => closeAll(browser, server, fake), 30_000);

    it('picks a team provider for the knowledge, shows the progress, and goes back to the built-in one', async () => {
      const card = page.locator('[data-testid=embeddings-card]');
      await expect
        .poll(() => card.locator('[data-testid=embeddings-progress]').count(), { timeout: 30_000 })
        .toBe(1);
      expect(await card.locator('h3').textContent()).toBe('Векторы базы знаний');
      expect(await card.textContent()).toContain('Ни у одного провайдера команды ещё нет модели эмбеддингов');
      await expect
        .poll(() => card.locator('[data-testid=embeddings-progress]').textContent())
        .toMatch(/^Обработано встроенной моделью: (\d+) из \1 фрагмент/);

      // The provider, with its embeddings model, from the model providers card.
      await page.selectOption('[data-testid=models-kind]', 'openai-compatible');
      await page.fill('[data-testid=models-id]', 'emb');
      await page.fill('[data-testid=models-url]', fake.baseURL);
      await page.fill('[data-testid=models-model]', 'chat-model');
      await page.fill('[data-testid=models-embeddings-model]', 'emb-1');
      await page.click('[data-testid=models-save]');
      const row = page.locator('[data-testid=model-provider-emb]');
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.textContent()).toContain('эмбеддинги emb-1');

      await card.getByRole('button', { name: 'Обновить' }).click();
      await expect.poll(() => card.locator('[data-testid=embeddings-provider] option').count()).toBe(2);
      await page.selectOption('[data-testid=embeddings-provider]', 'emb');
      await card.locator('[data-testid=embeddings-save]').click();
      await expect
        .poll(() => card.locator('[data-testid=embeddings-notice]').textContent())
        .toBe('Провайдер эмбеддингов базы знаний изменён');
      await expect
        .poll(() => card.locator('[data-testid=embeddings-progress]').textContent(), { timeout: 60_000 })
        .toMatch(/^Обработано моделью emb-1: (\d+) из \1 фрагмент/);
      const chunks = Number(
        /: (\d+) из/.exec((await card.locator('[data-testid=embeddings-progress]').textContent())!)![1],
      );
      expect(chunks).toBeGreaterThan(0);
      expect(embedded.filter((t) => t !== 'dimension probe')).toHaveLength(chunks);
      expect(await card.locator('[data-testid=embeddings-by-model]').textContent()).toBe(
        `Сохранённые векторы: emb-1 (emb): ${chunks}`,
      );

      // The provider stops answering; the built-in embedder takes over without calling it.
      down = true;
      await page.selectOption('[data-testid=embeddings-provider]', 'local');
      await card.locator('[data-testid=embeddings-save]').click();
      await expect
        .poll(() => card.locator('[data-testid=embeddings-progress]').textContent(), { timeout: 60_000 })
        .toMatch(new RegExp(`^Обработано встроенной моделью: ${chunks} из ${chunks} фрагмент`));
      // The provider ids the server keeps ("local", "team:emb") never reach the rep.
      await expect
        .poll(() => card.locator('[data-testid=embeddings-by-model]').textContent())
        .toMatch(new RegExp(`встроенная модель: ${chunks}`));
      expect(await card.textContent()).not.toMatch(/\(local\)|team:|моделью встроенная/);
      expect(await card.locator('[data-testid=embeddings-state]').textContent()).toBe('Готово');
    }, 180_000);
  },
);
