// Streaming through the real `openai` SDK against a fake server on loopback sending server-sent events
// the way OpenAI documents them: `stream: true` with `stream_options.include_usage`, a first chunk with
// the role, content deltas, tool-call deltas by index (name and id once, arguments in pieces), a chunk
// with the finish_reason, a last chunk with no choices and the usage, then `data: [DONE]`. A stream
// cut in the middle is a clear, coded failure; the chain tells the listener to drop what it showed
// and the next provider answers; the accounting counts exactly what the servers said they served.
import { afterEach, describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { fakeStream, startFakeOpenAi, type FakeOpenAi } from '../testing/fake-openai-server';
import { createLlmClient } from './llm-client';
import { createOfflineProvider } from './offline/offline-provider';
import { createOpenAiProvider } from './openai-provider';
import { createTeamLlm, type UsageEvent } from './team-client';
import { createUsageLedger } from './usage-ledger';

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
  messages: [{ role: 'user' as const, content: 'Сколько стоит тариф?' }],
  task: { kind: 'route' as const, text: 'Сколько стоит тариф?' },
};
const base = {
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 1_700_000_000,
  model: 'gpt-4o-mini',
};
const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
  ...base,
  choices: [{ index: 0, delta, finish_reason: finish }],
});
/** A documented stream: role, text, two tool calls streamed by index, finish, usage. */
const documented = (usage: { prompt: number; completion: number }) => [
  chunk({ role: 'assistant', content: '' }),
  chunk({ content: 'Сейчас ' }),
  chunk({ content: 'посмотрю.' }),
  chunk({
    tool_calls: [
      { index: 0, id: 'call_a', type: 'function', function: { name: 'search_knowledge', arguments: '' } },
    ],
  }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: '{"query":' } }] }),
  chunk({
    tool_calls: [
      { index: 1, id: 'call_b', type: 'function', function: { name: 'create_task', arguments: '' } },
    ],
  }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: '"тарифы"}' } }] }),
  chunk({ tool_calls: [{ index: 1, function: { arguments: '{"title":"Позвонить"}' } }] }),
  chunk({}, 'tool_calls'),
  {
    ...base,
    choices: [],
    usage: {
      prompt_tokens: usage.prompt,
      completion_tokens: usage.completion,
      total_tokens: usage.prompt + usage.completion,
    },
  },
];
const failureOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (isDomainError(e) ? `${e.code}: ${e.message}` : String(e)),
  );

describe('streamed answers (SSE)', () => {
  it('streams text and tool-call deltas as OpenAI documents them, and accounts the usage chunk exactly', async () => {
    const server = await start((req) =>
      req.body.stream ? { stream: documented({ prompt: 1234, completion: 56 }) } : { status: 400 },
    );
    const events: UsageEvent[] = [];
    const ledger = createUsageLedger();
    const offline = createOfflineProvider();
    const provider = createOpenAiProvider({ id: 'openai', baseURL: server.baseURL, model: 'gpt-4o-mini' });
    const llm = createTeamLlm({
      providerIds: ['openai'],
      clientFor: () => createLlmClient({ providers: [provider], offline, ledger }),
      offline: createLlmClient({ providers: [], offline, ledger }),
      meter: { record: (e) => events.push(e), monthCostUsd: () => 0 },
    });
    const deltas: string[] = [];
    const out = await llm.chat('answer', ask, { conversationId: 'c1', onDelta: (d) => deltas.push(d) });

    expect(server.requests[0]!.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 500,
    });
    expect(deltas).toEqual(['Сейчас ', 'посмотрю.']);
    expect(out.content).toBe('Сейчас посмотрю.');
    expect(out.finishReason).toBe('tool_calls');
    expect(out.toolCalls).toEqual([
      { id: 'call_a', name: 'search_knowledge', arguments: '{"query":"тарифы"}' },
      { id: 'call_b', name: 'create_task', arguments: '{"title":"Позвонить"}' },
    ]);
    // gpt-4o-mini: $0.15 / $0.60 per million tokens; the usage chunk's numbers, nothing estimated.
    const cost = (1234 * 0.15 + 56 * 0.6) / 1_000_000;
    expect(out.usage).toEqual({ promptTokens: 1234, completionTokens: 56, costUsd: cost });
    expect(events).toEqual([
      {
        conversationId: 'c1',
        provider: 'openai',
        model: 'gpt-4o-mini',
        usage: { promptTokens: 1234, completionTokens: 56, costUsd: cost },
      },
    ]);
    expect(ledger.get('c1')).toMatchObject({
      promptTokens: 1234,
      completionTokens: 56,
      costUsd: cost,
      calls: 1,
    });
  });

  it('a stream dropped mid-answer is a clear failure; the listener is told to start over and the next provider answers', async () => {
    const dropping = await start(() => ({ stream: fakeStream(['Тариф ', 'стоит ', '99']), cutAfter: 2 }));
    const whole = await start(() => ({ stream: fakeStream(['Тариф стоит ', '990 ₽.']) }));
    const ledger = createUsageLedger();
    const llm = createLlmClient({
      providers: [
        createOpenAiProvider({ id: 'first', baseURL: dropping.baseURL, model: 'm1' }),
        createOpenAiProvider({ id: 'second', baseURL: whole.baseURL, model: 'm2' }),
      ],
      offline: createOfflineProvider(),
      ledger,
    });
    const shown: string[] = [];
    const resets: string[] = [];
    const out = await llm.chat('answer', ask, {
      conversationId: 'c2',
      onDelta: (d) => shown.push(d),
      onDeltaReset: (reason) => {
        resets.push(reason);
        shown.length = 0;
      },
    });
    expect(resets).toHaveLength(1);
    expect(resets[0]).toMatch(
      /^LLM provider 'first' dropped the stream \(terminated\) after 2 chunk\(s\) \(12 characters of the answer\): the answer is incomplete$/,
    );
    expect(out.attempts.map((a) => [a.provider, a.ok, a.code])).toEqual([
      ['first', false, 'llm-unavailable'],
      ['second', true, undefined],
    ]);
    expect(shown.join('')).toBe('Тариф стоит 990 ₽.');
    expect(out.content).toBe('Тариф стоит 990 ₽.');
    // Only the answer that came whole is counted (fakeStream's usage chunk: 12 prompt, 2 completion).
    expect(ledger.get('c2')).toMatchObject({ promptTokens: 12, completionTokens: 2, calls: 1 });
  });

  it('a stream that closes cleanly without a finish_reason is incomplete, not an answer', async () => {
    // Two content chunks and `data: [DONE]`, but no finish_reason and no usage: a proxy cut it short.
    const server = await start(() => ({ stream: fakeStream(['Тариф ', 'стоит']).slice(0, 2) }));
    const provider = createOpenAiProvider({ id: 'short', baseURL: server.baseURL, model: 'm' });
    const deltas: string[] = [];
    expect(await failureOf(provider.chat(ask, { model: 'm', onDelta: (d) => deltas.push(d) }))).toBe(
      "llm-unavailable: LLM provider 'short' ended the stream before the answer was complete after 2 chunk(s) (11 characters of the answer): the answer is incomplete",
    );
    expect(deltas).toEqual(['Тариф ', 'стоит']);
  });

  it("a step's timeout stops a slow stream after its first deltas; the listener is told", async () => {
    const server = await start((req) =>
      // 7 chunks 300 ms apart: the first delta comes well within the step, the end well after it.
      req.body.stream
        ? { stream: fakeStream(['a', 'b', 'c', 'd', 'e']), chunkDelayMs: 300 }
        : { status: 400 },
    );
    const llm = createLlmClient({
      providers: [createOpenAiProvider({ id: 'slow', baseURL: server.baseURL, model: 'm' })],
      offline: createOfflineProvider(),
      stepTimeoutMs: { answer: 1_000 },
    });
    const resets: string[] = [];
    const out = await llm.chat('answer', ask, {
      onDelta: () => undefined,
      onDeltaReset: (r) => resets.push(r),
    });
    expect(out.offline).toBe(true);
    expect(out.attempts[0]).toMatchObject({ provider: 'slow', ok: false, code: 'llm-timeout' });
    expect(resets).toEqual([out.attempts[0]!.message]);
    expect(server.requests).toHaveLength(1);
  });
});
