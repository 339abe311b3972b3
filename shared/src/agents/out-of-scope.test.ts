// Out-of-scope questions (issue 15): a question the knowledge base does not cover is handed off with a
// notice to the customer, not answered by the model from a weakly related chunk; a covered question is
// still answered. The model is the real `openai` SDK against a fake OpenAI-compatible server, routing
// the message confidently as a product question (a model would happily answer from what it was given).
import { afterEach, describe, expect, it } from 'vitest';
import { createLlmClient } from '../llm/llm-client';
import { createOfflineProvider } from '../llm/offline/offline-provider';
import { createOpenAiProvider } from '../llm/openai-provider';
import {
  fakeCompletion,
  startFakeOpenAi,
  type FakeOpenAi,
  type FakeRequest,
} from '../testing/fake-openai-server';
import { createAgentEngine, salesClassifier } from './engine';
import { createKeywordRetriever } from './keyword-retriever';
import { createMemoryStore } from '../testing/memory-store';
import { fixedClock } from './ports';
import { inbound, sampleKnowledge } from './test-support';

const servers: FakeOpenAi[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const systemText = (req: FakeRequest) => String((req.body.messages as { content: string }[])[0]?.content);
const isRoute = (req: FakeRequest) => systemText(req).startsWith('Classify');
const isAnswer = (req: FakeRequest) => Array.isArray(req.body.tools) || systemText(req).includes('[1]');

async function setup(intent: string) {
  const server = await startFakeOpenAi((req) => {
    if (isRoute(req))
      return { body: fakeCompletion({ content: `{"intent":"${intent}","confidence":0.92}` }) };
    if (!isAnswer(req)) return { body: fakeCompletion({ content: '{"facts":[]}' }) };
    // The model answers from the first chunk it was given, whatever it is.
    return {
      body: { ...fakeCompletion({ content: 'Delivery takes 5-10 days with DHL [1].' }), model: 'big' },
    };
  });
  servers.push(server);
  const engine = createAgentEngine({
    store: createMemoryStore('team-1'),
    llm: createLlmClient({
      providers: [
        createOpenAiProvider({ id: 'fake', baseURL: server.baseURL, model: 'big', timeoutMs: 2000 }),
      ],
      offline: createOfflineProvider({ classifier: salesClassifier() }),
    }),
    retriever: createKeywordRetriever(sampleKnowledge),
    clock: fixedClock('2026-03-02T10:00:00.000Z'),
  });
  return { server, engine };
}

describe('out-of-scope questions', () => {
  it('hands off a question no knowledge covers instead of answering from a weakly related chunk', async () => {
    const { server, engine } = await setup('delivery');
    // Shares "delivery" with the delivery chunk, but asks what the knowledge base does not say.
    const r = await engine.handleInbound(inbound('Do you insure the delivery against water damage?'));
    expect(r.handoff?.reason).toMatch(/out of scope/);
    expect(r.conversation.mode).toBe('human');
    expect(r.replies).toHaveLength(1);
    expect(r.replies[0]!.text).not.toContain('DHL');
    expect(r.replies[0]!.text).toMatch(/manager|rep|colleague|human/i);
    expect(server.requests.filter(isAnswer)).toHaveLength(0);
  });

  it('still answers a question the knowledge base covers', async () => {
    const { server, engine } = await setup('delivery');
    const r = await engine.handleInbound(inbound('Do you ship internationally with DHL?'));
    expect(r.handoff?.reason).toBeUndefined();
    expect(r.replies[0]!.text).toContain('DHL');
    expect(server.requests.filter(isAnswer).length).toBeGreaterThan(0);
  });

  it('never takes a question for an opt-out, however sure the classifier is', async () => {
    const { engine } = await setup('opt_out');
    const r = await engine.handleInbound(inbound('Можно принести вам книги, которые мне больше не нужны?'));
    expect(r.contact.optOut).toBe(false);
    expect(r.handoff?.reason).toMatch(/a question, not an opt-out/);
    expect(r.replies[0]!.text).not.toMatch(/не будем вам писать/);
    // Asked mid-sentence, without a mark.
    const asked = await engine.handleInbound(
      inbound('больше не нужна ваша карта как от нее отказаться', { chat: '300' }),
    );
    expect(asked.contact.optOut).toBe(false);
    expect(asked.handoff?.reason).toMatch(/a question, not an opt-out/);
    // A request is still an opt-out when the classifier is sure of it.
    const request = await engine.handleInbound(inbound('Do not write to me anymore', { chat: '200' }));
    expect(request.contact.optOut).toBe(true);
  });

  it('never takes stopping an order for an opt-out, nor a question for contact details', async () => {
    const opt = await setup('opt_out');
    const order = await opt.engine.handleInbound(
      inbound('i changed my mind about the order i placed this morning, stop it please'),
    );
    expect(order.contact.optOut).toBe(false);
    expect(order.replies[0]!.text).not.toMatch(/not message you again/);
    const ru = await opt.engine.handleInbound(
      inbound('передумала насчёт заказа, остановите его', { chat: '500' }),
    );
    expect(ru.contact.optOut).toBe(false);
    // Speaking of our messages, it is still an opt-out.
    const texts = await opt.engine.handleInbound(inbound('stop texting me about my order', { chat: '600' }));
    expect(texts.contact.optOut).toBe(true);
    const details = await setup('contact_info');
    const asked = await details.engine.handleInbound(
      inbound('i work from home for my job, is the company laptop covered'),
    );
    expect(asked.replies[0]!.text).not.toMatch(/How can I help/);
    expect(asked.handoff?.reason ?? 'choices').toMatch(/no contact details|choices/);
    const given = await details.engine.handleInbound(
      inbound('My name is Anna Petrova, is the phone +44 20 7946 0958 fine for a call back?', {
        chat: '700',
      }),
    );
    expect(given.handoff?.reason ?? '').not.toMatch(/no contact details/);
  });

  it('does not answer a greeting that asks something with a greeting', async () => {
    const { engine } = await setup('small_talk');
    // No question mark, as people write in chats: "ли" asks.
    const r = await engine.handleInbound(inbound('добрый вечер, нужен ли паспорт родителя при записи дочки'));
    expect(r.handoff?.reason).toMatch(/more than a greeting/);
    expect(r.replies[0]!.text).not.toMatch(/Чем могу помочь/);
  });

  it('books no meeting for a question that names a day but no meeting', async () => {
    const { engine } = await setup('meeting');
    const r = await engine.handleInbound(
      inbound('my flight tomorrow was cancelled, can i get on another one'),
    );
    expect(r.handoff?.reason).toMatch(/a question, not a meeting request/);
    expect(r.replies[0]!.text).not.toMatch(/booked|meeting/i);
    const asked = await engine.handleInbound(inbound('Can we have a call tomorrow at 3pm?', { chat: '400' }));
    expect(asked.handoff?.reason).toBeUndefined();
  });

  it('leaves small talk alone: only questions for the knowledge base are checked', async () => {
    const { engine } = await setup('small_talk');
    const r = await engine.handleInbound(inbound('Good morning, nice weather today'));
    expect(r.handoff?.reason).toBeUndefined();
  });
});
