// The objection library's Settings card in Chromium against the real sync server (the demo team's
// library, issue 38): an admin edits an objection's Russian answer, saves it (a green toast) and the
// server keeps it; a rep sees the same answer, read only, with no save button. The form has one layout
// (issue 64 item 5): each label above its field on a phone, beside it at 1440 px, never after it; the
// Active box beside its words.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  closeAll,
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  newContext,
  russianSettingsPage,
  signIn,
  startSyncServer,
  toastFrom,
  type TestServer,
} from './harness';
import { boxesOffTheirText, misplacedLabels } from './form-layout';

type Objection = {
  id: string;
  type: string;
  answers: { language: string; stage?: string; text: string }[];
  successStories?: { language: string; text: string }[];
  comparisons?: { competitor: string; language: string; text: string }[];
};

describe.skipIf(!hasChromium)('the objection library in Settings (Chromium, real server)', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let repBrowser: Browser;
  let api: Awaited<ReturnType<typeof apiClient>>;
  const rep = { email: `rep-${Date.now()}@example.com`, password: 'correct horse battery staple 42' };
  const edited = 'Понимаю. Начнём с пяти мест, а через месяц посчитаем окупаемость вместе.';

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer();
    api = await apiClient(server);
    const invite = (await api.call('POST', '/api/v1/members/invite', { email: rep.email, role: 'rep' })) as {
      inviteToken: string;
    };
    const accepted = await fetch(`${server.url}/api/v1/auth/accept-invite`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: invite.inviteToken, password: rep.password }),
    });
    expect(accepted.ok).toBe(true);
    ({ browser, page } = await russianSettingsPage(server));
    await page.goto(`${server.url}/app/#/settings/knowledge`);
  }, 180_000);

  afterAll(() => closeAll(browser, repBrowser, server), 30_000);

  const tooExpensive = async () =>
    ((await api.call('GET', '/api/v1/objections?type=too-expensive')) as { items: Objection[] }).items[0]!;
  const generalRu = (o: Objection) => o.answers.find((a) => a.language === 'ru' && !a.stage)!.text;

  it('an admin edits the Russian answer and saves it', async () => {
    const before = await tooExpensive();
    expect(generalRu(before)).not.toBe(edited);
    const card = page.locator('[data-testid=objections-card]');
    await card.waitFor({ timeout: 30_000 });
    expect(await card.locator('[data-testid=objections-read-only]').count()).toBe(0);
    await card.locator('[data-testid=objection-pick]').selectOption(before.id);
    const answer = card.locator('[data-testid=objection-answerRu]');
    await expect.poll(() => answer.inputValue()).toBe(generalRu(before));
    await answer.fill(edited);
    // The demo's stories and comparisons show one a line; a story and a comparison are added.
    const storiesRu = card.locator('[data-testid=objection-storiesRu]');
    const shownStories = (before.successStories ?? []).filter((x) => x.language === 'ru').map((x) => x.text);
    expect(await storiesRu.inputValue()).toBe(shownStories.join('\n'));
    await storiesRu.fill([...shownStories, 'Салон «Вега» окупил подписку за три недели.'].join('\n'));
    const comparisonsRu = card.locator('[data-testid=objection-comparisonsRu]');
    const shownComparisons = await comparisonsRu.inputValue();
    await comparisonsRu.fill(
      [shownComparisons, 'Мегаплан: у нас ИИ-агенты входят в тариф', 'без двоеточия — не сравнение']
        .filter(Boolean)
        .join('\n'),
    );
    await card.locator('[data-testid=objection-save]').click();
    await expect
      .poll(() => toastFrom(page, 'objections-notice').locator('.toast-text').textContent())
      .toBe('Возражение сохранено');
    const after = await tooExpensive();
    expect(generalRu(after)).toBe(edited);
    expect(after.successStories?.filter((x) => x.language === 'ru').map((x) => x.text)).toEqual([
      ...shownStories,
      'Салон «Вега» окупил подписку за три недели.',
    ]);
    expect(after.comparisons).toContainEqual({
      competitor: 'Мегаплан',
      language: 'ru',
      text: 'у нас ИИ-агенты входят в тариф',
    });
    expect(after.comparisons?.some((c) => c.text.includes('без двоеточия'))).toBe(false);
    expect(after.successStories?.filter((x) => x.language === 'en')).toEqual(
      before.successStories?.filter((x) => x.language === 'en'),
    );
    // The English and the stage answers are as they were.
    expect(after.answers.filter((a) => a.language === 'en' || a.stage)).toEqual(
      before.answers.filter((a) => a.language === 'en' || a.stage),
    );
  });

  it('each label sits above its field at 390 px and beside it at 1440 px; the Active box beside its words', async () => {
    const card = page.locator('[data-testid=objections-card]');
    const where = async (key: string) => {
      const field = card.locator(`[data-testid=objection-field-${key}]`);
      const l = (await field.locator('.form-field-label').boundingBox())!;
      const c = (await field.locator(`[data-testid=objection-${key}]`).boundingBox())!;
      return l.y + l.height <= c.y + 1 ? 'above' : l.x + l.width <= c.x + 1 ? 'beside' : 'elsewhere';
    };
    for (const [width, layout] of [
      [1440, 'beside'],
      [390, 'above'],
    ] as const) {
      await page.setViewportSize({ width, height: 900 });
      await card.locator('[data-testid=objection-answerRu]').waitFor();
      expect(await card.locator('.form-field').count()).toBeGreaterThanOrEqual(12);
      expect(await misplacedLabels(card)).toEqual([]);
      expect(await boxesOffTheirText(card)).toEqual([]);
      for (const key of ['nameRu', 'triggersRu', 'comparisonsEn']) expect(await where(key)).toBe(layout);
      // The label names its field: Playwright finds the field by the label's words.
      expect(await card.getByLabel('Что говорят клиенты, по-русски (по одному в строке)').count()).toBe(1);
    }
    await page.setViewportSize({ width: 1360, height: 860 });
  });

  it('a rep sees the edited answer, read only', async () => {
    repBrowser = await launchBrowser();
    const repPage = await (await newContext(repBrowser, 'ru-RU')).newPage();
    await signIn(repPage, server, rep.email, rep.password);
    await repPage.selectOption('[data-testid=language]', 'ru');
    await repPage.goto(`${server.url}/app/#/settings/knowledge`);
    const card = repPage.locator('[data-testid=objections-card]');
    await card.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => card.locator('[data-testid=objections-read-only]').textContent())
      .toBe('Библиотеку правят только администраторы.');
    const id = (await tooExpensive()).id;
    await card.locator('[data-testid=objection-pick]').selectOption(id);
    const answer = card.locator('[data-testid=objection-answerRu]');
    await expect.poll(() => answer.inputValue()).toBe(edited);
    expect(await answer.isDisabled()).toBe(true);
    expect(await card.locator('[data-testid=objection-save]').count()).toBe(0);
    expect(await card.locator('[data-testid=objection-add]').count()).toBe(0);
  });
});
