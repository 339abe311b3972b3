// Settings as an admin uses them (each card in its section: Team, Channels, Pipelines and packs), in
// Russian, in Chromium against the real sync server (a fake Telegram Bot API on loopback that refuses unknown tokens as Telegram does): an invite answers a link
// to copy, with a success toast, and the invitee is listed as pending until the invite is revoked;
// "Saved" is a green toast while errors stay in the card, in red; the Telegram card shows the
// connection and checks a token before saving it; web chat is switched on with its allowed sites and
// snippet; the e-mail channel is checked and saved through its API; the industry packs card previews
// the events pack, applies it (a green toast) and, applied again, says there is nothing to add; a deal
// of its pipeline shows the event's fields, the vendors asked for quotes (a rep contracts the one that
// quoted) and the social report of the event (a post in the bot's Telegram channel that names it).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram } from './fake-telegram';
import {
  apiClient,
  closeAll,
  ensureWebBuild,
  hasChromium,
  russianSettingsPage,
  startSyncServer,
  toastNow,
  toastText,
  type TestServer,
} from './harness';

/** The notice's colour is the danger token's, not the success one's. */
const colorOf = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => getComputedStyle(el).color);
/** A colour token of the stylesheet (styles.css) as the page computes it, e.g. `--success`. */
const tokenColor = (page: Page, token: string) =>
  page.evaluate((name) => {
    const probe = document.body.appendChild(document.createElement('span'));
    probe.style.color = `var(${name})`;
    const color = getComputedStyle(probe).color;
    probe.remove();
    return color;
  }, token);

describe.skipIf(!hasChromium)('Settings in Chromium against the real sync server', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let api: Awaited<ReturnType<typeof apiClient>>;
  let telegram: Awaited<ReturnType<typeof startFakeTelegram>>;

  beforeAll(async () => {
    ensureWebBuild();
    telegram = await startFakeTelegram();
    // No TELEGRAM_BOT_TOKEN: the team's bot is not connected until the admin connects one here.
    server = await startSyncServer({ TELEGRAM_API_ROOT: telegram.apiRoot });
    api = await apiClient(server);
    ({ browser, page } = await russianSettingsPage(server));
  }, 180_000);

  afterAll(() => closeAll(browser, server, telegram), 30_000);

  it('invites with a link to copy, in green, lists the invitee as pending and revokes the invite', async () => {
    await page.click('[data-testid=settings-section-team]');
    const card = page.locator('[data-testid=members-card]');
    await card.locator('input[type=email]').fill('new.rep@example.com');
    await card.locator('[data-testid=invite-submit]').click();
    // The toast read in one step: it leaves after 4 s, and reads after it left waited 30 s each.
    let shown: Awaited<ReturnType<typeof toastNow>> = null;
    await expect
      .poll(async () => (shown = await toastNow(page, 'members-notice'))?.text ?? '')
      .toContain('new.rep@example.com');
    expect(shown!.kind).toBe('success');
    expect(shown!.mark).toBe(await tokenColor(page, '--success'));
    expect(await page.locator('[data-testid=members-notice]').count()).toBe(0);
    const link = await page.locator('[data-testid=invite-link]').inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/app/#invite=[\\w-]{20,}$`));
    // The token is in the link only, not shown raw in the card's text.
    const token = decodeURIComponent(link.split('#invite=')[1]!);
    expect(await card.textContent()).not.toContain(token);

    const pending = page.locator('[data-testid=pending-invite]');
    await expect.poll(() => pending.count()).toBe(1);
    expect(await pending.textContent()).toContain('new.rep@example.com');
    expect(await pending.textContent()).toContain('ожидает');

    await pending.getByRole('button', { name: 'Отозвать' }).click();
    await expect.poll(() => pending.count()).toBe(0);
    await expect
      .poll(async () => (await toastNow(page, 'members-notice'))?.text)
      .toBe('Приглашение для new.rep@example.com отозвано');
    const accept = await fetch(`${server.url}/api/v1/auth/accept-invite`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, password: 'a long enough passphrase 7' }),
    });
    expect(accept.status).toBe(401);
  }, 60_000);

  it('keeps the invite button inside its card', async () => {
    const card = await page.locator('[data-testid=invite-form]').boundingBox();
    const button = await page.locator('[data-testid=invite-submit]').boundingBox();
    expect(card && button).toBeTruthy();
    expect(button!.x + button!.width).toBeLessThanOrEqual(card!.x + card!.width + 0.5);
  });

  it('shows the Telegram connection and checks a token with Telegram before saving it', async () => {
    await page.click('[data-testid=settings-section-channels]');
    const status = page.locator('[data-testid=telegram-status]');
    await expect.poll(() => status.getAttribute('data-state')).toBe('none');
    expect(await status.textContent()).toBe('Не подключено');

    // A token of the right shape that Telegram does not know: refused, with Telegram's reason, not saved.
    await page.fill('[data-testid=telegram-token]', '123456:AAThisTokenIsMadeUpAndTelegramRefusesIt');
    await page.click('[data-testid=telegram-save]');
    const notice = page.locator('[data-testid=telegram-notice]');
    await expect.poll(() => notice.getAttribute('data-kind')).toBe('error');
    expect(await notice.textContent()).toContain('Telegram не принял токен');
    expect(await notice.textContent()).toContain('Unauthorized');
    expect(await colorOf(page, '[data-testid=telegram-notice]')).toBe(await tokenColor(page, '--danger'));
    expect(await api.call('GET', '/api/v1/channels')).toMatchObject({ telegram: { configured: false } });

    await page.fill('[data-testid=telegram-token]', telegram.token);
    await page.click('[data-testid=telegram-save]');
    await expect.poll(() => status.getAttribute('data-state')).toBe('connected');
    expect(await status.textContent()).toBe('Подключено: @e2e_bot');
    // The success is a toast; the earlier refusal leaves the card.
    await expect.poll(() => toastText(page, 'telegram-notice')).toContain('@e2e_bot');
    expect(await notice.count()).toBe(0);
    expect(await api.call('GET', '/api/v1/channels')).toMatchObject({
      telegram: { configured: true, botId: String(telegram.botId) },
    });
    // On the next visit the card asks Telegram again.
    await page.reload();
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toBe('Подключено: @e2e_bot');
  }, 60_000);

  it('switches web chat on with its allowed sites and the snippet to copy; "Saved" is green', async () => {
    await page.click('[data-testid=webchat-enable]');
    const snippet = page.locator('[data-testid=webchat-snippet]');
    await snippet.waitFor();
    const widgets = (await api.call('GET', '/api/v1/channels/webchat')) as {
      widgets: { key: string; title: string; allowedOrigins: string[] }[];
    };
    expect(widgets.widgets).toHaveLength(1);
    // No title of its own: its header says the widget's words in the language its button speaks.
    expect(widgets.widgets[0]!.title).toBe('');
    expect(await snippet.inputValue()).toContain(`data-key="${widgets.widgets[0]!.key}"`);
    expect(await snippet.inputValue()).toContain('/webchat/widget.js');

    await page.fill('[data-testid=webchat-origins]', 'shop example');
    await page.click('[data-testid=webchat-save]');
    const notice = page.locator('[data-testid=webchat-notice]');
    await expect.poll(() => notice.getAttribute('data-kind')).toBe('error');
    expect(await notice.textContent()).toContain('shop example');

    await page.fill(
      '[data-testid=webchat-origins]',
      'https://shop.example\nhttps://www.shop.example/catalog',
    );
    await page.click('[data-testid=webchat-save]');
    let savedToast: Awaited<ReturnType<typeof toastNow>> = null;
    await expect
      .poll(async () => (savedToast = await toastNow(page, 'webchat-notice'))?.text)
      .toBe('Сохранено');
    expect(savedToast!.mark).toBe(await tokenColor(page, '--success'));
    expect(await notice.count()).toBe(0);
    const saved = (await api.call('GET', '/api/v1/channels/webchat')) as {
      widgets: { allowedOrigins: string[] }[];
    };
    expect(saved.widgets[0]!.allowedOrigins).toEqual(['https://shop.example', 'https://www.shop.example']);
  }, 60_000);

  it('checks and saves the e-mail channel through its API', async () => {
    const status = page.locator('[data-testid=email-status]');
    await expect.poll(() => status.textContent()).toBe('Не подключено');
    await page.fill('[data-testid=email-address]', 'sales@shop.example');
    for (const name of ['imap', 'smtp'] as const) {
      // A mail server on this machine where nothing listens: the check says so for each.
      await page.fill(`[data-testid=email-${name}-host]`, '127.0.0.1');
      await page.fill(`[data-testid=email-${name}-port]`, '9');
      await page.selectOption(`[data-testid=email-${name}-tls]`, 'none');
    }
    await page.fill('[data-testid=email-imap-password]', 'mailbox password');
    await page.click('[data-testid=email-check-button]');
    const check = page.locator('[data-testid=email-check]');
    await check.waitFor({ timeout: 30_000 });
    expect(await check.textContent()).toContain(
      'could not connect or sign in to the IMAP server 127.0.0.1:9',
    );
    expect(await check.locator('li.status-danger').count()).toBe(2);

    await page.click('[data-testid=email-save]');
    await expect.poll(() => status.textContent()).toBe('Подключено: sales@shop.example');
    await expect.poll(() => toastText(page, 'email-notice')).toBe('Сохранено');
    expect(await api.call('GET', '/api/v1/channels/email')).toMatchObject({
      configured: true,
      address: 'sales@shop.example',
      imap: { host: '127.0.0.1', port: 9, tls: 'none', passwordSet: true },
    });
  }, 60_000);
  it('previews and applies the events pack; applying again adds nothing', async () => {
    await page.click('[data-testid=settings-section-pipelines]');
    const card = page.locator('[data-testid=pack-events-agency]');
    await expect.poll(() => card.locator('h4').textContent()).toBe('Ивент-агентство');
    expect(await card.textContent()).toContain('Воронка: Мероприятия');
    await card.locator('[data-testid=pack-preview-events-agency]').click();
    const plan = page.locator('[data-testid=pack-plan-events-agency]');
    await expect.poll(() => plan.textContent()).toContain('Добавится:');
    expect(await plan.textContent()).toContain('Воронка: Мероприятия');
    expect(await plan.textContent()).toContain('Профиль агента: Маэстро (мероприятия)');
    const before = (await api.call('GET', '/api/v1/pipelines')) as { items: { id: string }[] };
    expect(before.items.map((p) => p.id)).not.toContain('events');

    await card.locator('[data-testid=pack-apply-events-agency]').click();
    await expect
      .poll(() => toastText(page, 'packs-notice'))
      .toBe('Ивент-агентство: добавлено элементов — 7.');
    const after = (await api.call('GET', '/api/v1/pipelines/events')) as { name: string; pack: string };
    expect(after).toMatchObject({ name: 'Мероприятия', pack: 'events-agency' });

    await card.locator('[data-testid=pack-apply-events-agency]').click();
    await expect
      .poll(() => toastText(page, 'packs-notice'))
      .toBe('Ивент-агентство: добавлять нечего, у команды всё уже есть.');
    expect(await plan.textContent()).toContain('Останется как есть у команды:');

    // A deal of the events pipeline shows its event fields, named and formatted in Russian (once the
    // pipeline has replicated to the browser: it is among the pipelines Settings lists).
    await expect
      .poll(() => page.locator('option', { hasText: 'Мероприятия' }).count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    const deal = (await api.call('POST', '/api/v1/leads', {
      title: 'Корпоратив',
      pipelineId: 'events',
      stage: 'inquiry',
      customFields: { guests: '120', eventDate: '2027-03-14', budget: '2000000 RUB', city: 'Москва' },
    })) as { id: string };
    await page.goto(`${server.url}/app/#/leads/${encodeURIComponent(deal.id)}`);
    // (Typed inputs since issue 64: the deal page's, edited in the dialog too.)
    const fields = page.locator('[data-testid=lead-editor] [data-testid=deal-custom-fields-edit]');
    await fields.waitFor({ timeout: 45_000 });
    const plain = (s: string | null) => s?.replace(/[\u00a0\u202f]/g, ' ');
    const valueOf = (id: string) => fields.locator(`[data-testid=deal-field-${id}]`).inputValue();
    await expect.poll(() => valueOf('guests')).toBe('120');
    for (const label of ['Гостей', 'Дата мероприятия', 'Бюджет клиента', 'Город'])
      expect(await fields.textContent()).toContain(label);
    expect(await valueOf('eventDate')).toBe('14.03.2027');
    expect(plain(await valueOf('budget'))).toBe('2 000 000');
    expect(await valueOf('budget-currency')).toBe('RUB');
    expect(await valueOf('city')).toBe('Москва');
    await page.goto(`${server.url}/app/#/settings`);
  }, 90_000);

  it("shows an event deal's vendors, contracts the one that quoted, and its social report", async () => {
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const deal = (await api.call('POST', '/api/v1/leads', {
      title: 'Гала-ужин Ромашки',
      pipelineId: 'events',
      stage: 'inquiry',
      customFields: { socialKeywords: 'гала-ужин ромашки' },
    })) as { id: string };
    // What the Vendors agent leaves on the deal: a venue that quoted, a caterer not yet.
    const doc = (await api.getDoc('leads', deal.id))!;
    const request = { channel: 'email', conversationId: 'conv:e2e-vendor', requestedAt: at } as const;
    await api.putDocs('leads', [
      {
        ...doc,
        id: deal.id,
        vendorRequests: [
          {
            ...request,
            vendorId: 'venue-loft',
            name: 'Лофт на Неве',
            kind: 'venue',
            status: 'quoted',
            quote: { text: 'Зал на 120 гостей: 450 000 ₽', amount: 450_000, currency: 'RUB', at },
          },
          { ...request, vendorId: 'catering-pir', name: 'Пир горой', kind: 'catering', status: 'requested' },
        ],
      },
    ]);
    // The bot (connected above) administers the agency's channel, which posts about the event.
    telegram.channelPosts(
      { id: -1001234567890, title: 'Ромашка', username: 'romashka_events' },
      'Гала-ужин Ромашки прошёл отлично, спасибо гостям!',
    );
    await expect
      .poll(
        async () =>
          (
            (await api.call('GET', `/api/v1/leads/${encodeURIComponent(deal.id)}/social`)) as {
              items: unknown[];
            }
          ).items.length,
        { timeout: 30_000 },
      )
      .toBe(1);

    await page.goto(`${server.url}/app/#/leads/${encodeURIComponent(deal.id)}`);
    const vendors = page.locator('[data-testid=deal-vendors]');
    await vendors.waitFor({ timeout: 45_000 });
    expect(await vendors.locator('h3').textContent()).toBe('Подрядчики');
    const venue = vendors.locator('[data-testid=deal-vendor]', { hasText: 'Лофт на Неве' });
    expect(await venue.getAttribute('data-status')).toBe('quoted');
    expect(await venue.locator('[data-testid=deal-vendor-status]').textContent()).toBe('КП получено');
    expect(
      (await venue.locator('[data-testid=deal-vendor-quote]').textContent())?.replace(/\s/g, ' '),
    ).toContain('Предложение: 450 000 ₽');
    expect(
      await vendors.locator('[data-testid=deal-vendor]', { hasText: 'Пир горой' }).textContent(),
    ).toContain('КП запрошено');
    await venue.locator('[data-testid=deal-vendor-contract]').click();
    await expect.poll(() => venue.getAttribute('data-status')).toBe('contracted');
    await expect
      .poll(async () => {
        const saved = await api.getDoc<{ vendorRequests?: { vendorId: string; status: string }[] }>(
          'leads',
          deal.id,
        );
        return saved?.vendorRequests?.find((r) => r.vendorId === 'venue-loft')?.status;
      })
      .toBe('contracted');

    const social = page.locator('[data-testid=deal-social]');
    await social.waitFor();
    expect(await social.locator('h3').textContent()).toBe('Соцсети');
    const item = social.locator('[data-testid=deal-social-item]');
    expect(await item.getAttribute('data-sentiment')).toBe('positive');
    expect(await item.textContent()).toContain('Канал в Telegram');
    expect(await item.textContent()).toContain('прошёл отлично');
    await page.goto(`${server.url}/app/#/settings`);
  }, 120_000);
});
