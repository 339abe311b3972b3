// The app at phone width (390×844, issue 37): no screen wider than the phone, in English and in
// Russian. One sign-in, then every main screen reached through the app's own menu (its drawer opened
// from the top bar) or, for what has no menu entry (a conversation, a deal, a contact), through the
// list that opens it: Inbox as list → conversation → customer panel with back buttons, the leads board
// scrolling inside its own area, the deal's page inside the width, the composer under the messages,
// contacts sorted by a choice (their header row is not shown).
// Each screen is measured three ways, all gathered into one failure message that names the screen and
// the widest offending element: the document no wider than the window, nothing cut off at the right
// edge of the content area, nothing scrolling sideways but what is meant to (the board, tables), and no
// form field squeezed under 48 px;
// and each has no serious or critical axe violation.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import {
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  signIn,
  startSyncServer,
  type TestServer,
} from './harness';

type Locale = 'en' | 'ru';

const phone = { width: 390, height: 844 };

/** Areas that scroll sideways by design, besides a table's frame: the board, the leads table. */
const sidewaysScrollers = ['.board', '.table-wrap'];

/** What the app's texts for the phone layout say, per language (the test reads them as a rep would). */
const words = {
  en: { menu: 'Menu', back: 'Back', leads: 'Deals', customer: 'About the customer' },
  ru: { menu: 'Меню', back: 'Назад', leads: 'Сделки', customer: 'О клиенте' },
} satisfies Record<Locale, Record<string, string>>;

/**
 * How wide the page is and what makes it so, measured in the page: the document's scroll width; what
 * is cut off at the right by a box that hides its overflow (`main.content` and the screens' frames do,
 * so a screen too wide for them would lose its right side silently; text cut with an ellipsis and
 * form fields aside); and the elements that scroll sideways without being meant to (a table's frame
 * and `allowed` are). The widest offender is the element reaching furthest right that no clipping
 * ancestor within the window contains (the outermost of equals), written as a short CSS path.
 */
async function measure(page: Page, allowed: readonly string[]) {
  return page.evaluate((allowedScrollers) => {
    const vw = window.innerWidth;
    const describe = (el: Element) => {
      const one = (e: Element) => {
        const testId = e.getAttribute('data-testid');
        const classes = [...e.classList]
          .slice(0, 2)
          .map((c) => `.${c}`)
          .join('');
        return `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${classes}${testId ? `[data-testid=${testId}]` : ''}`;
      };
      const path: string[] = [];
      for (let e: Element | null = el; e && e !== document.body && path.length < 4; e = e.parentElement)
        path.unshift(one(e));
      return path.join(' > ');
    };
    const clipped = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
        if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= vw + 1)
          return true;
      return false;
    };
    const all = [...document.body.querySelectorAll('*')];
    let widest: { selector: string; right: number } | undefined;
    for (const el of all) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.right <= vw + 1 || clipped(el)) continue;
      if (!widest || r.right > widest.right + 0.5)
        widest = { selector: describe(el), right: Math.round(r.right) };
    }
    const cut: string[] = [];
    const scrolling: string[] = [];
    for (const el of all) {
      if (el.scrollWidth <= el.clientWidth + 1 || el.clientWidth <= 1) continue;
      if (/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) continue;
      const style = getComputedStyle(el);
      const overflow = style.overflowX;
      const what = `${describe(el)} (${el.scrollWidth} px in ${el.clientWidth})`;
      if (overflow === 'hidden' || overflow === 'clip') {
        if (style.textOverflow !== 'ellipsis') cut.push(what);
      } else if (overflow === 'auto' || overflow === 'scroll') {
        const table = el.querySelector(':scope > table');
        if (!table && !allowedScrollers.some((s) => el.matches(s))) scrolling.push(what);
      }
    }
    // Form fields squeezed too narrow to show what they hold (a stage's name once was 10 px wide).
    const squeezed: string[] = [];
    for (const el of document.body.querySelectorAll('input, select, textarea')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (/^(checkbox|radio|color|range|hidden|file)$/.test((el as HTMLInputElement).type)) continue;
      if (r.width < 48) squeezed.push(`${describe(el)} (${Math.round(r.width)} px wide)`);
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: vw,
      widest,
      cut,
      scrolling,
      squeezed,
    };
  }, allowed);
}

describe.skipIf(!hasChromium)('phone width (390×844) in English and Russian', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  /** One line per problem, each naming its screen and language. */
  const found = { overflow: [] as string[], axe: [] as string[], nav: [] as string[] };

  const shown = (selector: string) => page.locator(selector).first().waitFor({ timeout: 20_000 });

  /** Measures the screen shown now and runs axe on it. */
  async function check(name: string, locale: Locale, allowed = sidewaysScrollers) {
    const where = `${name}-${locale}`;
    // Live queries settle (the demo data is on the device already).
    await page.waitForTimeout(150);
    const m = await measure(page, allowed);
    if (m.scrollWidth > m.innerWidth)
      found.overflow.push(
        `${where}: page ${m.scrollWidth} px wide in ${m.innerWidth} (${(m.scrollWidth / m.innerWidth).toFixed(2)})` +
          (m.widest ? `, widest ${m.widest.selector} to ${m.widest.right} px` : ''),
      );
    for (const s of m.cut) found.overflow.push(`${where}: cut off at the right: ${s}`);
    for (const s of m.scrolling) found.overflow.push(`${where}: scrolls sideways: ${s}`);
    for (const s of m.squeezed) found.overflow.push(`${where}: a field too narrow: ${s}`);
    for (const v of await axeViolations(page)) found.axe.push(`${where}: ${v}`);
  }

  /**
   * Opens the menu from the top bar and goes to `screen` by its entry, as a rep on a phone does; the
   * menu is closed again afterwards and the route is the screen's.
   */
  async function navigateTo(screen: string, locale: Locale) {
    const menu = page.locator('[data-testid=nav-menu]');
    if (!(await menu.isVisible())) {
      found.nav.push(`${screen}-${locale}: no menu button in the top bar`);
      await page.goto(`${server.url}/app/#/${screen}`);
      return;
    }
    expect(await menu.getAttribute('aria-label'), 'the menu button’s name').toBe(words[locale].menu);
    await menu.click();
    const entry = page.locator(`[data-testid=nav-${screen}]`);
    await entry.waitFor({ state: 'visible', timeout: 5_000 });
    const box = await entry.boundingBox();
    if (!box || box.x < 0 || box.x + box.width > phone.width || box.y + box.height > phone.height)
      found.nav.push(`${screen}-${locale}: the menu entry is outside the window (${JSON.stringify(box)})`);
    await entry.click();
    await page.waitForFunction((s) => location.hash.startsWith(`#/${s}`), screen);
    await entry.waitFor({ state: 'hidden', timeout: 5_000 });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
  }

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer();
    browser = await launchBrowser();
    const ctx = await browser.newContext({ viewport: phone, locale: 'en-US' });
    page = await ctx.newPage();
    // The sign-in screen first (reported with the English walk's findings).
    await page.goto(`${server.url}/app/`);
    await shown('[data-testid=signin-form]');
    await check('signin', 'en');
    await signIn(page, server);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 30_000);

  for (const locale of ['en', 'ru'] as const) {
    it(`fits every screen in ${locale === 'en' ? 'English' : 'Russian'}`, async () => {
      await page.selectOption('header [data-testid=language]', locale);
      await page
        .locator('html', { has: page.locator(`[data-testid=nav-leads]:text("${words[locale].leads}")`) })
        .waitFor({ state: 'attached' });

      // Inbox: the list alone; a conversation alone, its composer under the messages; then the
      // customer panel; each back button goes one step back.
      await navigateTo('inbox', locale);
      await shown('[data-testid=conversation-row]');
      await check('inbox', locale);
      await page.locator('[data-testid=conversation-row]').first().click();
      await shown('[data-testid=message]');
      await check('conversation', locale);
      const list = page.locator('[data-testid=conversation-list]');
      expect(await list.isVisible(), 'the list beside an open conversation').toBe(false);
      const messages = (await page.locator('[data-testid=messages]').boundingBox())!;
      const composer = (await page.locator('footer.reply').boundingBox())!;
      expect(composer.y, 'the composer under the messages').toBeGreaterThanOrEqual(
        messages.y + messages.height - 1,
      );
      expect(composer.y + composer.height, 'the composer inside the window').toBeLessThanOrEqual(
        phone.height + 1,
      );
      expect(composer.width).toBeLessThanOrEqual(phone.width);
      await page.click('[data-testid=show-customer]');
      await shown('[data-testid=customer-panel]');
      expect(await page.locator('[data-testid=messages]').isVisible()).toBe(false);
      await check('customer-panel', locale);
      const back = page.locator('[data-testid=stack-back]:visible');
      expect(await back.textContent()).toContain(words[locale].back);
      await back.click();
      await shown('[data-testid=message]');
      expect(await page.locator('[data-testid=customer-panel]').isVisible()).toBe(false);
      await page.locator('[data-testid=stack-back]:visible').click();
      await list.waitFor({ state: 'visible' });
      expect(await page.locator('[data-testid=messages]').count()).toBe(0);

      // Leads: the board scrolls inside its own area; the table inside its container; a deal's dialog.
      await navigateTo('leads', locale);
      await page.click('[data-testid=view-board]');
      await shown('[data-testid=lead-card]');
      await check('leads-board', locale);
      const board = await page
        .locator('.board')
        .evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(board.scroll, 'the board scrolls sideways inside itself').toBeGreaterThan(board.client);
      await page.click('[data-testid=view-table]');
      await shown('[data-testid=lead-row]');
      await check('leads-table', locale);
      await page.click('[data-testid=view-board]');
      await shown('[data-testid=lead-card]');
      // A card opens the deal's page (issue 64): one column inside the width.
      await page.locator('[data-testid=lead-card]').first().click();
      await shown('[data-testid=deal-page] [data-testid=deal-title]');
      await check('deal', locale);
      const dealPage = (await page.locator('[data-testid=deal-page]').boundingBox())!;
      expect(dealPage.x).toBeGreaterThanOrEqual(0);
      expect(dealPage.x + dealPage.width).toBeLessThanOrEqual(phone.width);

      // Contacts: the list, then a contact alone with a way back.
      await navigateTo('contacts', locale);
      await shown('main.content .conv-row');
      await check('contacts', locale);
      // Sorting without the table's header row: the order is a choice beside the filters.
      const firstName = () => page.locator('main.content .contact-cell-name').first().textContent();
      const sort = page.locator('[data-testid=contacts-sort]');
      expect(await sort.inputValue()).toBe('name-asc');
      const aToZ = (await firstName())!;
      await sort.selectOption('name-desc');
      await expect.poll(async () => (await firstName())!.localeCompare(aToZ, locale)).toBeGreaterThan(0);
      await sort.selectOption('name-asc');
      await expect.poll(firstName).toBe(aToZ);
      await page.locator('main.content .conv-row').first().click();
      await shown('[data-testid=contact-detail]');
      await check('contact', locale);
      await page.locator('[data-testid=stack-back]:visible').click();
      await shown('main.content .conv-row');

      await navigateTo('tasks', locale);
      await shown('[data-testid=tasks-screen]');
      await check('tasks', locale);
      // The calendar is the agenda at phone width: a list by day (issue 64 item 6).
      await page.goto(`${server.url}/app/#/tasks/calendar`);
      await shown('[data-testid=cal-agenda]');
      await check('calendar-agenda', locale);

      await navigateTo('catalog', locale);
      await shown('main.content h1');
      await check('catalog', locale);
      await navigateTo('knowledge', locale);
      await shown('[data-testid=sources] li');
      await check('knowledge', locale);
      await navigateTo('agents', locale);
      await shown('[data-testid=agent-tools]');
      await check('agents', locale);
      await navigateTo('activity', locale);
      await shown('[data-testid=activity-row], [data-testid=activity-empty]');
      await check('activity', locale);
      await navigateTo('analytics', locale);
      await shown('[data-testid=analytics-conversion]');
      await check('analytics', locale);
      // Settings: the sections' list, then a section alone with a way back to the list.
      await navigateTo('settings', locale);
      await shown('[data-testid=settings-section-team]');
      expect(await page.locator('[data-testid=sign-out]').isVisible()).toBe(false);
      await check('settings', locale);
      await page.click('[data-testid=settings-section-team]');
      await shown('[data-testid=members-card]');
      expect(await page.locator('[data-testid=settings-nav]').isVisible()).toBe(false);
      await check('settings-team', locale);
      await page.locator('[data-testid=stack-back]:visible').click();
      // The pipeline's stages: each a name, a kind, a probability and its buttons, none squeezed.
      await page.click('[data-testid=settings-section-pipelines]');
      await shown('[data-testid=stage-name]');
      await check('settings-pipelines', locale);
      await page.locator('[data-testid=stack-back]:visible').click();
      await page.click('[data-testid=settings-section-profile]');
      await shown('[data-testid=sign-out]');
      await check('settings-profile', locale);

      const now = { ...found };
      found.overflow = [];
      found.axe = [];
      found.nav = [];
      expect.soft(now.nav, 'navigation').toEqual([]);
      expect.soft(now.axe, 'serious and critical axe violations').toEqual([]);
      expect(now.overflow, 'screens wider than the phone').toEqual([]);
    }, 90_000);
  }

  it('opens the menu by keyboard and closes it by Esc, a choice or a tap beside it', async () => {
    await page.goto(`${server.url}/app/#/inbox`);
    await shown('[data-testid=conversation-row]');
    const menu = page.locator('[data-testid=nav-menu]');
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    await menu.focus();
    await page.keyboard.press('Enter');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    // The focus moves into the menu, on the current screen's entry, and Tab goes on through it.
    expect(await focused()).toBe('nav-inbox');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('nav-leads');
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await focused()).toBe('nav-menu');
    expect(await page.locator('[data-testid=nav-leads]').isVisible()).toBe(false);
    // Enter on an entry goes to its screen and gives the focus back to the menu button.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#/leads');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await focused()).toBe('nav-menu');
    // A tap beside the open menu closes it and stays on the screen.
    await menu.click();
    await page.mouse.click(phone.width - 10, phone.height / 2);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => location.hash)).toBe('#/leads');
  });

  it('keeps the sidebar at 1440 px, and shows the customer panel on demand below 1180 px', async () => {
    try {
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(`${server.url}/app/#/inbox/conv-john`);
      await shown('[data-testid=message]');
      expect(await page.locator('[data-testid=nav-menu]').isVisible()).toBe(false);
      expect(await page.locator('[data-testid=nav-leads]').isVisible()).toBe(true);
      expect((await page.locator('nav.sidebar').boundingBox())!.width).toBe(232);
      expect(await page.locator('[data-testid=conversation-list]').isVisible()).toBe(true);
      expect(await page.locator('[data-testid=customer-panel]').isVisible()).toBe(true);
      expect(await page.locator('[data-testid=show-customer]').isVisible()).toBe(false);

      // Between the phone and 1180 px the panel does not fit beside the conversation: a button shows it.
      await page.setViewportSize({ width: 1000, height: 800 });
      expect(await page.locator('[data-testid=customer-panel]').isVisible()).toBe(false);
      expect(await page.locator('[data-testid=stack-back]').isVisible()).toBe(false);
      await page.click('[data-testid=show-customer]');
      await shown('[data-testid=customer-panel]');
      expect(await page.locator('[data-testid=messages]').isVisible()).toBe(false);
      await page.click('[data-testid=stack-back]');
      await shown('[data-testid=message]');
      expect(await page.locator('[data-testid=conversation-list]').isVisible()).toBe(true);
    } finally {
      await page.setViewportSize(phone);
    }
  });

  it('finds what it measures: a page too wide, a screen cut off, a page scrolling sideways, a squeezed field', async () => {
    await page.goto(`${server.url}/app/#/settings/profile`);
    await shown('[data-testid=sign-out]');
    const wide = (parent: string, id: string) =>
      page.evaluate(
        ([p, i]) => {
          const el = document.createElement('div');
          el.id = i!;
          el.style.cssText = 'width: 600px; height: 10px; flex: none';
          document.querySelector(p!)!.append(el);
        },
        [parent, id],
      );
    await wide('header.topbar', 'wide-in-topbar');
    await wide('main.content', 'wide-in-content');
    await wide('main.content .page', 'wide-in-page');
    await page.evaluate(() => {
      const field = document.createElement('input');
      field.id = 'wide-in-squeezed';
      field.style.width = '20px';
      document.querySelector('main.content .page')!.prepend(field);
    });
    try {
      const m = await measure(page, sidewaysScrollers);
      expect(m.scrollWidth).toBeGreaterThan(m.innerWidth);
      expect(m.widest?.selector).toMatch(/#wide-in-topbar$/);
      expect(m.cut.join('\n')).toMatch(/^.*main\.content \(\d+ px in 390\)$/m);
      expect(m.scrolling.join('\n')).toMatch(/div\.page \(\d+ px in \d+\)/);
      expect(m.squeezed.join('\n')).toMatch(/input#wide-in-squeezed \(20 px wide\)$/m);
    } finally {
      await page.evaluate(() => document.querySelectorAll('[id^=wide-in-]').forEach((el) => el.remove()));
    }
    expect((await measure(page, sidewaysScrollers)).scrollWidth).toBe(phone.width);
  });
});
