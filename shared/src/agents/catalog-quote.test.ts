// The engine answers a price question from the catalog (issue 38): the products a message names are
// quoted by the `quote` tool, the reply is the computed arithmetic in the conversation's language with
// the catalog cited, the quote is saved on the deal and its amount follows as the profile allows. With a
// model, the tools are validated and a reply that changes the computed numbers is not sent.
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
import type { LlmClient } from '../llm/types';
import type { AgentSettingsDoc, ProductDoc } from '../schemas/index';
import { validateDoc } from '../validation';
import { createAgentEngine, salesClassifier } from './engine';
import { createKeywordRetriever } from './keyword-retriever';
import { createMemoryStore } from '../testing/memory-store';
import { fixedClock } from './ports';
import { defaultProfile } from './profiles';
import { checkReply } from './reply-gate';
import { inbound, sampleKnowledge } from './test-support';

const widgetPro: ProductDoc = {
  id: 'prod-wp',
  sku: 'WP-1',
  name: 'Widget Pro',
  prices: [{ currency: 'RUB', amount: 1250 }],
  discounts: [{ minQuantity: 10, percent: 10 }],
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
};
const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

const offline = () =>
  createLlmClient({ providers: [], offline: createOfflineProvider({ classifier: salesClassifier() }) });

async function setup(llm: LlmClient, profile: Partial<AgentSettingsDoc> = {}) {
  const store = createMemoryStore('team-1');
  await store.put('products', widgetPro);
  await store.put('agent_settings', { ...defaultProfile, id: 'agent-team', ...profile });
  const engine = createAgentEngine({
    store,
    llm,
    retriever: createKeywordRetriever(sampleKnowledge),
    clock: fixedClock('2026-03-02T10:00:00.000Z'),
  });
  return { store, engine };
}

describe('a price question answered from the catalog, offline', () => {
  it.each([
    [
      'How much for 20 Widget Pro?',
      'en',
      'Widget Pro: 20 × ₽1,250 = ₽25,000; −10% from 10 pcs: ₽22,500.',
      'Source: Product catalog',
    ],
    [
      'Сколько стоят 20 Widget Pro?',
      'ru',
      'Widget Pro: 20 × 1 250 ₽ = 25 000 ₽; −10 % от 10 шт.: 22 500 ₽.',
      'Источник: Каталог товаров',
    ],
  ] as const)('%s', async (text, language, arithmetic, source) => {
    const { store, engine } = await setup(offline(), { toolEffects: { value: 'allow' } });
    const r = await engine.handleInbound(inbound(text));
    expect(r.handoff).toBeUndefined();
    const reply = r.replies[0]!;
    expect(spaces(reply.text)).toContain(arithmetic);
    expect(reply.text.endsWith(source)).toBe(true);
    expect(reply.citations).toEqual([
      { chunkId: 'catalog:prod-wp', sourceId: 'catalog', title: source.split(': ')[1] },
    ]);
    expect(reply.author.name).toContain('(offline)');
    // The reply passes the gate a model's reply must pass, in the conversation's language.
    expect(checkReply({ text: reply.text, language, sources: 1, quoteTotal: 22500 })).toMatchObject({
      ok: true,
    });
    // Saved on the deal, whose amount follows (this profile allows agents to set it).
    const lead = store.all('leads')[0]!;
    expect(lead.value).toEqual({ amount: 22500, currency: 'RUB' });
    expect(lead.quote).toMatchObject({
      total: 22500,
      currency: 'RUB',
      lines: [
        {
          sku: 'WP-1',
          quantity: 20,
          unitPrice: 1250,
          total: 22500,
          discounts: [{ kind: 'volume', percent: 10 }],
        },
      ],
      messageId: inbound(text).id,
    });
    expect(validateDoc('leads', lead)).toMatchObject({ ok: true });
    const steps = r.activity.map((a) => `${a.role}:${a.name}:${a.status}`);
    expect(steps).toEqual(
      expect.arrayContaining(['supervisor:catalog:ok', 'answer:quote:ok', 'answer:deal-quote:ok']),
    );
    // No knowledge paragraph stands in for the quote: the catalog step came instead of the lookup.
    expect(steps.some((s) => s.startsWith('answer:retrieve'))).toBe(false);
    for (const a of r.activity) expect(validateDoc('activity', a)).toMatchObject({ ok: true });
  });

  it("with the default policy the deal's amount is proposed to a rep; the quote is saved", async () => {
    const { store, engine } = await setup(offline());
    const r = await engine.handleInbound(inbound('Виджет Про, 5 шт — сколько?'));
    expect(spaces(r.replies[0]!.text)).toContain('Widget Pro: 5 × 1 250 ₽ = 6 250 ₽.');
    const lead = store.all('leads')[0]!;
    expect(lead.value).toBeUndefined();
    expect(lead.quote?.total).toBe(6250);
    expect(lead.proposals?.[0]).toMatchObject({
      status: 'pending',
      changes: { value: { amount: 6250, currency: 'RUB' } },
    });
    expect(r.activity.some((a) => a.name === 'lead-change-proposed')).toBe(true);
  });

  it("quotes in the customer's language's price list unless they name a currency", async () => {
    const priced = async (text: string) => {
      const store = createMemoryStore('team-1');
      await store.put('products', {
        ...widgetPro,
        prices: [...widgetPro.prices, { currency: 'USD', amount: 15 }],
      });
      await store.put('agent_settings', { ...defaultProfile, id: 'agent-team' });
      const engine = createAgentEngine({
        store,
        llm: offline(),
        retriever: createKeywordRetriever(sampleKnowledge),
        clock: fixedClock('2026-03-02T10:00:00.000Z'),
      });
      await engine.handleInbound(inbound(text));
      return store.all('leads')[0]!.quote?.currency;
    };
    expect(await priced('How much for 2 Widget Pro?')).toBe('USD');
    expect(await priced('Сколько стоят 2 Widget Pro?')).toBe('RUB');
    expect(await priced('How much for 2 Widget Pro in rubles?')).toBe('RUB');
    expect(await priced('Сколько стоят 2 Widget Pro в долларах?')).toBe('USD');
  });

  it('a message that names no product is not quoted', async () => {
    const { store, engine } = await setup(offline());
    const r = await engine.handleInbound(inbound('Сколько стоит тариф Бизнес?'));
    expect(r.activity.some((a) => a.name === 'catalog' || a.name === 'quote')).toBe(false);
    expect(r.replies[0]!.text).not.toContain('Каталог');
    expect(store.all('leads')[0]!.quote).toBeUndefined();
  });

  it('a retired product is not quoted', async () => {
    const { store, engine } = await setup(offline());
    await store.put('products', { ...widgetPro, active: false });
    const r = await engine.handleInbound(inbound('How much for 20 Widget Pro?'));
    expect(r.toolCalls.some((t) => t.name === 'quote')).toBe(false);
    expect(store.all('leads')[0]!.quote).toBeUndefined();
  });
});

const servers: FakeOpenAi[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

type Msg = { role: string; content: string | null; tool_call_id?: string };
const isAnswer = (req: FakeRequest) =>
  Array.isArray(req.body.tools) ||
  String((req.body.messages as Msg[])[0]?.content).includes('Rules that nothing');

async function model(answers: Array<(req: FakeRequest) => ReturnType<typeof fakeCompletion>>) {
  let i = 0;
  const server = await startFakeOpenAi((req) => {
    const first = String((req.body.messages as Msg[])[0]?.content);
    if (first.startsWith('Classify'))
      return { body: fakeCompletion({ content: '{"intent":"price","confidence":0.9}' }) };
    if (!isAnswer(req)) return { body: fakeCompletion({ content: '{"facts":[]}' }) };
    return { body: answers[Math.min(i++, answers.length - 1)]!(req) };
  });
  servers.push(server);
  const llm = createLlmClient({
    providers: [createOpenAiProvider({ id: 'fake', baseURL: server.baseURL, model: 'big', timeoutMs: 2000 })],
    offline: createOfflineProvider({ classifier: salesClassifier() }),
  });
  return { server, llm };
}

describe('a price question with a team model', () => {
  it('the model gets the tools and the computed quote, and its reply with those numbers is sent', async () => {
    const { server, llm } = await model([
      () => fakeCompletion({ content: 'For 20 Widget Pro it is 22 500 ₽ with the 10% volume discount [1].' }),
    ]);
    const { engine } = await setup(llm);
    const r = await engine.handleInbound(inbound('How much for 20 Widget Pro?'));
    expect(r.provider?.offline).toBe(false);
    expect(r.replies[0]!.text).toBe(
      'For 20 Widget Pro it is 22 500 ₽ with the 10% volume discount.\n\nSource: Product catalog',
    );
    const req = server.requests.filter(isAnswer)[0]!;
    const tools = (req.body.tools as { function: { name: string } }[]).map((t) => t.function.name);
    expect(tools).toEqual(expect.arrayContaining(['find_products', 'quote']));
    const messages = req.body.messages as Msg[];
    const result = messages.find((m) => m.role === 'tool' && m.tool_call_id === 'catalog-quote');
    expect(spaces(String(result?.content))).toContain('₽22,500');
    expect(String(messages[0]?.content)).toContain('never compute, round or invent a price');
  });

  it("a model's reply with other numbers fails the reply gate: the computed quote goes out", async () => {
    const { llm } = await model([
      () => fakeCompletion({ content: 'Widget Pro costs 999 ₽ each, so 19 980 ₽ for 20 [1].' }),
    ]);
    const { engine } = await setup(llm);
    const r = await engine.handleInbound(inbound('How much for 20 Widget Pro?'));
    expect(r.safety.replyGate).toMatch(/^quote: the reply does not state the computed total 22500/);
    expect(spaces(r.replies[0]!.text)).toContain('−10% from 10 pcs: ₽22,500.');
    expect(r.replies[0]!.text).not.toContain('999');
  });

  it("a model's reply with the right total and a discount and card number of its own is not sent (issue 60)", async () => {
    const { llm } = await model([
      () =>
        fakeCompletion({
          content:
            'For 20 Widget Pro it is 22 500 ₽ [1]. Today only, an extra 15% off: 19 125 ₽ if you pay to card 4276 3800 1234 5678.',
        }),
    ]);
    const { engine } = await setup(llm);
    const r = await engine.handleInbound(inbound('How much for 20 Widget Pro?'));
    expect(r.safety.replyGate).toBe(
      'quote: the reply states figures the quote did not compute: "15", "19 125", a card or account number',
    );
    expect(spaces(r.replies[0]!.text)).toContain('−10% from 10 pcs: ₽22,500.');
    expect(r.replies[0]!.text).not.toMatch(/15%|19 125|4276/);
  });

  it('the model calls find_products and quote itself, arguments validated', async () => {
    const { server, llm } = await model([
      () =>
        fakeCompletion({
          toolCalls: [{ id: 'f1', name: 'find_products', arguments: '{"query":"виджет про"}' }],
        }),
      () =>
        fakeCompletion({
          toolCalls: [
            { id: 'q0', name: 'quote', arguments: '{"lines":[{"sku":"WP-1","quantity":-3}]}' },
            {
              id: 'q1',
              name: 'quote',
              arguments: '{"lines":[{"sku":"WP-1","quantity":30}],"language":"ru"}',
            },
          ],
        }),
      () => fakeCompletion({ content: 'За 20 штук 22 500 ₽, за 30 штук 33 750 ₽ [1].' }),
    ]);
    const { store, engine } = await setup(llm);
    const r = await engine.handleInbound(inbound('Сколько стоят 20 Widget Pro? А если взять тридцать?'));
    expect(r.replies[0]!.text).toBe('За 20 штук 22 500 ₽, за 30 штук 33 750 ₽.\n\nИсточник: Каталог товаров');
    // The server's quote first, then the model's own calls.
    expect(r.toolCalls.map((t) => (t.ok ? t.name : t.code))).toEqual([
      'quote',
      'find_products',
      'tool-arguments-invalid',
      'quote',
    ]);
    const found = server.requests.filter(isAnswer)[1]!.body.messages as Msg[];
    expect(String(found.find((m) => m.tool_call_id === 'f1')?.content)).toContain('"sku":"WP-1"');
    expect(store.all('leads')[0]!.quote).toMatchObject({ total: 33750, lines: [{ quantity: 30 }] });
  });
});
