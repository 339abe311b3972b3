// The customer's mood wired to the conversation (issue 62), at the engine level with the offline
// provider: every message's mood is stored, angry messages are counted once each (a redelivery adds
// nothing), the priority rises, and per the profile's setting an abusive customer, or one angry twice,
// goes to a human with a reason a rep can read (abusive words masked).
import { describe, expect, it } from 'vitest';
import { createLlmClient } from '../llm/llm-client';
import { createOfflineProvider } from '../llm/offline/offline-provider';
import type { AgentSettingsDoc } from '../schemas/index';
import { createAgentEngine, salesClassifier } from './engine';
import { createKeywordRetriever } from './keyword-retriever';
import { createMemoryStore } from '../testing/memory-store';
import { maskTerms, maskWord } from './mood-step';
import { defaultProfile } from './profiles';
import { inbound, sampleKnowledge } from './test-support';

async function setup(profile: Partial<AgentSettingsDoc> = {}) {
  const store = createMemoryStore('team-1');
  const engine = createAgentEngine({
    store,
    llm: createLlmClient({
      providers: [],
      offline: createOfflineProvider({ classifier: salesClassifier() }),
    }),
    retriever: createKeywordRetriever(sampleKnowledge),
    clock: { now: () => new Date('2026-03-02T10:00:00.000Z') },
  });
  await store.put('agent_settings', { ...defaultProfile, id: 'agent-team', ...profile });
  let n = 0;
  const say = (text: string, chat = '100') => engine.handleInbound(inbound(text, { chat, n: ++n }));
  return { store, engine, say };
}

// Angry, and asking what the knowledge base answers (the offline agent hands off no answer of it).
const angryRu = 'Ужасно, отвратительно, никто не отвечает!!! Сколько стоит тариф «Команда»?';
const angryEn = 'This is terrible, awful, I am very angry!!! How much does the Team plan cost?';

describe('customer mood on the conversation (issue 62)', () => {
  it('hands an abusive customer to a human at once, the words masked in the reason', async () => {
    const { say, store } = await setup();
    const r = await say('Вы идиоты, где мой заказ, хуйня а не сервис');
    expect(r.conversation.mode).toBe('human');
    expect(r.conversation.priority).toBe('urgent');
    expect(r.conversation.mood).toMatchObject({ label: 'negative', messageId: 'msg:telegram:100:1' });
    expect(r.conversation.mood!.abuse).not.toBe('none');
    expect(r.conversation.angryCount).toBe(1);
    const reason = r.conversation.handoffReason!;
    expect(reason).toMatch(/^Клиент грубит/);
    expect(reason).toMatch(/х\*+/);
    expect(reason).not.toMatch(/хуй|идиот/i);
    const feed = store.all('activity').filter((a) => a.kind === 'handoff');
    expect(feed.map((a) => (JSON.parse(String(a.input)) as { reason: string }).reason)).toEqual([reason]);
    const moodStep = store.all('activity').filter((a) => a.name === 'customer-mood');
    expect(moodStep).toHaveLength(1);
    expect(JSON.stringify(moodStep)).not.toMatch(/хуй/);
  });

  it('hands an angry customer over on the second angry message (English), not the first', async () => {
    const { say } = await setup();
    const first = await say(angryEn);
    expect(first.conversation.mode).toBe('ai');
    expect(first.conversation.priority).toBe('high');
    expect(first.conversation.angryCount).toBe(1);
    const second = await say(angryEn);
    expect(second.conversation.mode).toBe('human');
    expect(second.conversation.angryCount).toBe(2);
    expect(second.conversation.priority).toBe('urgent');
    expect(second.conversation.handoffReason).toMatch(/^Customer is angry \(2nd angry message\): “.+”$/);
  });

  it("a click on an offered article is not read for mood: its text is the article's title", async () => {
    const { engine, say } = await setup({ moodHandoff: { angryMessages: 1 } });
    await say('Как оформить возврат?');
    const pick = {
      ...inbound('Оплата › Возврат денег', { n: 50 }),
      picked: { id: 'c1', sourceId: 'src-payment', replyTo: 'msg:telegram:100:1:reply' },
    };
    const r = await engine.handleInbound(pick);
    expect(r.conversation.angryCount ?? 0).toBe(0);
    expect(r.conversation.handoffReason ?? '').not.toMatch(/раздражён/);
    // The same words typed by the customer are read (a refund demanded).
    const typed = await say('Возврат денег');
    expect(typed.conversation.angryCount).toBe(1);
  });

  it('a redelivered message counts once; the setting turns the hand-off off or sets the count', async () => {
    const off = await setup({ moodHandoff: { onAbuse: false, onAngry: false } });
    const msg = inbound(angryRu, { n: 99 });
    await off.engine.handleInbound(msg);
    const again = await off.engine.handleInbound(msg);
    expect(again.conversation.angryCount).toBe(1);
    const third = await off.say('Вы идиоты, хуйня а не сервис, сколько стоит тариф «Команда»?', '100');
    expect(third.conversation.handoffReason ?? '').not.toMatch(/грубит/);
    expect(third.conversation.priority).toBe('urgent');

    const once = await setup({ moodHandoff: { angryMessages: 1 } });
    const r = await once.say(angryRu);
    expect(r.conversation.mode).toBe('human');
    expect(r.conversation.handoffReason).toMatch(/^Клиент раздражён \(1-е сердитое сообщение\): «.+»$/);
  });

  it('a calm message leaves the priority normal and hands nothing over', async () => {
    const { say } = await setup();
    const r = await say('Здравствуйте! Сколько стоит доставка?');
    expect(r.conversation.priority).toBe('normal');
    expect(r.conversation.angryCount).toBe(0);
    expect(r.conversation.handoffReason ?? '').not.toMatch(/грубит|раздражён/);
  });

  it('a calm message after calm ones changes nothing a rep reads, so its mood is not written', async () => {
    const { say } = await setup();
    const first = await say('Здравствуйте! Сколько стоит доставка?');
    const second = await say('А в выходные вы доставляете?');
    expect(first.conversation.mood?.label).not.toBe('negative');
    expect(second.conversation.mood?.messageId).toBe(first.conversation.mood?.messageId);
    const third = await say(angryRu);
    expect(third.conversation.mood).toMatchObject({ label: 'negative' });
    expect(third.conversation.priority).toBe('high');
  });

  it('masks a word to its first letter', () => {
    expect(maskWord('хуй')).toBe('х**');
    expect(maskTerms('Вы ИДИОТЫ', ['идиот'])).toBe('Вы И****Ы');
  });
});
