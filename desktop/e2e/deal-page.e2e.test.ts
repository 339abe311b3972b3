// The deal's own page (`#/deals/<id>`, issue 64 item 2) in Chromium against the real sync server, as a
// rep uses it: a deal opened by its pasted link, its title, amount and its pipeline's custom fields (a
// number, a date, money and text) saved in place with no Save button (Enter, leaving the field, a
// select picked), a number that is none refused as typed, all still there after a reload and on the
// server; the quick-edit dialog's custom fields the same typed inputs, saved with its one Save; the amount and the close date shown whole in the language's format; the
// board's card opening the same page, the quick-edit dialog linking it; no sideways scroll at 1440 and 390 px, no serious axe violation.
// In Russian: a quote built from the catalog names the plan in Russian (also after a reload; the deal
// keeps the product's id), and its total becomes the deal's amount in one click. The form's layout (issue
// 64 item 5): each label above its field, the fields of a row level (the contact and owner pickers with
// the inputs beside them), a task's long title wrapping beside its checkbox, the add-task row's calendar
// button and time zone on the line of their fields, at 1440 and 390 px.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import {
  apiClient,
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  signIn,
  startSyncServer,
  type TestServer,
  waitFor,
} from './harness';
import { boxesOffTheirText, linesOf, misplacedLabels, onTheLineOf, unevenRows } from './form-layout';

type Lead = {
  title: string;
  value?: { amount: number; currency: string };
  customFields?: Record<string, string>;
  quote?: { total: number; currency: string; lines: { productId: string; name: string }[] };
};
type Product = { id: string; sku: string; names?: { ru?: string }; name: string };

const PIPELINE = 'deal-page-events';

/** Whatever reaches past the window's right edge (the document, or an element of the page), named. */
async function sideways(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > vw)
      out.push(`document ${document.documentElement.scrollWidth}`);
    for (const el of document.querySelectorAll('[data-testid=deal-page] *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > vw + 1) out.push(`${el.tagName.toLowerCase()}.${el.className} ${r.right}`);
    }
    return out.slice(0, 5);
  });
}

/** Fields of the details form past its right edge or squeezed under 48 px, named. */
async function squeezed(page: Page): Promise<string[]> {
  return page.locator('#deal-page-form').evaluate((form) => {
    const edge = form.getBoundingClientRect().right;
    return [...form.querySelectorAll('input, select, textarea')].flatMap((el) => {
      const r = el.getBoundingClientRect();
      const name = el.getAttribute('data-testid') ?? el.getAttribute('name') ?? el.tagName;
      return r.width > 0 && (r.right > edge + 1 || r.width < 48) ? [`${name} ${Math.round(r.width)}`] : [];
    });
  });
}

/**
 * Where the properties' box sits against the quote's: `left` of it (a record page's two columns, as at
 * 1440 px), `above` it (one column, properties first, as on a phone), else `elsewhere`.
 */
async function propertiesBeside(page: Page): Promise<'left' | 'above' | 'elsewhere'> {
  const props = (await page.locator('#deal-page-form').boundingBox())!;
  const quote = (await page.locator('[data-testid=deal-page] [data-testid=deal-quote]').boundingBox())!;
  if (props.x + props.width <= quote.x && Math.abs(props.y - quote.y) < 40 && props.width < quote.width)
    return 'left';
  if (props.y + props.height <= quote.y && Math.abs(props.x - quote.x) < 40) return 'above';
  return 'elsewhere';
}

/** The text an input shows is all in view (not cut, as "12/21/202" was). */
const wholeText = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => (el as HTMLInputElement).scrollWidth <= el.clientWidth + 1);

describe.skipIf(!hasChromium)("the deal's page in Chromium against the real sync server", () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof apiClient>>;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer();
    browser = await launchBrowser();
    admin = await apiClient(server);
    const at = new Date().toISOString();
    await admin.putDocs('pipelines', [
      {
        id: PIPELINE,
        name: 'Gala events',
        stages: [
          { id: 'inquiry', kind: 'open', probability: 10, name: 'Inquiry' },
          { id: 'held', kind: 'won', probability: 100, name: 'Held' },
          { id: 'lost', kind: 'lost', probability: 0, name: 'Lost' },
        ],
        currencies: ['USD', 'RUB'],
        fields: [
          { id: 'guests', type: 'number', labels: { en: 'Guests', ru: 'Гостей' } },
          { id: 'eventDate', type: 'date', labels: { en: 'Event date', ru: 'Дата мероприятия' } },
          { id: 'budget', type: 'money', labels: { en: 'Customer budget', ru: 'Бюджет клиента' } },
          { id: 'city', type: 'text', labels: { en: 'City', ru: 'Город' } },
        ],
        position: 50,
        createdAt: at,
        updatedAt: at,
      },
    ]);
  }, 240_000);
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(locale: 'en' | 'ru', width = 1440, height = 900): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width, height },
      locale: locale === 'ru' ? 'ru-RU' : 'en-US',
    });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, server);
    await page.selectOption('[data-testid=language]', locale);
    return page;
  }

  /** The deal's page opened by its link, as pasted, once its fields are the deal's. */
  async function openDeal(page: Page, id: string, title: string) {
    await page.goto(`${server.url}/app/#/deals/${encodeURIComponent(id)}`);
    await expect
      .poll(
        () =>
          page
            .locator('[data-testid=deal-page-title]')
            .textContent()
            .catch(() => null),
        {
          timeout: 45_000,
        },
      )
      .toBe(title);
    await expect.poll(() => page.locator('[data-testid=deal-title]').inputValue()).toBe(title);
  }

  it('opens by its link; a field and custom fields save in place, with no Save button', async () => {
    const deal = (await admin.call('POST', '/api/v1/leads', {
      title: 'Gala dinner',
      pipelineId: PIPELINE,
      stage: 'inquiry',
      value: { amount: 190000, currency: 'USD' },
      expectedCloseDate: '2026-12-21',
      customFields: { guests: '120' },
    })) as { id: string };
    const page = await open('en');
    await openDeal(page, deal.id, 'Gala dinner');
    // Money in the language's format, the close date whole.
    expect(await page.locator('[data-testid=deal-head-amount]').textContent()).toBe('$190,000');
    expect(await page.locator('[data-testid=deal-amount]').inputValue()).toBe('190,000');
    expect(await page.locator('[data-testid=deal-close-date]').inputValue()).toBe('12/21/2026');
    expect(await wholeText(page, '[data-testid=deal-close-date]')).toBe(true);
    // Custom fields are inputs of their type, with the deal's values.
    expect(await page.locator('[data-testid=deal-field-guests]').inputValue()).toBe('120');
    expect(await page.locator('[data-testid=deal-field-budget-currency]').count()).toBe(1);
    // No Save button: each property saves in place, as the contact's do.
    expect(await page.locator('[data-testid=lead-save]').count()).toBe(0);
    const status = page.locator('[data-testid=deal-page-status]');
    const onServer = () => admin.getDoc<Lead>('leads', deal.id);
    // Enter saves a typed field, with a quiet "Saved".
    await page.fill('[data-testid=deal-title]', 'Gala dinner for 150');
    await page.press('[data-testid=deal-title]', 'Enter');
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('Saved');
    await waitFor(async () => (await onServer())?.title === 'Gala dinner for 150', 30_000);
    // Leaving a field saves it: the amount, then the custom fields one after another; a select (the
    // budget's currency) saves as it is picked.
    await page.fill('[data-testid=deal-amount]', '250 000');
    await page.press('[data-testid=deal-amount]', 'Tab');
    await page.fill('[data-testid=deal-field-guests]', '150');
    await page.fill('[data-testid=deal-field-eventDate]', '03/14/2027');
    await page.fill('[data-testid=deal-field-budget]', '2 500 000');
    await page.selectOption('[data-testid=deal-field-budget-currency]', 'RUB');
    await page.fill('[data-testid=deal-field-city]', 'Lisbon');
    await page.press('[data-testid=deal-field-city]', 'Enter');
    const saved = await waitFor(async () => {
      const doc = await onServer();
      return doc?.customFields?.city === 'Lisbon' && doc.customFields.budget?.endsWith('RUB') ? doc : null;
    }, 30_000);
    expect(saved.value).toEqual({ amount: 250000, currency: 'USD' });
    expect(saved.customFields).toEqual({
      guests: '150',
      eventDate: '2027-03-14',
      budget: '2500000 RUB',
      city: 'Lisbon',
    });
    expect(await page.locator('[data-testid=lead-save]').count()).toBe(0);
    expect(await page.evaluate(() => location.hash)).toBe(`#/deals/${deal.id}`);
    // A number field holding words is refused: the typed text stays, marked, and nothing is written;
    // Esc puts the saved value back.
    const guests = page.locator('[data-testid=deal-field-guests]');
    await guests.fill('many');
    await guests.press('Enter');
    await expect.poll(() => status.textContent()).toBe('Not saved: fix the field marked below.');
    expect(await guests.inputValue()).toBe('many');
    expect(await guests.getAttribute('aria-invalid')).toBe('true');
    expect((await onServer())?.customFields?.guests).toBe('150');
    await guests.press('Escape');
    expect(await guests.inputValue()).toBe('150');

    await page.reload();
    await openDeal(page, deal.id, 'Gala dinner for 150');
    expect(await page.locator('[data-testid=deal-amount]').inputValue()).toBe('250,000');
    expect(await page.locator('[data-testid=deal-field-guests]').inputValue()).toBe('150');
    expect(await page.locator('[data-testid=deal-field-eventDate]').inputValue()).toBe('03/14/2027');
    expect(await page.locator('[data-testid=deal-field-budget]').inputValue()).toBe('2,500,000');
    expect(await page.locator('[data-testid=deal-field-budget-currency]').inputValue()).toBe('RUB');
    expect(await page.locator('[data-testid=deal-field-city]').inputValue()).toBe('Lisbon');
    expect(await sideways(page)).toEqual([]);
    expect(await squeezed(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    // A record page: the properties in a narrower column left of the quote, the custom fields right
    // under the main fields (before the amount's row), not at the bottom.
    expect(await propertiesBeside(page)).toBe('left');
    const fieldTop = async (sel: string) => (await page.locator(sel).boundingBox())!.y;
    expect(await fieldTop('[data-testid=deal-field-guests]')).toBeLessThan(
      await fieldTop('[data-testid=deal-amount]'),
    );

    // The board's card opens the same page.
    await page.goto(`${server.url}/app/#/leads`);
    await page.locator('[data-testid=view-board]').click();
    await page.selectOption('[data-testid=pipeline-switch]', PIPELINE);
    await page.locator(`[data-testid=lead-card][data-lead-id="${deal.id}"]`).click({ timeout: 30_000 });
    await page.locator('[data-testid=deal-page]').waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => location.hash)).toBe(`#/deals/${deal.id}`);

    // At phone width: one column, properties first, nothing past the right edge, the close date whole.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('[data-testid=deal-field-city]').waitFor();
    expect(await propertiesBeside(page)).toBe('above');
    expect(await sideways(page)).toEqual([]);
    expect(await squeezed(page)).toEqual([]);
    expect(await wholeText(page, '[data-testid=deal-close-date]')).toBe(true);
    expect(await wholeText(page, '[data-testid=deal-field-budget]')).toBe(true);
    await page.fill('[data-testid=deal-field-city]', 'Porto');
    await page.press('[data-testid=deal-field-city]', 'Tab');
    expect(await page.locator('[data-testid=lead-save]').count()).toBe(0);
    expect(await sideways(page)).toEqual([]);
    await waitFor(async () => (await admin.getDoc<Lead>('leads', deal.id))?.customFields?.city === 'Porto');
    // The quick-edit dialog (`#/leads/<id>`) links the page and shows the close date whole too.
    await page.goto(`${server.url}/app/#/leads/${encodeURIComponent(deal.id)}`);
    const dialog = page.locator('[data-testid=lead-editor]');
    await expect
      .poll(() => dialog.locator('[data-testid=deal-title]').inputValue(), { timeout: 30_000 })
      .toBe('Gala dinner for 150');
    expect(await dialog.locator('[data-testid=deal-open-page]').getAttribute('href')).toBe(
      `#/deals/${deal.id}`,
    );
    expect(await wholeText(page, '[data-testid=lead-editor] [data-testid=deal-close-date]')).toBe(true);
    // Its custom fields are the same typed inputs, saved with its one Save.
    const dialogGuests = dialog.locator('[data-testid=deal-field-guests]');
    expect(await dialogGuests.inputValue()).toBe('150');
    expect(await dialog.locator('[data-testid=deal-field-budget-currency]').inputValue()).toBe('RUB');
    await dialogGuests.fill('180');
    await dialog.locator('[data-testid=lead-save]').click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    await waitFor(async () => (await admin.getDoc<Lead>('leads', deal.id))?.customFields?.guests === '180');
    expect((await admin.getDoc<Lead>('leads', deal.id))?.customFields?.city).toBe('Porto');
  }, 240_000);

  it('one form layout: labels above fields, rows level, a long task title beside its box', async () => {
    const deal = (await admin.call('POST', '/api/v1/leads', {
      title: 'Layout check',
      pipelineId: PIPELINE,
      stage: 'inquiry',
      expectedCloseDate: '2026-12-21',
    })) as { id: string };
    const page = await open('en');
    await openDeal(page, deal.id, 'Layout check');
    const long = 'Call the venue about the second hall, its catering, the stage lights and a late check-out';
    const tasks = page.locator('[data-testid=deal-tasks]');
    await tasks.locator('[data-testid=task-title]').fill(long);
    await tasks.locator('[data-testid=task-add]').click();
    const row = tasks.locator('li', { hasText: long });
    await row.waitFor({ timeout: 20_000 });
    const form = page.locator('#deal-page-form');
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.locator('[data-testid=deal-title]').waitFor();
      // The kit's fields and rows are there (the checks below look at them).
      expect(await form.locator('.form-field').count()).toBeGreaterThanOrEqual(12);
      expect(await form.locator('.field-row').count()).toBeGreaterThanOrEqual(4);
      expect(await tasks.locator('li.check-row').count()).toBe(1);
      expect(await misplacedLabels(form)).toEqual([]);
      expect(await unevenRows(form)).toEqual([]);
      expect(await boxesOffTheirText(tasks)).toEqual([]);
      // The calendar button beside the date, the time zone beside the time: never a line of their own.
      expect(
        await onTheLineOf(
          tasks.locator('[data-testid=task-due]'),
          tasks.locator('[data-testid=task-due-open]'),
        ),
      ).toBe(true);
      expect(
        await onTheLineOf(tasks.locator('[data-testid=task-due-time]'), tasks.locator('.date-field-zone')),
      ).toBe(true);
      expect(await sideways(page)).toEqual([]);
    }
    // At 390 px the title does wrap (so the box beside its first line is what was checked).
    expect(await linesOf(row)).toBeGreaterThan(1);

    // The timeline: the rep's own move reads "by you" (not their sign-in e-mail), and each line's icon
    // sits in the middle of a round badge (it was a tall grey pill with the icon in its top left corner).
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.selectOption('[data-testid=deal-stage]', 'held');
    const timeline = page.locator('[data-testid=deal-timeline]');
    const moved = timeline.locator('[data-testid=timeline-stage]', { hasText: 'Held' });
    await moved.waitFor({ timeout: 20_000 });
    expect(await moved.textContent()).toContain('by you');
    expect(await timeline.locator('[data-testid=timeline-stage]').allTextContents()).not.toContainEqual(
      expect.stringContaining('@'),
    );
    const badges = await timeline.locator('.tl-icon').evaluateAll((icons) =>
      icons.map((icon) => {
        const box = icon.getBoundingClientRect();
        const svg = icon.querySelector('svg')!.getBoundingClientRect();
        return {
          round: Math.abs(box.width - box.height) <= 1,
          centred:
            Math.abs(box.left + box.width / 2 - (svg.left + svg.width / 2)) <= 1 &&
            Math.abs(box.top + box.height / 2 - (svg.top + svg.height / 2)) <= 1,
        };
      }),
    );
    expect(badges.length).toBeGreaterThanOrEqual(2);
    expect(badges.filter((b) => !b.round || !b.centred)).toEqual([]);
  }, 120_000);

  it('in Russian names the plan in Russian and sets the amount from the quote in one click', async () => {
    const { items } = (await admin.call('GET', '/api/v1/products?limit=200')) as { items: Product[] };
    const business = items.find((p) => p.sku === 'PLAN-BUSINESS')!;
    expect(business.names?.ru).toBe('Тариф «Бизнес»');
    const deal = (await admin.call('POST', '/api/v1/leads', {
      title: 'Переход на «Бизнес»',
      pipelineId: 'default',
      stage: 'qualified',
      value: { amount: 24000, currency: 'RUB' },
    })) as { id: string };
    const page = await open('ru');
    await openDeal(page, deal.id, 'Переход на «Бизнес»');
    expect(await page.locator('[data-testid=deal-amount]').inputValue()).toMatch(/^24\s000$/);

    await page.click('[data-testid=quote-build]');
    const product = page.locator('[data-testid=quote-product]');
    await expect.poll(() => product.locator('option').count(), { timeout: 30_000 }).toBeGreaterThan(2);
    // The picker says «Бизнес».
    expect(await product.locator(`option[value="${business.id}"]`).textContent()).toContain('Тариф «Бизнес»');
    await product.selectOption(business.id);
    await page.fill('[data-testid=quote-quantity]', '10');
    await page.selectOption('[data-testid=quote-period]', 'year');
    await page.selectOption('[data-testid=quote-currency]', 'RUB');
    await page.click('[data-testid=quote-save]');
    const line = page.locator('[data-testid=quote-line]');
    // And so does the saved line, not "Business plan".
    await expect.poll(() => line.innerText(), { timeout: 20_000 }).toContain('Тариф «Бизнес»');
    expect(await line.innerText()).not.toContain('Business');
    const quoted = await waitFor(async () => (await admin.getDoc<Lead>('leads', deal.id))?.quote, 30_000);
    expect(quoted.lines[0]!.productId).toBe(business.id);
    expect(quoted.currency).toBe('RUB');

    // One click: the deal's amount is the quote's total, in the head and on the server.
    await page.click('[data-testid=quote-use-amount]');
    const total = new Intl.NumberFormat('ru-RU').format(quoted.total);
    const spaced = (s: string) => s.replace(/[\s\u00a0\u202f]/g, ' ');
    await expect
      .poll(async () => spaced((await page.locator('[data-testid=deal-head-amount]').textContent()) ?? ''))
      .toBe(spaced(`${total} ₽`));
    await waitFor(async () => {
      const doc = await admin.getDoc<Lead>('leads', deal.id);
      return doc?.value?.amount === quoted.total && doc.value.currency === 'RUB';
    }, 30_000);
    await page.locator('[data-testid=quote-is-amount]').waitFor();
    expect(spaced(await page.locator('[data-testid=deal-amount]').inputValue())).toBe(spaced(total));
    // Nothing left unsaved by it: no save pending or refused.
    expect(await page.locator('[data-testid=deal-page-status]').textContent()).toBe('');
    expect(await page.locator('[data-testid=deal-amount]').getAttribute('aria-invalid')).toBeNull();

    // After a reload the line is still in Russian; in English the same line is the English name.
    await page.reload();
    await openDeal(page, deal.id, 'Переход на «Бизнес»');
    await expect.poll(() => line.innerText(), { timeout: 20_000 }).toContain('Тариф «Бизнес»');
    await page.selectOption('[data-testid=language]', 'en');
    await expect.poll(() => line.innerText()).toContain(business.name);
    expect(await line.innerText()).not.toContain('Бизнес');
  }, 240_000);
});
