// Choices instead of a guess (issue 61), through the engine with the in-memory store and the offline
// provider: a question one article clearly answers is answered; one two articles share gets their
// titles as choices (and "none of these"); one nothing covers is handed over. A pick is answered from
// its article with its citation, "none of these" goes to a human, and each pick moves the profile's
// answer threshold a step, within bounds.
import { describe, expect, it } from 'vitest';
import type { MessageDoc } from '../schemas/index';
import { DEFAULT_ANSWER_THRESHOLD, movedThreshold, THRESHOLD_LEARNING } from './answer-evidence';
import { createAgentEngine } from './engine';
import { createAgentLlmFromEnv } from './create-llm';
import { createKeywordRetriever, type KnowledgeEntry } from './keyword-retriever';
import { createMemoryStore } from '../testing/memory-store';
import { defaultProfile } from './profiles';
import { fixedClock } from './ports';
import { inbound } from './test-support';

const knowledge: KnowledgeEntry[] = [
  {
    chunkId: 'refund-annual:0',
    sourceId: 'refund-annual',
    title: 'Refunds for annual subscriptions',
    text: 'An annual subscription is refunded in full within 14 days of payment; after that, the unused months are refunded to the card.',
  },
  {
    chunkId: 'refund-monthly:0',
    sourceId: 'refund-monthly',
    title: 'Refunds for monthly subscriptions',
    text: 'A monthly subscription is not refunded, but you can cancel it at any time before the next payment.',
  },
  {
    chunkId: 'vozvrat-god:0',
    sourceId: 'vozvrat-god',
    title: 'Возврат денег за годовую подписку',
    text: 'Годовая подписка возвращается полностью в течение 14 дней после оплаты, позже возвращаются неиспользованные месяцы.',
  },
  {
    chunkId: 'vozvrat-mesyac:0',
    sourceId: 'vozvrat-mesyac',
    title: 'Возврат денег за месячную подписку',
    text: 'Месячная подписка не возвращается, но её можно отменить до следующего платежа.',
  },
  {
    chunkId: 'delivery:0',
    sourceId: 'delivery',
    title: 'Delivery of hardware orders',
    text: 'Hardware orders are delivered by courier within 3 working days in Moscow and 5 to 7 days elsewhere in Russia.',
  },
];

async function setup(answerThreshold?: number) {
  const store = createMemoryStore('team-choices');
  await store.put('agent_settings', {
    ...defaultProfile,
    isDefault: true,
    ...(answerThreshold !== undefined ? { answerThreshold } : {}),
  });
  const engine = createAgentEngine({
    store,
    llm: createAgentLlmFromEnv({}),
    retriever: createKeywordRetriever(knowledge),
    clock: fixedClock('2026-03-02T10:00:00.000Z'),
  });
  return { store, engine };
}

/** The customer's pick of `offer`'s choice `id`, as the channels deliver it. */
function pick(offer: MessageDoc, id: string, chat = '100'): MessageDoc {
  const choice = offer.choices!.find((c) => c.id === id)!;
  return {
    ...inbound(choice.label, { chat, n: 2, at: '2026-03-02T10:01:00.000Z' }),
    picked: { id, ...(choice.sourceId ? { sourceId: choice.sourceId } : {}), replyTo: offer.id },
  };
}

const threshold = async (store: ReturnType<typeof createMemoryStore>) =>
  (await store.get('agent_settings', defaultProfile.id))?.answerThreshold;

describe('answer, choices or hand-over', () => {
  it('answers a question one article clearly answers, with its citation and no choices', async () => {
    const { engine } = await setup();
    const r = await engine.handleInbound(
      inbound('How many days does courier delivery of hardware orders take in Moscow?'),
    );
    expect(r.handoff).toBeUndefined();
    expect(r.replies[0]!.citations?.[0]?.sourceId).toBe('delivery');
    expect(r.replies[0]!.choices).toBeUndefined();
  });

  it('offers the articles two of which share the question, and "none of these", in the customer language', async () => {
    const { engine } = await setup();
    const r = await engine.handleInbound(inbound('Refund?'));
    expect(r.handoff).toBeUndefined();
    const offer = r.replies[0]!;
    expect(offer.text).toBe('Which of these do you mean?');
    expect(offer.citations).toBeUndefined();
    expect(offer.choices).toEqual([
      expect.objectContaining({
        label: expect.stringMatching(/^Refunds for (annual|monthly) subscriptions$/),
      }),
      expect.objectContaining({
        label: expect.stringMatching(/^Refunds for (annual|monthly) subscriptions$/),
      }),
      { id: 'none', label: 'None of these' },
    ]);
    expect(new Set(offer.choices!.map((c) => c.sourceId))).toEqual(
      new Set(['refund-annual', 'refund-monthly', undefined]),
    );
    const ru = await engine.handleInbound(inbound('Возврат?', { chat: '200' }));
    expect(ru.replies[0]!.text).toBe('Уточните, пожалуйста, что вы имеете в виду:');
    expect(ru.replies[0]!.choices?.at(-1)).toEqual({ id: 'none', label: 'Ничего из этого' });
  });

  it('hands over a question nothing in the knowledge base has', async () => {
    const { engine } = await setup();
    const r = await engine.handleInbound(inbound('Do you sell dog food wholesale?'));
    expect(r.handoff).toBeDefined();
    expect(r.replies[0]?.choices).toBeUndefined();
  });
});

describe('a pick', () => {
  it('is answered from the picked article with its citation, a label is logged and the threshold moves', async () => {
    const { store, engine } = await setup();
    const offer = (await engine.handleInbound(inbound('Refund?'))).replies[0]!;
    const second = offer.choices![1]!;
    const r = await engine.handleInbound(pick(offer, second.id));
    expect(r.handoff).toBeUndefined();
    expect(r.replies[0]!.citations?.[0]?.sourceId).toBe(second.sourceId);
    expect(r.replies[0]!.choices).toBeUndefined();
    expect(r.activity.find((a) => a.name === 'answer-label')?.output).toContain(second.sourceId);
    // A lower-ranked article picked: the agent could not have answered it, the threshold goes up a step.
    expect(await threshold(store)).toBeCloseTo(DEFAULT_ANSWER_THRESHOLD + THRESHOLD_LEARNING.step);
  });

  it('of the top article moves the threshold down a step; "none of these" hands over and moves it up', async () => {
    const { store, engine } = await setup();
    const offer = (await engine.handleInbound(inbound('Refund?'))).replies[0]!;
    const top = await engine.handleInbound(pick(offer, '1'));
    expect(top.replies[0]!.citations?.[0]?.sourceId).toBe(offer.choices![0]!.sourceId);
    expect(await threshold(store)).toBeCloseTo(DEFAULT_ANSWER_THRESHOLD - THRESHOLD_LEARNING.step);
    const again = (await engine.handleInbound(inbound('Refund?', { chat: '300' }))).replies[0]!;
    const none = await engine.handleInbound(pick(again, 'none', '300'));
    expect(none.handoff?.reason).toMatch(/none of the offered articles/);
    expect(await threshold(store)).toBeCloseTo(DEFAULT_ANSWER_THRESHOLD);
  });

  it('of a choice no message of this conversation offered is read as plain text', async () => {
    const { store, engine } = await setup();
    const offer = (await engine.handleInbound(inbound('Refund?'))).replies[0]!;
    // Another customer claims the offer, and a pick names an article the offer did not have.
    const other = await engine.handleInbound(pick(offer, '1', '999'));
    expect(other.activity.some((a) => a.name === 'answer-label')).toBe(false);
    const forged = { ...pick(offer, '1'), picked: { id: '1', sourceId: 'delivery', replyTo: offer.id } };
    const r = await engine.handleInbound(forged);
    expect(r.activity.some((a) => a.name === 'answer-label')).toBe(false);
    expect(await threshold(store)).toBeUndefined();
  });
});

describe('movedThreshold', () => {
  it('moves a step a pick, never past the bounds, and leaves a hand-set threshold outside them alone', () => {
    const { step, range, floor } = THRESHOLD_LEARNING;
    let t = DEFAULT_ANSWER_THRESHOLD;
    for (let i = 0; i < 50; i++) t = movedThreshold(t, 0);
    expect(t).toBeCloseTo(Math.max(floor, DEFAULT_ANSWER_THRESHOLD - range));
    for (let i = 0; i < 50; i++) t = movedThreshold(t, 'none');
    expect(t).toBeCloseTo(Math.min(1, DEFAULT_ANSWER_THRESHOLD + range));
    expect(movedThreshold(DEFAULT_ANSWER_THRESHOLD, 2)).toBeCloseTo(DEFAULT_ANSWER_THRESHOLD + step);
    expect(movedThreshold(0.2, 'none')).toBe(0.2);
    expect(movedThreshold(0.99, 0)).toBe(0.99);
  });
});
