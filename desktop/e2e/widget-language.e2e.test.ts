// The web chat widget's own texts follow the team's widget language (issue 17: they followed the
// browser while the replies were in Russian). In Chromium with an English browser, on a shop's page
// (its own origin) embedding the widget from the real sync server: a widget set to Russian speaks Russian; one on
// `auto` starts in the browser's language and switches to the conversation's once the replies show
// it; a rep's reply is labelled with the rep's display name, never the login. The Settings card's live
// preview is that widget too, following the card's unsaved language and title, and posting nothing.
// A commercial proposal the team sends in the chat is a link the visitor downloads (the PDF), and the
// deal's proposal is then "opened".
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import {
  apiClient,
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  newContext,
  signIn,
  startSyncServer,
  waitFor,
  type TestServer,
} from './harness';

describe.skipIf(!hasChromium)('web chat widget language in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let api: Awaited<ReturnType<typeof apiClient>>;
  let site: Server;
  let shop: string;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer();
    browser = await launchBrowser();
    api = await apiClient(server);
    site = createServer((req, res) => {
      const key = new URL(req.url ?? '/', 'http://x').searchParams.get('key') ?? '';
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(
        `<!doctype html><html><body><h1>Shop</h1>` +
          `<script src="${server.url}/webchat/widget.js" data-key="${encodeURIComponent(key)}"></script></body></html>`,
      );
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    shop = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    site?.close();
  }, 30_000);

  /** A shop's page (its own origin, served by the test on loopback) embedding the widget. */
  async function shopPage(key: string): Promise<Page> {
    const page = await (await newContext(browser, 'en-US')).newPage();
    await page.goto(`${shop}/?key=${encodeURIComponent(key)}`);
    return page;
  }
  const widget = (page: Page) => ({
    button: page.locator('.btn'),
    who: page.locator('.who'),
    input: page.locator('form input'),
  });

  it('a widget set to Russian shows Russian texts in an English browser', async () => {
    const created = (await api.call('POST', '/api/v1/channels/webchat', {
      language: 'ru',
      color: '#16a34a',
    })) as { key: string };
    const page = await shopPage(created.key);
    await expect.poll(() => widget(page).button.textContent(), { timeout: 15_000 }).toBe('Написать нам');
    await widget(page).button.click();
    expect(await widget(page).input.getAttribute('placeholder')).toBe('Ваше сообщение…');
    // No title of its own: the header says the launcher's words, in the same language; the team's
    // brand colour on the launcher, the header and Send.
    expect(await page.locator('.head .title').textContent()).toBe('Написать нам');
    const background = (selector: string) =>
      page.locator(selector).evaluate((el) => getComputedStyle(el).backgroundColor);
    for (const part of ['.btn', '.head', 'form button'])
      expect(await background(part)).toBe('rgb(22, 163, 74)');
    // Its close button speaks the widget's language; it and Esc close it, the launcher gets the focus.
    // Its x is lucide's, an inline SVG the button's size of font (20px), not a × (issue 64).
    const close = page.locator('.close');
    expect(await close.getAttribute('aria-label')).toBe('Свернуть чат');
    expect(await close.textContent()).toBe('');
    expect((await close.locator('svg[aria-hidden="true"]').boundingBox())?.height).toBe(20);
    await close.click();
    await expect.poll(() => page.locator('.panel').isVisible()).toBe(false);
    expect(await widget(page).button.getAttribute('aria-expanded')).toBe('false');
    await widget(page).button.click();
    await widget(page).input.press('Escape');
    await expect.poll(() => page.locator('.panel').isVisible()).toBe(false);
    expect(
      await widget(page).button.evaluate((b) => (b.getRootNode() as ShadowRoot).activeElement === b),
    ).toBe(true);
  }, 60_000);

  it("greets in the visitor's language: the widget's own by default, the team's per language when set (issue 64)", async () => {
    const greetingOf = async (key: string, locale: string) => {
      const page = await (await newContext(browser, locale)).newPage();
      await page.goto(`${shop}/?key=${encodeURIComponent(key)}`);
      await widget(page).button.click();
      const first = page.locator('.m.out').first();
      await first.waitFor({ timeout: 15_000 });
      const text = await first.textContent();
      await page.context().close();
      return text;
    };
    // The Settings card stored its default greeting in the admin's language (English): a Russian
    // visitor was greeted "Hello! How can we help?".
    const byDefault = (await api.call('POST', '/api/v1/channels/webchat', {
      greeting: 'Hello! How can we help?',
    })) as { key: string };
    expect(await greetingOf(byDefault.key, 'ru-RU')).toBe('АссистентЗдравствуйте! Чем можем помочь?');
    expect(await greetingOf(byDefault.key, 'en-US')).toBe('AssistantHello! How can we help?');
    const own = (await api.call('POST', '/api/v1/channels/webchat', {
      greeting: 'Welcome to the shop',
      greetings: { ru: 'Добро пожаловать в магазин' },
    })) as { key: string };
    expect(await greetingOf(own.key, 'ru-RU')).toBe('АссистентДобро пожаловать в магазин');
    expect(await greetingOf(own.key, 'en-US')).toBe('AssistantWelcome to the shop');
  }, 90_000);

  it('the Settings card previews the widget live: its language and title as chosen, unsaved; nothing posted', async () => {
    const created = (await api.call('POST', '/api/v1/channels/webchat', { title: 'Saved title' })) as {
      key: string;
    };
    const page = await (await newContext(browser, 'en-US')).newPage();
    const posted: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/webchat/')) posted.push(r.url());
    });
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await signIn(page, server);
    await page.goto(`${server.url}/app/#/settings/channels`);
    const card = page.locator('[data-testid=webchat-card]');
    await card.locator('[data-testid=webchat-snippet]').waitFor({ timeout: 20_000 });
    // The card edits the team's first widget; this test's widget is not necessarily it.
    const shownKey = (await card.locator('[data-testid=webchat-snippet]').inputValue()).match(
      /data-key="([^"]+)"/,
    )![1];
    expect(shownKey).toBeTruthy();
    const preview = page.frameLocator('[data-testid=webchat-preview] iframe');
    const frame = card.locator('[data-testid=webchat-preview] iframe');
    expect(await frame.getAttribute('sandbox')).toBe('allow-scripts allow-forms');
    expect(await frame.getAttribute('title')).toBe('Preview of the chat on your site');

    await card.locator('[data-testid=webchat-language]').selectOption('ru');
    await expect.poll(() => preview.locator('.btn').textContent(), { timeout: 15_000 }).toBe('Написать нам');
    expect(await preview.locator('form input').getAttribute('placeholder')).toBe('Ваше сообщение…');
    expect(await preview.locator('.err').textContent()).toBe(
      'Предпросмотр: сообщения отсюда не отправляются.',
    );
    expect(await axeViolations(page)).toEqual([]);
    await card.locator('[data-testid=webchat-language]').selectOption('en');
    await expect.poll(() => preview.locator('.btn').textContent(), { timeout: 15_000 }).toBe('Chat with us');
    expect(await preview.locator('.err').textContent()).toBe('Preview: messages typed here are not sent.');

    await card.locator('label', { hasText: 'Window title' }).locator('input').fill('Unsaved title');
    await expect
      .poll(() => preview.locator('.head .title').textContent(), { timeout: 15_000 })
      .toBe('Unsaved title');
    // An empty title: the widget's own words in its language; the brand colour picked in the card.
    await card.locator('[data-testid=webchat-title]').fill('');
    await expect
      .poll(() => preview.locator('.head .title').textContent(), { timeout: 15_000 })
      .toBe('Chat with us');
    await card.locator('[data-testid=webchat-color]').fill('#16a34a');
    await expect
      .poll(() => preview.locator('.btn').evaluate((b) => getComputedStyle(b).backgroundColor), {
        timeout: 15_000,
      })
      .toBe('rgb(22, 163, 74)');
    await card.locator('[data-testid=webchat-title]').fill('Unsaved title');
    await expect
      .poll(() => preview.locator('.head .title').textContent(), { timeout: 15_000 })
      .toBe('Unsaved title');
    await preview.locator('form input').fill('Is this sent?');
    await preview.locator('form input').press('Enter');
    await expect.poll(() => preview.locator('.log').textContent()).toContain('Is this sent?');
    await page.waitForTimeout(1_000);
    expect(posted).toEqual([]);
    expect(problems.filter((p) => /Content Security Policy|Refused/i.test(p))).toEqual([]);
    // Unsaved: the server's widget is as it was, and no conversation came of the preview.
    const widgets = (await api.call('GET', '/api/v1/channels/webchat')) as {
      widgets: { key: string; title: string; language: string }[];
    };
    const saved = widgets.widgets.find((w) => w.key === shownKey)!;
    expect(saved.title).not.toBe('Unsaved title');
    expect(saved.key === created.key ? saved.language : 'auto').toBe('auto');
    await page.context().close();
  }, 90_000);

  it('on auto, the texts switch to the conversation’s language once a reply shows it', async () => {
    const created = (await api.call('POST', '/api/v1/channels/webchat', {
      greeting: 'Здравствуйте!',
    })) as { key: string; language: string };
    expect(created.language).toBe('auto');
    const page = await shopPage(created.key);
    const w = widget(page);
    await expect.poll(() => w.button.textContent(), { timeout: 15_000 }).toBe('Chat with us');
    await w.button.click();
    await w.input.fill('Здравствуйте, сколько стоит доставка?');
    await w.input.press('Enter');
    const visitorId = await page.evaluate((k) => localStorage.getItem(`sw-chat-visitor:${k}`), created.key);
    expect(visitorId).toBeTruthy();
    // A rep's reply in Russian, written as a desktop writes it (the author name is the login e-mail).
    const me = (await api.call('GET', '/api/v1/me')) as { user: { id: string } };
    await api.call('PATCH', '/api/v1/me', { displayName: 'Ольга' });
    await api.putDocs('messages', [
      {
        id: 'msg-rep-widget-1',
        conversationId: `conv:webchat:${created.key}:${visitorId}`,
        channel: 'webchat',
        direction: 'outbound',
        author: { kind: 'rep', id: me.user.id, name: server.email },
        text: 'Доставка бесплатная от 3000 ₽.',
        attachments: [],
        delivery: { status: 'pending' },
        idempotencyKey: 'msg-rep-widget-1',
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
      },
    ]);
    // (The team's agent may answer too: every label is in Russian whatever came first.)
    await expect.poll(() => w.who.allTextContents(), { timeout: 30_000 }).toContain('Ольга');
    const labels = await w.who.allTextContents();
    expect(labels).toContain('Вы');
    expect(labels.every((l) => ['Ассистент', 'Вы', 'Ольга'].includes(l))).toBe(true);
    expect(await w.button.textContent()).toBe('Написать нам');
    expect(await w.input.getAttribute('placeholder')).toBe('Ваше сообщение…');
    expect(await page.locator('.log').textContent()).not.toContain(server.email);
  }, 90_000);
  it('a proposal sent in the chat is a link the visitor downloads, and the deal says it was opened', async () => {
    const created = (await api.call('POST', '/api/v1/channels/webchat', { language: 'ru' })) as {
      key: string;
    };
    const page = await shopPage(created.key);
    const w = widget(page);
    await expect.poll(() => w.button.textContent(), { timeout: 15_000 }).toBe('Написать нам');
    await w.button.click();
    await w.input.fill('Здравствуйте! Пришлите коммерческое предложение.');
    await w.input.press('Enter');
    await expect.poll(() => w.who.allTextContents(), { timeout: 15_000 }).toContain('Вы');
    const visitorId = await page.evaluate((k) => localStorage.getItem(`sw-chat-visitor:${k}`), created.key);
    const lead = (await api.call('POST', '/api/v1/leads', {
      title: 'КП из веб-чата',
      contactId: `contact:webchat:${visitorId}`,
      conversationId: `conv:webchat:${created.key}:${visitorId}`,
    })) as { id: string };
    const quote = {
      currency: 'RUB',
      lines: [
        {
          sku: 'PLAN-TEAM',
          name: 'Тариф «Команда»',
          quantity: 5,
          unit: 'место',
          unitPrice: 990,
          discountPercent: 0,
          lineTotal: 4950,
        },
      ],
      subtotal: 4950,
      discount: 0,
      tax: 0,
      total: 4950,
    };
    const made = (await api.call('POST', `/api/v1/leads/${lead.id}/proposals`, { quote })) as {
      id: string;
      fileName: string;
    };
    await api.call('POST', `/api/v1/leads/${lead.id}/proposals/${made.id}/send`);

    const link = page.locator('a.file');
    await expect.poll(() => link.count(), { timeout: 30_000 }).toBe(1);
    // The paperclip is an inline SVG (issue 64), hidden from screen readers; the name is the text.
    expect(await link.textContent()).toBe(made.fileName);
    const clip = link.locator('svg');
    expect(await clip.getAttribute('aria-hidden')).toBe('true');
    const [clipBox, linkFont] = await Promise.all([
      clip.boundingBox(),
      link.evaluate((el) => getComputedStyle(el).fontSize),
    ]);
    expect(`${clipBox?.height}px`).toBe(linkFont);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(made.fileName);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const proposal = await waitFor(async () => {
      const doc = (await api.call('GET', `/api/v1/leads/${lead.id}`)) as {
        commercialProposals: { status: string; openedAt?: string }[];
      };
      return doc.commercialProposals[0]?.status === 'opened' ? doc.commercialProposals[0] : null;
    });
    expect(proposal.openedAt).toBeTruthy();
    await page.context().close();
  }, 90_000);

  // Offered choices (issue 61): buttons under the message in the widget; a click is the customer's
  // pick (the buttons go); the rep's conversation shows the chips and the pick's mark.
  it('offered choices are buttons in the widget; a click is the pick, and the rep sees both', async () => {
    const created = (await api.call('POST', '/api/v1/channels/webchat', { language: 'en' })) as {
      key: string;
    };
    const page = await shopPage(created.key);
    const w = widget(page);
    await expect.poll(() => w.button.textContent(), { timeout: 15_000 }).toBe('Chat with us');
    await w.button.click();
    await w.input.fill('How do I send an item back?');
    await w.input.press('Enter');
    await expect.poll(() => w.who.allTextContents(), { timeout: 15_000 }).toContain('You');
    const visitorId = await page.evaluate((k) => localStorage.getItem(`sw-chat-visitor:${k}`), created.key);
    const conversationId = `conv:webchat:${created.key}:${visitorId}`;
    const me = (await api.call('GET', '/api/v1/me')) as { user: { id: string } };
    const at = new Date().toISOString();
    await api.putDocs('messages', [
      {
        id: 'msg-offer-widget-1',
        conversationId,
        channel: 'webchat',
        direction: 'outbound',
        author: { kind: 'rep', id: me.user.id },
        text: 'Which of these is it about?',
        attachments: [],
        choices: [
          { id: 'a1', label: 'Delivery', sourceId: 'src-1' },
          { id: 'a2', label: 'Returns', sourceId: 'src-2' },
          { id: 'none', label: 'None of these' },
        ],
        delivery: { status: 'pending' },
        idempotencyKey: 'msg-offer-widget-1',
        createdAt: at,
        updatedAt: at,
      },
    ]);
    // The team's agent may offer choices of its own first: these are the ones under this message.
    const box = page.locator('.choices', { has: page.locator('button', { hasText: /^Returns$/ }) });
    const buttons = box.locator('button');
    await expect
      .poll(() => buttons.allTextContents(), { timeout: 30_000 })
      .toEqual(['Delivery', 'Returns', 'None of these']);
    expect(await box.getAttribute('aria-label')).toBe('Choose an option');
    await buttons.nth(1).click();
    await expect.poll(() => box.count(), { timeout: 15_000 }).toBe(0);
    expect(await page.locator('.m.in', { hasText: /^YouReturns$/ }).count()).toBe(1);
    await page.context().close();

    const rep = await (await newContext(browser, 'en-US')).newPage();
    await signIn(rep, server);
    await rep.goto(`${server.url}/app/#/inbox/${encodeURIComponent(conversationId)}`);
    const offer = rep.locator('[data-testid=message]', { hasText: 'Which of these is it about?' });
    const chips = offer.locator('[data-testid=message-choices] li');
    await expect
      .poll(() => chips.allTextContents(), { timeout: 30_000 })
      .toEqual(['Delivery', 'Returns', 'None of these']);
    const picked = rep.locator('[data-testid=message]', {
      has: rep.locator('[data-testid=message-picked]'),
      hasText: 'Returns',
    });
    await expect.poll(() => picked.count(), { timeout: 30_000 }).toBe(1);
    expect(await picked.locator('.msg-text').textContent()).toBe('Returns');
    expect((await picked.locator('[data-testid=message-picked]').textContent())?.trim()).toBe(
      'Picked from the choices offered',
    );
    // Of the view's violations, none of the chips' or the mark's (the delivery line's contrast on a
    // highlighted bubble is its own matter).
    const mine = (await axeViolations(rep)).filter((v) => /msg-choice|msg-picked|message-choices/.test(v));
    expect(mine).toEqual([]);
    await rep.context().close();
  }, 120_000);
});
