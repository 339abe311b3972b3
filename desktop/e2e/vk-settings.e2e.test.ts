// The VK card of Settings as an admin uses it, in Russian, in Chromium against the real sync server
// and a small VK API on loopback (groups.getById as VK answers it, error 5 for a token it does not
// know): a wrong token is refused with VK's reason and nothing is saved; the right one is checked
// and saved, the card shows the address to enter in VK, and that address answers VK's confirmation
// event with the confirmation string; the app's service key for social monitoring is kept (shown by its
// last four characters only) and "look for mentions now" runs a pass; disconnecting removes the
// channel.
import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  closeAll,
  ensureWebBuild,
  hasChromium,
  signedInPage,
  startSyncServer,
  type TestServer,
  toastText,
} from './harness';

const GROUP = 218000777;
const TOKEN = 'vk1.a.RealLookingCommunityTokenFromVkSettings0123';
const SECRET = 'SecretKeyFromVk2026';
const SERVICE_KEY = 'a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0wxyz';

/** VK's groups.getById for one community and token; anything else is VK's error JSON. */
async function startVkApi(): Promise<{ root: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      const p = new URLSearchParams(raw);
      const error = (code: number, msg: string) => ({
        error: { error_code: code, error_msg: msg, request_params: [{ key: 'v', value: p.get('v') }] },
      });
      const body =
        p.get('access_token') !== TOKEN
          ? error(5, 'User authorization failed: invalid access_token (4).')
          : req.url === '/method/groups.getById'
            ? {
                response: { groups: [{ id: GROUP, name: 'Ромашка', screen_name: 'romashka' }], profiles: [] },
              }
            : error(3, 'Unknown method passed');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return {
    root: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => (server.closeAllConnections(), server.close(() => ok()))),
  };
}

describe.skipIf(!hasChromium)('the VK card in Chromium against the real sync server', () => {
  let server: TestServer;
  let vk: Awaited<ReturnType<typeof startVkApi>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    vk = await startVkApi();
    server = await startSyncServer({ VK_API_ROOT: vk.root });
    ({ browser, page } = await signedInPage(server, 'ru-RU'));
    await page.selectOption('[data-testid=language]', 'ru');
    await page.goto(`${server.url}/app/#/settings/channels`);
  }, 180_000);

  afterAll(() => closeAll(browser, server, vk), 30_000);

  it('refuses a token VK does not know, saves the right one, shows the callback address, disconnects', async () => {
    const card = page.locator('[data-testid=vk-card]');
    await expect.poll(() => card.locator('[data-testid=vk-status]').textContent()).toBe('Не подключено');
    expect(await card.locator('h3').textContent()).toBe('Сообщество ВКонтакте');

    await page.fill('[data-testid=vk-group-id]', String(GROUP));
    await page.fill('[data-testid=vk-token]', 'vk1.a.MadeUpTokenThatVkDoesNotKnow000000');
    await page.fill('[data-testid=vk-confirmation]', 'c0nf1rm');
    await page.fill('[data-testid=vk-secret]', SECRET);
    await page.click('[data-testid=vk-save]');
    const notice = page.locator('[data-testid=vk-notice]');
    await expect.poll(() => notice.getAttribute('data-kind')).toBe('error');
    expect(await notice.textContent()).toContain('ВКонтакте не принял настройки');
    expect(await notice.textContent()).toContain('error 5');
    const api = await apiClient(server);
    expect(await api.call('GET', '/api/v1/channels/vk')).toEqual({ configured: false });

    await page.fill('[data-testid=vk-token]', TOKEN);
    await page.click('[data-testid=vk-save]');
    await expect.poll(() => toastText(page, 'vk-notice')).toBe('Сохранено');
    expect(await notice.count()).toBe(0);
    expect(await page.locator('[data-testid=vk-check]').textContent()).toBe('Сообщество: Ромашка');
    expect(await card.locator('[data-testid=vk-status]').textContent()).toContain(`club${GROUP}`);
    const url = await page.locator('[data-testid=vk-callback-url]').inputValue();
    expect(url).toMatch(new RegExp(`^${server.url}/vk/callback/[\\w:.-]+$`));
    // The card never shows the stored token or secret.
    expect(await card.textContent()).not.toContain(TOKEN);
    expect(await page.locator('[data-testid=vk-token]').inputValue()).toBe('');

    // The address answers VK's confirmation event (with the secret key) with the confirmation string.
    const confirm = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'confirmation', group_id: GROUP, secret: SECRET }),
    });
    expect(await confirm.text()).toBe('c0nf1rm');

    // The VK app's service key turns social monitoring on; no event deal names keywords yet, so a
    // pass asks VK nothing.
    await page.fill('[data-testid=vk-service-key]', SERVICE_KEY);
    await page.click('[data-testid=vk-save]');
    await expect
      .poll(() => page.locator('[data-testid=vk-service-key]').getAttribute('placeholder'))
      .toContain('…wxyz');
    expect(await page.locator('[data-testid=vk-service-key]').inputValue()).toBe('');
    expect(await card.innerHTML()).not.toContain(SERVICE_KEY);
    await page.click('[data-testid=vk-social-poll]');
    await expect
      .poll(() => toastText(page, 'vk-notice'))
      .toBe('Проверено мероприятий: 0, новых упоминаний: 0');

    await card.getByRole('button', { name: 'Отключить' }).click();
    await expect.poll(() => card.locator('[data-testid=vk-status]').textContent()).toBe('Не подключено');
    expect(await api.call('GET', '/api/v1/channels/vk')).toEqual({ configured: false });
  }, 90_000);
});
