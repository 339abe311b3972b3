// The Agents screen's test chat end to end, on the real server with its runtime: an admin's message
// goes to the team's own model provider (a fake OpenAI-compatible server on loopback, driven by the
// real `openai` SDK) with `stream: true`, and the answer comes back as server-sent events while the
// model writes it: the deltas arrive before the model has finished. The usage chunk's tokens and their
// cost are what GET /usage shows for the tester's test-chat conversation, exactly. A stream that the
// model server drops mid-answer gives a `reset` with the reason in words, then the offline answer;
// nothing is counted for it. Bad input is a 400, an unknown profile a 404, a rep a 403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeStream, startFakeOpenAi, type FakeOpenAi, type FakeReply } from '@app/shared/testing';
import type { RunningServer } from '../src/server';
import { call, eventually, register, startTestServer, tempDir, uniqueEmail, type Session } from './helpers';
import { uploadKnowledge } from './knowledge-chat-kit';

let dir: ReturnType<typeof tempDir>;
let server: RunningServer;
let model: FakeOpenAi;
let team: Session;
/** The next answers of the model server (default: a whole streamed answer). */
const script: FakeReply[] = [];
const PIECES = ['Доставка ', 'в Казань ', 'стоит ', '500 рублей ', '[1].'];
const CHUNK_MS = 150;
const USAGE = { prompt_tokens: 321, completion_tokens: 7, total_tokens: 328 };

/** fakeStream's chunks with the usage chunk the model server reports for this answer. */
const streamed = (pieces: string[]) => {
  const chunks = fakeStream(pieces, 'team-model') as Array<Record<string, unknown>>;
  chunks[chunks.length - 1] = { ...chunks.at(-1), usage: USAGE };
  return chunks;
};

const api = (who: Session | string, method: string, path: string, body?: unknown) =>
  call(server.url, method, `/api/v1${path}`, {
    token: typeof who === 'string' ? who : who.accessToken,
    ...(body === undefined ? {} : { body }),
  });

type Event = { event: string; data: Record<string, unknown>; at: number };

/** POSTs to the test chat and reads its server-sent events as they come, with their arrival times. */
async function testChat(
  token: string,
  body: unknown,
): Promise<{ status: number; events: Event[]; text?: string }> {
  const res = await fetch(`${server.url}/api/v1/agents/test-chat`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.headers.get('content-type')?.startsWith('text/event-stream'))
    return { status: res.status, events: [], text: await res.text() };
  const events: Event[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const part of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(part, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.+)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: (.+)$/m.exec(block)?.[1] ?? '{}';
      events.push({ event, data: JSON.parse(data) as Record<string, unknown>, at: performance.now() });
    }
  }
  return { status: res.status, events };
}

beforeAll(async () => {
  dir = tempDir('test-chat-');
  model = await startFakeOpenAi(
    (req) =>
      script.shift() ??
      (req.body.stream ? { stream: streamed(PIECES), chunkDelayMs: CHUNK_MS } : { status: 400, body: {} }),
  );
  server = await startTestServer(dir.path, { OUTBOUND_ALLOW_PRIVATE: '127.0.0.1' });
  team = await register(server.url, 'Test chat team');
  const created = await api(team, 'POST', '/model-providers', {
    id: 'main',
    kind: 'openai-compatible',
    name: 'Our model',
    baseURL: model.baseURL,
    apiKey: 'sk-test-chat',
    model: 'team-model',
    prices: { 'team-model': { promptPerMTok: 1000, completionPerMTok: 2000 } },
  });
  expect(created.status).toBe(201);
  await uploadKnowledge(
    server.url,
    team.accessToken,
    'delivery.md',
    '# Доставка\nДоставка в Казань стоит 500 рублей и занимает 3 дня.\n',
  );
}, 90_000);

afterAll(async () => {
  await server?.close();
  await model?.close();
  dir?.remove();
});

describe("the Agents screen's test chat", () => {
  it("streams the team model's answer as it is written; usage is the model server's count, exactly", async () => {
    const profile = await api(team, 'POST', '/agent-settings', {
      name: 'Доставка',
      persona: 'Вы вежливый менеджер службы доставки «Быстрее ветра».',
      language: 'ru',
      isDefault: true,
    });
    expect(profile.status).toBe(201);
    // The team's knowledge is searched by its runtime: wait until it has the document.
    const out = await eventually(async () => {
      const r = await testChat(team.accessToken, {
        profileId: profile.body.id,
        messages: [{ role: 'user', content: 'Сколько стоит доставка в Казань?' }],
      });
      const done = r.events.find((e) => e.event === 'done');
      return (done?.data.sources as string[] | undefined)?.length ? r : undefined;
    }, 30_000);
    expect(out.status).toBe(200);
    const deltas = out.events.filter((e) => e.event === 'delta');
    const done = out.events.at(-1)!;
    expect(done.event).toBe('done');
    expect(deltas.map((d) => d.data.text)).toEqual(PIECES);
    expect(done.data).toMatchObject({
      content: PIECES.join(''),
      provider: 'main',
      model: 'team-model',
      offline: false,
      finishReason: 'stop',
    });
    // Streamed, not sent at the end: the first piece came well before the answer was complete.
    expect(done.at - deltas[0]!.at).toBeGreaterThan(CHUNK_MS * (PIECES.length - 1) * 0.8);

    const asked = model.requests.at(-1)!;
    expect(asked.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
      model: 'team-model',
    });
    expect(asked.headers.authorization).toBe('Bearer sk-test-chat');
    const system = String((asked.body.messages as Array<{ content: string }>)[0]!.content);
    expect(system).toContain('«Быстрее ветра»');
    expect(system).toContain('Доставка в Казань стоит 500 рублей');
    expect(system).toContain('Reply in Russian');

    // Every test-chat call so far (the waits above included) is counted for the tester, exactly.
    const calls = model.requests.filter((r) => r.body.stream).length;
    const cost = (321 * 1000 + 7 * 2000) / 1e6;
    const usage = await eventually(async () => {
      const res = await api(team, 'GET', '/usage');
      return res.body.total.calls === calls ? res.body : undefined;
    }, 20_000);
    expect(usage.byConversation).toEqual([
      {
        conversationId: `test-chat:${team.user.id}`,
        promptTokens: 321 * calls,
        completionTokens: 7 * calls,
        costUsd: expect.closeTo(cost * calls, 9),
        calls,
      },
    ]);
    expect(done.data.usage).toEqual({ promptTokens: 321, completionTokens: 7, costUsd: cost });
  }, 60_000);

  it('a stream dropped mid-answer: a reset with the reason, then the offline answer; nothing counted for it', async () => {
    const before = (await api(team, 'GET', '/usage')).body.total;
    script.push({ stream: streamed(PIECES), chunkDelayMs: 20, cutAfter: 2 });
    const out = await testChat(team.accessToken, {
      messages: [{ role: 'user', content: 'Сколько стоит доставка в Казань?' }],
    });
    const kinds = out.events.map((e) => e.event);
    expect(kinds.slice(0, 3)).toEqual(['delta', 'delta', 'reset']);
    expect(kinds.at(-1)).toBe('done');
    expect(out.events[2]!.data.reason).toBe(
      "LLM provider 'main' dropped the stream (terminated) after 2 chunk(s) (18 characters of the answer): the answer is incomplete",
    );
    const done = out.events.at(-1)!.data;
    expect(done).toMatchObject({ offline: true, provider: 'offline' });
    expect(String(done.content)).not.toBe('');
    // What streams after the reset is the offline answer, and only it.
    const after = out.events.slice(3, -1);
    expect(after.every((e) => e.event === 'delta')).toBe(true);
    expect(after.map((e) => e.data.text).join('')).toBe(done.content);
    expect(done.attempts).toEqual([
      expect.objectContaining({ provider: 'main', ok: false, code: 'llm-unavailable' }),
      expect.objectContaining({ provider: 'offline', ok: true }),
    ]);
    expect((await api(team, 'GET', '/usage')).body.total).toEqual(before);
  }, 30_000);

  it('bad input is a 400 in words, an unknown profile a 404, and a rep is refused', async () => {
    const last = await testChat(team.accessToken, {
      messages: [
        { role: 'user', content: 'Привет' },
        { role: 'assistant', content: 'Здравствуйте!' },
      ],
    });
    expect(last.status).toBe(400);
    expect(last.text).toContain('the last message must be the customer');
    expect((await testChat(team.accessToken, { messages: [] })).status).toBe(400);
    const unknown = await testChat(team.accessToken, {
      profileId: 'agent-nope',
      messages: [{ role: 'user', content: 'Привет' }],
    });
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('Agent profile');

    const email = uniqueEmail('rep');
    const invite = await api(team, 'POST', '/members/invite', { email, role: 'rep' });
    await call(server.url, 'POST', '/api/v1/auth/accept-invite', {
      body: { token: invite.body.inviteToken, password: 'rep password 12345' },
    });
    const login = await call(server.url, 'POST', '/api/v1/auth/login', {
      body: { email, password: 'rep password 12345' },
    });
    const rep = await testChat(login.body.accessToken as string, {
      messages: [{ role: 'user', content: 'Привет' }],
    });
    expect(rep.status).toBe(403);
  }, 30_000);
});
