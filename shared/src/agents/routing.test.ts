// Routing bugs found by trying the offline pipeline as customers would (issue 15): a question the
// knowledge base answers is answered, /start with a payload is a greeting and a lead source, the reply
// language comes from the conversation, dates and times are the profile's, and no follow-up is planned
// while the answer to the same message is still on its way.
import { describe, expect, it } from 'vitest';
import { createLlmClient } from '../llm/llm-client';
import { createOfflineProvider } from '../llm/offline/offline-provider';
import { deliveryStateOf, type AgentSettingsDoc, type ContactDoc, type MessageDoc } from '../schemas/index';
import { createAgentEngine, salesClassifier } from './engine';
import { createKeywordRetriever, type KnowledgeEntry } from './keyword-retriever';
import { createMemoryStore } from '../testing/memory-store';
import { defaultProfile } from './profiles';
import { deliver, inbound, sampleKnowledge } from './test-support';

// Written as teams write them: few of the question's words.
const prices: KnowledgeEntry = {
  chunkId: 'price-list:0',
  sourceId: 'price-list',
  title: 'Цены',
  text: 'Тариф «Старт» — 790 ₽ в месяц за пользователя. «Про» — 1590 ₽, с API и интеграциями.',
};
const warranty: KnowledgeEntry = {
  chunkId: 'warranty:0',
  sourceId: 'warranty',
  title: 'Гарантия',
  text: 'На работы по внедрению даём гарантию 12 месяцев: ошибки настройки исправляем бесплатно.',
};

function setup(
  opts: { at?: string; profile?: Partial<AgentSettingsDoc>; knowledge?: KnowledgeEntry[] } = {},
) {
  const store = createMemoryStore('team-1');
  let now = new Date(opts.at ?? '2026-03-02T10:00:00.000Z');
  const llm = createLlmClient({
    providers: [],
    offline: createOfflineProvider({ classifier: salesClassifier() }),
  });
  const engine = createAgentEngine({
    store,
    llm,
    retriever: createKeywordRetriever(opts.knowledge ?? [...sampleKnowledge, warranty]),
    clock: { now: () => now },
  });
  const ready = opts.profile
    ? store.put('agent_settings', { ...defaultProfile, id: 'agent-team', ...opts.profile })
    : Promise.resolve();
  return {
    store,
    engine,
    ready,
    setNow: (iso: string) => {
      now = new Date(iso);
    },
  };
}

const cyrillic = /[а-яё]/i;

describe('routing: a question the knowledge base answers is answered', () => {
  it('answers "Сколько стоит ваш тариф?" from the price chunk', async () => {
    const { engine } = setup({ knowledge: [prices, warranty, ...sampleKnowledge.slice(2)] });
    const r = await engine.handleInbound(inbound('Сколько стоит ваш тариф?'));
    expect(r.handoff).toBeUndefined();
    expect(r.replies[0]!.text).toContain('790');
    expect(r.replies[0]!.citations?.[0]?.chunkId).toBe('price-list:0');
  });

  it('answers "А какой срок гарантии на внедрение?" instead of handing it off', async () => {
    const { engine } = setup();
    const r = await engine.handleInbound(inbound('А какой срок гарантии на внедрение?'));
    expect(r.handoff).toBeUndefined();
    expect(r.conversation.mode).toBe('ai');
    expect(r.replies[0]!.text).toContain('12 месяцев');
  });

  it('still says so when the knowledge base has nothing on the question', async () => {
    const { engine } = setup({ knowledge: sampleKnowledge });
    const r = await engine.handleInbound(inbound('А какой срок гарантии на внедрение?'));
    expect(r.replies[0]!.text).not.toContain('месяцев');
  });
});

describe('routing: /start', () => {
  it('greets a new lead that came with a deep-link payload and records it as the lead source', async () => {
    const { engine } = setup();
    const msg: MessageDoc = {
      ...inbound('/start promo_vk_may'),
      signals: { command: 'start', campaign: 'promo_vk_may' },
    };
    const r = await engine.handleInbound(msg);
    expect(r.handoff).toBeUndefined();
    expect(r.route).toMatchObject({ intent: 'small_talk', source: 'rules' });
    expect(r.conversation.mode).toBe('ai');
    expect(r.replies[0]!.text).toMatch(/Hello|Здравствуйте/);
    expect(r.lead.source).toMatchObject({ campaign: 'promo_vk_may' });
  });

  it('takes the payload from the text when the channel gave no campaign, also for a known lead', async () => {
    const { engine } = setup();
    await engine.handleInbound(inbound('Добрый день', { n: 1 }));
    const r = await engine.handleInbound({
      ...inbound('/start partner-42 from the site', { n: 2, at: '2026-03-02T10:05:00.000Z' }),
      signals: { command: 'start' },
    });
    expect(r.handoff).toBeUndefined();
    expect(r.lead.source.campaign).toBe('partner-42');
  });
});

describe('routing: the reply language comes from the conversation', () => {
  const contact = (language: 'ru' | 'en'): ContactDoc => ({
    id: 'contact:telegram:100',
    name: 'Ivan',
    identities: [{ channel: 'telegram', externalId: '100' }],
    optOut: false,
    agentAccess: 'default',
    twin: { facts: [] },
    language,
    createdAt: '2026-03-01T00:00:00.000Z',
    updatedAt: '2026-03-01T00:00:00.000Z',
  });

  it("answers in Russian when the channel's language code is ru, whatever a short text looks like", async () => {
    const { store, engine } = setup();
    await store.put('contacts', contact('ru'));
    const r = await engine.handleInbound(inbound('Hi'));
    expect(r.replies[0]!.text).toMatch(cyrillic);
  });

  it('answers in the language of earlier messages when the channel says nothing', async () => {
    const { engine } = setup();
    await engine.handleInbound(inbound('Добрый день! Сколько стоит тариф Бизнес?', { n: 1 }));
    const r = await engine.handleInbound(inbound('ok', { n: 2, at: '2026-03-02T10:03:00.000Z' }));
    expect(r.replies[0]!.text).toMatch(cyrillic);
  });

  it('uses the text when nothing else is known', async () => {
    const { engine } = setup();
    const r = await engine.handleInbound(inbound('How much does the Team plan cost per user?'));
    expect(r.replies[0]!.text).not.toMatch(cyrillic);
  });
});

describe("routing: dates and times in the profile's time zone", () => {
  it('books "завтра в 15:00" at 15:00 Moscow time (12:00 UTC)', async () => {
    const { engine, ready } = setup({
      profile: {
        isDefault: true,
        workingHours: {
          timezone: 'Europe/Moscow',
          days: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' })),
        },
      },
    });
    await ready;
    const r = await engine.handleInbound(inbound('Давайте созвонимся завтра в 15:00'));
    const booked = r.toolCalls.find((t) => t.name === 'schedule_event');
    expect(booked?.ok).toBe(true);
    expect(JSON.stringify(booked)).toContain('2026-03-03T12:00:00.000Z');
    expect(r.replies[0]!.text).toContain('15:00');
    expect(r.replies[0]!.text).not.toContain('UTC');
  });

  it('reads "tomorrow" by the local date: at 23:30 UTC it is already the next day in Moscow', async () => {
    const { engine, ready } = setup({
      at: '2026-03-02T22:30:00.000Z',
      profile: { isDefault: true, workingHours: { timezone: 'Europe/Moscow', days: [] } },
    });
    await ready;
    const r = await engine.handleInbound(
      inbound('Давайте созвонимся завтра в 15:00', { at: '2026-03-02T22:30:00.000Z' }),
    );
    expect(JSON.stringify(r.toolCalls)).toContain('2026-03-04T12:00:00.000Z');
  });
});

describe('routing: no follow-up while the answer is in flight', () => {
  it('plans no follow-up in the run that writes the answer; the nurturing pass plans it once sent', async () => {
    const { store, engine, setNow } = setup();
    const r = await engine.handleInbound(inbound('Сколько стоит тариф Бизнес?'));
    expect(r.replies).toHaveLength(1);
    expect(r.followUps).toHaveLength(0);
    expect(store.all('messages').filter((m) => m.scheduledFor)).toHaveLength(0);
    // Still on its way a day later: nothing planned yet.
    setNow('2026-03-03T11:00:00.000Z');
    expect((await engine.planFollowUps()).planned).toHaveLength(0);
    const reply = r.replies[0]!;
    await store.put('messages', {
      ...reply,
      delivery: { status: 'sent', sentAt: '2026-03-02T10:00:01.000Z' },
    });
    const scan = await engine.planFollowUps();
    expect(scan.planned).toHaveLength(1);
    expect(scan.planned[0]!.createdAt > reply.createdAt).toBe(true);
  });

  it('shows a cancelled follow-up as cancelled, never as waiting to send', async () => {
    const { store, engine, setNow } = setup();
    const r = await engine.handleInbound(inbound('Сколько стоит тариф Бизнес?'));
    const { planned } = await deliver(store, engine, r.replies[0]!);
    expect(deliveryStateOf(planned!)).toBe('scheduled');
    setNow('2026-03-02T12:00:00.000Z');
    await engine.handleInbound(inbound('А для 20 человек?', { n: 2, at: '2026-03-02T12:00:00.000Z' }));
    const cancelled = await store.get('messages', planned!.id);
    expect(cancelled!.cancelledAt).toBeDefined();
    expect(deliveryStateOf(cancelled!)).toBe('cancelled');
  });
});
