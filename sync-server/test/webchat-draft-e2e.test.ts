// The web chat visitor sees the answer while the agents write it: the real server with its runtime,
// a team model that streams (a fake OpenAI-compatible server on loopback sending `chat.completion.chunk`
// events slowly, read by the real `openai` SDK), and the widget's endpoints. The draft stream
// (`GET /webchat/v1/<key>/draft`, server-sent events) shows growing drafts before the reply is there,
// then the stored reply comes through the message poll exactly once. A stream of tool-call markup never
// reaches the visitor (only "typing"), and another visitor's draft stream shows nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeCompletion, fakeStream, startFakeOpenAi, type FakeOpenAi } from '@app/shared/testing';
import type { RunningServer } from '../src/server';
import { call, register, startTestServer, tempDir, type Session } from './helpers';

let dir: ReturnType<typeof tempDir>;
let server: RunningServer;
let model: FakeOpenAi;
let team: Session;
let base: string;
let key: string;
let stranger: Session;

const PIECES = ['Здравствуйте! ', 'Рады ', 'вас ', 'видеть, ', 'чем ', 'можем ', 'помочь?'];
const JUNK = [
  '<tool_call>\n',
  '{"name": "save_client_info", ',
  '"arguments": {"name": "Ivan"}}\n',
  '</tool_call>',
];
const CHUNK_MS = 150;

const lastUserText = (body: Record<string, unknown>) =>
  String(
    (body.messages as { role: string; content: string }[]).filter((m) => m.role === 'user').at(-1)?.content,
  );

type DraftEvent = { event: string; text?: string; at: number };

/** Reads a draft stream's events as they come, with their arrival times, until it ends or is aborted. */
async function readDrafts(
  url: string,
  signal: AbortSignal,
): Promise<{ status: number; events: DraftEvent[] }> {
  const res = await fetch(url, { signal });
  const events: DraftEvent[] = [];
  if (!res.headers.get('content-type')?.startsWith('text/event-stream'))
    return { status: res.status, events };
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const part of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(part, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1] ?? 'message';
        const data = JSON.parse(/^data: (.+)$/m.exec(block)?.[1] ?? '{}') as { text?: string };
        events.push({
          event,
          ...(data.text === undefined ? {} : { text: data.text }),
          at: performance.now(),
        });
      }
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  }
  return { status: res.status, events };
}

type Polled = { id: string; direction: string; text: string; createdAt: string };

/** The widget's message poll, until an outbound message has come: every message each poll returned. */
async function pollUntilReply(visitorId: string): Promise<{ all: Polled[]; at: number }> {
  const all: Polled[] = [];
  let since = '';
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const q = new URLSearchParams({ visitorId, wait: '1', ...(since ? { since } : {}) });
    const res = await fetch(`${base}/messages?${q}`);
    const body = (await res.json()) as { messages: Polled[] };
    all.push(...body.messages);
    for (const m of body.messages) if (m.createdAt > since) since = m.createdAt;
    if (body.messages.some((m) => m.direction === 'outbound')) {
      const at = performance.now();
      // One more poll: the reply is not given again.
      const again = await fetch(`${base}/messages?${new URLSearchParams({ visitorId, since })}`);
      all.push(...((await again.json()) as { messages: Polled[] }).messages);
      return { all, at };
    }
  }
  throw new Error('no reply within 30 s');
}

const send = (visitorId: string, text: string) =>
  fetch(`${base}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'ru' },
    body: JSON.stringify({ visitorId, clientMessageId: 'm1', text }),
  });

beforeAll(async () => {
  dir = tempDir('webchat-draft-');
  model = await startFakeOpenAi((req) => {
    if (req.body.stream) {
      const junk = lastUserText(req.body).includes('Как дела');
      return { stream: fakeStream(junk ? JUNK : PIECES), chunkDelayMs: CHUNK_MS };
    }
    const system = String((req.body.messages as { content: string }[])[0]?.content);
    return {
      body: fakeCompletion({
        content: system.startsWith('Classify') ? '{"intent":"small_talk","confidence":0.95}' : '{"facts":[]}',
      }),
    };
  });
  server = await startTestServer(dir.path, {
    LLM_BASE_URL: model.baseURL,
    LLM_API_KEY: 'test-key',
    LLM_MODEL: 'streamer',
  });
  team = await register(server.url, 'Draft team');
  stranger = await register(server.url, 'Another team');
  const created = await call(server.url, 'POST', '/api/v1/channels/webchat', {
    token: team.accessToken,
    body: { title: 'Чат' },
  });
  expect(created.status).toBe(201);
  key = String(created.body.key);
  base = `${server.url}/webchat/v1/${key}`;
}, 60_000);

afterAll(async () => {
  await server?.close();
  await model?.close();
  dir?.remove();
});

describe('web chat drafts', () => {
  it('shows the answer growing before the reply, then the reply once; another visitor sees nothing', async () => {
    const visitor = 'v_draft_visitor_0000000001';
    const other = 'v_draft_visitor_0000000002';
    const stop = new AbortController();
    const mine = readDrafts(
      `${base}/draft?visitorId=${visitor}`,
      AbortSignal.any([stop.signal, AbortSignal.timeout(30_000)]),
    );
    const theirs = readDrafts(`${base}/draft?visitorId=${other}`, stop.signal);
    expect((await send(visitor, 'Привет!')).status).toBe(202);
    // The app's "AI is typing…": the team sees it while the answer is written; another team never.
    const typingPath = `/api/v1/conversations/${encodeURIComponent(`conv:webchat:${key}:${visitor}`)}/typing`;
    const typingSeen = (async () => {
      const seen = { team: false, stranger: false };
      for (let i = 0; i < 60 && !seen.team; i++) {
        seen.team =
          (await call(server.url, 'GET', typingPath, { token: team.accessToken })).body.typing === true;
        seen.stranger ||=
          (await call(server.url, 'GET', typingPath, { token: stranger.accessToken })).body.typing === true;
        await new Promise((r) => setTimeout(r, 100));
      }
      return seen;
    })();
    const polled = await pollUntilReply(visitor);
    expect(await typingSeen).toEqual({ team: true, stranger: false });
    expect((await call(server.url, 'GET', typingPath, { token: team.accessToken })).body).toEqual({
      typing: false,
    });
    const drafts = await mine;
    stop.abort();
    const seenByOther = await theirs;

    const replies = polled.all.filter((m) => m.direction === 'outbound');
    expect(replies).toHaveLength(1);
    const reply = replies[0]!.text;
    expect(reply).toBe(PIECES.join(''));

    expect(drafts.status).toBe(200);
    const texts = drafts.events.filter((e) => e.event === 'draft' && e.text).map((e) => e.text!);
    // Growing: several drafts, each the start of the next and of the reply.
    expect(new Set(texts).size).toBeGreaterThanOrEqual(3);
    texts.forEach((t, i) => {
      expect(reply.startsWith(t)).toBe(true);
      if (i > 0) expect(t.startsWith(texts[i - 1]!)).toBe(true);
    });
    const firstText = drafts.events.find((e) => e.event === 'draft' && e.text)!;
    // Seen well before the reply was there (the model took CHUNK_MS a piece).
    expect(polled.at - firstText.at).toBeGreaterThan(CHUNK_MS * 2);
    expect(drafts.events.at(-1)!.event).toBe('done');

    expect(seenByOther.status).toBe(200);
    expect(seenByOther.events.filter((e) => e.event === 'draft')).toEqual([]);
  }, 60_000);

  it('never shows a stream of tool-call markup: typing only, then the fallback', async () => {
    const visitor = 'v_draft_visitor_0000000003';
    const drafts = readDrafts(`${base}/draft?visitorId=${visitor}`, AbortSignal.timeout(30_000));
    expect((await send(visitor, 'Как дела?')).status).toBe(202);
    const polled = await pollUntilReply(visitor);
    const events = (await drafts).events;
    expect(events.some((e) => e.event === 'draft')).toBe(true);
    expect(events.filter((e) => e.event === 'draft').every((e) => e.text === '')).toBe(true);
    const replies = polled.all.filter((m) => m.direction === 'outbound');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).not.toMatch(/tool_call|"name"|[{}<>]/);
  }, 60_000);

  it('checks the draft route like the widget routes', async () => {
    expect((await fetch(`${base}/draft?visitorId=short`)).status).toBe(400);
    expect(
      (await fetch(`${server.url}/webchat/v1/nosuchwidget1/draft?visitorId=v_0123456789abcdef`)).status,
    ).toBe(404);
  });
});
