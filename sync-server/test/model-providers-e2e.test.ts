// Per-team model providers end to end, on the real server with its runtime: admins add a provider
// through the API (key sealed, never shown), test it (models + a one-token chat), an agent profile
// picks it, and a customer's web chat message is answered by that team's own model server (a fake
// OpenAI-compatible server on loopback driven by the real `openai` SDK). Another team with a provider
// of the same id is answered by its own server, a team without providers by the server's default
// (LLM_*); no key crosses teams. Usage and cost per team, model and conversation (GET /usage,
// /metrics) match the fake servers' counts; at the profile's monthly budget the offline provider
// answers and the activity says why. Reps are refused the routes.
// The fakes listen on loopback: the test server opens exactly their ports (OUTBOUND_ALLOW_PRIVATE), and
// a provider on any other private target (cloud metadata, another loopback port, a local preset) is
// refused when saved and when tested, with nothing sent to it (issue 34).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeCompletion, startFakeOpenAi, type FakeOpenAi } from '@app/shared/testing';
import type { ActivityDoc, MessageDoc } from '@app/shared/schemas';
import type { RunningServer } from '../src/server';
import { call, eventually, register, startTestServer, tempDir, uniqueEmail, type Session } from './helpers';
import { uploadKnowledge, webchatReply } from './knowledge-chat-kit';

type Msg = { role: string; content: string | null };

/** A team's model server: routing and extraction answers, and `answer` for the reply. */
const modelServer = (answer: string) =>
  startFakeOpenAi((req) => {
    if (req.path.endsWith('/models'))
      return {
        body: { object: 'list', data: [{ id: 'team-model', object: 'model', created: 0, owned_by: 'me' }] },
      };
    const msgs = req.body.messages as Msg[];
    const model = String(req.body.model);
    const usage = { prompt: 100, completion: 20 };
    if (String(msgs[0]?.content ?? '').startsWith('Classify'))
      return {
        body: fakeCompletion({ content: '{"intent":"delivery","confidence":0.95}', model, usage }),
      };
    if (String(msgs[0]?.content ?? '').startsWith('Extract facts'))
      return { body: fakeCompletion({ content: '{"facts":[]}', model, usage }) };
    return { body: fakeCompletion({ content: answer, model, usage }) };
  });

let dir: ReturnType<typeof tempDir>;
let server: RunningServer;
let serverDefault: FakeOpenAi;
let modelA: FakeOpenAi;
let modelB: FakeOpenAi;
let teamA: Session;
let teamB: Session;
let teamC: Session;
let profileId: string;

const api = (who: Session | string, method: string, path: string, body?: unknown) =>
  call(server.url, method, `/api/v1${path}`, {
    token: typeof who === 'string' ? who : who.accessToken,
    ...(body === undefined ? {} : { body }),
  });

beforeAll(async () => {
  dir = tempDir('model-providers-');
  [serverDefault, modelA, modelB] = await Promise.all([
    modelServer('Delivery to Kazan costs 500 roubles and takes 3 days [1].'),
    modelServer('Доставка в Казань стоит 500 рублей, привезём за 3 дня [1].'),
    modelServer('Delivery to Kazan costs 500 roubles [1].'),
  ]);
  const portOf = (f: FakeOpenAi) => new URL(f.baseURL).port;
  server = await startTestServer(dir.path, {
    // The server's default (LLM_*) is the operator's own: not checked. Teams' fakes: opened exactly.
    OUTBOUND_ALLOW_PRIVATE: `127.0.0.1:${portOf(modelA)},127.0.0.1:${portOf(modelB)},127.0.0.1:9`,
    LLM_BASE_URL: serverDefault.baseURL,
    LLM_API_KEY: 'sk-server-default',
    LLM_MODEL: 'default-model',
  });
  teamA = await register(server.url, 'Team A');
  teamB = await register(server.url, 'Team B');
  teamC = await register(server.url, 'Team C');
  // Each team's knowledge covers delivery (an uncovered question is handed to a human, unanswered).
  await Promise.all([teamA, teamB, teamC].map(addKnowledge));
}, 90_000);

const KNOWLEDGE = [
  '# Доставка',
  'Доставка в Казань стоит 500 рублей и занимает 3 дня. Сколько стоит доставка: 500 рублей.',
  '',
  '# Delivery',
  'Delivery to Kazan costs 500 roubles and takes 3 days. What delivery costs: 500 roubles.',
].join('\n');

async function addKnowledge(team: Session): Promise<void> {
  await uploadKnowledge(server.url, team.accessToken, 'delivery.md', KNOWLEDGE);
}

afterAll(async () => {
  await server?.close();
  await Promise.all([serverDefault?.close(), modelA?.close(), modelB?.close()]);
  dir?.remove();
});

let visitors = 0;
/** A customer writes to the team's web chat; answers the reply's text. */
async function customerAsks(team: Session, text: string): Promise<{ reply: string; conversationId: string }> {
  const widget = await api(team, 'POST', '/channels/webchat', {});
  expect(widget.status).toBe(201);
  const visitorId = `v_${String(++visitors).padStart(20, '0')}`;
  const reply = await webchatReply(server.url, widget.body.key, visitorId, `m${visitors}`, text);
  const inbound = (await server.store.teamDb(team.team.id, 'messages').list({ include_docs: true })).rows
    .map((r) => r.doc as unknown as MessageDoc)
    .find((m) => m.direction === 'inbound' && m.text === text)!;
  return { reply, conversationId: inbound.conversationId };
}

const provider = (baseURL: string, apiKey: string) => ({
  id: 'main',
  kind: 'openai-compatible',
  name: 'Our model',
  baseURL,
  apiKey,
  model: 'team-model',
  prices: { 'answer-model': { promptPerMTok: 1000, completionPerMTok: 2000 } },
});

describe('per-team model providers', () => {
  it('refuses private targets the operator did not open, when saved and when tested (issue 34)', async () => {
    const hits: string[] = [];
    const secret: Server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'ROOT-SECRET from the internal service' } }));
    });
    await new Promise<void>((ok) => secret.listen(0, '127.0.0.1', ok));
    const inside = `http://127.0.0.1:${(secret.address() as AddressInfo).port}/v1`;
    try {
      for (const body of [
        provider('http://169.254.169.254/latest/meta-data/', 'k'),
        provider(inside, 'k'),
        provider(inside.replace('127.0.0.1', '[::ffff:127.0.0.1]'), 'k'),
        provider('http://127.0.0.2:9/v1', 'k'),
        { id: 'ollama', kind: 'ollama', model: 'llama3' },
        { id: 'giga', kind: 'gigachat', apiKey: 'k', authURL: 'http://169.254.169.254/token' },
      ]) {
        const saved = await api(teamC, 'POST', '/model-providers', body);
        expect(saved.status, JSON.stringify(body)).toBe(400);
        expect(JSON.stringify(saved.body)).toMatch(/OUTBOUND_ALLOW_PRIVATE/);
      }
      const ok = await api(teamC, 'POST', '/model-providers', provider(modelA.baseURL, 'k'));
      expect(ok.status).toBe(201);
      const moved = await api(teamC, 'PUT', '/model-providers/main', {
        kind: 'openai-compatible',
        baseURL: 'http://169.254.169.254/v1',
      });
      expect(moved.status).toBe(400);

      // Stored before the policy (or with the operator's opening since withdrawn): the test refuses it.
      const db = server.store.systemDb<{ providers: { baseURL?: string }[] }>('app_channels');
      const doc = await db.get(`models:${teamC.team.id}`);
      await db.insert({ ...doc, providers: doc.providers.map((p) => ({ ...p, baseURL: inside })) });
      const tested = await api(teamC, 'POST', '/model-providers/main/test', {});
      expect(tested.status).toBe(400);
      expect(JSON.stringify(tested.body)).not.toMatch(/ROOT-SECRET/);
      expect(hits).toEqual([]);
      expect((await api(teamC, 'DELETE', '/model-providers/main')).status).toBe(204);
    } finally {
      await new Promise((ok) => secret.close(ok));
    }
  }, 60_000);

  it('are stored sealed and shown without keys; bad input is a 400; reps are refused', async () => {
    const bad = await api(teamA, 'POST', '/model-providers', {
      id: 'x',
      kind: 'openai-compatible',
      model: 'm',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('baseURL');
    const badUrl = await api(teamA, 'POST', '/model-providers', { ...provider('localhost:1/v1', 'k') });
    expect(badUrl.status).toBe(400);
    const ya = await api(teamA, 'POST', '/model-providers', { id: 'ya', kind: 'yandexgpt', apiKey: 'k' });
    expect(ya.status).toBe(400);
    expect(JSON.stringify(ya.body)).toContain('folderId');
    const noKey = await api(teamA, 'POST', '/model-providers', { id: 'giga', kind: 'gigachat' });
    expect(noKey.status).toBe(400);
    // The built-in embedders' names (the embeddings choice) are never a provider's id.
    for (const id of ['local', 'server-model']) {
      const reserved = await api(teamA, 'POST', '/model-providers', {
        ...provider('http://127.0.0.1:1/v1', 'k'),
        id,
      });
      expect(reserved.status).toBe(400);
      expect(JSON.stringify(reserved.body)).toContain('built-in embedders');
    }

    const created = await api(
      teamA,
      'POST',
      '/model-providers',
      provider(modelA.baseURL, 'sk-team-a-secret'),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'main', kind: 'openai-compatible', hasKey: true });
    expect(JSON.stringify(created.body)).not.toContain('sk-team-a-secret');
    expect((await api(teamA, 'POST', '/model-providers', provider(modelA.baseURL, 'k'))).status).toBe(409);
    const listed = await api(teamA, 'GET', '/model-providers');
    expect(listed.body.serverDefault).toBe(true);
    expect(listed.body.providers).toEqual([expect.objectContaining({ id: 'main', hasKey: true })]);
    expect(JSON.stringify(listed.body)).not.toContain('sk-team-a-secret');
    expect(Object.keys(listed.body.presets)).toEqual(
      expect.arrayContaining(['openai', 'openrouter', 'ollama', 'vllm', 'lmstudio', 'gigachat', 'yandexgpt']),
    );
    const stored = await server.store.systemDb('app_channels').get(`models:${teamA.team.id}`);
    expect(JSON.stringify(stored)).not.toContain('sk-team-a-secret');

    // Team B: a provider of the same id, on its own server.
    expect(
      (await api(teamB, 'POST', '/model-providers', provider(modelB.baseURL, 'sk-team-b-secret'))).status,
    ).toBe(201);

    const email = uniqueEmail('rep');
    const invite = await api(teamA, 'POST', '/members/invite', { email, role: 'rep' });
    await call(server.url, 'POST', '/api/v1/auth/accept-invite', {
      body: { token: invite.body.inviteToken, password: 'rep password 12345' },
    });
    const login = await call(server.url, 'POST', '/api/v1/auth/login', {
      body: { email, password: 'rep password 12345' },
    });
    const rep = login.body.accessToken as string;
    for (const [method, path, body] of [
      ['GET', '/model-providers', undefined],
      ['POST', '/model-providers', provider(modelA.baseURL, 'k2')],
      ['PUT', '/model-providers/main', { kind: 'openai-compatible', baseURL: modelA.baseURL }],
      ['DELETE', '/model-providers/main', undefined],
      ['POST', '/model-providers/main/test', {}],
      ['GET', '/usage', undefined],
    ] as const)
      expect((await api(rep, method, path, body)).status).toBe(403);
  }, 60_000);

  it('"test connection" lists the models and runs a one-token chat, in words when it fails', async () => {
    const ok = await api(teamA, 'POST', '/model-providers/main/test', {});
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      ok: true,
      models: { ok: true, models: ['team-model'] },
      chat: { ok: true },
    });
    const ping = modelA.requests.at(-1)!;
    expect(ping.body.max_tokens).toBe(1);
    expect(ping.headers.authorization).toBe('Bearer sk-team-a-secret');

    const down = await api(teamC, 'POST', '/model-providers', {
      id: 'down',
      kind: 'vllm',
      baseURL: 'http://127.0.0.1:9/v1',
      model: 'm',
    });
    expect(down.status).toBe(201);
    const failed = await api(teamC, 'POST', '/model-providers/down/test', {});
    expect(failed.status).toBe(200);
    expect(failed.body.ok).toBe(false);
    expect(failed.body.chat.error).toMatch(/unreachable/);
    expect((await api(teamC, 'POST', '/model-providers/nope/test', {})).status).toBe(404);
    expect((await api(teamC, 'DELETE', '/model-providers/down')).status).toBe(204);
    expect((await api(teamC, 'GET', '/model-providers')).body.providers).toEqual([]);
  }, 60_000);

  it("answers each team's customers from that team's own model; the rest from the server default", async () => {
    const profile = await api(teamA, 'POST', '/agent-settings', {
      id: 'agent-a',
      name: 'A',
      isDefault: true,
      models: { answer: { provider: 'main', model: 'answer-model' } },
      fallbacks: ['main'],
    });
    expect(profile.status).toBe(201);
    profileId = profile.body.id as string;
    const [a, b, c] = await Promise.all([
      customerAsks(teamA, 'Сколько стоит доставка в Казань? Заказ A-17'),
      customerAsks(teamB, 'How much does delivery to Kazan cost? Order B-23'),
      customerAsks(teamC, 'What does delivery to Kazan cost? Order C-31'),
    ]);
    // Each model's answer as the customer reads it: the [1] marker became the source's title.
    expect(a.reply).toMatch(/^Доставка в Казань стоит 500 рублей, привезём за 3 дня\.\n\nИсточник: \S.*$/);
    expect(b.reply).toMatch(/^Delivery to Kazan costs 500 roubles\.\n\nSource: \S.*$/);
    expect(c.reply).toMatch(/^Delivery to Kazan costs 500 roubles and takes 3 days\.\n\nSource: \S.*$/);

    const auth = (s: FakeOpenAi) => new Set(s.requests.map((r) => r.headers.authorization));
    expect(auth(modelA)).toEqual(new Set(['Bearer sk-team-a-secret']));
    expect(auth(modelB)).toEqual(new Set(['Bearer sk-team-b-secret']));
    expect(auth(serverDefault)).toEqual(new Set(['Bearer sk-server-default']));
    const asked = (s: FakeOpenAi) => s.requests.map((r) => JSON.stringify(r.body.messages ?? '')).join('\n');
    expect(asked(modelA)).toContain('A-17');
    expect(asked(modelA)).not.toMatch(/B-23|C-31/);
    expect(asked(modelB)).toContain('B-23');
    expect(asked(modelB)).not.toMatch(/A-17|C-31/);
    expect(asked(serverDefault)).toContain('C-31');
    expect(asked(serverDefault)).not.toMatch(/A-17|B-23/);
    expect(modelA.requests.filter((r) => r.body.model === 'answer-model')).toHaveLength(1);

    // Usage per team, model and conversation: exactly the fake server's counts and the set prices.
    const chats = modelA.requests.filter(
      (r) => r.path.endsWith('/chat/completions') && r.body.max_tokens !== 1,
    );
    const usage = await eventually(async () => {
      const res = await api(teamA, 'GET', '/usage');
      return res.body.total.calls === chats.length ? res.body : undefined;
    }, 20_000);
    expect(usage.total).toMatchObject({
      promptTokens: 100 * chats.length,
      completionTokens: 20 * chats.length,
    });
    const answers = chats.filter((r) => r.body.model === 'answer-model').length;
    expect(usage.total.costUsd).toBeCloseTo((answers * (100 * 1000 + 20 * 2000)) / 1e6, 9);
    expect(usage.byModel).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ provider: 'main', model: 'answer-model', calls: answers }),
      ]),
    );
    expect(usage.byConversation).toEqual([
      expect.objectContaining({ conversationId: a.conversationId, calls: chats.length }),
    ]);
    const usageB = (await api(teamB, 'GET', '/usage')).body;
    expect(usageB.byConversation.map((x: { conversationId: string }) => x.conversationId)).toEqual([
      b.conversationId,
    ]);
    expect((await api(teamA, 'GET', '/usage?month=2026-13')).status).toBe(400);

    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const line = `llm_tokens_total{team="${teamA.team.id}",provider="main",model="answer-model",kind="prompt"} ${100 * answers}`;
    expect(metrics).toContain(line);
    expect(metrics).toContain(`llm_calls_total{team="${teamB.team.id}",provider="main"`);
  }, 120_000);

  it('at the monthly budget, the offline provider answers and the activity tells reps', async () => {
    const capped = await api(teamA, 'PATCH', `/agent-settings/${profileId}`, { monthlyBudgetUsd: 0.0001 });
    expect(capped.status).toBe(200);
    const before = modelA.requests.length;
    const { reply, conversationId } = await customerAsks(
      teamA,
      'А доставка в Казань сколько стоит? Заказ A-18',
    );
    expect(reply).not.toBe('Доставка в Казань стоит 500 рублей, привезём за 3 дня [1].');
    expect(modelA.requests.length).toBe(before);
    const activity = (await server.store.teamDb(teamA.team.id, 'activity').list({ include_docs: true })).rows
      .map((r) => r.doc as unknown as ActivityDoc)
      .filter((x) => x.conversationId === conversationId);
    const refused = activity.find((x) => x.name === 'llm-fallback');
    expect(refused?.error).toMatch(/monthly model budget of \$0\.00 is reached/);
  }, 90_000);
});
