// End to end in Chromium against the real sync server (issue 38): the admin sees the demo team's
// catalog replicated to the browser (prices by Intl in the UI's language, tiers, the yearly-billing
// discount), searches it, is told what is wrong with a product before it is saved and then creates one
// with a USD price and a volume tier, which reaches the server; a rep sees it read-only, in Russian
// (Russian names, Russian number formats), and offline the list still shows. In a deal, the rep builds
// a quote from the catalog (12 seats of the Team plan, billed yearly), makes the commercial proposal's
// PDF from it (with the company details and logo an admin set in Settings, which a rep only reads),
// downloads it and accepts it for the customer: the deal's amount becomes its total, and the
// timeline says so.
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  chooseFiles,
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  signIn,
  startSyncServer,
  type TestServer,
  toastText,
  waitFor,
} from './harness';

type Product = {
  id: string;
  sku: string;
  name: string;
  names?: { ru?: string };
  prices: { currency: string; amount: number; period?: string }[];
  discounts?: { minQuantity?: number; percent: number }[];
};

/** A 1×1 PNG, as a company's logo. */
const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const rowOf = (page: Page, sku: string) => page.locator(`[data-testid=catalog-row][data-sku="${sku}"]`);
const skus = (page: Page) =>
  page
    .locator('[data-testid=catalog-row]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-sku')));

describe.skipIf(!hasChromium)('the product catalog in Chromium against the real sync server', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let admin: Awaited<ReturnType<typeof apiClient>>;
  const rep = { email: `catalog-rep-${Date.now()}@example.com`, password: 'correct horse battery staple 42' };

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer();
    browser = await launchBrowser();
    admin = await apiClient(server);
    const invite = (await admin.call('POST', '/api/v1/members/invite', {
      email: rep.email,
      role: 'rep',
    })) as {
      inviteToken: string;
    };
    const accepted = await fetch(`${server.url}/api/v1/auth/accept-invite`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: invite.inviteToken, password: rep.password }),
    });
    expect(accepted.status).toBeLessThan(300);
  }, 180_000);
  // A test's apps are closed with it: an app left open goes on syncing every change the later tests make.
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  async function open(locale: 'en-US' | 'ru-RU', email?: string, password?: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, locale });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, server, email, password);
    await page.selectOption('[data-testid=language]', locale.slice(0, 2));
    await page.click('[data-testid=nav-catalog]');
    await page.waitForSelector('[data-testid=catalog-screen]');
    return page;
  }

  it('shows the admin the demo catalog, searches it, and creates a product with a tier', async () => {
    const page = await open('en-US');
    await expect.poll(async () => (await skus(page)).length, { timeout: 45_000 }).toBeGreaterThanOrEqual(20);
    const team = rowOf(page, 'PLAN-TEAM');
    await expect.poll(() => team.innerText()).toMatch(/Team plan/);
    const teamText = await team.innerText();
    // The help centre's prices, billed monthly and for a year (twelve months at the annual rate).
    expect(teamText).toMatch(/₽1,190\/month/);
    expect(teamText).toMatch(/\$14\/month/);
    expect(teamText).toMatch(/₽11,880\/year/);
    expect(teamText).toMatch(/\$144\/year/);
    expect(teamText).toMatch(/from 50: −10%.*from 100: −15%.*code DAISY-SPRING: −20%/s);
    // Retired products only on demand.
    expect(await skus(page)).not.toContain('PLAN-PRO-2024');

    await page.fill('[data-testid=catalog-search]', 'plan-b');
    await expect.poll(() => skus(page)).toEqual(['PLAN-BUSINESS']);
    await page.fill('[data-testid=catalog-search]', 'headset');
    await expect.poll(() => skus(page)).toEqual(['HW-HEADSET']);
    await page.fill('[data-testid=catalog-search]', '');

    // Grouped by category, a heading row each with its count; a category's chip shows only its products.
    const groups = page.locator('[data-testid=catalog-group]');
    await expect
      .poll(() => groups.allInnerTexts())
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Plans\s+\d+$/),
          expect.stringMatching(/^Hardware\s+\d+$/),
        ]),
      );
    const hardware = page.locator('[data-testid=catalog-category]', { hasText: 'Hardware' });
    const shownCount = Number((await hardware.locator('.count').innerText()).replace(/\D/g, ''));
    await hardware.click();
    expect(await hardware.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await skus(page)).length).toBe(shownCount);
    expect((await skus(page)).every((sku) => sku?.startsWith('HW-') === true)).toBe(true);
    expect(await groups.count()).toBe(0);
    await page.click('[data-testid=catalog-category] >> text=All');
    await expect.poll(async () => (await skus(page)).length).toBeGreaterThan(shownCount);

    await page.click('[data-testid=catalog-new]');
    const dialog = page.locator('[data-testid=product-dialog]');
    await dialog.waitFor();
    await page.fill('[data-testid=product-form-sku]', 'PLAN-TEAM');
    await page.fill('[data-testid=product-form-name]', 'Starter kit');
    await page.fill('[data-testid=product-form-name-ru]', 'Стартовый набор');
    await page.fill('[data-testid=product-price-amount-0]', '-5');
    await page.click('[data-testid=product-add-tier]');
    await page.fill('[data-testid=product-tier-quantity-0]', '10');
    await page.fill('[data-testid=product-tier-percent-0]', '500');
    await page.click('[data-testid=product-form-save]');
    const problems = page.locator('[data-testid=product-form-problems]');
    await expect.poll(() => problems.innerText()).toMatch(/SKU PLAN-TEAM is taken/);
    const said = await problems.innerText();
    expect(said).toMatch(/Price 1: enter an amount of 0 or more/);
    expect(said).toMatch(/Tier 1: quantity from 1/);

    await page.fill('[data-testid=product-form-sku]', 'E2E-KIT');
    await page.fill('[data-testid=product-price-amount-0]', '1 000');
    await page.click('[data-testid=product-add-price]');
    await page.fill('[data-testid=product-price-amount-1]', '12.5');
    await page.fill('[data-testid=product-tier-percent-0]', '5');
    await page.fill('[data-testid=product-form-unit]', 'kit');
    // A new category, typed: the kit is listed under it (and the chip counts it).
    await page.fill('[data-testid=product-form-category]', 'Kits');
    await page.click('[data-testid=product-form-save]');
    await dialog.waitFor({ state: 'detached' });
    const kit = rowOf(page, 'E2E-KIT');
    await expect.poll(() => kit.innerText()).toMatch(/Starter kit/);
    expect(await kit.innerText()).toMatch(/₽1,000.*\$12\.50.*kit.*from 10: −5%/s);
    await expect
      .poll(() => page.locator('[data-testid=catalog-category]', { hasText: 'Kits' }).innerText())
      .toMatch(/^Kits\s+1$/);

    // Pushed through the gateway: the server has it, as the API lists it.
    const stored = await waitFor(async () => {
      const list = (await admin.call('GET', '/api/v1/products?q=E2E-KIT')) as { items: Product[] };
      return list.items[0];
    }, 45_000);
    expect(stored).toMatchObject({
      sku: 'E2E-KIT',
      names: { ru: 'Стартовый набор' },
      prices: [
        { currency: 'RUB', amount: 1000 },
        { currency: 'USD', amount: 12.5 },
      ],
      discounts: [{ minQuantity: 10, percent: 5 }],
      category: 'Kits',
    });
  }, 240_000);

  it('shows a rep the catalog read-only, in Russian, and offline too', async () => {
    const page = await open('ru-RU', rep.email, rep.password);
    const kit = rowOf(page, 'E2E-KIT');
    await expect.poll(() => kit.count(), { timeout: 45_000 }).toBe(1);
    const kitText = await kit.innerText();
    expect(kitText).toMatch(/Стартовый набор/);
    expect(kitText).toMatch(/1\s000\s₽/);
    expect(kitText).toMatch(/от 10: −5%/);
    expect(await rowOf(page, 'PLAN-TEAM').innerText()).toMatch(
      /Тариф «Команда».*1\s190\s₽\/мес\..*11\s880\s₽\/год/s,
    );
    await expect.poll(() => page.locator('[data-testid=catalog-read-only]').innerText()).toMatch(/только/);
    expect(await page.locator('[data-testid=catalog-new]').count()).toBe(0);
    expect(await page.locator('[data-testid=catalog-import]').count()).toBe(0);
    expect(await page.locator('[data-testid=catalog-edit]').count()).toBe(0);
    // Its editor is not there for a rep, even by its address.
    await page.evaluate(() => (window.location.hash = '#/catalog/new'));
    await page.waitForTimeout(300);
    expect(await page.locator('[data-testid=product-dialog]').count()).toBe(0);

    // The demo's categories read in Russian.
    expect(await page.locator('[data-testid=catalog-group]').allInnerTexts()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Тарифы\s+\d+$/),
        expect.stringMatching(/^Оборудование\s+\d+$/),
      ]),
    );
    await page.fill('[data-testid=catalog-search]', 'команда');
    await expect.poll(() => skus(page)).toEqual(['PLAN-TEAM']);
    await page.fill('[data-testid=catalog-search]', '');

    const count = (await skus(page)).length;
    await page.context().setOffline(true);
    await page.click('[data-testid=nav-inbox]');
    await page.click('[data-testid=nav-catalog]');
    await page.waitForSelector('[data-testid=catalog-screen]');
    await expect.poll(async () => (await skus(page)).length).toBe(count);
    expect(await rowOf(page, 'E2E-KIT').innerText()).toMatch(/1\s000\s₽/);
    await page.context().setOffline(false);
  }, 180_000);
  it('lets an admin set the company details and logo proposals print, which a rep only reads', async () => {
    const admin1 = await open('ru-RU');
    await admin1.goto(`${server.url}/app/#/settings/team`);
    const card = admin1.locator('[data-testid=company-card]');
    await card.waitFor();
    expect(await card.locator('h3').textContent()).toBe('Реквизиты для коммерческих предложений');
    await card.locator('[data-testid=company-name]').fill('ООО «Ромашка»');
    await card.locator('[data-testid=company-details]').fill('ИНН 7700000000, Москва, ул. Примерная, 1');
    await chooseFiles(admin1, card.locator('[data-testid=company-logo-pick]'), {
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: Buffer.from(PNG_1X1, 'base64'),
    });
    // The picked file is read asynchronously (the card's state follows when the file is read).
    await expect.poll(() => card.locator('[data-testid=company-logo-state]').innerText()).toMatch(/новый/);
    await card.locator('[data-testid=company-save]').click();
    await expect.poll(() => toastText(admin1, 'company-notice')).toMatch(/Сохранено/);
    expect(await admin.call('GET', '/api/v1/team/company')).toEqual({
      name: 'ООО «Ромашка»',
      details: 'ИНН 7700000000, Москва, ул. Примерная, 1',
      logo: { mimeType: 'image/png', size: Buffer.from(PNG_1X1, 'base64').length },
    });
    await expect.poll(() => card.locator('[data-testid=company-logo-state]').innerText()).toMatch(/загружен/);

    const repPage = await open('en-US', rep.email, rep.password);
    await repPage.goto(`${server.url}/app/#/settings/team`);
    const repCard = repPage.locator('[data-testid=company-card]');
    await expect.poll(() => repCard.locator('[data-testid=company-name]').inputValue()).toBe('ООО «Ромашка»');
    expect(await repCard.locator('[data-testid=company-name]').isDisabled()).toBe(true);
    expect(await repCard.locator('[data-testid=company-save]').count()).toBe(0);
  }, 120_000);

  it('lets a rep quote a deal from the catalog, make its proposal PDF and accept it, in Russian', async () => {
    const dealId = `e2e-quote-${Date.now()}`;
    const at = new Date().toISOString();
    await admin.putDocs('leads', [
      {
        id: dealId,
        title: 'Команда на 12 мест',
        pipelineId: 'default',
        stage: 'qualified',
        score: { value: 0.5, reasons: [] },
        source: { channel: 'manual' },
        createdAt: at,
        updatedAt: at,
      },
    ]);
    const { items } = (await admin.call('GET', '/api/v1/products?limit=200')) as { items: Product[] };
    const team = items.find((p) => p.sku === 'PLAN-TEAM')!;
    const yearly = team.prices.find((p) => p.currency === 'RUB' && p.period === 'year')!.amount;
    const total = 12 * yearly;
    const money = (n: number) => new Intl.NumberFormat('ru-RU').format(n).replace(/\s/g, '\\s');

    const page = await open('ru-RU', rep.email, rep.password);
    await page.goto(`${server.url}/app/#/leads/${dealId}`);
    const editor = page.locator('[data-testid=lead-editor]');
    await editor.locator('[data-testid=deal-title]').waitFor();
    await expect
      .poll(() => editor.locator('[data-testid=deal-title]').inputValue(), { timeout: 30_000 })
      .toBe('Команда на 12 мест');
    await editor.locator('[data-testid=quote-build]').click();
    await editor.locator('[data-testid=quote-product]').selectOption(team.id);
    await editor.locator('[data-testid=quote-quantity]').fill('12');
    await editor.locator('[data-testid=quote-period]').selectOption('year');
    await editor.locator('[data-testid=quote-currency]').selectOption('RUB');
    await expect
      .poll(() => editor.locator('[data-testid=quote-preview]').innerText())
      .toMatch(new RegExp(`Итого: ${money(total)}\\s₽`));
    await editor.locator('[data-testid=quote-save]').click();
    const line = editor.locator('[data-testid=quote-line]');
    await expect.poll(() => line.innerText()).toMatch(new RegExp(`12 × ${money(yearly)}\\s₽ в год`));
    expect(await editor.locator('[data-testid=quote-made]').innerText()).toMatch(/Рассчитано по каталогу/);
    // The quote reached the server, by this rep.
    const saved = await waitFor(async () => {
      const doc = await admin.getDoc<{ quote?: { total: number; by?: { kind: string } } }>('leads', dealId);
      return doc?.quote?.total === total ? doc.quote : null;
    });
    expect(saved.by?.kind).toBe('rep');

    await editor.locator('[data-testid=proposal-make]').click();
    const proposal = editor.locator('[data-testid=proposal]');
    await expect.poll(() => proposal.count(), { timeout: 30_000 }).toBe(1);
    expect(await proposal.getAttribute('data-status')).toBe('draft');
    expect(await proposal.innerText()).toMatch(/Черновик/);
    // No conversation on this deal: nothing to send it through, so no Send button.
    expect(await editor.locator('[data-testid=proposal-send]').count()).toBe(0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      editor.locator('[data-testid=proposal-pdf]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await editor.locator('[data-testid=proposal-accept]').click();
    await expect.poll(() => proposal.getAttribute('data-status'), { timeout: 30_000 }).toBe('accepted');
    expect(await proposal.innerText()).toMatch(/Принято/);
    const won = await waitFor(async () => {
      const doc = await admin.getDoc<{ value?: { amount: number; currency: string } }>('leads', dealId);
      return doc?.value?.amount === total ? doc.value : null;
    });
    expect(won.currency).toBe('RUB');
    const timeline = editor.locator('[data-testid=timeline-proposal]');
    await expect
      .poll(() => timeline.allInnerTexts())
      .toEqual([expect.stringMatching(/КП .* принято/), expect.stringMatching(/КП .* подготовлено/)]);
  }, 180_000);
});
