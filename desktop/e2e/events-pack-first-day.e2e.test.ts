// The events pack's first day (issue 64 item 3), in Chromium against the real sync server, for a team
// of its own with nothing in it yet: its empty inbox and catalog each say what to do next (a channel to
// connect and the test chat; a product to add and a price list to import), in English and Russian.
// The admin applies the events pack from Settings in Russian; the card's link opens the board, which
// now opens on the pack's pipeline (the team's choice, synced: after a reload too) with its deals, a
// header counting those deals, one hint in the first empty column (the other empty ones are quiet
// drop zones) and no "0 min in stage" on cards of deals just made; a deal added on a contact's record
// lands in the pack's pipeline. Its pipeline, stages and agent profile
// read in Russian in the Russian UI and in English in the English one, though stored by a Russian
// speaker. "Deals" names the screen, its button and its count in both languages.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeAll,
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  registerTeam,
  signedInTab,
  startSyncServer,
  toastFrom,
  type ApiClient,
  type TestServer,
} from './harness';

/** Text as a reader sees it (Intl's no-break spaces as spaces). */
const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

describe.skipIf(!hasChromium)('the events pack first day in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;

  const go = async (hash: string) => {
    await page.evaluate((h) => (location.hash = h), hash);
    await page.waitForFunction((h) => location.hash === h, hash);
  };
  const language = (l: 'en' | 'ru') => page.selectOption('[data-testid=language]', l);
  const text = async (selector: string) => plain(await page.locator(selector).first().textContent());

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer();
    // A new team (the server's demo team has conversations, products and deals of its own).
    const owner = await registerTeam(server, 'Праздник');
    api = owner.api;
    browser = await launchBrowser();
    page = await signedInTab(browser, server, owner);
  }, 180_000);

  afterAll(() => closeAll(browser, server), 30_000);

  it('an empty inbox and catalog say what to do next, in English and Russian', async () => {
    await go('#/inbox');
    const inbox = page.locator('[data-testid=inbox-empty]');
    await expect
      .poll(() => text('[data-testid=inbox-empty]'), { timeout: 30_000 })
      .toContain('No conversations yet');
    expect(await inbox.locator('a', { hasText: 'Connect a channel' }).getAttribute('href')).toBe(
      '#/settings/channels',
    );
    expect(await inbox.locator('a', { hasText: 'Try the test chat' }).getAttribute('href')).toBe('#/agents');
    await page.click('[data-testid=inbox-connect-channel]');
    await page.locator('[data-testid=settings-channels]').waitFor();

    await go('#/catalog');
    await expect
      .poll(() => text('[data-testid=catalog-empty]'), { timeout: 30_000 })
      .toContain('No products yet');
    expect(await text('[data-testid=catalog-empty-import]')).toBe('Import a price list');
    await page.click('[data-testid=catalog-empty-add]');
    await page.waitForFunction(() => location.hash === '#/catalog/new');
    await page.locator('[role=dialog]').waitFor();
    await page.keyboard.press('Escape');

    await language('ru');
    await go('#/inbox');
    await expect.poll(() => text('[data-testid=inbox-empty]')).toContain('Диалогов пока нет');
    expect(await text('[data-testid=inbox-connect-channel]')).toBe('Подключить канал');
    expect(await text('[data-testid=inbox-test-chat]')).toBe('Открыть тестовый чат');
    await go('#/catalog');
    await expect.poll(() => text('[data-testid=catalog-empty]')).toContain('Товаров пока нет');
    expect(await text('[data-testid=catalog-empty-add]')).toBe('Добавить товар');
    expect(await text('[data-testid=catalog-empty-import]')).toBe('Загрузить прайс-лист');
  }, 120_000);

  it('applying the pack in Russian lands the board on its pipeline with its deals, named in the UI language', async () => {
    // Before: the board is the default pipeline's, and its empty columns say how to fill them.
    await go('#/leads');
    await expect.poll(() => page.inputValue('[data-testid=pipeline-switch]')).toBe('default');
    expect(await text('[data-testid=column-empty-new]')).toContain('Здесь пока нет сделок');

    await go('#/settings/pipelines');
    const card = page.locator('[data-testid=pack-events-agency]');
    await card.locator('[data-testid=pack-apply-events-agency]').click();
    await expect.poll(() => toastFrom(page, 'packs-notice').getAttribute('data-kind')).toBe('success');
    // Deals arrive in the pack's pipeline (as its channels would bring them).
    const deal = (title: string, stage: string) =>
      api.call('POST', '/api/v1/leads', { title, pipelineId: 'events', stage });
    await deal('Корпоратив на 120 гостей', 'inquiry');
    await deal('Свадьба Анны', 'brief');

    const open = card.locator('[data-testid=pack-open-board-events-agency]');
    expect(plain(await open.textContent())).toBe('Открыть воронку «Мероприятия»');
    await open.click();
    await page.waitForFunction(() => location.hash === '#/leads');
    await expect
      .poll(() => page.inputValue('[data-testid=pipeline-switch]'), { timeout: 45_000 })
      .toBe('events');
    await expect
      .poll(() => text('[data-testid=cards-inquiry]'), { timeout: 45_000 })
      .toContain('Корпоратив на 120 гостей');
    await expect.poll(() => text('[data-testid=leads-count]')).toBe('2 сделки');
    expect(await text('h1')).toContain('Сделки');
    expect(await text('[data-testid=new-lead]')).toBe('Новая сделка');
    expect(await text('[data-testid=nav-leads]')).toContain('Сделки');
    expect(await text('#column-title-inquiry')).toContain('Запрос');
    expect(await text('#column-title-estimate')).toContain('Смета отправлена');
    expect(await text('[data-testid=pipeline-switch] option[value=events]')).toBe('Мероприятия');
    // One hint, in the first empty column; the other empty columns are quiet drop zones.
    expect(await text('[data-testid=column-empty-estimate]')).toContain('Здесь пока нет сделок');
    expect(await page.locator('.board .column-empty').count()).toBe(1);
    expect(await page.locator('[data-testid=column-drop-contract]').count()).toBe(1);
    expect(await page.locator('[data-testid=column-empty-inquiry]').count()).toBe(0);
    // Deals made a moment ago say nothing of their age in the stage (not "0 мин на этапе").
    expect(await page.locator('[data-testid=lead-card]').count()).toBe(2);
    expect(await page.locator('[data-testid=card-age]').count()).toBe(0);
    expect(await text('[data-testid=board]')).not.toMatch(/0\s*мин/);

    // English: the same docs read in English, and the board still opens on the pack's pipeline.
    await language('en');
    await page.reload();
    await page.locator('[data-testid=pipeline-switch]').waitFor({ timeout: 45_000 });
    await expect
      .poll(() => page.inputValue('[data-testid=pipeline-switch]'), { timeout: 45_000 })
      .toBe('events');
    await expect.poll(() => text('[data-testid=leads-count]'), { timeout: 45_000 }).toBe('2 deals');
    expect(await text('[data-testid=pipeline-switch] option[value=events]')).toBe('Events');
    const stages = await page
      .locator('.board h3')
      .evaluateAll((hs) => hs.map((h) => (h.firstChild?.textContent ?? '').trim()));
    expect(stages).toEqual([
      'Inquiry',
      'Brief',
      'Estimate sent',
      'Contract',
      'Preparation',
      'Event held',
      'Lost',
    ]);
    expect(await text('h1')).toContain('Deals');
    expect(await text('[data-testid=new-lead]')).toBe('New deal');
    expect(await text('[data-testid=column-empty-estimate]')).toBe(
      'No deals here yet. Add one above, or drag a card here.',
    );
    expect(await page.locator('.board .column-empty').count()).toBe(1);
    // Stored in Russian, as applied.
    expect(await api.call('GET', '/api/v1/pipelines/events')).toMatchObject({
      name: 'Мероприятия',
      names: { en: 'Events', ru: 'Мероприятия' },
      boardDefault: true,
    });

    // The pack's agent profile, stored in Russian, is named in English too.
    await go('#/agents');
    await expect
      .poll(() => page.locator('.page-head .segmented button', { hasText: 'Maestro (events)' }).count(), {
        timeout: 30_000,
      })
      .toBe(1);

    // A deal added on a contact's record lands in the pipeline the board opens on (the pack's), in its
    // first open stage, not in the default pipeline nobody looks at any more.
    const guest = (await api.call('POST', '/api/v1/contacts', { name: 'Ольга Гостева' })) as { id: string };
    await go(`#/contacts/${guest.id}`);
    // The new contact's record: one card of next steps, not a stack of empty blocks.
    await page.locator('[data-testid=contact-next-steps]').waitFor({ timeout: 45_000 });
    expect(await page.locator('[data-testid=contact-next-steps]').count()).toBe(1);
    for (const empty of ['contact-score', 'contact-summary', 'contact-twin', 'contact-deals'])
      expect(await page.locator(`[data-testid=${empty}]`).count(), empty).toBe(0);
    await page.locator('[data-testid=contact-next-steps] [data-testid=contact-add-deal]').click();
    const dealPipeline = page.locator('[data-testid=lead-editor] [data-testid=deal-pipeline]');
    await expect.poll(() => dealPipeline.inputValue(), { timeout: 30_000 }).toBe('events');
    expect(await page.inputValue('[data-testid=lead-editor] [data-testid=deal-stage]')).toBe('inquiry');
    await page.keyboard.press('Escape');
  }, 180_000);

  it("an admin chooses the team's board pipeline in Settings", async () => {
    await go('#/settings/pipelines');
    await page.selectOption('[data-testid=pipeline-settings-select]', 'events');
    await expect.poll(() => page.isChecked('[data-testid=pipeline-primary]')).toBe(true);
    expect(await text('label:has([data-testid=pipeline-primary])')).toBe(
      'The team’s board opens on this pipeline',
    );
    await page.selectOption('[data-testid=pipeline-settings-select]', 'default');
    await expect.poll(() => page.isChecked('[data-testid=pipeline-primary]')).toBe(false);
    await page.click('[data-testid=pipeline-primary]');
    await expect
      .poll(() => api.call('GET', '/api/v1/pipelines/events'), { timeout: 30_000 })
      .not.toHaveProperty('boardDefault');
    await expect.poll(() => page.isChecked('[data-testid=pipeline-primary]'), { timeout: 30_000 }).toBe(true);
    await go('#/leads');
    await expect.poll(() => page.inputValue('[data-testid=pipeline-switch]')).toBe('default');
    expect(await text('[data-testid=leads-count]')).toBe('0 deals');
  }, 120_000);
});
