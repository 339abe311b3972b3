// The screens walk's second half (issue 64, Done when): a team's first day. A new team, signed in with
// nothing in it yet, walked in English and Russian at 1440 and 390 px: the inbox, the deals board,
// contacts, tasks, the calendar, activity, analytics and the catalog, each with every check of the walk
// (walk.ts) and one more, "no figure from an empty set": no share, median, zero duration or "0 of 0"
// where there is nothing to count (empty-figures.ts; "—" or "no data yet" instead). Then the admin
// applies the events-agency pack (in Russian, as events-pack-first-day.e2e does through the card) and
// the first deals and products arrive: the board on the pack's pipeline, an event deal's page with its
// custom fields, the catalog, the inbox, analytics and the pack's settings, in both languages at both
// widths. With E2E_SCREENS=docs the screens are saved as first-day-<screen>-<locale>[-phone].png and
// pack-<screen>-<locale>[-phone].png for the README.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeAll,
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  registerTeam,
  screensDir,
  signIn,
  startSyncServer,
  type TestServer,
} from './harness';
import { emptyFigureFindings, saveScreens, walker, widths, type Locale, type Width } from './walk';

/** The team's own words (its name, deals, customers, products): data, in whichever language typed. */
const teamName = 'Праздник';
const newContact = 'Мария Соколова';
const deals = [
  {
    title: 'Корпоратив на 120 гостей',
    stage: 'inquiry',
    customFields: { eventType: 'Корпоратив', city: 'Москва', guests: '120', eventDate: '2027-03-14' },
  },
  {
    title: 'Свадьба Анны',
    stage: 'brief',
    value: { amount: 1_450_000, currency: 'RUB' },
    customFields: {
      eventType: 'Свадьба',
      city: 'Казань',
      guests: '80',
      budget: '1500000 RUB',
      estimate: '1450000 RUB',
      format: 'Банкет',
      wishes: 'Живая музыка, терраса',
    },
  },
];
const products = [
  {
    sku: 'EV-HALL',
    name: 'Banquet hall rental',
    names: { ru: 'Аренда банкетного зала', en: 'Banquet hall rental' },
  },
  {
    sku: 'EV-CATER',
    name: 'Catering per guest',
    names: { ru: 'Кейтеринг на гостя', en: 'Catering per guest' },
  },
];
const data = [
  teamName,
  newContact,
  ...deals.flatMap((d) => [d.title, ...Object.values(d.customFields)]),
  ...products.flatMap((p) => [p.sku, ...Object.values(p.names)]),
  // Only what has words: a bare number ('80 guests') taken out of a text would cut an e-mail's digits
  // and leave half of it to read as a word.
].filter((v) => /\p{L}/u.test(v));

describe.skipIf(!hasChromium)('a new team’s first day, empty and then with the events pack', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let owner: Awaited<ReturnType<typeof registerTeam>>;
  let eventDealId = '';
  const walk = walker(() => data);

  const go = (route: string) => page.goto(`${server.url}/app/#/${route}`);
  const shown = (selector: string) => page.locator(selector).first().waitFor({ timeout: 30_000 });

  beforeAll(async () => {
    ensureWebBuild();
    if (saveScreens) mkdirSync(screensDir, { recursive: true });
    server = await startSyncServer();
    owner = await registerTeam(server, teamName);
    // The owner's address names them where the team has no display name for them (the deal's owner).
    data.push(owner.email);
    browser = await launchBrowser();
    const ctx = await browser.newContext({ viewport: widths.wide.viewport, locale: 'en-US' });
    page = await ctx.newPage();
    walk.watch(page);
    walk.at('sign-in');
    await signIn(page, server, owner.email, owner.password);
  }, 180_000);

  afterAll(() => closeAll(browser, server), 30_000);

  /** Shows the app in `locale` (the top bar's language choice) and waits for the menu to say so. */
  async function useLocale(locale: Locale) {
    await page.selectOption('header [data-testid=language]', locale);
    await page.locator('[data-testid=nav-leads]', { hasText: locale === 'en' ? 'Deals' : 'Сделки' }).waitFor({
      state: 'attached',
    });
  }

  /** The screens that count or summarise something, of a team with nothing in it yet. */
  async function walkEmpty(locale: Locale, variant?: 'phone') {
    const check = (name: string) => walk.check(page, `first-day-${name}`, locale, { variant, empty: true });
    await go('inbox');
    await shown('[data-testid=inbox-empty]');
    await check('inbox');
    await go('leads');
    await shown('[data-testid=column-empty-new]');
    await check('leads-board');
    await go('contacts');
    await shown('[data-testid=contacts-empty]');
    await check('contacts');
    await go('tasks');
    await shown('[data-testid=tasks-list-empty]');
    await check('tasks');
    await go('tasks/calendar');
    await shown(
      variant === 'phone' ? '[data-testid=cal-agenda]' : '[data-testid=cal-week], [data-testid=cal-agenda]',
    );
    await check('calendar');
    await go('activity');
    await shown('[data-testid=activity-empty]');
    // What to do next: steps come with customers' messages, so connect a channel.
    expect(await page.getAttribute('[data-testid=activity-connect-channel]', 'href')).toBe(
      '#/settings/channels',
    );
    await check('activity');
    await go('analytics');
    // No charts of zeros over empty days: what to do next instead.
    await shown('[data-testid=analytics-kpis] ~ [data-testid=analytics-none]');
    await check('analytics');
    await go('catalog');
    await shown('[data-testid=catalog-empty]');
    await check('catalog');
  }

  for (const width of ['wide', 'phone'] as const satisfies readonly Width[]) {
    const { viewport } = widths[width];
    for (const locale of ['en', 'ru'] as const) {
      it(`an empty team shows no figure computed from nothing, in ${locale} at ${viewport.width} px`, async () => {
        await page.setViewportSize(viewport);
        await useLocale(locale);
        await walkEmpty(locale, width === 'phone' ? 'phone' : undefined);
        walk.expectNothingFound();
      }, 240_000);
    }
  }

  it('a contact with nothing yet (no message, deal, task or meeting) shows no figure from nothing', async () => {
    walk.at('a new contact');
    const contact = (await owner.api.call('POST', '/api/v1/contacts', { name: newContact })) as {
      id: string;
    };
    for (const width of ['wide', 'phone'] as const)
      for (const locale of ['en', 'ru'] as const) {
        await page.setViewportSize(widths[width].viewport);
        await useLocale(locale);
        await go(`contacts/${encodeURIComponent(contact.id)}`);
        await shown('[data-testid=contact-detail]');
        const variant = width === 'phone' ? 'phone' : undefined;
        await walk.check(page, 'first-day-contact', locale, { variant, empty: true });
      }
    walk.expectNothingFound();
  }, 240_000);

  it('the walk finds a figure from an empty set put on an empty screen', async () => {
    await page.setViewportSize(widths.wide.viewport);
    await go('activity');
    await shown('[data-testid=activity-empty]');
    await page.evaluate(() => {
      const box = document.createElement('p');
      box.id = 'empty-figure';
      box.textContent = 'Resolved by AI 72% · медиана 0 мс';
      document.querySelector('main.content')!.prepend(box);
    });
    const found = (await emptyFigureFindings(page, 'activity-en')).join('\n');
    await page.evaluate(() => document.getElementById('empty-figure')!.remove());
    expect(found).toContain('activity-en: share: 72% in p');
    expect(found).toContain('activity-en: zero-duration: 0 мс in p');
    expect(found).toContain('activity-en: average: медиана 0 in p');
    expect(await emptyFigureFindings(page, 'activity-en')).toEqual([]);
  }, 60_000);

  it('applies the events pack in Russian; its deals and products arrive', async () => {
    walk.at('applying the pack');
    await owner.api.call('POST', '/api/v1/packs/events-agency/apply', { language: 'ru' });
    for (const d of deals) {
      const made = (await owner.api.call('POST', '/api/v1/leads', { ...d, pipelineId: 'events' })) as {
        id: string;
      };
      if (d.title.startsWith('Свадьба')) eventDealId = made.id;
    }
    for (const p of products)
      await owner.api.call('POST', '/api/v1/products', { ...p, prices: [{ currency: 'RUB', amount: 3500 }] });
    await go('leads');
    await expect
      .poll(() => page.inputValue('[data-testid=pipeline-switch]'), { timeout: 45_000 })
      .toBe('events');
    expect(eventDealId).not.toBe('');
  }, 120_000);

  /** The pack's screens: its board, an event deal's page, catalog, inbox, analytics, its settings. */
  async function walkPack(locale: Locale, variant?: 'phone') {
    const check = (name: string) => walk.check(page, `pack-${name}`, locale, { variant });
    await go('leads');
    await page.click('[data-testid=view-board]');
    await shown('[data-testid=cards-brief] [data-testid=lead-card]');
    expect(await page.inputValue('[data-testid=pipeline-switch]')).toBe('events');
    await check('board');
    await go(`deals/${encodeURIComponent(eventDealId)}`);
    await shown('[data-testid=deal-page] [data-testid=deal-custom-fields-edit]');
    await check('deal-page');
    await go('catalog');
    await shown('[data-testid=catalog-row]');
    await check('catalog');
    await go('inbox');
    await shown('[data-testid=inbox-empty]');
    await check('inbox');
    await go('analytics');
    await shown('[data-testid=analytics-kpis]');
    await check('analytics');
    await go('settings/pipelines');
    await shown('[data-testid=settings-pipelines] [data-testid=pack-events-agency]');
    await check('settings-pipelines');
  }

  for (const width of ['wide', 'phone'] as const satisfies readonly Width[]) {
    const { viewport } = widths[width];
    for (const locale of ['en', 'ru'] as const) {
      it(`walks the pack's screens in ${locale} at ${viewport.width} px`, async () => {
        await page.setViewportSize(viewport);
        await useLocale(locale);
        await walkPack(locale, width === 'phone' ? 'phone' : undefined);
        walk.expectNothingFound();
      }, 240_000);
    }
  }
});
