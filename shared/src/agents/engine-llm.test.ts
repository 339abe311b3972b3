// The engine with the real `openai` SDK against a fake OpenAI-compatible server: multi-step tool calls,
// malformed tool-call JSON, unknown and forbidden tools, a bounded loop, fallback to the offline
// provider, and streaming of the answer.
import { afterEach, describe, expect, it } from 'vitest';
import {
  fakeCompletion,
  fakeStream,
  startFakeOpenAi,
  type FakeOpenAi,
  type FakeRequest,
} from '../testing/fake-openai-server';
import { createLlmClient } from '../llm/llm-client';
import { createOfflineProvider } from '../llm/offline/offline-provider';
import { createOpenAiProvider } from '../llm/openai-provider';
import { validateDoc } from '../validation';
import { createAgentEngine, salesClassifier } from './engine';
import { createKeywordRetriever } from './keyword-retriever';
import { createMemoryStore } from '../testing/memory-store';
import { fixedClock } from './ports';
import { defaultProfile } from './profiles';
import { inbound, sampleKnowledge } from './test-support';

const servers: FakeOpenAi[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

type Script = (req: FakeRequest) => ReturnType<typeof fakeCompletion> | { status: number };
const isAnswer = (req: FakeRequest) =>
  Array.isArray(req.body.tools) ||
  String((req.body.messages as { content: string }[])[0]?.content).includes('Rules that nothing');
const isRoute = (req: FakeRequest) =>
  String((req.body.messages as { content: string }[])[0]?.content).startsWith('Classify');

/** Routing and extraction answered sensibly; the answer role follows `answers` in order. */
async function fakeLlm(answers: Script[], route = '{"intent":"price","confidence":0.9}') {
  let i = 0;
  const server = await startFakeOpenAi((req) => {
    if (isRoute(req)) return { body: fakeCompletion({ content: route }) };
    if (!isAnswer(req)) return { body: fakeCompletion({ content: '{"facts":[]}' }) };
    const next = answers[Math.min(i++, answers.length - 1)]!(req);
    return 'status' in next
      ? { status: next.status, body: { error: { message: 'x' } } }
      : { body: { ...next, model: String(req.body.model) } };
  });
  servers.push(server);
  return server;
}

function engineFor(server: FakeOpenAi, opts: { allowedTools?: string[]; maxToolSteps?: number } = {}) {
  const warnings: Record<string, unknown>[] = [];
  const log = { info() {}, error() {}, warn: (o: Record<string, unknown>) => void warnings.push(o) };
  const store = createMemoryStore('team-1');
  const llm = createLlmClient({
    providers: [
      createOpenAiProvider({
        id: 'fake',
        baseURL: server.baseURL,
        model: 'big',
        roleModels: { supervisor: 'small' },
        timeoutMs: 2000,
      }),
    ],
    offline: createOfflineProvider({ classifier: salesClassifier() }),
  });
  const engine = createAgentEngine({
    store,
    llm,
    retriever: createKeywordRetriever(sampleKnowledge),
    clock: fixedClock('2026-03-02T10:00:00.000Z'),
    limits: { maxToolSteps: opts.maxToolSteps ?? 4 },
    log,
  });
  if (opts.allowedTools) {
    void store.put('agent_settings', {
      ...defaultProfile,
      id: 'agent-tg',
      isDefault: false,
      channels: ['telegram'],
      allowedTools: opts.allowedTools,
    });
  }
  return { store, engine, llm, warnings };
}

const call = (name: string, args: string, id = `c_${name}`) => ({ id, name, arguments: args });

describe('agent engine with the openai SDK', () => {
  it('runs a multi-step tool loop and answers with citations', async () => {
    const server = await fakeLlm([
      () =>
        fakeCompletion({ toolCalls: [call('save_client_info', '{"name":"Ivan","budget":"300000 RUB"}')] }),
      () =>
        fakeCompletion({
          toolCalls: [
            call('create_task', '{"title":"Send the proposal","priority":"high"}'),
            call('update_lead', '{"stage":"qualified"}'),
          ],
        }),
      () =>
        fakeCompletion({
          content: 'Тариф «Бизнес» стоит 1990 рублей [1].',
          usage: { prompt: 900, completion: 40 },
        }),
    ]);
    const { store, engine, llm } = engineFor(server);
    const r = await engine.handleInbound(
      inbound('Сколько стоит тариф Бизнес? Меня зовут Иван, бюджет 300 тыс руб'),
    );
    expect(r.provider).toMatchObject({ id: 'fake', model: 'big', offline: false });
    // The customer reads no marker; the citation stays exact.
    expect(r.replies[0]!.text).toBe('Тариф «Бизнес» стоит 1990 рублей.\n\nИсточник: Тарифы и цены');
    expect(r.replies[0]!.citations).toEqual([
      { chunkId: 'prices:0', sourceId: 'prices', title: 'Тарифы и цены' },
    ]);
    expect(r.toolCalls.map((t) => [t.name, t.ok])).toEqual([
      ['save_client_info', true],
      ['create_task', true],
      ['update_lead', true],
    ]);
    expect(store.all('tasks')[0]).toMatchObject({ title: 'Send the proposal', contactId: r.contact.id });
    expect(r.lead.stage).toBe('qualified');
    expect(r.contact.name).toBe('Ivan');
    const toolLog = r.activity.filter((a) => a.kind === 'tool-call');
    expect(toolLog.map((a) => [a.name, a.status])).toEqual([
      ['save_client_info', 'ok'],
      ['create_task', 'ok'],
      ['update_lead', 'ok'],
    ]);
    for (const a of r.activity) expect(validateDoc('activity', a)).toMatchObject({ ok: true });
    const answerReqs = server.requests.filter(isAnswer);
    expect(answerReqs).toHaveLength(3);
    const last = answerReqs[2]!.body.messages as { role: string; tool_call_id?: string; content: string }[];
    expect(last.filter((m) => m.role === 'tool').map((m) => m.tool_call_id)).toEqual([
      'c_save_client_info',
      'c_create_task',
      'c_update_lead',
    ]);
    expect(server.requests.find(isRoute)!.body.model).toBe('small');
    expect(llm.usage(r.conversation.id).promptTokens).toBeGreaterThanOrEqual(900);
    expect(r.activity.find((a) => a.kind === 'llm-call' && a.role === 'answer')?.tokens?.prompt).toBe(10);
  });

  it('survives malformed tool JSON, unknown tools and forbidden tools with coded errors', async () => {
    const server = await fakeLlm([
      () =>
        fakeCompletion({
          toolCalls: [
            call('save_client_info', '{"name": "Ivan",,'),
            call('export_all_contacts', '{}'),
            call('create_task', '{"title":"x"}'),
            call('save_client_info', '{"email":"not-an-email"}'),
          ],
        }),
      () => fakeCompletion({ content: 'Готово.' }),
    ]);
    const { store, engine } = engineFor(server, { allowedTools: ['save_client_info', 'call_human'] });
    const r = await engine.handleInbound(inbound('Сколько стоит?'));
    expect(r.toolCalls.map((t) => (t.ok ? 'ok' : t.code))).toEqual([
      'tool-arguments-invalid',
      'tool-unknown',
      'tool-not-allowed',
      'tool-arguments-invalid',
    ]);
    expect(store.all('tasks')).toHaveLength(0);
    expect(r.replies[0]!.text).toBe('Готово.');
    const logged = r.activity
      .filter((a) => a.kind === 'tool-call')
      .map((a) => [a.name, a.status, a.error?.split(':')[0]]);
    expect(logged).toEqual([
      ['save_client_info', 'error', 'tool-arguments-invalid'],
      ['export_all_contacts', 'error', 'tool-unknown'],
      ['create_task', 'denied', 'tool-not-allowed'],
      ['save_client_info', 'error', 'tool-arguments-invalid'],
    ]);
    const tools = (server.requests.filter(isAnswer)[0]!.body.tools as { function: { name: string } }[]).map(
      (t) => t.function.name,
    );
    expect(tools.sort()).toEqual(['call_human', 'save_client_info']);
    const second = server.requests.filter(isAnswer)[1]!.body.messages as { role: string; content: string }[];
    expect(second.filter((m) => m.role === 'tool').map((m) => JSON.parse(m.content).error.code)).toEqual([
      'tool-arguments-invalid',
      'tool-unknown',
      'tool-not-allowed',
      'tool-arguments-invalid',
    ]);
  });

  it('cites knowledge the model found through search_knowledge', async () => {
    const server = await fakeLlm([
      () => fakeCompletion({ toolCalls: [call('search_knowledge', '{"query":"доставка СДЭК"}')] }),
      (req) => {
        const tool = (req.body.messages as { role: string; content: string }[]).find(
          (m) => m.role === 'tool',
        )!;
        const hit = (
          JSON.parse(tool.content) as { result: { hits: { n: number; chunkId: string }[] } }
        ).result.hits.find((h) => h.chunkId === 'delivery:0')!;
        return fakeCompletion({ content: `Доставка по России 3-7 дней [${hit.n}].` });
      },
    ]);
    const { engine } = engineFor(server);
    const r = await engine.handleInbound(inbound('Сколько стоит тариф?'));
    expect(r.replies[0]!.citations?.map((c) => c.chunkId)).toEqual(['delivery:0']);
  });

  it('bounds the tool loop: the last call goes without tools', async () => {
    const server = await fakeLlm([
      (req) =>
        req.body.tools
          ? fakeCompletion({ toolCalls: [call('search_knowledge', '{"query":"цены"}')] })
          : fakeCompletion({ content: 'Итог [1]' }),
    ]);
    const { engine } = engineFor(server, { maxToolSteps: 2 });
    const r = await engine.handleInbound(inbound('Сколько стоит?'));
    const answerReqs = server.requests.filter(isAnswer);
    expect(answerReqs).toHaveLength(3);
    expect(answerReqs[2]!.body.tools).toBeUndefined();
    expect(r.toolCalls).toHaveLength(2);
    expect(r.replies[0]!.text).toBe('Итог\n\nИсточник: Тарифы и цены');
  });

  it('falls back to the offline provider when the service fails, and says so', async () => {
    const server = await startFakeOpenAi(() => ({ status: 500, body: { error: { message: 'down' } } }));
    servers.push(server);
    const { engine, warnings } = engineFor(server);
    const r = await engine.handleInbound(inbound('How much does the Business plan cost per user?'));
    expect(r.provider).toMatchObject({ id: 'offline', offline: true });
    // The server log has each failure at warn level, with the provider and what it answered.
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatchObject({ provider: 'fake', code: 'llm-unavailable', role: 'supervisor' });
    expect(String(warnings[0]!.error)).toContain('answered 500: down');
    expect(r.replies[0]!.text).toContain('24 USD');
    expect(r.replies[0]!.author.name).toContain('offline');
    const fallbacks = r.activity.filter((a) => a.name === 'llm-fallback');
    expect(fallbacks.length).toBeGreaterThanOrEqual(3);
    expect(fallbacks.every((a) => a.error?.startsWith('llm-unavailable') && a.provider === 'fake')).toBe(
      true,
    );
    // Two failures in a row pause the provider: the later steps of the run do not call it.
    expect(fallbacks.map((a) => a.status)).toEqual([
      'error',
      'error',
      ...fallbacks.slice(2).map(() => 'skipped'),
    ]);
    expect(server.requests).toHaveLength(2);
  });

  it("uses the profile's model per role and accounts the conversation's usage", async () => {
    const server = await fakeLlm([
      () => fakeCompletion({ content: 'Ок [1]', usage: { prompt: 1000, completion: 100 } }),
    ]);
    const { store, engine } = engineFor(server);
    await store.put('agent_settings', {
      ...defaultProfile,
      id: 'agent-strong',
      isDefault: false,
      channels: ['telegram'],
      models: { answer: { model: 'gpt-4o', temperature: 0.2 }, supervisor: { model: 'gpt-4o-mini' } },
    });
    const r = await engine.handleInbound(inbound('Сколько стоит тариф Команда?'));
    const answerReq = server.requests.find(isAnswer)!;
    expect(answerReq.body).toMatchObject({ model: 'gpt-4o', temperature: 0.2 });
    expect(server.requests.find(isRoute)!.body.model).toBe('gpt-4o-mini');
    expect(r.usage.byModel['gpt-4o']).toMatchObject({ promptTokens: 1000, completionTokens: 100, calls: 1 });
    expect(r.usage.byModel['gpt-4o']!.costUsd).toBeCloseTo((1000 * 2.5 + 100 * 10) / 1e6, 9);
    expect(r.usage.calls).toBe(3);
  });

  it('falls back when the routing model answers nonsense', async () => {
    const server = await fakeLlm([() => fakeCompletion({ content: 'ok' })], 'not json at all');
    const { engine } = engineFor(server);
    const r = await engine.handleInbound(inbound('Сколько стоит тариф Команда?'));
    expect(r.route).toMatchObject({ intent: 'price', source: 'classifier' });
    expect(
      r.activity.some(
        (a) => a.role === 'supervisor' && a.kind === 'error' && a.error?.startsWith('llm-bad-response'),
      ),
    ).toBe(true);
  });

  it('streams the answer through onDelta', async () => {
    const server = await startFakeOpenAi((req) =>
      req.body.stream
        ? { stream: fakeStream(['Тариф ', 'стоит ', '990 ₽ [1]']) }
        : {
            body: fakeCompletion({
              content: isRoute(req) ? '{"intent":"price","confidence":0.9}' : '{"facts":[]}',
            }),
          },
    );
    servers.push(server);
    const { engine } = engineFor(server);
    const deltas: string[] = [];
    const r = await engine.handleInbound(inbound('Сколько стоит тариф Команда?'), {
      onDelta: (d) => deltas.push(d),
    });
    expect(deltas).toEqual(['Тариф ', 'стоит ', '990 ₽ [1]']);
    expect(r.replies[0]!.text).toBe('Тариф стоит 990 ₽\n\nИсточник: Тарифы и цены');
  });
});
