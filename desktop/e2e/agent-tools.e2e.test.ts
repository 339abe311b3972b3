// An admin's webhook tool and MCP server (Streamable HTTP), defined in Settings in Chromium, called by
// the agent: the real sync server (started with loopback let through its SSRF guard, the test-only
// start option, sync-server/test/loopback-server-cli.ts), a fake OpenAI-compatible model that asks for
// both tools and then answers from what they returned, a fake price webhook and a real MCP server (the
// SDK's, the demo inventory) on loopback, each refusing a call without the secret header the admin
// typed. The admin allows both tools on the agent profile on the Agents screen; a web chat customer
// asks; the webhook gets the method, path, body and secret header, the MCP server a `tools/call`; the
// customer's reply carries both results; Activity shows each call with its arguments, result and time.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoMcpHttpHandler, fakeCompletion, startFakeOpenAi, type FakeOpenAi } from '@app/shared/testing';
import {
  apiClient,
  closeAll,
  ensureWebBuild,
  hasChromium,
  signedInPage,
  startSyncServer,
  waitFor,
  type TestServer,
  toastFrom,
} from './harness';

const HOOK_KEY = 'hook-key-from-the-tools-card-0123';
const MCP_TOKEN = 'mcp-token-from-the-tools-card-4567';
const UNIT_PRICE = 4900;

type Seen = { method: string; path: string; headers: IncomingHttpHeaders; json: unknown };

/** The price webhook at POST /prices/<sku> and the MCP server at /mcp, both behind their secret header. */
async function startFakeTools(): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const mcp = demoMcpHttpHandler();
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      seen.push({ method: req.method!, path, headers: req.headers, json });
      const refuse = (status: number) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'unauthorized' }));
      };
      if (path === '/mcp') {
        if (req.headers.authorization !== `Bearer ${MCP_TOKEN}`) return refuse(401);
        return mcp(req, res, json);
      }
      const price = /^\/prices\/([^/]+)$/.exec(path);
      if (!price || req.method !== 'POST') return refuse(404);
      if (req.headers['x-api-key'] !== HOOK_KEY) return refuse(403);
      const quantity = Number((json as { quantity?: unknown } | undefined)?.quantity ?? 1);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          sku: decodeURIComponent(price[1]!),
          quantity,
          total: { amount: UNIT_PRICE * quantity, currency: 'RUB' },
        }),
      );
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

type Msg = { role: string; content: string | null };
type Tool = { function: { name: string } };

/**
 * The model: routing and facts answered plainly; asked to answer with both tools offered, it calls
 * them; given their results, it writes the reply from them (a result missing: it says so).
 */
function model(req: { body: Record<string, unknown> }) {
  const msgs = req.body.messages as Msg[];
  if (String(msgs[0]?.content ?? '').startsWith('Classify'))
    return { body: fakeCompletion({ content: '{"intent":"other","confidence":0.9}' }) };
  if (!Array.isArray(req.body.tools)) return { body: fakeCompletion({ content: '{"facts":[]}' }) };
  const last = msgs[msgs.length - 1]!;
  if (last.role === 'tool') {
    const results = msgs.filter((m) => m.role === 'tool').map((m) => String(m.content));
    const total = results.map((r) => /"amount":\s*(\d+)/.exec(r)?.[1]).find(Boolean);
    const stock = results.map((r) => /inStock\\*"?:\s*(\d+)/.exec(r)?.[1]).find(Boolean);
    return {
      body: fakeCompletion({
        content:
          total && stock
            ? `Three seats of CRM-TEAM cost ${total} roubles in total, and ${stock} are in stock.`
            : 'Sorry, I could not check the price and the stock just now.',
      }),
    };
  }
  const offered = (req.body.tools as Tool[]).map((t) => t.function.name);
  if (!offered.includes('get_price') || !offered.includes('inventory__check_stock'))
    return { body: fakeCompletion({ content: 'How can I help?' }) };
  return {
    body: fakeCompletion({
      toolCalls: [
        { id: 'c-price', name: 'get_price', arguments: '{"sku":"CRM-TEAM","quantity":3}' },
        { id: 'c-stock', name: 'inventory__check_stock', arguments: '{"sku":"CRM-TEAM"}' },
      ],
    }),
  };
}

describe.skipIf(!hasChromium)('webhook and MCP tools defined in Settings, called by the agent', () => {
  let server: TestServer;
  let llm: FakeOpenAi;
  let tools: Awaited<ReturnType<typeof startFakeTools>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    tools = await startFakeTools();
    llm = await startFakeOpenAi(model);
    server = await startSyncServer(
      { LLM_BASE_URL: llm.baseURL, LLM_API_KEY: 'test-key', LLM_MODEL: 'obedient' },
      { loopbackIntegrations: true },
    );
    ({ browser, page } = await signedInPage(server));
  }, 180_000);

  afterAll(() => closeAll(browser, server, llm, tools), 30_000);

  it('an admin defines both in Settings and allows them on the Agents screen', async () => {
    await page.goto(`${server.url}/app/#/settings/integrations`);
    const card = page.locator('[data-testid=tools-card]');
    await card.waitFor();
    const notice = card.locator('[data-testid=tools-notice]');
    await page.fill('[data-testid=webhook-name]', 'get_price');
    await page.fill('[data-testid=webhook-description]', 'The total price of a number of seats of a plan');
    await page.fill('[data-testid=webhook-url]', `${tools.url}/prices/{sku}`);
    await page.fill(
      '[data-testid=webhook-parameters]',
      JSON.stringify({
        type: 'object',
        properties: { sku: { type: 'string' }, quantity: { type: 'integer', minimum: 1 } },
        required: ['sku', 'quantity'],
      }),
    );
    await page.fill('[data-testid=webhook-header-name]', 'X-Api-Key');
    await page.fill('[data-testid=webhook-header-value]', HOOK_KEY);
    await page.click('[data-testid=webhook-add]');
    await expect.poll(() => toastFrom(page, 'tools-notice').textContent()).toContain('get_price');
    expect(await card.locator('[data-testid=webhook-list] li[data-name=get_price]').textContent()).toContain(
      `POST ${tools.url}/prices/{sku}`,
    );

    // Without its token the MCP server refuses: the card says the server did not answer, and the admin
    // removes it and connects it again with the token.
    await page.fill('[data-testid=mcp-name]', 'inventory');
    await page.fill('[data-testid=mcp-url]', `${tools.url}/mcp`);
    await page.click('[data-testid=mcp-add]');
    await expect.poll(() => notice.getAttribute('data-kind'), { timeout: 20_000 }).toBe('error');
    expect(await notice.textContent()).toContain('did not answer');
    expect(tools.seen.filter((r) => r.path === '/mcp').length).toBeGreaterThan(0);
    const unauthorised = card.locator('[data-testid=mcp-list] li[data-name=inventory]');
    await unauthorised.locator('button').click();
    await expect.poll(() => unauthorised.count()).toBe(0);

    await page.fill('[data-testid=mcp-name]', 'inventory');
    await page.fill('[data-testid=mcp-url]', `${tools.url}/mcp`);
    await page.fill('[data-testid=mcp-header-name]', 'Authorization');
    await page.fill('[data-testid=mcp-header-value]', `Bearer ${MCP_TOKEN}`);
    await page.click('[data-testid=mcp-add]');
    await expect
      .poll(() => toastFrom(page, 'tools-notice').textContent(), { timeout: 20_000 })
      .toContain('inventory__check_stock');
    expect(await notice.count()).toBe(0);
    expect(await card.locator('[data-testid=mcp-list] li[data-name=inventory]').textContent()).toContain(
      'inventory__check_stock',
    );
    expect(await card.textContent()).not.toContain(HOOK_KEY);
    expect(await card.textContent()).not.toContain(MCP_TOKEN);

    await page.goto(`${server.url}/app/#/agents`);
    const allowed = page.locator('[data-testid=agent-tools]');
    for (const name of ['get_price', 'inventory__check_stock']) {
      const box = allowed.locator('label', { hasText: name }).locator('input[type=checkbox]');
      await box.waitFor();
      await box.check();
    }
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const api = await apiClient(server);
    await waitFor(async () => {
      const r = (await api.call('GET', '/api/v1/agent-settings')) as {
        items?: Array<{ allowedTools: string[] }>;
      };
      return (r.items ?? []).some(
        (p) => p.allowedTools.includes('get_price') && p.allowedTools.includes('inventory__check_stock'),
      );
    }, 30_000);
  }, 120_000);

  it('a customer asks; the agent calls both; the reply uses their results; Activity shows each call', async () => {
    const from = tools.seen.length;
    const api = await apiClient(server);
    const widget = (await api.call('POST', '/api/v1/channels/webchat', {})) as { key: string };
    const visitorId = `v_${Date.now().toString().padStart(20, '0')}`;
    const sent = await fetch(`${server.url}/webchat/v1/${widget.key}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        visitorId,
        clientMessageId: 'm1',
        text: 'Hello, what do three seats of CRM-TEAM cost, and do you have them?',
      }),
    });
    expect(sent.status).toBe(202);

    const reply = await waitFor(async () => {
      const r = await fetch(`${server.url}/webchat/v1/${widget.key}/messages?visitorId=${visitorId}&wait=1`);
      const { messages } = (await r.json()) as { messages: Array<{ direction: string; text: string }> };
      return messages.find((m) => m.direction === 'outbound');
    }, 60_000);
    expect(reply.text).toBe(
      `Three seats of CRM-TEAM cost ${3 * UNIT_PRICE} roubles in total, and 120 are in stock.`,
    );

    const hook = tools.seen.filter((r) => r.path.startsWith('/prices/'));
    expect(hook).toHaveLength(1);
    expect(hook[0]).toMatchObject({ method: 'POST', path: '/prices/CRM-TEAM', json: { quantity: 3 } });
    expect(hook[0]!.headers['x-api-key']).toBe(HOOK_KEY);
    expect(hook[0]!.headers['content-type']).toBe('application/json');
    const mcpCalls = tools.seen.filter(
      (r) => r.path === '/mcp' && (r.json as { method?: string } | undefined)?.method === 'tools/call',
    );
    expect(mcpCalls).toHaveLength(1);
    expect((mcpCalls[0]!.json as { params: unknown }).params).toEqual({
      name: 'check_stock',
      arguments: { sku: 'CRM-TEAM' },
    });
    // Every request of the agent's session with the MCP server carried the admin's token.
    const session = tools.seen.slice(from).filter((r) => r.path === '/mcp');
    expect(session.map((r) => r.headers.authorization)).toEqual(session.map(() => `Bearer ${MCP_TOKEN}`));

    // Activity: each call, found by the tool's name, with its arguments and result (its details
    // unfolded), when it ran and for how long.
    await page.goto(`${server.url}/app/#/activity`);
    for (const [name, args, result] of [
      ['get_price', ['CRM-TEAM', '3'], /14[,\s]?700/],
      ['inventory__check_stock', ['CRM-TEAM'], /120/],
    ] as const) {
      const row = page.locator('[data-testid=activity-row][data-kind=tool]', { hasText: name }).first();
      await row.waitFor({ timeout: 30_000 });
      await row.locator('[data-testid=activity-expand]').click();
      const details = row.locator('[data-testid=activity-details] section');
      const section = async (title: string) =>
        (await details.filter({ has: page.locator('h3', { hasText: title }) }).innerText()).replace(
          /\s+/g,
          ' ',
        );
      const argsText = await section('Arguments');
      for (const value of args) expect(argsText).toContain(value);
      expect(await section('Result')).toMatch(result);
      const text = (await row.innerText()).replace(/\s+/g, ' ');
      // When it ran: the row's own time, or (a step in the same minute as the message it answered) the
      // time on the customer's quote above it in the conversation's card.
      expect(await shownTime(row)).toMatch(/\b\d{1,2}:\d{2}\s?[AP]M\b/);
      expect(text).toMatch(/\b\d+(\.\d+)?\s?(ms|sec)\b/);
      expect(text).not.toContain(HOOK_KEY);
      expect(text).not.toContain(MCP_TOKEN);
    }
  }, 120_000);
});

/** The time an activity row shows, or the one on the nearest customer's quote above it. */
function shownTime(row: Locator): Promise<string | null> {
  return row.evaluate((el) => {
    const own = el.querySelector('time');
    if (own) return own.textContent;
    const slot = el.closest('[data-index]');
    for (let i = Number(slot?.getAttribute('data-index')) - 1; i >= 0; i--) {
      const above = slot?.parentElement?.querySelector(`[data-index="${i}"]`);
      const quoted = above?.querySelector('[data-testid=activity-quote] time');
      if (quoted) return quoted.textContent;
      if (above?.querySelector('[data-testid=activity-group]')) return null;
    }
    return null;
  });
}
