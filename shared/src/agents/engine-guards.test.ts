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
} from '../testing/fake-openai-server';
import { createLlmClient } from '../llm/llm-client';
import { createOfflineProvider } from '../llm/offline/offline-provider';
import { createOpenAiProvider } from '../llm/openai-provider';
import { createAgentEngine, salesClassifier } from './engine';
import { createKeywordRetriever } from './keyword-retriever';
import { createMemoryStore } from '../testing/memory-store';
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

function engineFor(server: FakeOpenAi, guards: Partial<Parameters<typeof createLlmClient>[0]> = {}) {
  const store = createMemoryStore('team-1');
  const llm = createLlmClient({
    providers: [createOpenAiProvider({ id: 'weak', baseURL: server.baseURL, model: 'tiny' })],
    offline: createOfflineProvider({ classifier: salesClassifier() }),
    ...guards,
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

  it('a good reply passes the gate and is sent as written, its marker resolved to the source', async () => {
    const content = 'Тариф «Бизнес» стоит 1990 рублей в месяц за пользователя [1].';
    const server = await fakeModel({ answers: [() => fakeCompletion({ content })] });
    const { engine } = engineFor(server);
    const r = await engine.handleInbound(inbound('Сколько стоит тариф Бизнес?'));
    expect(r.replies[0]!.text).toBe(
      'Тариф «Бизнес» стоит 1990 рублей в месяц за пользователя.\n\nИсточник: Тарифы и цены',
    );
    expect(r.replies[0]!.citations).toMatchObject([{ chunkId: 'prices:0' }]);
    expect(r.safety.replyGate).toBeUndefined();
    expect(r.activity.find((a) => a.name === 'reply-gate')).toMatchObject({ status: 'ok' });
  });
});

describe('facts: the rules beside the model', () => {
  it('an empty extraction ({"facts":[]}) does not drop what the customer typed', async () => {
    const server = await fakeModel({ facts: '{"facts":[]}' });
    const { engine } = engineFor(server);
    const r = await engine.handleInbound(
      inbound(
        'Меня зовут Анна, мой телефон +7 999 123-45-67, почта anna@example.com. Бюджет 300 тыс руб, сколько стоит тариф Бизнес?',
      ),
    );
    expect(r.contact).toMatchObject({ name: 'Анна', phone: '+79991234567', email: 'anna@example.com' });
    const keys = r.facts.added.map((f) => f.key).sort();
    expect(keys).toEqual(expect.arrayContaining(['budget', 'email', 'name', 'phone']));
  });

  it("a model's implausible or invented facts are refused and logged; the rules' stand", async () => {
    const server = await fakeModel({
      facts: JSON.stringify({
        facts: [
          { key: 'name', value: '23-020020.03-00020000Z' },
          { key: 'email', value: 'someone.else@example.org' },
          { key: 'company', value: '{"facts":' },
          { key: 'need', value: 'CRM for a sales team' },
        ],
      }),
    });
    const { engine } = engineFor(server);
    const r = await engine.handleInbound(
      inbound('Меня зовут Анна, почта anna@example.com. Нужна CRM для отдела продаж', { name: 'Anna T' }),
    );
    expect(r.contact.name).toBe('Анна');
    expect(r.contact.email).toBe('anna@example.com');
    expect(r.contact.company).toBeUndefined();
    const values = r.contact.twin.facts.map((f) => f.value);
    expect(values).not.toContain('23-020020.03-00020000Z');
    expect(values).not.toContain('someone.else@example.org');
    expect(values).toContain('CRM for a sales team');
    const check = r.activity.find((a) => a.name === 'extract-check');
    expect(check).toMatchObject({ status: 'denied', provider: 'weak' });
    expect(check!.error).toMatch(/name \(a name has no digits\).*email \(not in the message\).*company/);
  });
});

describe('tool arguments: semantic checks, rep-set and verified values kept', () => {
  const saveCall = (args: Record<string, unknown>) => () =>
    fakeCompletion({
      toolCalls: [{ id: 'c1', name: 'save_client_info', arguments: JSON.stringify(args) }],
    });
  const done = () => fakeCompletion({ content: 'Спасибо, записал.' });

  it('save_client_info with a name like 23-020020.03-00020000Z is refused and the real name stays', async () => {
    const server = await fakeModel({
      route: '{"intent":"contact_info","confidence":0.9}',
      answers: [saveCall({ name: '23-020020.03-00020000Z', phone: '+7 999 123-45-67' }), done],
    });
    const { engine } = engineFor(server);
    const r = await engine.handleInbound(inbound('Меня зовут Анна, телефон +7 999 123-45-67'));
    expect(r.toolCalls[0]).toMatchObject({
      name: 'save_client_info',
      ok: false,
      code: 'tool-arguments-invalid',
    });
    expect(r.toolCalls[0]!.ok || r.toolCalls[0]!.message).toMatch(/name: a name has no digits/);
    expect(r.contact.name).toBe('Анна');
    expect(r.contact.phone).toBe('+79991234567');
  });

  it("never overwrites a rep-set name or a verified phone; the customer's words join the twin", async () => {
    const server = await fakeModel({
      route: '{"intent":"contact_info","confidence":0.9}',
      answers: [saveCall({ name: 'Анюта', phone: '+7 916 555-44-33' }), done],
    });
    const { store, engine } = engineFor(server);
    const at = '2026-03-01T09:00:00.000Z';
    await store.put('contacts', {
      id: 'contact:telegram:100',
      name: 'Анна Петрова',
      phone: '+79991234567',
      contactPoints: { phone: { value: '+79991234567', status: 'verified', source: 'rep', at } },
      identities: [{ channel: 'telegram', externalId: '100' }],
      optOut: false,
      agentAccess: 'default',
      twin: { facts: [] },
      createdAt: at,
      updatedAt: at,
      fieldUpdatedAt: { name: at, phone: at },
    });
    const r = await engine.handleInbound(inbound('Зовите меня Анюта. Мой новый номер +7 916 555-44-33'));
    expect(r.contact.name).toBe('Анна Петрова');
    expect(r.contact.phone).toBe('+79991234567');
    expect(r.contact.phones?.map((p) => p.value)).toContain('+79165554433');
    const saved = r.toolCalls.find((t) => t.name === 'save_client_info');
    expect(saved).toMatchObject({ ok: true });
    // The phone was the rules' (the twin builder's) to note; the model's name is noted, not applied.
    expect(saved!.ok && saved!.result).toMatchObject({
      saved: [{ key: 'name', value: 'Анюта' }],
      notChanged: { fields: ['name'] },
    });
    expect(r.contact.twin.facts.find((f) => f.key === 'phone')).toMatchObject({ value: '+79165554433' });
  });
});

describe("routing: the model's intent cross-checked with the local classifier", () => {
  it('contact_info at 0.9 for a price question is not trusted: the classifier routes it', async () => {
    const server = await fakeModel({
      route: '{"intent":"contact_info","confidence":0.9}',
      answers: [() => fakeCompletion({ content: 'Тариф «Бизнес» стоит 1990 рублей [1].' })],
    });
    const { engine } = engineFor(server);
    const r = await engine.handleInbound(inbound('Сколько стоит тариф Бизнес?'));
    expect(r.route).toMatchObject({ intent: 'price', source: 'classifier' });
    const check = r.activity.find((a) => a.name === 'route-check');
    expect(check).toMatchObject({ status: 'denied', provider: 'weak' });
    expect(r.conversation.tags).toContain('intent:price');
    expect(r.conversation.tags).not.toContain('intent:contact_info');
  });

  it('a model intent the classifier agrees with is used as the model said', async () => {
    const server = await fakeModel({ route: '{"intent":"price","confidence":0.8}' });
    const { engine } = engineFor(server);
    const r = await engine.handleInbound(inbound('Сколько стоит тариф Бизнес?'));
    expect(r.route).toMatchObject({ intent: 'price', confidence: 0.8, source: 'llm' });
    expect(r.activity.find((a) => a.name === 'route-check')).toBeUndefined();
  });
});

describe('history bounded by tokens', () => {
  it('a long junk reply in the history neither overflows the prompt nor crowds out the rest', async () => {
    const server = await fakeModel({});
    const { store, engine } = engineFor(server);
    await engine.handleInbound(inbound('Здравствуйте, я Анна из ООО Ромашка', { n: 1 }));
    const junk = "-tooltip wondering.StatusOK作为一种รุ بالنrel بالن')?></ עוס综合体╠😧已久的 ".repeat(200);
    await store.put('messages', {
      ...inbound(junk, { n: 2, at: '2026-03-02T10:00:01.000Z' }),
      id: 'msg:agent:junk',
      direction: 'outbound',
      author: { kind: 'agent', id: 'agent-default' },
      delivery: { status: 'sent' },
      idempotencyKey: 'junk',
    });
    await store.put('messages', {
      ...inbound('Сколько стоит тариф Бизнес?', { n: 3, at: '2026-03-02T10:00:02.000Z' }),
    });
    const r = await engine.handleInbound(
      inbound('А доставка по России сколько дней занимает?', { n: 4, at: '2026-03-02T10:00:03.000Z' }),
    );
    expect(r.replies).toHaveLength(1);
    const answerReq = server.requests.filter((q) => !isRoute(q) && !isExtract(q)).at(-1)!;
    const messages = answerReq.body.messages as { role: string; content: string }[];
    const all = messages.map((m) => m.content).join('\n');
    expect(all.length).toBeLessThan(junk.length / 2);
    expect(all).toContain('Сколько стоит тариф Бизнес?');
    expect(messages.at(-1)!.content).toBe('А доставка по России сколько дней занимает?');
  });
});

describe('a server that accepts connections and never answers', () => {
  it('costs one short step, then is skipped: not three 30 s timeouts per message', async () => {
    const server = await startFakeOpenAi(() => ({
      delayMs: 60_000,
      body: fakeCompletion({ content: 'late' }),
    }));
    servers.push(server);
    const { engine } = engineFor(server, {
      stepTimeoutMs: { supervisor: 500, twin: 500, answer: 500 },
      circuit: { openMs: 60_000 },
    });
    let t0 = performance.now();
    const first = await engine.handleInbound(inbound('Сколько стоит тариф Бизнес?'));
    expect(performance.now() - t0).toBeLessThan(6_000);
    expect(first.replies).toHaveLength(1);
    expect(first.replies[0]!.text).toContain('1990');
    expect(server.requests).toHaveLength(1);
    expect(first.activity.filter((a) => a.name === 'llm-fallback').map((a) => a.status)).toEqual([
      'error',
      'skipped',
      'skipped',
    ]);
    t0 = performance.now();
    const second = await engine.handleInbound(
      inbound('А доставка?', { n: 2, at: '2026-03-02T10:01:00.000Z' }),
    );
    expect(performance.now() - t0).toBeLessThan(4_000);
    expect(second.replies).toHaveLength(1);
    expect(server.requests).toHaveLength(1);
  });
});
