// The contact record page (issue 64 item 1), in Chromium against the real sync server with the demo
// team: a rep edits a property in place (Enter saves, Esc cancels, a bad e-mail is refused) and it
// persists after a reload and on the server; the contact's deal is listed with its stage and amount and
// opens by its link; a twin message's quote appears once with the facts it supports under it; the Russian
// page shows the role once (no "owner/CEO: CEO"), and neither width scrolls sideways. Every phone and
// e-mail is editable: a second phone is added, changed and removed, and the server keeps the contact's
// primary phone and its list of phones together. A new contact shows one card of next steps (add a deal,
// reach them, add a task, book a meeting), each going once done, and no block that only says "nothing yet".
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
  waitFor,
  type TestServer,
} from './harness';

type Fact = { key: string; value: string; status: string; sourceMessageId?: string };
type Contact = { _id: string; name: string; company?: string; position?: string; twin: { facts: Fact[] } };
type Lead = {
  _id: string;
  title: string;
  contactId?: string;
  value?: { amount: number; currency: string };
  score?: { reasons: { factor: string }[] };
};

const shot = (page: Page, name: string) => {
  mkdirSync(screensDir, { recursive: true });
  return page.screenshot({ path: join(screensDir, `${name}.png`), fullPage: true });
};
const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe.skipIf(!hasChromium)('the contact record page', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let admin: Awaited<ReturnType<typeof apiClient>>;
  let contacts: Contact[] = [];
  let leads: Lead[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer();
    browser = await launchBrowser();
    admin = await apiClient(server);
    const all = async <T extends { _id: string }>(collection: string) =>
      (
        (await admin.call('GET', `/sync/${collection}/_all_docs?include_docs=true`)) as {
          rows: { doc?: T }[];
        }
      ).rows
        .map((r) => r.doc)
        .filter((d): d is T => !!d && !d._id.startsWith('_design'));
    contacts = await all<Contact>('contacts');
    leads = await all<Lead>('leads');
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    page = await context.newPage();
    await signIn(page, server);
  }, 180_000);

  afterAll(() => closeAll(browser, server), 30_000);

  /** The demo contact who said their role in a message that also gave other facts (the CEO). */
  const ceo = () => {
    const found = contacts.find((c) => {
      const role = c.twin.facts.find(
        (f) => f.key === 'position' && f.status === 'active' && /CEO/.test(f.value),
      );
      const same = c.twin.facts.filter(
        (f) => f.status === 'active' && f.sourceMessageId === role?.sourceMessageId,
      );
      return role?.sourceMessageId && same.length >= 2;
    });
    expect(found, 'a demo contact whose role message gave several facts').toBeDefined();
    return found!;
  };

  const open = async (id: string) => {
    await page.goto(`${server.url}/app/#/contacts/${encodeURIComponent(id)}`);
    await page.waitForSelector('[data-testid=contact-properties]', { timeout: 30_000 });
  };

  it('edits a property in place: Enter saves, Esc cancels, a bad e-mail is refused; it persists', async () => {
    const contact = contacts.find((c) => leads.some((l) => l.contactId === c._id))!;
    await open(contact._id);
    // Esc puts the old value back and writes nothing.
    await page.click('[data-testid=prop-company]');
    await page.fill('[data-testid=prop-company-input]', 'Not this one');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.textContent('[data-testid=prop-company]')).not.toContain('Not this one');
    // A value that is no e-mail stays in the input with the reason, and is not saved.
    await page.click('[data-testid=prop-email]');
    await page.fill('[data-testid=prop-email-input]', 'not an address');
    await page.keyboard.press('Enter');
    expect(await page.locator('.inline-edit [role=alert]').textContent()).toBeTruthy();
    await page.keyboard.press('Escape');
    // Enter saves.
    await page.click('[data-testid=prop-company]');
    await page.fill('[data-testid=prop-company-input]', 'Globex Logistics');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('[data-testid=prop-company]')).toContain('Globex Logistics');
    // A phone typed in national form is stored in E.164 and shown formatted.
    await page.click('[data-testid=prop-phone]');
    await page.fill('[data-testid=prop-phone-input]', '+1 415 555 0143');
    await page.locator('[data-testid=prop-phone-input]').blur();
    await expect.poll(() => page.textContent('[data-testid=prop-phone]')).toContain('415');
    // It reached the server (the local write replicated) ...
    const saved = await waitFor(async () => {
      const doc = await admin.getDoc<Contact & { phone?: string }>('contacts', contact._id);
      return doc?.company === 'Globex Logistics' && doc.phone === '+14155550143' ? doc : null;
    }, 30_000);
    expect(saved.company).toBe('Globex Logistics');
    // ... and is there after a reload.
    await page.reload();
    await page.waitForSelector('[data-testid=contact-properties]', { timeout: 30_000 });
    await expect
      .poll(() => page.textContent('[data-testid=prop-company]'), { timeout: 30_000 })
      .toContain('Globex Logistics');
  }, 180_000);

  it('a new contact: one card of next steps, no empty Score, Summary or What we know', async () => {
    const fresh = (await admin.call('POST', '/api/v1/contacts', { name: 'Maria Fresh' })) as { id: string };
    await open(fresh.id);
    const card = page.locator('[data-testid=contact-next-steps]');
    await card.waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid=contact-next-steps]').count()).toBe(1);
    // A step for each thing not done yet, each with its one action.
    expect(
      await card.locator('li').evaluateAll((li) => li.map((l) => l.getAttribute('data-testid'))),
    ).toEqual(['deals-empty', 'next-step-reach', 'next-step-task', 'meetings-empty']);
    expect(await card.locator('[data-testid=contact-add-deal]').textContent()).toBe('Add deal');
    // No block that would only say "nothing yet": beside the card only Tasks, for its add row.
    for (const empty of [
      'contact-score',
      'contact-summary',
      'contact-twin',
      'contact-deals',
      'contact-conversations',
    ])
      expect(await page.locator(`[data-testid=${empty}]`).count(), empty).toBe(0);
    expect(
      await page
        .locator('.record-main > section')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid'))),
    ).toEqual(['contact-next-steps', 'contact-tasks']);
    // "Add a task" takes the rep to the task's title; a task added, its step goes.
    await card.locator('[data-testid=next-step-task] button').click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('task-title');
    await page.keyboard.type('Call Maria about the venue');
    await page.click('[data-testid=contact-tasks] [data-testid=task-add]');
    await card.locator('[data-testid=next-step-task]').waitFor({ state: 'detached', timeout: 20_000 });
    // With no way to reach her, the step adds a phone; once there is one, it offers the call.
    expect(await card.locator('[data-testid=next-step-reach]').textContent()).toContain(
      'Add a phone or e-mail',
    );
    await card.locator('[data-testid=next-step-reach] button').click();
    await page.fill('[data-testid=prop-phone-input]', '+1 415 555 0199');
    await page.keyboard.press('Enter');
    const call = card.locator('[data-testid=next-step-reach] a');
    await expect.poll(() => call.getAttribute('href'), { timeout: 20_000 }).toBe('tel:+14155550199');
    expect(await call.textContent()).toMatch(/^Call .*415/);
    expect(await noSidewaysScroll(page)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    // At phone width the card's actions wrap under their words, nothing past the edge.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.setViewportSize({ width: 1440, height: 900 });
  }, 120_000);

  it('every phone is editable: a second one is added, changed and removed', async () => {
    type Phones = { phone?: string; phones?: { value: string; source?: string }[] };
    const contact = contacts.find((c) => leads.some((l) => l.contactId === c._id))!;
    await open(contact._id);
    await expect
      .poll(() => page.textContent('[data-testid=prop-phone]'), { timeout: 30_000 })
      .toContain('415');
    // Add a second phone.
    await page.click('[data-testid=prop-phone-add]');
    await page.fill('[data-testid=prop-phone-new-input]', '+44 20 7183 8750');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('[data-testid=prop-phone-1]')).toContain('7183');
    const both = await waitFor(async () => {
      const doc = await admin.getDoc<Phones>('contacts', contact._id);
      return doc?.phones?.length === 2 ? doc : null;
    }, 30_000);
    expect(both.phone).toBe('+14155550143');
    expect(both.phones!.map((p) => p.value)).toEqual(['+14155550143', '+442071838750']);
    expect(both.phones![1]!.source).toBe('rep');
    // The second phone is edited in place like the first; a bad number is refused.
    await page.click('[data-testid=prop-phone-1]');
    await page.fill('[data-testid=prop-phone-1-input]', '12');
    await page.keyboard.press('Enter');
    expect(await page.locator('.inline-edit [role=alert]').textContent()).toBeTruthy();
    await page.fill('[data-testid=prop-phone-1-input]', '+33 1 42 68 53 00');
    await page.keyboard.press('Enter');
    await waitFor(async () => {
      const doc = await admin.getDoc<Phones>('contacts', contact._id);
      return doc?.phones?.[1]?.value === '+33142685300';
    }, 30_000);
    // Removing the first makes the second the primary.
    await page.click('[data-testid=prop-phone-remove]');
    const after = await waitFor(async () => {
      const doc = await admin.getDoc<Phones>('contacts', contact._id);
      return doc?.phones?.length === 1 ? doc : null;
    }, 30_000);
    expect(after.phone).toBe('+33142685300');
    await expect.poll(() => page.locator('[data-testid=prop-phone-1]').count()).toBe(0);
    expect(await page.textContent('[data-testid=prop-phone]')).toContain('42');
  }, 120_000);

  it("lists the contact's deal with its stage and amount, and opens it", async () => {
    const lead = leads.find((l) => l.contactId && l.value)!;
    expect(lead, 'a demo deal with a contact and an amount').toBeDefined();
    await open(lead.contactId!);
    const row = page.locator('[data-testid=contact-deal]', { hasText: lead.title });
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    const text = (await row.textContent())!.replace(/\s/g, ' ');
    // The amount as money with separators ("₽2,100,000", not "2100000"), and a stage.
    const grouped = new Intl.NumberFormat('en-US').format(lead.value!.amount);
    expect(text).toContain(grouped);
    if (lead.value!.amount >= 1000) expect(text).not.toContain(String(lead.value!.amount));
    expect(await row.locator('.stage-pill').textContent()).toBeTruthy();
    await row.locator('a').click();
    await page.waitForFunction((id) => decodeURIComponent(location.hash) === `#/deals/${id}`, lead._id);
    await expect
      .poll(() => page.locator(`text=${lead.title}`).count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
  }, 120_000);

  it("links the contact's conversations and meetings to their records", async () => {
    const events = (
      (await admin.call('GET', '/sync/events/_all_docs?include_docs=true')) as {
        rows: { doc?: { _id: string; title: string; contactId?: string } }[];
      }
    ).rows
      .map((r) => r.doc)
      .filter((d) => !!d && !d._id.startsWith('_design') && d.contactId);
    const event = events[0]!;
    expect(event, 'a demo meeting with a contact').toBeDefined();
    await open(event.contactId!);
    const conversation = page.locator('[data-testid=contact-conversation] a').first();
    await conversation.waitFor({ timeout: 30_000 });
    expect(await conversation.getAttribute('href')).toMatch(/^#\/inbox\//);
    const meeting = page.locator(
      `[data-testid=contact-tasks] a[href="#/tasks/event:${encodeURIComponent(event._id)}"]`,
    );
    expect(await meeting.textContent()).toBe(event.title);
    await meeting.click();
    await page.waitForFunction(
      (id) => decodeURIComponent(location.hash) === `#/tasks/event:${id}`,
      event._id,
    );
  }, 120_000);

  it('shows a message quoted once with the facts it supports under it', async () => {
    const contact = ceo();
    const role = contact.twin.facts.find((f) => f.key === 'position' && f.status === 'active')!;
    const message = await admin.getDoc<{ text: string }>('messages', role.sourceMessageId!);
    expect(message).toBeTruthy();
    const supported = contact.twin.facts.filter(
      (f) => f.status === 'active' && f.sourceMessageId === role.sourceMessageId,
    );
    await open(contact._id);
    const quotes = page.locator('[data-testid=twin-quote-text]', { hasText: message!.text.slice(0, 40) });
    await expect.poll(() => quotes.count(), { timeout: 30_000 }).toBe(1);
    const group = page.locator('[data-testid=twin-quote]', { has: quotes });
    expect(await group.locator('[data-testid=twin-fact]').count()).toBe(supported.length);
    expect(await group.locator('[data-testid=twin-fact]', { hasText: 'Position' }).textContent()).toContain(
      'CEO',
    );
    const body = (await page.textContent('[data-testid=contact-detail]'))!;
    expect(body).not.toMatch(/owner\/CEO/);
    expect(body).not.toMatch(/CEO: CEO/);
    expect(await noSidewaysScroll(page)).toBe(true);
    await shot(page, 'contact-record-1440-en');
    expect(await axeViolations(page)).toEqual([]);
  }, 120_000);

  it('in Russian at 390 px: the role once, empty blocks say what to do, no sideways scroll', async () => {
    const contact = ceo();
    await page.goto(`${server.url}/app/#/inbox`);
    await page.selectOption('header [data-testid=language]', 'ru');
    await page.setViewportSize({ width: 390, height: 844 });
    await open(contact._id);
    await expect
      .poll(() => page.textContent('[data-testid=contact-twin] h3'), { timeout: 30_000 })
      .toBe('Что мы знаем');
    const body = (await page.textContent('[data-testid=contact-detail]'))!;
    expect(body).not.toMatch(/owner\/CEO/);
    expect(body).not.toMatch(/CEO: CEO/);
    // The score's reason names the role once (the demo scored the CEO's deal).
    const scored = leads.find(
      (l) => l.contactId === contact._id && l.score?.reasons.some((r) => r.factor === 'authority'),
    );
    if (scored) expect(body).toContain('Лицо, принимающее решение — CEO');
    expect(await page.textContent('[data-testid=prop-position]')).toContain('CEO');
    // An empty property says what to add in Russian words («Добавить телефон»), not «Добавить: телефон».
    expect(body).not.toMatch(/Добавить: /);
    const phones = page.locator('[data-testid=prop-phone-list] [data-testid=prop-phone]');
    if ((await phones.textContent())?.trim().startsWith('Добавить'))
      expect((await phones.textContent())!.trim()).toBe('Добавить телефон');
    // Empty blocks say what to do next: meetings (the CEO booked none) point to the calendar.
    const meetingsEmpty = page.locator('[data-testid=meetings-empty]');
    if (await meetingsEmpty.count()) expect(await meetingsEmpty.textContent()).toContain('Открыть календарь');
    // No block is a bare "—".
    const bare = await page
      .locator('[data-testid=contact-detail] *')
      .evaluateAll(
        (els) => els.filter((e) => e.children.length === 0 && e.textContent?.trim() === '—').length,
      );
    expect(bare).toBe(0);
    // The tasks block's "All tasks" link sits beside its heading as a link (not upper-cased into it),
    // and the owner reads as the other properties: a value, no box, until it is pointed at.
    const allTasks = page.locator('[data-testid=contact-all-tasks]');
    expect(
      await allTasks.evaluate((a) => [a.closest('h3') === null, getComputedStyle(a).textTransform]),
    ).toEqual([true, 'none']);
    const owner = page.locator('input[data-testid=prop-owner]');
    expect(await owner.evaluate((i) => getComputedStyle(i).borderTopColor)).toBe('rgba(0, 0, 0, 0)');
    expect(await noSidewaysScroll(page)).toBe(true);
    await shot(page, 'contact-record-390-ru');
    expect(await axeViolations(page)).toEqual([]);
  }, 120_000);
});
