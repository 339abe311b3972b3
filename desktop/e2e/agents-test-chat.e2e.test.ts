// The Agents screen's test chat in Chromium against the real sync server and a fake OpenAI-compatible
// model server on loopback that streams its answer (SSE, a piece every 400 ms, the usage in the last
// chunk): an admin asks, the answer grows on screen piece by piece while the model writes it, then
// says which provider and model wrote it, its tokens and cost; the server counts exactly the model
// server's usage for the tester's test-chat conversation.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeCompletion, fakeStream, startFakeOpenAi, type FakeOpenAi } from '@app/shared/testing';
import {
  apiClient,
  closeAll,
  ensureWebBuild,
  hasChromium,
  signedInPage,
  startSyncServer,
  type TestServer,
} from './harness';

const PIECES = ['Delivery ', 'to Kazan ', 'costs ', '500 roubles ', 'and takes 3 days.'];
const USAGE = { prompt_tokens: 321, completion_tokens: 7, total_tokens: 328 };

describe.skipIf(!hasChromium)("the Agents screen's test chat, streamed from the team's model", () => {
  let server: TestServer;
  let model: FakeOpenAi;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    model = await startFakeOpenAi((req) => {
      if (!req.body.stream) return { body: fakeCompletion({ content: 'OK', model: 'qwen-team' }) };
      const chunks = fakeStream(PIECES, 'qwen-team') as Array<Record<string, unknown>>;
      chunks[chunks.length - 1] = { ...chunks.at(-1), usage: USAGE };
      return { stream: chunks, chunkDelayMs: 400 };
    });
    server = await startSyncServer();
    const api = await apiClient(server);
    await api.call('POST', '/api/v1/model-providers', {
      id: 'team',
      kind: 'openai-compatible',
      name: 'Team model',
      baseURL: model.baseURL,
      apiKey: 'sk-test-chat-e2e',
      model: 'qwen-team',
      prices: { 'qwen-team': { promptPerMTok: 1000, completionPerMTok: 2000 } },
    });
    ({ browser, page } = await signedInPage(server, 'en-US'));
    await page.goto(`${server.url}/app/#/agents`);
  }, 180_000);

  afterAll(() => closeAll(browser, server, model), 30_000);

  it('shows the answer growing as the model writes it, then who wrote it and what it cost', async () => {
    const chat = page.locator('[data-testid=agents-test-chat]');
    expect(await chat.textContent()).toContain('the answer appears as the model writes it');
    await chat.locator('input').fill('How much is delivery to Kazan?');
    await chat.locator('input').press('Enter');

    // Every text the answer bubble shows until the note under it appears.
    const answer = chat.locator('[data-testid=test-chat-answer]');
    const note = chat.locator('[data-testid=test-chat-note]');
    const seen: string[] = [];
    const deadline = Date.now() + 20_000;
    while ((await note.count()) === 0 && Date.now() < deadline) {
      const text = (await answer.textContent()) ?? '';
      if (text && text !== seen.at(-1)) seen.push(text);
      await page.waitForTimeout(50);
    }
    const full = PIECES.join('');
    expect(await answer.textContent()).toBe(full);
    // Partial answers were on screen before the whole one: at least three, each a start of the answer.
    const partial = seen.filter((s) => s !== full && full.startsWith(s));
    expect(partial.length).toBeGreaterThanOrEqual(3);
    expect(await note.textContent()).toMatch(/^team · qwen-team · 328 tokens · \$0\.3[34]$/);

    const asked = model.requests.filter((r) => r.body.stream);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.body.stream_options).toEqual({ include_usage: true });
    const api = await apiClient(server);
    const usage = (await api.call('GET', '/api/v1/usage')) as {
      byConversation: Array<{ conversationId: string; promptTokens: number; completionTokens: number }>;
    };
    expect(usage.byConversation.filter((c) => c.conversationId.startsWith('test-chat:'))).toEqual([
      expect.objectContaining({ promptTokens: 321, completionTokens: 7, calls: 1 }),
    ]);
  }, 60_000);
});
