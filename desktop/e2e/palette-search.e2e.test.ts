// Search in the command palette (issue 64 item 7), in Chromium against the real sync server with the
// demo team: results grouped, people and deals first (Contacts, Deals, Conversations, Knowledge, then
// Actions), so "ромашка" shows the customer and her deal before the help centre's passages; names in
// either script ("Petrova" finds «Анна Петрова», «Петрова» finds "Anna Petrova"); a deal found by its
// contact's name ("john" finds John's deal, whose title does not name him); in English and Russian.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import {
  apiClient,
  closeAll,
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  screensDir,
  signIn,
  startSyncServer,
  type TestServer,
} from './harness';

type Lead = { _id: string; title: string; contactId?: string; status?: string };

/** A picture of the screen for review (the screens walk's go to docs/screens; these to screensDir). */
const shot = (page: Page, name: string) => {
  mkdirSync(screensDir, { recursive: true });
  return page.screenshot({ path: join(screensDir, `${name}.png`) });
};

describe.skipIf(!hasChromium)(
  'command palette: grouped results, names in both scripts, deals by person',
  () => {
    let server: TestServer;
    let browser: Browser;
    let page: Page;
    let leads: Lead[] = [];

    beforeAll(async () => {
      ensureWebBuild();
      server = await startSyncServer();
      browser = await launchBrowser();
      const admin = await apiClient(server);
      const at = new Date().toISOString();
      await admin.putDocs('contacts', [
        {
          id: 'contact-anna-latin',
          name: 'Anna Petrova',
          company: 'Northwind',
          identities: [],
          optOut: false,
          agentAccess: 'default',
          twin: { facts: [] },
          createdAt: at,
          updatedAt: at,
        },
      ]);
      const all = (await admin.call('GET', '/sync/leads/_all_docs?include_docs=true')) as {
        rows: { doc?: Lead }[];
      };
      leads = all.rows.map((r) => r.doc).filter((d): d is Lead => !!d && !d._id.startsWith('_design'));
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
      page = await context.newPage();
      await signIn(page, server);
    }, 180_000);

    afterAll(() => closeAll(browser, server), 30_000);

    /** Opens the palette, types `query` and waits until `group` lists `text`. */
    async function find(query: string, group: string, text: string) {
      if ((await page.locator('[data-testid=palette-input]').count()) === 0)
        await page.keyboard.press('Control+k');
      await page.fill('[data-testid=palette-input]', query);
      const option = page.locator(`[data-testid=palette-group-${group}] [role=option]`, { hasText: text });
      // The index is built a moment after the first screen (search-client.ts): wait for it.
      await expect
        .poll(() => option.count(), { timeout: 30_000, message: `"${query}" in ${group}: ${text}` })
        .toBeGreaterThan(0);
      return option.first();
    }
    const groupOrder = () =>
      page
        .locator('.palette-list [role=group]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('palette-group-', '')));

    it('finds «Анна Петрова» by "Petrova" and "Anna Petrova" by «Петрова»', async () => {
      await page.goto(`${server.url}/app/#/inbox`);
      await find('Petrova', 'contact', 'Анна Петрова');
      await find('Петрова', 'contact', 'Anna Petrova');
      // Her conversation too, under its own heading.
      await find('Petrova', 'conversation', 'Анна Петрова');
      expect(await page.locator('#palette-group-conversation').textContent()).toBe('Conversations');
      await page.keyboard.press('Escape');
    }, 120_000);

    it('finds a deal by its contact’s name, and opens it', async () => {
      const johns = leads.filter((l) => l.contactId === 'contact-john');
      expect(johns.length, 'the demo gives John a deal').toBeGreaterThan(0);
      const deal = johns.find((l) => !/john/i.test(l.title));
      expect(deal, 'a deal of John whose title does not name him').toBeDefined();
      const option = await find('john', 'lead', deal!.title);
      expect(await option.textContent()).toContain('John');
      await option.click();
      await page.waitForFunction((id) => decodeURIComponent(location.hash) === `#/deals/${id}`, deal!._id);
    }, 120_000);

    it('puts people and deals before knowledge, and groups under Russian headings', async () => {
      await page.goto(`${server.url}/app/#/inbox`);
      await page.selectOption('header [data-testid=language]', 'ru');
      await find('ромашка', 'contact', 'Анна Петрова');
      const annaDeal = leads.find((l) => l.contactId === 'contact-anna');
      expect(annaDeal).toBeDefined();
      await find('ромашка', 'lead', annaDeal!.title);
      await find('ромашка', 'knowledge', 'Ромашка CRM');
      const order = await groupOrder();
      expect(order.slice(0, 2)).toEqual(['contact', 'lead']);
      expect(order.indexOf('knowledge')).toBeGreaterThan(order.indexOf('lead'));
      // The deal is within the first handful of results, not eighth after the passages.
      const options = await page.locator('.palette-list [role=option]').allTextContents();
      expect(options.findIndex((o) => o.includes(annaDeal!.title))).toBeLessThan(6);
      expect(await page.locator('#palette-group-lead').textContent()).toBe('Сделки');
      expect(await page.locator('#palette-group-knowledge').textContent()).toBe('База знаний');
      await shot(page, 'palette-groups-ru');
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
    }, 120_000);
  },
);
