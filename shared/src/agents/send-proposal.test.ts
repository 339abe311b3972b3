// The agent sends the deal's commercial proposal (issue 38) when a quoted customer asks for it
// ("пришлите КП", "send me the quote as PDF"), offline, only where the profile's `sendsProposals` is on:
// the port's `sendProposal` (the server's proposals service; here the test's own port) gets the deal,
// the reply says it was sent in the customer's language, nothing is handed off. Off, or before any
// quote, nothing is sent; the tool itself refuses a context without proposals.
import { describe, expect, it } from 'vitest';
import { createLlmClient } from '../llm/llm-client';
import { createOfflineProvider } from '../llm/offline/offline-provider';
import type { AgentSettingsDoc, ProductDoc } from '../schemas/index';
import { createAgentEngine, salesClassifier } from './engine';
import { createKeywordRetriever } from './keyword-retriever';
import { createMemoryStore } from '../testing/memory-store';
import { fixedClock } from './ports';
import { defaultProfile } from './profiles';
import { asksForProposal } from './proposal-step';
import { inbound, sampleKnowledge } from './test-support';
import { sendProposalTool } from './tools/proposal-tool';
import { executeToolCall, toolSet } from './tools/executor';
import type { ToolContext } from './tools/types';

const widgetPro: ProductDoc = {
  id: 'prod-wp',
  sku: 'WP-1',
  name: 'Widget Pro',
  prices: [{ currency: 'RUB', amount: 1250 }],
  discounts: [{ minQuantity: 10, percent: 10 }],
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
};

async function setup(profile: Partial<AgentSettingsDoc>) {
  const store = createMemoryStore('team-1');
  const sent: Array<{ leadId: string; options: unknown }> = [];
  store.sendProposal = async (leadId, options) => {
    sent.push({ leadId, options });
    return {
      proposalId: 'abc123',
      number: 'P-20260302-ABC1',
      total: 22500,
      currency: 'RUB',
      messageId: 'm-p',
    };
  };
  await store.put('products', widgetPro);
  await store.put('agent_settings', { ...defaultProfile, id: 'agent-team', ...profile });
  const engine = createAgentEngine({
    store,
    llm: createLlmClient({
      providers: [],
      offline: createOfflineProvider({ classifier: salesClassifier() }),
    }),
    retriever: createKeywordRetriever(sampleKnowledge),
    clock: fixedClock('2026-03-02T10:00:00.000Z'),
  });
  return { store, engine, sent };
}

describe('send_proposal, offline', () => {
  it.each([
    [
      'Сколько стоят 20 Widget Pro?',
      'Пришлите КП, пожалуйста',
      'Отправил вам коммерческое предложение в PDF',
    ],
    [
      'How much for 20 Widget Pro?',
      'Great, can you send me the quote as PDF?',
      'I have sent you our commercial proposal as a PDF',
    ],
    ['How much for 20 Widget Pro?', 'Please send me a proposal', 'I have sent you our commercial proposal'],
  ])(
    '%s, then "%s"',
    async (question, ask, reply) => {
      const { store, engine, sent } = await setup({ sendsProposals: true });
      await engine.handleInbound(inbound(question, { n: 1 }));
      expect(sent).toHaveLength(0);
      const lead = store.all('leads')[0]!;
      expect(lead.quote?.total).toBe(22500);
      const r = await engine.handleInbound(inbound(ask, { n: 2, at: '2026-03-02T10:01:00.000Z' }));
      expect(
        r.handoff,
        JSON.stringify(r.activity.filter((a) => a.role === 'supervisor').map((a) => a.output)),
      ).toBeUndefined();
      expect(sent).toEqual([{ leadId: lead.id, options: {} }]);
      expect(r.replies[0]!.text).toContain(reply);
      expect(r.activity.map((a) => `${a.role}:${a.kind}:${a.name}:${a.status}`)).toContain(
        'answer:tool-call:send_proposal:ok',
      );
    },
    60_000,
  );

  it('sends nothing when the profile leaves proposals to reps, or before a quote', async () => {
    const off = await setup({});
    await off.engine.handleInbound(inbound('Сколько стоят 20 Widget Pro?', { n: 1 }));
    await off.engine.handleInbound(inbound('Пришлите КП', { n: 2, at: '2026-03-02T10:01:00.000Z' }));
    expect(off.sent).toHaveLength(0);

    const unquoted = await setup({ sendsProposals: true });
    await unquoted.engine.handleInbound(inbound('Пришлите коммерческое предложение'));
    expect(unquoted.sent).toHaveLength(0);
  });

  it('the tool refuses a run without proposals and a deal without a quote', async () => {
    const ctx = (proposals?: ToolContext['proposals'], lead?: unknown) =>
      ({
        scope: { lead: async () => lead },
        now: new Date(),
        runId: 'r',
        messageId: 'm',
        role: 'answer',
        log: { record: async () => {}, timer: () => () => 0 },
        newId: (p: string) => p,
        requestHandoff: () => {},
        ...(proposals ? { proposals } : {}),
      }) as unknown as ToolContext;
    const tools = toolSet([sendProposalTool]);
    const call = { id: 'c', name: 'send_proposal', arguments: '{}' };
    const allowed = new Set(['send_proposal']);
    expect(await executeToolCall(call, tools, allowed, ctx())).toMatchObject({
      ok: false,
      code: 'tool-not-allowed',
    });
    const send = async () => ({ proposalId: 'a', number: 'n', total: 1, currency: 'RUB', messageId: 'x' });
    expect(await executeToolCall(call, tools, allowed, ctx({ send }, { id: 'lead-1' }))).toMatchObject({
      ok: false,
      code: 'quote-missing',
    });
    expect(
      await executeToolCall(call, tools, allowed, ctx({ send }, { id: 'lead-1', quote: { lines: [{}] } })),
    ).toMatchObject({ ok: true, result: { leadId: 'lead-1', number: 'n' } });
  });

  it('reads a request for the proposal in both languages, and not other messages', () => {
    for (const t of [
      'Пришлите КП',
      'кп пришлёте?',
      'Можно коммерческое предложение?',
      'send me a proposal',
      'Could I get the quote as a PDF?',
      'pdf of the offer please',
    ])
      expect(asksForProposal(t), t).toBe(true);
    for (const t of [
      'Сколько стоит?',
      'How much for 20 Widget Pro?',
      'КПП нашей компании 770101001',
      'I prefer a call',
    ])
      expect(asksForProposal(t), t).toBe(false);
  });
});
