// End to end in Chromium against the real sync server (issue 64 item 8): Analytics as a dashboard. A
// team's deals, conversations and replies over the last 30 days and the 30 before; the row of large
// numbers shows each hand-computed figure with its change against the previous 30 days (colour and
// words; from a base under 10 the previous figure itself, never a percentage; nothing where the previous
// period has no figure), revenue in another currency on its own labelled line, the AI's share by week
// with no share for a week without conversations, a definition opens from its info icon by click
// and by keyboard (named by aria-describedby), axe finds no serious violation, the charts fill the
// width at 1440 px in two columns with a trend at least 280 px high, and at 390 px nothing scrolls
// sideways and the tiles stand one a row, their names on one line: in English and Russian.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import {
  closeAll,
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  registerTeam,
  signIn,
  startSyncServer,
  type TestServer,
} from './harness';

const ago = (days: number, plusMs = 0) => new Date(Date.now() - days * 86_400_000 + plusMs).toISOString();
const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };

/** What each language writes (the test reads as a rep would). */
const words = {
  en: {
    leads: 'New leads',
    winRateDef: 'closed (won + lost)',
    points: 'pp',
    none: /No figure to compare with|no earlier period/i,
    versus: (v: string) => `vs ${v} in the previous 30 days`,
  },
  ru: {
    leads: 'Новые лиды',
    winRateDef: 'закрытые (выиграно + проиграно)',
    points: 'п. п.',
    none: /Не с чем сравнить|раньше периода нет/i,
    versus: (v: string) => `против ${v} за предыдущие 30 дней`,
  },
} as const;

describe.skipIf(!hasChromium)('the Analytics dashboard in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let owner: Awaited<ReturnType<typeof registerTeam>>;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer();
    browser = await launchBrowser();
    owner = await registerTeam(server, 'Dashboard team');
    const admin = owner.api;
    const lead = (id: string, stage: string, days: number, amount?: number) => ({
      id,
      contactId: 'c-dash',
      title: `Deal ${id}`,
      stage,
      createdAt: ago(days),
      updatedAt: ago(days),
      source: { channel: 'webchat' },
      ...(amount ? { value: { amount, currency: 'USD' } } : {}),
    });
    // The last 30 days: 4 leads, 2 won ($1,000 and €200) and 1 lost. The 30 before: 2 leads, 1 won
    // ($500).
    await admin.putDocs('leads', [
      lead('d-won', 'won', 6, 1000),
      { ...lead('d-eur', 'won', 7), value: { amount: 200, currency: 'EUR' } },
      lead('d-lost', 'lost', 5),
      lead('d-new', 'new', 3, 300),
      lead('p-won', 'won', 40, 500),
      lead('p-new', 'new', 45),
    ]);
    const conversation = (id: string, days: number, extra: Record<string, unknown> = {}) => ({
      id,
      contactId: 'c-dash',
      channel: 'webchat',
      externalChatId: id,
      mode: 'ai',
      status: 'open',
      createdAt: ago(days),
      updatedAt: ago(days),
      ...extra,
    });
    // The last 30 days: 3 conversations, 1 resolved by AI, 1 handed off, 1 answered by a rep in 2
    // minutes. The 30 before: 2, 1 resolved by AI, 1 answered by a rep in 4 minutes.
    await admin.putDocs('conversations', [
      conversation('cv-now', 3),
      conversation('cv-handoff', 5, { handoffReason: 'Customer asked for a person' }),
      conversation('cv-replied', 4),
      conversation('cv-before', 35),
      conversation('cv-before-replied', 36),
    ]);
    const me = (
      (await admin.call('GET', '/api/v1/members')) as { items: { id: string; email: string }[] }
    ).items.find((m) => m.email === owner.email)!;
    const message = (id: string, conversationId: string, at: string, inbound: boolean) => ({
      id,
      conversationId,
      contactId: 'c-dash',
      channel: 'webchat',
      direction: inbound ? 'inbound' : 'outbound',
      author: inbound ? { kind: 'customer', id: 'c-dash' } : { kind: 'rep', id: me.id },
      text: inbound ? 'How much is it?' : 'It is $100.',
      attachments: [],
      delivery: { status: inbound ? 'received' : 'pending' },
      idempotencyKey: id,
      createdAt: at,
    });
    await admin.putDocs('messages', [
      message('m-now-in', 'cv-replied', ago(4), true),
      message('m-now-out', 'cv-replied', ago(4, 120_000), false),
      message('m-before-in', 'cv-before-replied', ago(36), true),
      message('m-before-out', 'cv-before-replied', ago(36, 240_000), false),
    ]);
    page = await (await browser.newContext({ viewport: desktop, locale: 'en-US' })).newPage();
    await signIn(page, server, owner.email, owner.password);
  }, 180_000);

  afterAll(() => closeAll(browser, server), 30_000);

  const tile = (key: string) => ({
    value: page.locator(
      `[data-testid=kpi-${key}-value], [data-testid=kpi-${key}] [data-testid=revenue-main]`,
    ),
    change: page.locator(`[data-testid=kpi-${key}-change]`),
  });
  const text = async (key: string) => {
    const t = tile(key);
    return {
      value: (await t.value.textContent())!,
      change: (await t.change.textContent())!,
      tone: await t.change.getAttribute('class'),
    };
  };

  for (const locale of ['en', 'ru'] as const) {
    const w = words[locale];

    it(`shows the key figures with their change, in ${locale}`, async () => {
      await page.setViewportSize(desktop);
      await page.goto(`${server.url}/app/#/analytics`);
      await page.selectOption('header [data-testid=language]', locale);
      await page.locator('[data-testid=kpi-leads] h2', { hasText: w.leads }).waitFor({ timeout: 20_000 });
      await page.selectOption('[data-testid=analytics-range]', '30d');
      // The rollup settles on the synced docs: 3 leads in the period.
      await expect.poll(async () => (await text('leads')).value, { timeout: 20_000 }).toBe('4');
      const num = (s: string) => s.replace(/\s/g, ' ');
      // Every previous figure here is from a base under 10: the two figures side by side, never a
      // percentage ("+100 %" from 2 leads), coloured by whether it is good news.
      const leads = await text('leads');
      expect(num(leads.change)).toContain(w.versus('2'));
      expect(leads.change).not.toMatch(/%/);
      expect(leads.tone).toContain('good');
      const revenue = await text('revenue');
      expect(num(revenue.value)).toMatch(locale === 'en' ? /^\$1,000(\.00)?$/ : /^1 000(,00)? \$$/);
      expect(num(revenue.change)).toContain(w.versus(locale === 'en' ? '$500' : '500 $'));
      // The euros on their own line under the dollars, named by their code, never added to them.
      const others = page.locator('[data-testid=revenue-others] .kpi-other');
      expect(await others.count()).toBe(1);
      expect(await others.locator('.kpi-other-code').textContent()).toBe('EUR');
      expect(num((await others.locator('.kpi-other-amount').textContent())!)).toMatch(
        locale === 'en' ? /^€200/ : /^200(,00)? €$/,
      );
      // Win rate 2 of 3 against 1 of 1: down, bad news, told as 67 % against 100 %.
      const winRate = await text('winRate');
      expect(num(winRate.value)).toMatch(/^67 ?%$/);
      expect(num(winRate.change)).toMatch(locale === 'en' ? /vs 100%/ : /против 100 %/);
      expect(winRate.change).not.toContain(w.points);
      expect(winRate.tone).toContain('bad');
      expect(await page.locator('[data-testid=analytics-win-rate]').textContent()).toMatch(/2 (of|из) 3/);
      const conversations = await text('conversations');
      expect(conversations.value).toBe('3');
      expect(num(conversations.change)).toContain(w.versus('2'));
      // 1 of 3 resolved by AI against 1 of 2.
      const ai = await text('aiShare');
      expect(num(ai.value)).toMatch(/^33 ?%$/);
      expect(num(ai.change)).toMatch(/(vs|против) 50 ?%/);
      expect(ai.tone).toContain('bad');
      expect(await page.locator('[data-testid=analytics-ai]').textContent()).toMatch(/1 (of|из) 3/);
      // The first reply: 2 minutes against 4, and shorter is better.
      const reply = await text('firstReply');
      expect(reply.value).toMatch(/^2 (min|мин)/);
      expect(num(reply.change)).toMatch(/(vs|против) 4 (min|мин)/);
      expect(reply.tone).toContain('good');
      // No suggestions in either period: no figure and no change line at all, never "0 %" nor a
      // "nothing to compare with" line.
      expect(await tile('suggestions').value.textContent()).toBe('—');
      expect(await tile('suggestions').change.count()).toBe(0);
      expect(await page.locator('[data-testid=analytics-kpis]').textContent()).not.toMatch(w.none);
      // Over all time there is no previous period: no tile has a change line.
      await page.selectOption('[data-testid=analytics-range]', 'all');
      await expect.poll(() => page.locator('.kpi-change').count()).toBe(0);
      expect(await page.locator('[data-testid=analytics-kpis]').textContent()).not.toMatch(w.none);
      await page.selectOption('[data-testid=analytics-range]', '30d');
      await expect.poll(async () => (await text('leads')).value).toBe('4');
      // The AI's share by week: a week sums its days' conversations (3 in the period), and a week with
      // none has no share ("—", no bar), never 0 or 100 % from an empty set; the trend itself is counts
      // on one axis, no percentage line beside them.
      const weeks = page.locator('[data-testid=analytics-ai-trend-table] tbody tr');
      await weeks.first().waitFor({ state: 'attached', timeout: 20_000 });
      const rows = (await weeks.evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
      )) as string[][];
      expect(rows.length).toBeGreaterThanOrEqual(5);
      expect(rows.length).toBeLessThanOrEqual(6);
      expect(rows.reduce((n, r) => n + Number(r[1]), 0)).toBe(3);
      for (const [, conversations, resolved, share] of rows) {
        if (conversations === '0') expect(share).toBe('—');
        else
          expect(num(share!)).toBe(
            num(
              new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'ru-RU', { style: 'percent' }).format(
                Number(resolved) / Number(conversations),
              ),
            ),
          );
      }
      expect(rows.filter((r) => r[3] === '—').length).toBeGreaterThan(0);
      // A period with deals and no conversation (46 to 38 days ago): the AI's chart says so in words,
      // no empty 0-100 % chart.
      const day = new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : 'ru-RU', {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
      });
      await page.selectOption('[data-testid=analytics-range]', 'custom');
      await page.fill('[data-testid=analytics-from]', day.format(new Date(Date.now() - 46 * 86_400_000)));
      await page.fill('[data-testid=analytics-to]', day.format(new Date(Date.now() - 38 * 86_400_000)));
      await page.locator('[data-testid=analytics-ai-trend-none]').waitFor({ timeout: 20_000 });
      expect(await page.locator('[data-testid=analytics-ai-trend] canvas').count()).toBe(0);
      await expect.poll(async () => (await text('leads')).value).toBe('2');
      await page.selectOption('[data-testid=analytics-range]', '30d');
      await expect.poll(async () => (await text('leads')).value).toBe('4');
      expect(await page.locator('[data-testid=analytics-ai-trend] canvas').count()).toBe(1);
      // No serious or critical accessibility violation on the dashboard, its definition open or not.
      expect(await axeViolations(page)).toEqual([]);
    }, 90_000);

    it(`opens a definition from its icon by click and by keyboard, in ${locale}`, async () => {
      const button = page.locator('[data-testid=kpi-winRate-info]');
      const definition = page.locator('[data-testid=kpi-winRate-info-text]');
      expect(await definition.isVisible()).toBe(false);
      expect(await button.getAttribute('aria-describedby')).toBe(await definition.getAttribute('id'));
      expect(await definition.getAttribute('role')).toBe('tooltip');
      // The card holds no lines of definitions any more.
      expect(await page.locator('[data-testid=kpi-winRate] .muted.small').count()).toBe(0);
      await button.click();
      await definition.waitFor({ state: 'visible' });
      expect(await definition.textContent()).toContain(w.winRateDef);
      await page.keyboard.press('Escape');
      await definition.waitFor({ state: 'hidden' });
      // By keyboard: Tab from the tile's heading reaches the icon and shows the definition.
      await page.mouse.move(0, 0);
      await page.locator('[data-testid=kpi-conversion-info]').focus();
      await page.keyboard.press('Tab');
      expect(await button.evaluate((b) => b === document.activeElement)).toBe(true);
      await definition.waitFor({ state: 'visible' });
      await page.keyboard.press('Escape');
      await definition.waitFor({ state: 'hidden' });
      // A chart's definition too.
      await page.locator('[data-testid=analytics-funnel-info]').click();
      await page.locator('[data-testid=analytics-funnel-info-text]').waitFor({ state: 'visible' });
      await page.keyboard.press('Escape');
    }, 60_000);

    it(`uses the width at 1440 px with a tall trend, in ${locale}`, async () => {
      const trend = page.locator('[data-testid=analytics-trend] canvas');
      await trend.waitFor({ timeout: 20_000 });
      expect((await trend.boundingBox())!.height).toBeGreaterThanOrEqual(280);
      const funnel = (await page.locator('[data-testid=analytics-funnel]').boundingBox())!;
      const steps = (await page.locator('[data-testid=analytics-steps]').boundingBox())!;
      const grid = (await page.locator('.dash-grid').boundingBox())!;
      // Two columns side by side, the right one reaching the grid's right edge.
      expect(Math.abs(funnel.y - steps.y)).toBeLessThan(2);
      expect(steps.x).toBeGreaterThan(funnel.x + funnel.width - 1);
      expect(steps.x + steps.width).toBeGreaterThan(grid.x + grid.width - 2);
      const kpis = await page
        .locator('[data-testid=analytics-kpis] > .kpi')
        .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().y)));
      // Four tiles a row.
      expect(new Set(kpis).size).toBe(2);
    }, 60_000);

    it(`has no sideways scroll at 390 px, and a definition opens there, in ${locale}`, async () => {
      await page.setViewportSize(phone);
      await page.locator('[data-testid=analytics-breakdown-table]').waitFor({ timeout: 20_000 });
      await page.waitForTimeout(200);
      const widths = await page.evaluate(() => ({
        doc: document.documentElement.scrollWidth,
        window: window.innerWidth,
        // Every card inside the window; a table wider than its card scrolls inside its frame.
        cards: [...document.querySelectorAll('.kpi, .dash-grid > .panel')]
          .map((e) => e.getBoundingClientRect())
          .filter((r) => r.right > window.innerWidth + 1).length,
        content: (() => {
          const main = document.querySelector('main') ?? document.body;
          return { scroll: main.scrollWidth, client: main.clientWidth };
        })(),
      }));
      expect(widths.doc).toBeLessThanOrEqual(widths.window);
      expect(widths.cards).toBe(0);
      expect(widths.content.scroll).toBeLessThanOrEqual(widths.content.client);
      // The tiles one a row (no two squeezed columns), each name on one line, their change still there.
      const tiles = await page.locator('[data-testid=analytics-kpis] > .kpi').evaluateAll((els) =>
        els.map((e) => {
          const name = e.querySelector('.kpi-name')!;
          return {
            x: Math.round(e.getBoundingClientRect().x),
            nameLines: Math.round(
              name.getBoundingClientRect().height / parseFloat(getComputedStyle(name).lineHeight || '20'),
            ),
          };
        }),
      );
      expect(new Set(tiles.map((x) => x.x)).size).toBe(1);
      expect(tiles.filter((x) => x.nameLines > 1)).toEqual([]);
      expect(await tile('leads').change.isVisible()).toBe(true);
      const button = page.locator('[data-testid=kpi-revenue-info]');
      await button.click();
      const definition = page.locator('[data-testid=kpi-revenue-info-text]');
      await definition.waitFor({ state: 'visible' });
      expect(await axeViolations(page)).toEqual([]);
      const box = (await definition.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(phone.width);
      await page.keyboard.press('Escape');
      await page.setViewportSize(desktop);
    }, 60_000);
  }
});
