// The real `openai` SDK against a fake OpenAI-compatible server on loopback: answers, per-role models,
// the fallback chain on 429 / 500 / timeouts / malformed bodies down to the offline provider,
// streaming, and token/cost accounting.
import { afterEach, describe, expect, it } from 'vitest';
import { fakeCompletion, fakeStream, startFakeOpenAi, type FakeOpenAi } from '../testing/fake-openai-server';
import { createLlmClient } from './llm-client';
import { createOfflineProvider } from './offline/offline-provider';
import { createOpenAiProvider } from './openai-provider';
import { llmConfigFromEnv } from './config';

const servers: FakeOpenAi[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
const start = async (...args: Parameters<typeof startFakeOpenAi>) => {
  const s = await startFakeOpenAi(...args);
  servers.push(s);
  return s;
};
const ask = {
  messages: [{ role: 'user' as const, content: 'hi' }],
  task: { kind: 'route' as const, text: 'hi' },
};

describe('LLM client over the openai SDK', () => {
  it('answers, uses per-role models, and accounts tokens and cost per conversation', async () => {
    const server = await start((req) => ({
      body: fakeCompletion({
        content: `model=${String(req.body.model)}`,
        model: String(req.body.model),
        usage: { prompt: 1000, completion: 500 },
      }),
    }));
    const llm = createLlmClient({
      providers: [
        createOpenAiProvider({
          id: 'p1',
          baseURL: server.baseURL,
          apiKey: 'k',
          model: 'gpt-4o',
          roleModels: { supervisor: 'gpt-4o-mini' },
        }),
      ],
      offline: createOfflineProvider(),
    });
    const routed = await llm.chat('supervisor', ask, { conversationId: 'c1' });
    const answered = await llm.chat('answer', ask, { conversationId: 'c1' });
    expect(routed.content).toBe('model=gpt-4o-mini');
    expect(answered.content).toBe('model=gpt-4o');
    expect(server.requests[0]!.headers.authorization).toBe('Bearer k');
    const usage = llm.usage('c1');
    expect(usage.calls).toBe(2);
    expect(usage.promptTokens).toBe(2000);
    expect(usage.byModel['gpt-4o-mini']!.costUsd).toBeCloseTo((1000 * 0.15 + 500 * 0.6) / 1e6, 9);
    expect(usage.costUsd).toBeCloseTo((1000 * 0.15 + 500 * 0.6 + 1000 * 2.5 + 500 * 10) / 1e6, 9);
    expect(llm.usage('other').calls).toBe(0);
  });

  it('falls back on 429, 500 and timeouts, then to the offline provider', async () => {
    const limited = await start(() => ({ status: 429, body: { error: { message: 'slow down' } } }));
    const broken = await start(() => ({ status: 500, body: { error: { message: 'boom' } } }));
    const slow = await start(() => ({ delayMs: 400, body: fakeCompletion({ content: 'late' }) }));
    const good = await start(() => ({ body: fakeCompletion({ content: 'from good' }) }));
    const p = (id: string, s: FakeOpenAi, timeoutMs = 5000) =>
      createOpenAiProvider({ id, baseURL: s.baseURL, model: 'm', timeoutMs });
    const offline = createOfflineProvider();
    const chain = createLlmClient({
      providers: [p('limited', limited), p('broken', broken), p('slow', slow, 100), p('good', good)],
      offline,
    });
    const ok = await chain.chat('answer', ask);
    expect(ok.content).toBe('from good');
    expect(ok.attempts.map((a) => [a.provider, a.code ?? 'ok'])).toEqual([
      ['limited', 'llm-rate-limited'],
      ['broken', 'llm-unavailable'],
      ['slow', 'llm-timeout'],
      ['good', 'ok'],
    ]);
    const allDown = createLlmClient({ providers: [p('limited', limited), p('broken', broken)], offline });
    const last = await allDown.chat('supervisor', ask);
    expect(last.offline).toBe(true);
    expect(last.provider).toBe('offline');
    expect(JSON.parse(last.content!)).toEqual({ intent: 'other', confidence: 0 });
    expect(last.attempts.filter((a) => !a.ok)).toHaveLength(2);
  });

  it('treats a malformed body or a body without choices as llm-bad-response and moves on', async () => {
    const garbage = await start(() => ({
      raw: '{"choices": [',
      headers: { 'content-type': 'application/json' },
    }));
    const empty = await start(() => ({ body: { id: 'x', choices: [] } }));
    const good = await start(() => ({ body: fakeCompletion({ content: 'fine' }) }));
    const p = (id: string, s: FakeOpenAi) => createOpenAiProvider({ id, baseURL: s.baseURL, model: 'm' });
    const llm = createLlmClient({
      providers: [p('garbage', garbage), p('empty', empty), p('good', good)],
      offline: createOfflineProvider(),
    });
    const out = await llm.chat('answer', ask);
    expect(out.content).toBe('fine');
    expect(out.attempts.slice(0, 2).map((a) => a.code)).toEqual(['llm-bad-response', 'llm-bad-response']);
  });

  it('retries without JSON mode when a service rejects response_format', async () => {
    const server = await start((req) =>
      req.body.response_format
        ? { status: 400, body: { error: { message: 'response_format unsupported' } } }
        : { body: fakeCompletion({ content: '{"intent":"price"}' }) },
    );
    const llm = createLlmClient({
      providers: [createOpenAiProvider({ id: 'old', baseURL: server.baseURL, model: 'm' })],
      offline: createOfflineProvider(),
    });
    const out = await llm.chat('supervisor', { ...ask, json: true });
    expect(out).toMatchObject({ provider: 'old', content: '{"intent":"price"}' });
    expect(server.requests.map((r) => !!r.body.response_format)).toEqual([true, false]);
  });

  it('streams text deltas and assembles streamed tool calls', async () => {
    const server = await start((req) =>
      req.body.stream
        ? {
            stream: fakeStream(['Hel', 'lo ', 'there'], 'm', {
              name: 'search_knowledge',
              arguments: '{"query":"price list"}',
            }),
          }
        : { status: 400 },
    );
    const llm = createLlmClient({
      providers: [createOpenAiProvider({ id: 's', baseURL: server.baseURL, model: 'm' })],
      offline: createOfflineProvider(),
    });
    const deltas: string[] = [];
    const out = await llm.chat('answer', ask, { onDelta: (d) => deltas.push(d), conversationId: 'c' });
    expect(deltas).toEqual(['Hel', 'lo ', 'there']);
    expect(out.content).toBe('Hello there');
    expect(out.toolCalls).toEqual([
      { id: 'call_s1', name: 'search_knowledge', arguments: '{"query":"price list"}' },
    ]);
    expect(server.requests[0]!.body.stream_options).toEqual({ include_usage: true });
    expect(llm.usage('c').completionTokens).toBe(3);
  });

  it('sends tools and tool results in OpenAI shape', async () => {
    const server = await start(() => ({ body: fakeCompletion({ content: 'ok' }) }));
    const llm = createLlmClient({
      providers: [createOpenAiProvider({ id: 's', baseURL: server.baseURL, model: 'm' })],
      offline: createOfflineProvider(),
    });
    await llm.chat('answer', {
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: null, toolCalls: [{ id: 'c1', name: 't', arguments: '{}' }] },
        { role: 'tool', toolCallId: 'c1', content: '{"ok":true}' },
      ],
      tools: [{ name: 't', description: 'd', parameters: { type: 'object', properties: {} } }],
    });
    const body = server.requests[0]!.body as { messages: unknown[]; tools: unknown[] };
    expect(body.tools).toEqual([
      {
        type: 'function',
        function: { name: 't', description: 'd', parameters: { type: 'object', properties: {} } },
      },
    ]);
    expect(body.messages[1]).toMatchObject({
      role: 'assistant',
      tool_calls: [{ id: 'c1', type: 'function', function: { name: 't' } }],
    });
    expect(body.messages[2]).toEqual({ role: 'tool', tool_call_id: 'c1', content: '{"ok":true}' });
  });

  it('reads providers from the environment and hides secrets in errors', () => {
    expect(llmConfigFromEnv({}).providers).toEqual([]);
    const cfg = llmConfigFromEnv({
      LLM_BASE_URL: 'http://127.0.0.1:1/v1',
      LLM_API_KEY: 'sk-secret',
      LLM_MODEL: 'big',
      LLM_ROUTER_MODEL: 'small',
    });
    expect(cfg.providers[0]).toMatchObject({
      id: 'primary',
      model: 'big',
      roleModels: { supervisor: 'small' },
    });
    expect(() => llmConfigFromEnv({ LLM_FALLBACKS: '[{"id":"x","apiKey":"sk-leak"}]' })).toThrow(
      /LLM_FALLBACKS/,
    );
    try {
      llmConfigFromEnv({ LLM_FALLBACKS: '[{"id":"x","apiKey":"sk-leak"}]' });
    } catch (e) {
      expect(String(e)).not.toContain('sk-leak');
    }
  });
});
