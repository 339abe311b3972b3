// The integrations and tools cards of Settings as an admin uses them, in Chromium against the real
// sync server (its real SSRF guard: this server lets no loopback fake through, so only what needs no
// outbound call is driven here; the calls themselves are sync-server/test/integrations-e2e.test.ts):
// a webhook tool aimed at the cloud metadata address is refused with the server's reason, one aimed at
// a public address with a JSON schema is added, listed with its header name only, and then offered to
// agent profiles on the Agents screen (where `http_webhook`, a tool no engine has, is gone); an MCP
// server on a private address is refused; a task tracker the server cannot reach is not saved, with
// the reason shown.
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
  toastFrom,
} from './harness';

const KEY = 'hook-secret-value-0123456789';

describe.skipIf(!hasChromium)('integrations and tools in Settings, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startSyncServer();
    ({ browser, page } = await signedInPage(server));
    await page.goto(`${server.url}/app/#/settings/integrations`);
  }, 180_000);

  afterAll(() => closeAll(browser, server), 30_000);

  it('a webhook tool: refused when private, added when public, then offered on the Agents screen', async () => {
    const card = page.locator('[data-testid=tools-card]');
    await card.waitFor();
    const notice = card.locator('[data-testid=tools-notice]');
    await page.fill('[data-testid=webhook-name]', 'get_price');
    await page.fill('[data-testid=webhook-description]', 'The price of a product by SKU');
    await page.fill('[data-testid=webhook-url]', 'http://169.254.169.254/latest/meta-data');
    await page.fill(
      '[data-testid=webhook-parameters]',
      '{"type":"object","properties":{"sku":{"type":"string"}},"required":["sku"]}',
    );
    await page.fill('[data-testid=webhook-header-name]', 'X-Api-Key');
    await page.fill('[data-testid=webhook-header-value]', KEY);
    await page.click('[data-testid=webhook-add]');
    await expect.poll(() => notice.getAttribute('data-kind')).toBe('error');
    expect(await notice.textContent()).toContain('private or special address');

    await page.fill('[data-testid=webhook-url]', 'https://93.184.216.34/prices/{sku}');
    await page.click('[data-testid=webhook-add]');
    await expect.poll(() => toastFrom(page, 'tools-notice').textContent()).toContain('get_price');
    expect(await notice.count()).toBe(0);
    const row = card.locator('[data-testid=webhook-list] li[data-name=get_price]');
    expect(await row.textContent()).toContain('POST https://93.184.216.34/prices/{sku}');
    expect(await card.textContent()).not.toContain(KEY);
    const api = await apiClient(server);
    const listed = (await api.call('GET', '/api/v1/tools/webhooks')) as { webhooks: unknown[] };
    expect(listed.webhooks).toEqual([
      expect.objectContaining({ name: 'get_price', headerNames: ['X-Api-Key'] }),
    ]);

    await page.fill('[data-testid=mcp-name]', 'inventory');
    await page.fill('[data-testid=mcp-url]', 'http://10.0.0.5/mcp');
    await page.click('[data-testid=mcp-add]');
    await expect.poll(() => notice.textContent()).toContain('10.0.0.5');
    expect(await notice.getAttribute('data-kind')).toBe('error');

    await page.goto(`${server.url}/app/#/agents`);
    const tools = page.locator('[data-testid=agent-tools]').first();
    await expect.poll(() => tools.textContent()).toContain('get_price');
    expect(await tools.textContent()).not.toContain('http_webhook');
  }, 90_000);

  it('a task tracker the server cannot reach is not saved, and says why', async () => {
    await page.goto(`${server.url}/app/#/settings/integrations`);
    const card = page.locator('[data-testid=integrations-card]');
    await expect
      .poll(() => card.locator('li[data-kind=notion]').getAttribute('data-configured'))
      .toBe('false');
    await page.selectOption('[data-testid=integration-kind]', 'github');
    await page.fill('[data-testid=integration-projectId]', 'PVT_kwDOexample');
    await page.fill('[data-testid=integration-token]', 'ghp_not_a_real_token_0123');
    await page.click('[data-testid=integration-save]');
    const notice = card.locator('[data-testid=integrations-notice]');
    await expect.poll(() => notice.getAttribute('data-kind'), { timeout: 30_000 }).toBe('error');
    expect(await notice.textContent()).toContain('Not saved');
    expect(await card.locator('li[data-kind=github]').getAttribute('data-configured')).toBe('false');
    expect(await card.textContent()).not.toContain('ghp_not_a_real_token_0123');
  }, 90_000);

  it("a contact's tasks and meetings link their copies in the team's services, or say they are on the way", async () => {
    const api = await apiClient(server);
    const at = new Date().toISOString();
    const base = {
      status: 'open',
      contactId: 'contact-john',
      createdBy: { kind: 'agent', name: 'answer' },
      createdAt: at,
      updatedAt: at,
    };
    await api.putDocs('tasks', [
      {
        ...base,
        id: 'task-e2e-linked',
        title: 'Send the proposal',
        external: {
          provider: 'github',
          externalId: 'PVTI_1',
          url: 'https://github.com/orgs/acme/projects/1',
          syncedAt: at,
        },
      },
      {
        ...base,
        id: 'task-e2e-pending',
        title: 'Call back on Friday',
        externalSync: {
          provider: 'notion',
          status: 'pending',
          attempts: 3,
          error: 'api.notion.com answered 503',
        },
      },
    ]);
    await page.goto(`${server.url}/app/#/contacts/contact-john`);
    const tasks = page.locator('[data-testid=contact-tasks]');
    const link = tasks.locator('li', { hasText: 'Send the proposal' }).locator('[data-testid=external-link]');
    await expect.poll(() => link.textContent(), { timeout: 30_000 }).toBe('Open in GitHub Projects');
    expect(await link.getAttribute('href')).toBe('https://github.com/orgs/acme/projects/1');
    const pending = tasks
      .locator('li', { hasText: 'Call back on Friday' })
      .locator('[data-testid=external-sync]');
    expect(await pending.textContent()).toBe('Sending to Notion…');
    expect(await pending.getAttribute('title')).toContain('503');
  }, 90_000);
});
