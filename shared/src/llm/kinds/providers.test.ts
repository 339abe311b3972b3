// Each provider kind against a fake server on loopback that follows the service's documented
// protocol: OpenAI-compatible (the real `openai` SDK: streaming, tool calls, embeddings, 429 with
// retry-after, 500, a slow answer past the timeout), GigaChat (OAuth token exchange, caching, refresh
// before expiry, 401 on an expired token, function calling, embeddings) and YandexGPT (key header,
// folder, model URIs, embeddings); "test connection"; a team's fallback chain and monthly budget.
import { afterEach, describe, expect, it } from 'vitest';
import { isDomainError } from '../../errors';
import { fakeCompletion, fakeStream, startFakeOpenAi } from '../../testing/fake-openai-server';
import { gigachatCompletion, startFakeGigaChat } from '../../testing/fake-gigachat-server';
import { createLlmClient } from '../llm-client';
import { createOfflineProvider } from '../offline/offline-provider';
import { createTeamLlm, type UsageEvent } from '../team-client';
import { createUsageLedger } from '../usage-ledger';
import { buildProvider } from './build';
import { testConnection } from './connection-test';
import { createGigaChatProvider, createGigaChatTokens } from './gigachat';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});
const openai = async (...args: Parameters<typeof startFakeOpenAi>) => {
  const s = await startFakeOpenAi(...args);
  closers.push(() => s.close());
  return s;
};
const giga = async (...args: Parameters<typeof startFakeGigaChat>) => {
  const s = await startFakeGigaChat(...args);
  closers.push(() => s.close());
  return s;
};
const hi = { messages: [{ role: 'user' as const, content: 'Здравствуйте' }] };
const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (isDomainError(e) ? `${e.code}: ${e.message}` : String(e)),
  );

describe('GigaChat', () => {
  const KEY = 'ZmFrZS1jbGllbnQ6ZmFrZS1zZWNyZXQ=';

  it('exchanges the authorization key for a token as documented and caches it', async () => {
    const server = await giga({ authorizationKey: KEY });
    const kit = buildProvider({
      id: 'giga',
      kind: 'gigachat',
      baseURL: server.baseURL,
      authURL: server.authURL,
      apiKey: KEY,
      scope: 'GIGACHAT_API_B2B',
      model: 'GigaChat',
    });
    const a = await kit.provider.chat(hi, { model: 'GigaChat-Pro' });
    const b = await kit.provider.chat(hi, { model: 'GigaChat-Pro' });
    expect([a.content, b.content]).toEqual(['Привет!', 'Привет!']);
    expect(a.usage).toMatchObject({ promptTokens: 20, completionTokens: 4 });
    const oauth = server.requests.filter((r) => r.path === '/api/v2/oauth');
    expect(oauth).toHaveLength(1);
    expect(oauth[0]!.headers.authorization).toBe(`Basic ${KEY}`);
    expect(oauth[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(oauth[0]!.form?.get('scope')).toBe('GIGACHAT_API_B2B');
    const chats = server.requests.filter((r) => r.path === '/api/v1/chat/completions');
    expect(chats.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${server.issued[0]}`,
      `Bearer ${server.issued[0]}`,
    ]);
    expect(chats[0]!.body).toMatchObject({ model: 'GigaChat-Pro', stream: false });
  });

  it('refreshes the token shortly before it expires', async () => {
    let clock = 1_000_000;
    const server = await giga({ authorizationKey: KEY, tokenTtlMs: 30 * 60_000, now: () => clock });
    const tokens = createGigaChatTokens({
      authorizationKey: KEY,
      scope: 'GIGACHAT_API_PERS',
      authURL: server.authURL,
      now: () => clock,
    });
    const provider = createGigaChatProvider({ id: 'g', baseURL: server.baseURL, model: 'GigaChat', tokens });
    await provider.chat(hi, { model: 'GigaChat' });
    clock += 29 * 60_000; // one minute left: within the refresh margin
    await provider.chat(hi, { model: 'GigaChat' });
    expect(server.issued).toHaveLength(2);
    const chats = server.requests.filter((r) => r.path === '/api/v1/chat/completions');
    expect(chats[1]!.headers.authorization).toBe(`Bearer ${server.issued[1]}`);
  });

  it('on a 401 for an expired token, gets a new one once and retries', async () => {
    const server = await giga({ authorizationKey: KEY });
    const kit = buildProvider({
      id: 'giga',
      kind: 'gigachat',
      baseURL: server.baseURL,
      authURL: server.authURL,
      apiKey: KEY,
      model: 'GigaChat',
    });
    await kit.provider.chat(hi, { model: 'GigaChat' });
    server.expireTokens();
    const again = await kit.provider.chat(hi, { model: 'GigaChat' });
    expect(again.content).toBe('Привет!');
    expect(server.issued).toHaveLength(2);
    const statuses = server.requests.filter((r) => r.path === '/api/v1/chat/completions').length;
    expect(statuses).toBe(3); // ok, 401 (expired), ok with the new token
  });

  it('a wrong authorization key is a coded, readable failure', async () => {
    const server = await giga({ authorizationKey: KEY });
    const kit = buildProvider({
      id: 'giga',
      kind: 'gigachat',
      baseURL: server.baseURL,
      authURL: server.authURL,
      apiKey: 'wrong',
      model: 'GigaChat',
    });
    expect(await codeOf(kit.provider.chat(hi, { model: 'GigaChat' }))).toBe(
      'llm-unavailable: GigaChat OAuth answered 401: Can not decode credentials',
    );
    const report = await testConnection(kit, 'GigaChat');
    expect(report.ok).toBe(false);
    expect(report.chat).toEqual({
      ok: false,
      error: 'GigaChat OAuth answered 401: Can not decode credentials',
    });
  });

  it("maps the engine's tools to functions and function_call back to a tool call", async () => {
    const server = await giga({
      authorizationKey: KEY,
      chat: (_body, i) =>
        i === 0
          ? gigachatCompletion({
              functionCall: { name: 'save_client_info', arguments: { name: 'Анна', phone: '+79161234567' } },
            })
          : gigachatCompletion({ content: 'Записала, Анна!' }),
    });
    const kit = buildProvider({
      id: 'giga',
      kind: 'gigachat',
      baseURL: server.baseURL,
      authURL: server.authURL,
      apiKey: KEY,
      model: 'GigaChat',
    });
    const tool = {
      name: 'save_client_info',
      description: 'Save the client name and phone',
      parameters: { type: 'object', properties: { name: { type: 'string' }, phone: { type: 'string' } } },
    };
    const first = await kit.provider.chat({ ...hi, tools: [tool] }, { model: 'GigaChat' });
    expect(first.finishReason).toBe('tool_calls');
    expect(first.toolCalls).toHaveLength(1);
    expect(first.toolCalls[0]!.name).toBe('save_client_info');
    expect(JSON.parse(first.toolCalls[0]!.arguments)).toEqual({ name: 'Анна', phone: '+79161234567' });
    const call = first.toolCalls[0]!;
    const second = await kit.provider.chat(
      {
        messages: [
          ...hi.messages,
          { role: 'assistant', content: null, toolCalls: [call] },
          { role: 'tool', toolCallId: call.id, content: '{"ok":true}' },
        ],
        tools: [tool],
      },
      { model: 'GigaChat' },
    );
    expect(second.content).toBe('Записала, Анна!');
    const [req1, req2] = server.requests.filter((r) => r.path === '/api/v1/chat/completions');
    expect(req1!.body.functions).toEqual([tool]);
    expect(req1!.body.function_call).toBe('auto');
    expect(req1!.body.tools).toBeUndefined();
    expect(req2!.body.messages).toEqual([
      { role: 'user', content: 'Здравствуйте' },
      {
        role: 'assistant',
        content: '',
        function_call: { name: 'save_client_info', arguments: { name: 'Анна', phone: '+79161234567' } },
      },
      { role: 'function', name: 'save_client_info', content: '{"ok":true}' },
    ]);
  });

  it('embeds through /api/v1/embeddings and lists models in the connection test', async () => {
    const server = await giga({ authorizationKey: KEY });
    const kit = buildProvider({
      id: 'giga',
      kind: 'gigachat',
      baseURL: server.baseURL,
      authURL: server.authURL,
      apiKey: KEY,
      model: 'GigaChat',
      embeddingsModel: 'Embeddings',
    });
    const vectors = await kit.embedder()!.embed(['раз', 'два три']);
    expect(vectors).toEqual([
      [3, 1, 0.5],
      [7, 1, 0.5],
    ]);
    const emb = server.requests.find((r) => r.path === '/api/v1/embeddings')!;
    expect(emb.body.model).toBe('Embeddings');
    expect(emb.headers.authorization).toBe(`Bearer ${server.issued[0]}`);
    const report = await testConnection(kit, 'GigaChat');
    expect(report).toMatchObject({
      ok: true,
      models: { ok: true, models: ['GigaChat', 'GigaChat-Pro', 'GigaChat-Max'] },
      chat: { ok: true, reply: 'Привет!' },
    });
    const ping = server.requests.filter((r) => r.path === '/api/v1/chat/completions').at(-1)!;
    expect(ping.body.max_tokens).toBe(1);
  });
});

describe('YandexGPT (OpenAI-compatible API)', () => {
  it('sends the API key, the folder and gpt:// model URIs; embeddings use emb:// URIs', async () => {
    const server = await openai((req) =>
      req.path.endsWith('/embeddings')
        ? {
            body: {
              object: 'list',
              model: req.body.model,
              data: (req.body.input as string[]).map((_, index) => ({
                object: 'embedding',
                index,
                embedding: [0.1, 0.2],
              })),
              usage: { prompt_tokens: 2, total_tokens: 2 },
            },
          }
        : { body: fakeCompletion({ content: 'Добрый день!', model: String(req.body.model) }) },
    );
    const kit = buildProvider({
      id: 'ya',
      kind: 'yandexgpt',
      baseURL: server.baseURL,
      apiKey: 'AQVNfake',
      folderId: 'b1gfolder',
      model: 'yandexgpt-lite/latest',
      roleModels: { answer: 'yandexgpt/latest' },
      embeddingsModel: 'text-search-doc/latest',
    });
    expect(kit.provider.modelFor('supervisor')).toBe('gpt://b1gfolder/yandexgpt-lite/latest');
    expect(kit.provider.modelFor('answer')).toBe('gpt://b1gfolder/yandexgpt/latest');
    // A profile's plain model name becomes a URI in the folder.
    const res = await kit.provider.chat(hi, { model: 'yandexgpt-32k/rc' });
    expect(res.content).toBe('Добрый день!');
    const req = server.requests[0]!;
    expect(req.path).toBe('/v1/chat/completions');
    expect(req.headers.authorization).toBe('Api-Key AQVNfake');
    expect(req.headers['openai-project']).toBe('b1gfolder');
    expect(req.body.model).toBe('gpt://b1gfolder/yandexgpt-32k/rc');
    expect(await kit.embedder()!.embed(['текст'])).toEqual([[0.1, 0.2]]);
    const emb = server.requests.find((r) => r.path === '/v1/embeddings')!;
    expect(emb.body.model).toBe('emb://b1gfolder/text-search-doc/latest');
    expect(emb.headers.authorization).toBe('Api-Key AQVNfake');
  });

  it('sends an IAM token as Bearer', async () => {
    const server = await openai(() => ({ body: fakeCompletion({ content: 'ok' }) }));
    const kit = buildProvider({
      id: 'ya',
      kind: 'yandexgpt',
      baseURL: server.baseURL,
      apiKey: 't1.iam-token',
      keyType: 'iam-token',
      folderId: 'b1g',
      model: 'gpt://b1g/yandexgpt/latest',
    });
    await kit.provider.chat(hi, { model: kit.provider.modelFor('answer') });
    expect(server.requests[0]!.headers.authorization).toBe('Bearer t1.iam-token');
    expect(server.requests[0]!.body.model).toBe('gpt://b1g/yandexgpt/latest');
  });
});

describe('OpenAI-compatible kinds through the openai SDK', () => {
  it('streams, calls tools, embeds, and tests the connection', async () => {
    const server = await openai((req) => {
      if (req.path === '/v1/models')
        return {
          body: { object: 'list', data: [{ id: 'qwen2.5', object: 'model', created: 0, owned_by: 'me' }] },
        };
      if (req.path === '/v1/embeddings')
        return {
          body: {
            object: 'list',
            model: 'nomic',
            data: [{ object: 'embedding', index: 0, embedding: [1, 0] }],
            usage: { prompt_tokens: 1, total_tokens: 1 },
          },
        };
      if (req.body.stream)
        return {
          stream: fakeStream(['Hel', 'lo'], 'qwen2.5', {
            name: 'create_task',
            arguments: '{"title":"Call"}',
          }),
        };
      return { body: fakeCompletion({ content: 'OK', model: 'qwen2.5' }) };
    });
    const kit = buildProvider({
      id: 'local',
      kind: 'ollama',
      baseURL: server.baseURL,
      model: 'qwen2.5',
      embeddingsModel: 'nomic',
    });
    const deltas: string[] = [];
    const streamed = await kit.provider.chat(hi, { model: 'qwen2.5', onDelta: (d) => deltas.push(d) });
    expect(deltas).toEqual(['Hel', 'lo']);
    expect(streamed.toolCalls).toEqual([
      { id: 'call_s1', name: 'create_task', arguments: '{"title":"Call"}' },
    ]);
    expect(await kit.embedder()!.embed(['x'])).toEqual([[1, 0]]);
    const report = await testConnection(kit, 'qwen2.5');
    expect(report).toMatchObject({ ok: true, models: { ok: true, models: ['qwen2.5'] }, chat: { ok: true } });
    expect(server.requests.at(-1)!.body.max_tokens).toBe(1);
  });

  it('a 429 with retry-after, a 500 and a slow answer are coded failures; the connection test says so', async () => {
    const server = await openai((req) => {
      const model = String(req.body.model);
      if (model === 'limited')
        return { status: 429, headers: { 'retry-after': '7' }, body: { error: { message: 'Rate limit' } } };
      if (model === 'broken') return { status: 500, body: { error: { message: 'boom' } } };
      return { delayMs: 1_500, body: fakeCompletion({ content: 'late' }) };
    });
    const kit = buildProvider({ id: 'p', kind: 'vllm', baseURL: server.baseURL, model: 'x', timeoutMs: 300 });
    expect(await codeOf(kit.provider.chat(hi, { model: 'limited' }))).toMatch(/^llm-rate-limited/);
    expect(await codeOf(kit.provider.chat(hi, { model: 'broken' }))).toMatch(/^llm-unavailable: .*500/);
    expect(await codeOf(kit.provider.chat(hi, { model: 'slow' }))).toMatch(/^llm-timeout/);
    // The SDK does not retry on its own: the chain decides (one request per call).
    expect(server.requests.filter((r) => r.body.model === 'limited')).toHaveLength(1);
    const report = await testConnection(kit, 'broken');
    expect(report.ok).toBe(false);
    expect(report.chat).toEqual({ ok: false, error: expect.stringContaining('500') });
  });
});

describe("a team's client: fallback chain and monthly budget", () => {
  it("follows the profile's chain, counts usage, and at the budget only the offline provider answers", async () => {
    const a = await openai(() => ({ status: 500, body: { error: { message: 'down' } } }));
    const b = await openai(() => ({
      body: fakeCompletion({ content: 'from b', model: 'mb', usage: { prompt: 100, completion: 10 } }),
    }));
    const ledger = createUsageLedger();
    const kits = {
      a: buildProvider({ id: 'a', kind: 'openai-compatible', baseURL: a.baseURL, model: 'ma' }),
      b: buildProvider({
        id: 'b',
        kind: 'openai-compatible',
        baseURL: b.baseURL,
        model: 'mb',
        prices: { mb: { promptPerMTok: 10_000, completionPerMTok: 10_000 } },
      }),
    };
    const offline = createOfflineProvider();
    const events: UsageEvent[] = [];
    let spent = 0;
    const llm = createTeamLlm({
      providerIds: ['a', 'b'],
      clientFor: (order) =>
        createLlmClient({ providers: order.map((id) => kits[id as 'a' | 'b'].provider), offline, ledger }),
      offline: createLlmClient({ providers: [], offline, ledger }),
      meter: {
        record: (e) => {
          events.push(e);
          spent += e.usage.costUsd;
        },
        monthCostUsd: () => spent,
      },
    });
    const ask = { ...hi, task: { kind: 'route' as const, text: 'hi' } };
    const first = await llm.chat('answer', ask, { conversationId: 'c1' });
    expect(first.attempts.map((x) => [x.provider, x.ok])).toEqual([
      ['a', false],
      ['b', true],
    ]);
    // The profile's chain leaves `a` out.
    const second = await llm.chat('answer', ask, { conversationId: 'c1', fallbacks: ['b'] });
    expect(second.attempts.map((x) => x.provider)).toEqual(['b']);
    expect(events.map((e) => [e.conversationId, e.provider, e.model])).toEqual([
      ['c1', 'b', 'mb'],
      ['c1', 'b', 'mb'],
    ]);
    expect(spent).toBeCloseTo(2.2, 9);
    const capped = await llm.chat('answer', ask, { conversationId: 'c1', monthlyBudgetUsd: 2 });
    expect(capped.offline).toBe(true);
    expect(capped.attempts[0]).toMatchObject({ ok: false, code: 'llm-unavailable' });
    expect(capped.attempts[0]!.message).toMatch(/monthly model budget of \$2\.00 is reached \(\$2\.20 spent/);
    expect(b.requests).toHaveLength(2);
    expect(llm.usage('c1').calls).toBe(3);
  });
});
