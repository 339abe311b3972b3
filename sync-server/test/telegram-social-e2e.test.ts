// Social monitoring of the Telegram channels the team's bot administers (issue 39), through a real sync
// server: the demo team's bot (real grammY against the fake Bot API, which sends channel posts only to
// a bot that asks for them, as Telegram does) takes a channel's posts and the comments under them in
// its discussion group; a post that names an event deal's keywords is the deal's mention, a comment
// under it is too, and the deal's social report lists them, the negative first. A comment is not a
// customer's conversation: the bot never answers in public.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeTelegram } from '@app/bot/testing';
import type { RunningServer } from '../src/server';
import { watchedEventDeal } from './social-kit';
import { call, eventually } from './helpers';
import { startDemoTelegram, type DemoTelegram } from './telegram-kit';

type Json = Record<string, unknown>;
let dir: DemoTelegram['dir'];
let fake: FakeTelegram;
let server: RunningServer;
let token: string;
let leadId: string;

const api = (method: string, path: string, body?: unknown) =>
  call(server.url, method, `/api/v1${path}`, { token, ...(body === undefined ? {} : { body }) });
const report = async () =>
  (await api('GET', `/leads/${leadId}/social`)).body as { counts: Json; items: Json[] };

const channel = {
  id: -1001234567890,
  type: 'channel' as const,
  title: 'Ромашка',
  username: 'romashka_events',
};
const group = { id: -1009876543210, type: 'supergroup' as const, title: 'Ромашка: обсуждение' };
const t0 = Math.floor(Date.now() / 1000) - 3600;

beforeAll(async () => {
  ({ dir, fake, server, token } = await startDemoTelegram('telegram-social-'));
  leadId = await watchedEventDeal(api);
}, 60_000);

afterAll(async () => {
  await server?.close();
  await fake?.close();
  dir?.remove();
});

describe("social monitoring of the team's Telegram channel", () => {
  it("turns the channel's posts about an event, and the comments under them, into the deal's report", async () => {
    fake.pushUpdate({
      channel_post: {
        message_id: 41,
        date: t0,
        chat: channel,
        sender_chat: channel,
        text: 'Фотоотчёт: гала-ужин Ромашки прошёл отлично, спасибо всем!',
      },
    });
    fake.pushUpdate({
      channel_post: {
        message_id: 42,
        date: t0 + 60,
        chat: channel,
        sender_chat: channel,
        text: 'Скидки недели',
      },
    });
    const post = await eventually(async () => {
      const r = await report();
      return r.items.length ? r.items[0] : undefined;
    }, 20_000);
    expect(post).toMatchObject({
      source: 'telegram-channel',
      url: 'https://t.me/romashka_events/41',
      sentiment: { label: 'positive' },
    });

    // The post's automatic forward into the discussion group, and a comment under it that names no
    // keyword: it is about the event because its post is.
    const forward = {
      message_id: 7,
      date: t0 + 1,
      chat: group,
      sender_chat: channel,
      from: { id: 777000, is_bot: false, first_name: 'Telegram' },
      is_automatic_forward: true as const,
      forward_origin: { type: 'channel' as const, date: t0, chat: channel, message_id: 41 },
      text: 'Фотоотчёт: гала-ужин Ромашки прошёл отлично, спасибо всем!',
    };
    fake.pushUpdate({ message: forward });
    fake.pushUpdate({
      message: {
        message_id: 8,
        date: t0 + 600,
        chat: group,
        from: { id: 501, is_bot: false, first_name: 'Oleg' },
        reply_to_message: { ...forward, reply_to_message: undefined },
        text: 'Кейтеринг был ужасный, еда холодная',
      },
    });
    const both = await eventually(async () => {
      const r = await report();
      return r.items.length >= 2 ? r : undefined;
    }, 20_000);
    expect(both.counts).toMatchObject({ negative: 1, positive: 1 });
    expect(both.items[0]).toMatchObject({
      source: 'telegram-comment',
      author: 'telegram:501',
      url: 'https://t.me/romashka_events/41?comment=8',
      sentiment: { label: 'negative' },
    });

    // An edit of the post is the same mention, with the new text.
    fake.pushUpdate({
      edited_channel_post: {
        message_id: 41,
        date: t0,
        edit_date: t0 + 900,
        chat: channel,
        sender_chat: channel,
        text: 'Фотоотчёт: гала-ужин Ромашки прошёл отлично! Все фото в альбоме',
      },
    });
    const edited = await eventually(async () => {
      const r = await report();
      const p = r.items.find((i) => i.source === 'telegram-channel');
      return String(p?.text).includes('альбоме') ? r : undefined;
    }, 20_000);
    expect(edited.items).toHaveLength(2);
    // Nothing was said in public, and no conversation was made of the group's comment.
    expect(fake.sentTo(group.id)).toEqual([]);
    const conversations = await api('GET', '/conversations?limit=200');
    expect(conversations.status).toBe(200);
    expect(JSON.stringify(conversations.body)).toContain('"channel":"telegram"');
    expect(JSON.stringify(conversations.body)).not.toContain(String(group.id));
  });
});
