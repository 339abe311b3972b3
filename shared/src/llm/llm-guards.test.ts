// The client's guards against a weak or broken model server, through the real `openai` SDK against a
// fake OpenAI-compatible server on loopback: bounded answers (max_tokens per role), a short timeout per
// step, a circuit breaker that stops calling a provider that keeps failing, the server's own error text
// kept, and every failure logged at warn level with the provider.
import { afterEach, describe, expect, it } from 'vitest';
import { fakeCompletion, startFakeOpenAi, type FakeOpenAi } from '../testing/fake-openai-server';
import { createLlmClient, defaultRoleMaxTokens } from './llm-client';
import { createOfflineProvider } from './offline/offline-provider';
import { createOpenAiProvider } from './openai-provider';

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
const provider = (id: string, s: FakeOpenAi) =>
  createOpenAiProvider({ id, baseURL: s.baseURL, model: 'm', timeoutMs: 30_000 });

describe('LLM client guards', () => {
  it('bounds every answer: max_tokens per role; a request may ask for fewer, never more', async () => {
    const server = await start(() => ({ body: fakeCompletion({ content: 'ok' }) }));
    const llm = createLlmClient({
      providers: [provider('p', server)],
      offline: createOfflineProvider(),
      roleMaxTokens: { nurturing: 77, twin: 8 },
    });
    await llm.chat('answer', ask);
    await llm.chat('nurturing', ask);
    await llm.chat('supervisor', { ...ask, maxTokens: 12 });
    // The twin step asks for 400 itself; the team's bound of 8 holds.
    await llm.chat('twin', { ...ask, maxTokens: 400 });
    expect(server.requests.map((r) => r.body.max_tokens)).toEqual([defaultRoleMaxTokens.answer, 77, 12, 8]);
    expect(defaultRoleMaxTokens.answer).toBeLessThanOrEqual(600);
  });

  it('a server that accepts connections and never answers costs one short step, then is skipped for a while', async () => {
    const hanging = await start(() => ({ delayMs: 60_000, body: fakeCompletion({ content: 'late' }) }));
    const warnings: Record<string, unknown>[] = [];
    const llm = createLlmClient({
      providers: [provider('hang', hanging)],
      offline: createOfflineProvider(),
      stepTimeoutMs: { supervisor: 300, twin: 300, answer: 300 },
      circuit: { openMs: 400 },
      log: { warn: (o) => warnings.push(o) },
    });
    const t0 = performance.now();
    const routed = await llm.chat('supervisor', ask);
    expect(routed.offline).toBe(true);
    expect(routed.attempts[0]).toMatchObject({ provider: 'hang', ok: false, code: 'llm-timeout' });
    expect(routed.attempts[0]!.message).toMatch(/supervisor step's 300 ms/);
    // The rest of the message's steps (facts, answer) do not wait for it again.
    const facts = await llm.chat('twin', {
      ...ask,
      task: { kind: 'extract', text: 'hi', now: new Date().toISOString() },
    });
    const answered = await llm.chat('answer', ask);
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(facts.attempts[0]).toMatchObject({ provider: 'hang', skipped: true, code: 'llm-unavailable' });
    expect(answered.attempts[0]!.skipped).toBe(true);
    expect(hanging.requests).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ provider: 'hang', code: 'llm-timeout', role: 'supervisor' });
    // After the pause one trial call goes out; failing again pauses it for longer.
    await new Promise((r) => setTimeout(r, 450));
    const trial = await llm.chat('answer', ask);
    expect(trial.attempts[0]).toMatchObject({ code: 'llm-timeout' });
    expect(hanging.requests).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 450));
    expect((await llm.chat('answer', ask)).attempts[0]!.skipped).toBe(true);
    expect(warnings.at(-1)).toMatchObject({ pausedForMs: 800 });
  });

  it('a provider that recovers is used again after its pause', async () => {
    let down = true;
    const flaky = await start(() =>
      down
        ? { status: 503, body: { error: { message: 'loading model' } } }
        : { body: fakeCompletion({ content: 'back' }) },
    );
    const llm = createLlmClient({
      providers: [provider('flaky', flaky)],
      offline: createOfflineProvider(),
      circuit: { failures: 2, openMs: 200 },
    });
    expect((await llm.chat('answer', ask)).offline).toBe(true);
    expect((await llm.chat('answer', ask)).offline).toBe(true);
    expect((await llm.chat('answer', ask)).attempts[0]!.skipped).toBe(true);
    expect(flaky.requests).toHaveLength(2);
    down = false;
    await new Promise((r) => setTimeout(r, 250));
    const back = await llm.chat('answer', ask);
    expect(back).toMatchObject({ content: 'back', offline: false });
    expect((await llm.chat('answer', ask)).content).toBe('back');
  });

  it("keeps the server's explanation of a 400, and a request-specific 400 does not pause the provider", async () => {
    const server = await start(() => ({
      status: 400,
      body: {
        error: {
          code: 400,
          message: 'the request exceeds the available context size, try increasing it',
          type: 'exceed_context_size_error',
        },
      },
    }));
    const llm = createLlmClient({
      providers: [provider('llama', server)],
      offline: createOfflineProvider(),
      circuit: { failures: 1 },
    });
    const out = await llm.chat('answer', ask);
    expect(out.attempts[0]!.message).toBe(
      "LLM provider 'llama' answered 400: the request exceeds the available context size, try increasing it",
    );
    await llm.chat('answer', ask);
    expect(server.requests).toHaveLength(2);
  });
});
