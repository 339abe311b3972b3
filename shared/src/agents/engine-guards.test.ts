// The engine's guards against a weak or broken model, through the real `openai` SDK against a fake
// OpenAI-compatible server on loopback that answers the way such models do: the reply gate, the rules
// beside the model's extraction, routing cross-checked with the local classifier, semantic checks on
// tool arguments and history bounded by tokens. (The same guards against the real llama-server with a
// random-weight model: sync-server/test/llm-real-server.test.ts.)
import { afterEach, describe, expect, it } from 'vitest';
import {
  fakeCompletion,
  startFakeOpenAi,
  type FakeOpenAi,
  type FakeRequest,
} from '../node/fake-openai-server';
import { createLlmClient } from '../llm/llm-client';
import { createOfflineProvider } from '../llm/offline/offline-provider';
import { createOpenAiProvider } from '../llm/openai-provider';
import { createAgentEngine, salesClassifier } from './engine';
import { createKeywordRetriever } from './keyword-retriever';
import { createMemoryStore } from './memory-store';
import { fixedClock } from './ports';
import { inbound, sampleKnowledge } from './test-support';

const servers: FakeOpenAi[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const system = (req: FakeRequest) => String((req.body.messages as { content: string }[])[0]?.content);
const isRoute = (req: FakeRequest) => system(req).startsWith('Classify');
const isExtract = (req: FakeRequest) => system(req).startsWith('Extract facts');

type Reply = ReturnType<typeof fakeCompletion>;
/** A fake model: routing, extraction and answers each scripted (answers in order, the last repeated). */
async function fakeModel(script: {
  route?: string;
  facts?: string;
  answers?: ((req: FakeRequest) => Reply)[];
}) {
  let i = 0;
  const answers = script.answers ?? [() => fakeCompletion({ content: 'Хорошо.' })];
  const server = await startFakeOpenAi((req) => {
    if (isRoute(req))
      return { body: fakeCompletion({ content: script.route ?? '{"intent":"price","confidence":0.9}' }) };
    if (isExtract(req)) return { body: fakeCompletion({ content: script.facts ?? '{"facts":[]}' }) };
    return { body: answers[Math.min(i++, answers.length - 1)]!(req) };
  });
  servers.push(server);
  return server;
}

function engineFor(server: FakeOpenAi) {
  const store = createMemoryStore('team-1');
  const llm = createLlmClient({
    providers: [createOpenAiProvider({ id: 'weak', baseURL: server.baseURL, model: 'tiny' })],
    offline: createOfflineProvider({ classifier: salesClassifier() }),
  });
  const engine = createAgentEngine({
    store,
    llm,
    retriever: createKeywordRetriever(sampleKnowledge),
    clock: fixedClock('2026-03-02T10:00:00.000Z'),
  });
  return { store, engine };
}

describe('reply gate in the engine', () => {
  it('never sends tool-call markup: the offline answer goes out instead, and the reason is in activity', async () => {
    const server = await fakeModel({
      answers: [
        () =>
          fakeCompletion({
            content: '<tool_call>\n{"name": "save_client_info", "arguments": {"name": "x"}}\n</tool_call>',
          }),
      ],
    });
    const { engine } = engineFor(server);
    const r = await engine.handleInbound(inbound('How much does the Business plan cost per user?'));
    expect(r.replies).toHaveLength(1);
    expect(r.replies[0]!.text).not.toMatch(/tool_call|\{"/);
    expect(r.replies[0]!.text).toContain('24 USD');
    expect(r.replies[0]!.author.name).toContain('offline');
    expect(r.provider).toMatchObject({ offline: true });
    expect(r.safety.replyGate).toMatch(/^markup/);
    const gate = r.activity.find((a) => a.name === 'reply-gate');
    expect(gate).toMatchObject({ status: 'denied', provider: 'weak' });
    expect(gate!.error).toMatch(/reply-gate: markup/);
  });

  it('a reply in the wrong language, token soup or an invented citation is not sent', async () => {
    for (const content of [
      'The Business plan costs 1990 RUB per user.',
      'availabilitybooleanPrime micro tow exceedslegs Crus pró натуральнfig Accounting(LocalDate=\\ino',
      'Тариф «Бизнес» стоит 1990 рублей [7].',
    ]) {
      const server = await fakeModel({ answers: [() => fakeCompletion({ content })] });
      const { engine } = engineFor(server);
      const r = await engine.handleInbound(inbound('Сколько стоит тариф Бизнес?'));
      expect(r.replies, content).toHaveLength(1);
      expect(r.replies[0]!.text).not.toBe(content);
      expect(r.replies[0]!.text).toContain('1990');
      expect(r.safety.replyGate).toBeDefined();
    }
  });

  it('a good reply passes the gate and is sent as written', async () => {
    const content = 'Тариф «Бизнес» стоит 1990 рублей в месяц за пользователя [1].';
    const server = await fakeModel({ answers: [() => fakeCompletion({ content })] });
    const { engine } = engineFor(server);
    const r = await engine.handleInbound(inbound('Сколько стоит тариф Бизнес?'));
    expect(r.replies[0]!.text).toBe(content);
    expect(r.safety.replyGate).toBeUndefined();
    expect(r.activity.find((a) => a.name === 'reply-gate')).toMatchObject({ status: 'ok' });
  });
});
