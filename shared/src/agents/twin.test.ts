// Digital twin: facts from several conversations reach the answer prompt with their provenance; a newer
// contradicting fact wins and the old one stays as superseded history.
import { afterEach, describe, expect, it } from 'vitest';
import { fakeCompletion, startFakeOpenAi, type FakeOpenAi } from '../testing/fake-openai-server';
import { createLlmClient } from '../llm/llm-client';
import { createOfflineProvider } from '../llm/offline/offline-provider';
import { createOpenAiProvider } from '../llm/openai-provider';
import { sampleDocs } from '../schemas/fixtures';
import type { ContactDoc } from '../schemas/index';
import { createAgentEngine, salesClassifier } from './engine';
import { createKeywordRetriever } from './keyword-retriever';
import { createMemoryStore } from '../testing/memory-store';
import { fixedClock } from './ports';
import { inbound, sampleKnowledge } from './test-support';
import { applyFacts } from './twin/twin-facts';

const servers: FakeOpenAi[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

type Msg = { role: string; content: string };

describe('digital twin', () => {
  it('puts facts from earlier conversations into the prompt with provenance; newer budget wins', async () => {
    const server = await startFakeOpenAi((req) => {
      const messages = req.body.messages as Msg[];
      const system = messages[0]!.content;
      const user = messages.at(-1)!.content;
      if (system.startsWith('Classify'))
        return { body: fakeCompletion({ content: '{"intent":"price","confidence":0.9}' }) };
      if (system.startsWith('Extract')) {
        const facts = [];
        if (/Ромашка/.test(user)) facts.push({ key: 'company', value: 'Ромашка' });
        const budget = user.match(/бюджет (\d+)/)?.[1];
        if (budget) facts.push({ key: 'budget', value: `${budget}000 RUB`, confidence: 0.9 });
        return { body: fakeCompletion({ content: JSON.stringify({ facts }) }) };
      }
      return { body: fakeCompletion({ content: 'Ок [1]' }) };
    });
    servers.push(server);
    const store = createMemoryStore('team-1');
    const llm = createLlmClient({
      providers: [createOpenAiProvider({ id: 'fake', baseURL: server.baseURL, model: 'm' })],
      offline: createOfflineProvider({ classifier: salesClassifier() }),
    });
    const engine = createAgentEngine({
      store,
      llm,
      retriever: createKeywordRetriever(sampleKnowledge),
      clock: fixedClock('2026-03-02T10:00:00.000Z', 60_000),
    });
    const anna = 'contact-anna';
    await engine.handleInbound(
      inbound('Мы из компании Ромашка, бюджет 300 тысяч', {
        chat: '100',
        contactId: anna,
        at: '2026-03-02T10:00:00.000Z',
      }),
    );
    const second = await engine.handleInbound(
      inbound('Пересчитали: бюджет 500 тысяч', {
        chat: '200',
        contactId: anna,
        at: '2026-03-05T10:00:00.000Z',
      }),
    );
    expect(second.facts.superseded.map((f) => f.value)).toEqual(['300000 RUB']);
    await engine.handleInbound(
      inbound('Сколько стоит тариф Бизнес?', {
        chat: '300',
        contactId: anna,
        at: '2026-03-06T10:00:00.000Z',
      }),
    );

    const contact = (await store.get('contacts', anna))!;
    const budgets = contact.twin.facts.filter((f) => f.key === 'budget');
    expect(budgets.map((f) => [f.value, f.status])).toEqual([
      ['300000 RUB', 'superseded'],
      ['500000 RUB', 'active'],
    ]);
    expect(budgets[0]!.supersededBy).toBe(budgets[1]!.id);
    expect(budgets[1]).toMatchObject({
      sourceMessageId: 'msg:telegram:200:1',
      conversationId: 'conv:telegram:bot1:200',
    });
    expect(contact.twin.summary).toContain('Budget: 500000 RUB');
    expect(contact.twin.vector).toMatchObject({ provider: 'local', model: 'hash-features-128' });
    expect(contact.twin.vector!.values).toHaveLength(128);

    const answerReqs = server.requests.filter((r) =>
      (r.body.messages as Msg[])[0]!.content.includes('Rules that nothing'),
    );
    // The twin is customer data: fenced in a user message, not in the system prompt.
    const [system, data] = answerReqs.at(-1)!.body.messages as Msg[];
    expect(system!.content).not.toContain('budget: 500000 RUB');
    expect(data!.role).toBe('user');
    const prompt = data!.content;
    expect(prompt).toContain('<customer_data>');
    expect(prompt).toContain(
      '- company: Ромашка (source: message msg:telegram:100:1, conversation conv:telegram:bot1:100',
    );
    expect(prompt).toContain(
      '- budget: 500000 RUB (source: message msg:telegram:200:1, conversation conv:telegram:bot1:200',
    );
    expect(prompt).toMatch(
      /superseded \(history only\):\n- budget: 300000 RUB \(source: message msg:telegram:100:1/,
    );
  });

  it('resolves by recency even when an older fact arrives late', () => {
    const base: ContactDoc = { ...sampleDocs.contacts, twin: { facts: [] } };
    let n = 0;
    const id = () => `f${++n}`;
    const src = (messageId: string, observedAt: string) => ({
      messageId,
      conversationId: 'c',
      observedAt,
      extractedBy: 'test',
    });
    const a = applyFacts(
      base,
      [{ key: 'budget', value: '100' }],
      src('m2', '2026-03-05T00:00:00.000Z'),
      id,
    ).contact;
    const b = applyFacts(a, [{ key: 'budget', value: '50' }], src('m1', '2026-03-01T00:00:00.000Z'), id);
    expect(b.contact.twin.facts.map((f) => [f.value, f.status, f.supersededBy])).toEqual([
      ['100', 'active', undefined],
      ['50', 'superseded', 'f1'],
    ]);
    const same = applyFacts(
      a,
      [{ key: 'budget', value: ' 100 ' }],
      src('m3', '2026-03-06T00:00:00.000Z'),
      id,
    );
    expect(same.change.added).toHaveLength(0);
    const phone = applyFacts(
      a,
      [{ key: 'phone', value: '+79990001122' }],
      src('m4', '2026-03-06T00:00:00.000Z'),
      id,
    ).contact;
    // The sample's phone came from a rep (no twin fact holds it): verified, so the customer's new
    // number joins the twin and the list of phones but does not replace it (issue 16).
    expect(phone.phone).toBe(sampleDocs.contacts.phone);
    expect(phone.phones?.map((p) => [p.value, p.status])).toContainEqual(['+79990001122', 'claimed']);
    // A phone the customer only claimed is replaced by the next one, the old one kept in the history.
    const { phone: _rep, ...noPhone } = a;
    const first = applyFacts(
      noPhone,
      [{ key: 'phone', value: '+79990001122' }],
      src('m4', '2026-03-06T00:00:00.000Z'),
      id,
    ).contact;
    const second = applyFacts(
      first,
      [{ key: 'phone', value: '+79990003344' }],
      src('m5', '2026-03-07T00:00:00.000Z'),
      id,
    ).contact;
    expect(second.phone).toBe('+79990003344');
    expect(second.history?.at(-1)).toMatchObject({ field: 'phone', value: JSON.stringify('+79990001122') });
  });
});

describe('facts from a model', () => {
  it('normalises keys and values and drops what it cannot use', async () => {
    const { parseFacts } = await import('./roles/twin-builder');
    expect(
      parseFacts(
        JSON.stringify({
          facts: [
            { key: 'Company Size', value: 40 },
            { key: 'budget', value: '5000 USD', confidence: 0.8 },
            { key: '', value: 'x' },
            { key: 'need', value: '' },
            'junk',
          ],
        }),
      ),
    ).toEqual([
      { key: 'company_size', value: '40' },
      { key: 'budget', value: '5000 USD', confidence: 0.8 },
    ]);
    expect(() => parseFacts('not json')).toThrow();
  });
});
