// Questions across languages with a team model: a Russian question meets an English-only knowledge base
// through one translation by the routing model (cached: the same question is translated once), and the
// reply is still in Russian; offline nothing is translated; a model that answers instead of translating
// is not searched with.
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
import { inbound } from './test-support';
import { usableTranslation } from './translate-question';

const servers: FakeOpenAi[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const english = [
  {
    chunkId: 'billing:0',
    sourceId: 'billing',
    title: 'Billing',
    text: 'Companies can pay by bank invoice. We issue the invoice and the contract within one business day.',
  },
  {
    chunkId: 'support:0',
    sourceId: 'support',
    title: 'Support hours',
    text: 'Support answers from 9:00 to 21:00 on weekdays.',
  },
];

const system = (req: FakeRequest) => String((req.body.messages as { content: string }[])[0]?.content);

async function world(translation: string) {
  const server = await startFakeOpenAi((req) => {
    const prompt = system(req);
    if (prompt.startsWith('Classify'))
      return { body: fakeCompletion({ content: '{"intent":"order","confidence":0.9}' }) };
    if (prompt.startsWith('Translate')) return { body: fakeCompletion({ content: translation }) };
    if (Array.isArray(req.body.tools) || prompt.includes('Rules that nothing'))
      return {
        body: fakeCompletion({
          content: 'Да, можно оплатить по счёту: счёт и договор выставим за один рабочий день [1].',
        }),
      };
    return { body: fakeCompletion({ content: '{"facts":[]}' }) };
  });
  servers.push(server);
  const llm = createLlmClient({
    providers: [createOpenAiProvider({ id: 'fake', baseURL: server.baseURL, model: 'big', timeoutMs: 2000 })],
    offline: createOfflineProvider({ classifier: salesClassifier() }),
  });
  const engine = createAgentEngine({
    store: createMemoryStore('team-1'),
    llm,
    retriever: createKeywordRetriever(english),
    clock: fixedClock('2026-03-02T10:00:00.000Z'),
  });
  const translations = () => server.requests.filter((r) => system(r).startsWith('Translate')).length;
  return { server, engine, translations };
}

describe('a question in the other language than the knowledge base', () => {
  it('is translated once for the search, answered from the English passage, in Russian', async () => {
    const { server, engine, translations } = await world('Can a company pay by bank invoice?');
    const r = await engine.handleInbound(
      inbound('Можно ли компании оплатить по безналу, по счёту?', { chat: '1' }),
    );
    expect(r.handoff).toBeUndefined();
    const answerRequest = server.requests.find(
      (q) => Array.isArray(q.body.tools) || system(q).includes('Rules'),
    );
    expect(system(answerRequest!)).toContain('Companies can pay by bank invoice');
    expect(r.replies[0]!.text).toMatch(/по счёту/);
    expect(r.replies[0]!.citations?.map((c) => c.sourceId)).toEqual(['billing']);
    expect(r.activity.some((a) => a.name === 'translate-question')).toBe(true);
    expect(translations()).toBe(1);
    // The same question from another customer: the cached translation, no second call.
    await engine.handleInbound(inbound('Можно ли компании оплатить по безналу, по счёту?', { chat: '2' }));
    expect(translations()).toBe(1);
  });

  it('a model that answers instead of translating is not searched with: the question goes to a human', async () => {
    const { engine, translations } = await world('{"facts":[]}');
    const r = await engine.handleInbound(
      inbound('Сколько человек в вашей команде поддержки в Казани?', { chat: '3' }),
    );
    expect(translations()).toBe(1);
    expect(r.handoff?.reason).toMatch(/knowledge|confidence/);
  });
});

describe('usableTranslation', () => {
  it('takes plain text in the target language, not JSON, an answer or the question itself', () => {
    expect(usableTranslation('Сколько стоит?', 'How much does it cost?', 'en')).toBe(
      'How much does it cost?',
    );
    expect(usableTranslation('Сколько стоит?', '"How much is it?"', 'en')).toBe('How much is it?');
    expect(usableTranslation('Сколько стоит?', '{"facts":[]}', 'en')).toBeNull();
    expect(usableTranslation('Сколько стоит?', 'Сколько стоит?', 'en')).toBeNull();
    expect(usableTranslation('Сколько стоит?', 'Это стоит 990 рублей', 'en')).toBeNull();
    expect(usableTranslation('Цена?', 'The price depends on many things. '.repeat(10), 'en')).toBeNull();
    expect(usableTranslation('Цена?', '', 'en')).toBeNull();
  });
});
