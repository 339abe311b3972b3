// Angry and abusive customers reach a human (issue 62), end to end on one real server with the demo
// team and the offline provider: in Telegram (the real grammY bot against the fake Bot API) and in the
// web chat (its public endpoints), in Russian and English. An abusive customer is handed over at once,
// an angry one on their second angry message (the team's default setting); the app's API shows the
// conversation in human mode with the reason a rep can read (abusive words masked), its mood, its count
// of angry messages and its raised priority, and the hand-off entry of the activity feed says the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationIdFor } from '@app/shared/ids';
import type { ActivityDoc, ConversationDoc } from '@app/shared/schemas';
import { call, eventually } from './helpers';
import { startDemoTelegram, type DemoTelegram } from './telegram-kit';

let t: DemoTelegram;
let web: string;
let key: string;

beforeAll(async () => {
  t = await startDemoTelegram('customer-mood-', { WEBCHAT_NEW_VISITORS_PER_HOUR: '100' });
  const created = await call(t.server.url, 'POST', '/api/v1/channels/webchat', {
    token: t.token,
    body: { title: 'Help' },
  });
  expect(created.status).toBe(201);
  key = String(created.body.key);
  web = `${t.server.url}/webchat/v1/${key}`;
}, 120_000);

afterAll(async () => {
  await t?.server.close();
  await t?.fake.close();
  t?.dir.remove();
});

const visitor = (name: string) => `v_customer_mood_${name}_visitor`;

async function webSays(who: string, n: number, text: string, lang: 'ru' | 'en') {
  const res = await fetch(`${web}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': lang === 'ru' ? 'ru-RU' : 'en-US' },
    body: JSON.stringify({ visitorId: visitor(who), clientMessageId: `m${n}`, text }),
  });
  expect(res.status).toBe(202);
}

/** The web chat visitor's outbound messages once there are `count` of them. */
async function webReplies(who: string, count: number): Promise<string[]> {
  return eventually(async () => {
    const res = await fetch(`${web}/messages?visitorId=${visitor(who)}`);
    const { messages } = (await res.json()) as { messages: { direction: string; text: string }[] };
    const out = messages.filter((m) => m.direction === 'outbound').map((m) => m.text);
    return out.length >= count ? out : undefined;
  }, 60_000);
}

/** The conversation as the app's API gives it. */
async function conversation(id: string): Promise<ConversationDoc> {
  const res = await call(t.server.url, 'GET', `/api/v1/conversations/${encodeURIComponent(id)}`, {
    token: t.token,
  });
  expect(res.status).toBe(200);
  return res.body as ConversationDoc;
}

/** The Telegram customer's conversation id (the demo bot's), once it exists. */
async function telegramConversation(chatId: number): Promise<string> {
  return eventually(async () => {
    const res = await call(t.server.url, 'GET', '/api/v1/conversations?limit=200', { token: t.token });
    const items = res.body.items as ConversationDoc[];
    return items.find((c) => c.channel === 'telegram' && c.contactId === `contact:telegram:${chatId}`)?.id;
  });
}

/** The hand-off reasons of the activity feed for a conversation. */
async function feedReasons(conversationId: string): Promise<string[]> {
  const db = t.server.store.teamDb<ActivityDoc>(t.teamId, 'activity');
  const { docs } = await db.find({ selector: { conversationId, kind: 'handoff' } });
  return docs.map((a) => (JSON.parse(String(a.input)) as { reason: string }).reason);
}

/** Waits for the conversation to be handed over with a reason matching `reason`. */
async function handedOver(id: string, reason: RegExp): Promise<ConversationDoc> {
  return eventually(async () => {
    const c = await conversation(id);
    return c.mode === 'human' && reason.test(c.handoffReason ?? '') ? c : undefined;
  }, 60_000);
}

// Angry, and asking what the demo's knowledge base answers (the offline agent would answer them).
const angry = {
  ru: [
    'Третий раз пишу, до сих пор ничего, это ужасно и отвратительно!!! Есть ли пробный период?',
    'Ужасно, отвратительно, никто не отвечает!!! Сколько стоит тариф «Команда»?',
  ],
  en: [
    'This is terrible, awful, I am very angry!!! Do you integrate with 1C?',
    'Third time I write, still nothing, terrible and awful!!! Can I pay by invoice?',
  ],
};

describe('angry and abusive customers go to a human with the reason (issue 62)', () => {
  it('Telegram (ru abusive, en angry) and the web chat (en abusive, ru angry)', async () => {
    const rude = t.fake.user({ id: 6201, first_name: 'Пётр', language_code: 'ru' });
    const cross = t.fake.user({ id: 6202, first_name: 'Jane', language_code: 'en' });
    rude.says('Вы идиоты, где мой заказ, хуйня а не сервис');
    cross.says(angry.en[0]!);
    await Promise.all([
      webSays('rude', 1, 'You are fucking idiots, where is my order', 'en'),
      webSays('cross', 1, angry.ru[0]!, 'ru'),
    ]);
    // The angry ones are answered first (one angry message is not enough by default), then write again.
    await Promise.all([t.fake.waitForSent(1, { chatId: 6202, timeoutMs: 60_000 }), webReplies('cross', 1)]);
    const tgCross = await telegramConversation(6202);
    const webCross = conversationIdFor('webchat', key, visitor('cross'));
    for (const id of [tgCross, webCross]) {
      const c = await conversation(id);
      expect(c.mode, c.handoffReason).toBe('ai');
      expect(c).toMatchObject({ angryCount: 1, priority: 'high' });
    }
    cross.says(angry.en[1]!);
    await webSays('cross', 2, angry.ru[1]!, 'ru');

    const tgRude = await handedOver(await telegramConversation(6201), /^Клиент грубит/);
    expect(tgRude.handoffReason).toMatch(/«х\*+»/);
    const webRude = await handedOver(
      conversationIdFor('webchat', key, visitor('rude')),
      /^Customer is abusive/,
    );
    expect(webRude.handoffReason).toMatch(/“f\*+”/);
    for (const c of [tgRude, webRude]) {
      expect(c.handoffReason).not.toMatch(/хуй|fuck|идиот|idiot/i);
      expect(c).toMatchObject({ priority: 'urgent', angryCount: 1, mood: { label: 'negative' } });
      expect(c.mood!.abuse).not.toBe('none');
    }
    const tgAngry = await handedOver(tgCross, /^Customer is angry \(2nd angry message\): “.+”$/);
    expect(tgAngry.handoffReason).toMatch(/third time|still nothing/i);
    const webAngry = await handedOver(webCross, /^Клиент раздражён \(2-е сердитое сообщение\): «.+»$/);
    expect(webAngry.handoffReason).toMatch(/никто не отвечает/);
    for (const c of [tgAngry, webAngry])
      expect(c).toMatchObject({ priority: 'urgent', angryCount: 2, mood: { label: 'negative' } });
    // The activity feed's hand-off says the same reason.
    for (const c of [tgRude, webRude, tgAngry, webAngry])
      expect(await feedReasons(c.id)).toContain(c.handoffReason);
    // Analytics: the share of negative conversations, by channel (all four customers here are).
    const day = 86_400_000;
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const summary = await call(
      t.server.url,
      'GET',
      `/api/v1/analytics/summary?from=${iso(Date.now() - day)}&to=${iso(Date.now() + day)}`,
      { token: t.token },
    );
    expect(summary.status).toBe(200);
    const negative = summary.body.negativeConversations as {
      negative: number;
      byChannel: { channel: string; negative: number; share: number }[];
    };
    expect(negative.negative).toBeGreaterThanOrEqual(4);
    for (const channel of ['telegram', 'webchat'])
      expect(negative.byChannel.find((c) => c.channel === channel)?.negative).toBeGreaterThanOrEqual(2);
    // The team's setting is part of the agent settings API: 1-5 angry messages, checked by the schema.
    const profiles = await call(t.server.url, 'GET', '/api/v1/agent-settings', { token: t.token });
    const profileId = String((profiles.body.items as { id: string }[])[0]!.id);
    const patch = (moodHandoff: object) =>
      call(t.server.url, 'PATCH', `/api/v1/agent-settings/${encodeURIComponent(profileId)}`, {
        token: t.token,
        body: { moodHandoff },
      });
    expect((await patch({ onAbuse: true, onAngry: true, angryMessages: 9 })).status).toBe(400);
    const saved = await patch({ onAbuse: false, onAngry: true, angryMessages: 3 });
    expect(saved.status).toBe(200);
    expect(saved.body.moodHandoff).toEqual({ onAbuse: false, onAngry: true, angryMessages: 3 });
    // The customers are told a human takes over, in their language.
    const sent = await t.fake.waitForSent(1, { chatId: 6201, timeoutMs: 30_000 });
    expect(sent.map((m) => m.text).join('\n')).toMatch(/менеджер/i);
    expect((await webReplies('rude', 1)).join('\n')).toMatch(/manager/i);
  }, 120_000);
});
