// The web chat widget shows the answer while the team's model writes it (issue 16). In Chromium, on a
// shop's page (its own origin) embedding the widget from the real sync server, whose default model is a
// fake OpenAI-compatible server streaming its answer slowly: after sending, the visitor sees
// "Assistant is typing…" (a polite status) and a draft bubble growing word by word (aria-busy), then
// the stored reply in its place, once; the draft and the status are gone. Axe finds nothing serious.
// A rep with the conversation open in the app sees "AI is typing…" from the same draft meanwhile.
// A model that writes citation markers ("[1]", "Источник: [1]") never shows them to the visitor,
// neither in the draft nor in the reply (issue 37 saw "[1] Источник: [1]" in the widget).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeCompletion, fakeStream, startFakeOpenAi, type FakeOpenAi } from '@app/shared/testing';
import { axeViolations } from './axe';
import {
  apiClient,
  closeAll,
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  newContext,
  signIn,
  startSyncServer,
  type TestServer,
} from './harness';

const PIECES = ['Hello! ', 'Nice ', 'to ', 'see ', 'you, ', 'how ', 'can ', 'we ', 'help?'];
/** A model's answer with citation markers, in Russian, the way models write them. */
const MARKED = [
  '[1] ',
  'Здравствуйте! ',
  'Рады ',
  'помочь [1]. ',
  'Спросите ',
  'о ',
  'чём ',
  'угодно [2].',
  '\n\nИсточник: [1]',
];

describe.skipIf(!hasChromium)('web chat widget drafts in Chromium', () => {
  let server: TestServer;
  let model: FakeOpenAi;
  let browser: Browser;
  let site: Server;
  let shop: string;

  beforeAll(async () => {
    ensureWebBuild();
    model = await startFakeOpenAi((req) => {
      if (req.body.stream) {
        const users = (req.body.messages as { role: string; content: string }[]).filter(
          (m) => m.role === 'user',
        );
        // Slower for the rep's view: the app must have the visitor's message before the answer is done.
        if (users.at(-1)?.content.includes('Здравствуйте'))
          return { stream: fakeStream(MARKED), chunkDelayMs: 200 };
        return {
          stream: fakeStream(PIECES),
          chunkDelayMs: users.at(-1)?.content === 'Hello again!' ? 700 : 300,
        };
      }
      const system = String((req.body.messages as { content: string }[])[0]?.content);
      return {
        body: fakeCompletion({
          content: system.startsWith('Classify')
            ? '{"intent":"small_talk","confidence":0.95}'
            : '{"facts":[]}',
        }),
      };
    });
    server = await startSyncServer({
      LLM_BASE_URL: model.baseURL,
      LLM_API_KEY: 'test-key',
      LLM_MODEL: 'streamer',
    });
    browser = await launchBrowser();
    site = createServer((req, res) => {
      const key = new URL(req.url ?? '/', 'http://x').searchParams.get('key') ?? '';
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(
        `<!doctype html><html lang="en"><head><title>Shop</title></head><body><main><h1>Shop</h1></main>` +
          `<script src="${server.url}/webchat/widget.js" data-key="${encodeURIComponent(key)}"></script></body></html>`,
      );
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    shop = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  }, 120_000);

  afterAll(async () => {
    site?.close();
    await closeAll(browser, server, model);
  }, 30_000);

  it('shows typing and the answer growing, then the reply once in its place', async () => {
    const api = await apiClient(server);
    const created = (await api.call('POST', '/api/v1/channels/webchat', { language: 'en' })) as {
      key: string;
    };
    const page = await (await newContext(browser, 'en-US')).newPage();
    await page.goto(`${shop}/?key=${encodeURIComponent(created.key)}`);
    await expect.poll(() => page.locator('.btn').textContent(), { timeout: 15_000 }).toBe('Chat with us');
    await page.locator('.btn').click();
    // Everything the draft bubble and the status line show, as they change.
    await page.evaluate(() => {
      const root = document.body.lastElementChild!.shadowRoot!;
      const seen: { draft: string; typing: string; busy: string | null; replies: number }[] = [];
      (window as unknown as { seen: typeof seen }).seen = seen;
      new MutationObserver(() => {
        const draft = root.querySelector('.draft');
        seen.push({
          draft: draft?.lastChild?.textContent ?? '',
          typing: root.querySelector('.typing')!.textContent ?? '',
          busy: draft?.getAttribute('aria-busy') ?? null,
          replies: root.querySelectorAll('.m.out:not(.draft)').length,
        });
      }).observe(root, { subtree: true, childList: true, characterData: true });
    });
    expect(await page.locator('.typing').getAttribute('role')).toBe('status');
    await page.locator('form input').fill('Hello!');
    await page.locator('form input').press('Enter');

    const reply = page.locator('.m.out:not(.draft)');
    await expect.poll(() => reply.count(), { timeout: 30_000 }).toBe(1);
    expect(await reply.textContent()).toBe(`Assistant${PIECES.join('')}`);
    const seen = await page.evaluate(
      () =>
        (
          window as unknown as {
            seen: { draft: string; typing: string; busy: string | null; replies: number }[];
          }
        ).seen,
    );
    const before = seen.filter((s) => s.replies === 0);
    expect(before.some((s) => s.typing === 'Assistant is typing…')).toBe(true);
    const drafts = [...new Set(before.map((s) => s.draft).filter(Boolean))];
    // Growing: several drafts before the reply, each the start of the next and of the reply.
    expect(drafts.length).toBeGreaterThanOrEqual(3);
    drafts.forEach((d, i) => {
      expect(PIECES.join('').startsWith(d)).toBe(true);
      if (i > 0) expect(d.startsWith(drafts[i - 1]!)).toBe(true);
    });
    expect(before.filter((s) => s.draft).every((s) => s.busy === 'true')).toBe(true);
    // The reply took the draft's place: no draft, no typing, the reply shown once.
    expect(await page.locator('.draft').count()).toBe(0);
    expect(await page.locator('.typing').textContent()).toBe('');
    await page.waitForTimeout(1_000);
    expect(await reply.count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('shows no citation marker of the model, in the draft or in the reply', async () => {
    const api = await apiClient(server);
    const created = (await api.call('POST', '/api/v1/channels/webchat', { language: 'ru' })) as {
      key: string;
    };
    const page = await (await newContext(browser, 'ru-RU')).newPage();
    await page.goto(`${shop}/?key=${encodeURIComponent(created.key)}`);
    await page.locator('.btn').click();
    await page.evaluate(() => {
      const root = document.body.lastElementChild!.shadowRoot!;
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => seen.push(root.querySelector('.log')?.textContent ?? '')).observe(root, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
    await page.locator('form input').fill('Здравствуйте!');
    await page.locator('form input').press('Enter');
    const reply = page.locator('.m.out:not(.draft)');
    await expect.poll(() => reply.count(), { timeout: 30_000 }).toBe(1);
    const text = (await reply.textContent())!;
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    // The model's words reached the widget as it wrote them (the reply gate then refuses citations of
    // passages the model was never given, and the stored reply is the offline one).
    expect(
      seen.some((shown) => shown.includes('Рады помочь')),
      seen.join('\n'),
    ).toBe(true);
    for (const shown of [text, ...seen]) {
      expect(shown).not.toMatch(/\[\d/);
      expect(shown).not.toMatch(/Источник:\s*(\[|$)/);
    }
    await page.context().close();
  }, 90_000);

  it('a rep with the conversation open sees "AI is typing…" while the answer is written', async () => {
    const api = await apiClient(server);
    const { key } = (await api.call('POST', '/api/v1/channels/webchat', { language: 'en' })) as {
      key: string;
    };
    const visitorId = 'v_desktop_typing_0000001';
    const widget = `${server.url}/webchat/v1/${key}`;
    const say = (clientMessageId: string, text: string) =>
      fetch(`${widget}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ visitorId, clientMessageId, text }),
      });
    const replies = async () =>
      (
        (await (await fetch(`${widget}/messages?visitorId=${visitorId}`)).json()) as {
          messages: { direction: string }[];
        }
      ).messages.filter((m) => m.direction === 'outbound').length;
    expect((await say('m1', 'Hello!')).status).toBe(202);
    await expect.poll(replies, { timeout: 30_000 }).toBe(1);

    const page = await (await newContext(browser, 'en-US')).newPage();
    await signIn(page, server);
    await page.goto(`${server.url}/app/#/inbox/${encodeURIComponent(`conv:webchat:${key}:${visitorId}`)}`);
    const typing = page.locator('[data-testid=ai-typing]');
    // The visitor's message and the answer (and maybe a follow-up the agents planned since).
    const answers = page.locator('[data-testid=message].author-agent');
    await expect.poll(() => answers.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    const before = await answers.count();
    expect(await typing.getAttribute('role')).toBe('status');
    expect(await typing.textContent()).toBe('');
    expect((await say('m2', 'Hello again!')).status).toBe(202);
    await expect.poll(() => typing.textContent(), { timeout: 20_000, interval: 100 }).toBe('AI is typing…');
    await expect.poll(() => answers.count(), { timeout: 30_000 }).toBeGreaterThan(before);
    await expect.poll(() => typing.textContent(), { timeout: 5_000 }).toBe('');
    await page.context().close();
  }, 120_000);
});
