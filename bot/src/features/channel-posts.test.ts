// Channel posts and the comments under them reach the sink's social side, never the agents; the bot
// asks Telegram for them (allowed_updates), and the fake Bot API drops what a bot did not ask for.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBotHarness, type BotHarness } from '../test-support/bot-harness';

const channel = {
  id: -1001234567890,
  type: 'channel' as const,
  title: 'Ромашка Events',
  username: 'romashka_events',
};
const group = { id: -1009876543210, type: 'supergroup' as const, title: 'Ромашка Events chat' };
const at = 1_790_000_000;

describe('channel posts and their comments', () => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await startBotHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('hands a post, its edit and a comment under it to saveChannelPost, and nothing to the agents', async () => {
    h.fake.pushUpdate({
      channel_post: {
        message_id: 41,
        date: at,
        chat: channel,
        sender_chat: channel,
        text: 'Гала-ужин Ромашки: фото',
      },
    });
    h.fake.pushUpdate({
      edited_channel_post: {
        message_id: 41,
        date: at,
        edit_date: at + 60,
        chat: channel,
        sender_chat: channel,
        text: 'Гала-ужин Ромашки: все фото',
      },
    });
    // The post's automatic forward into the discussion group, and a comment that answers it.
    const forward = {
      message_id: 7,
      date: at + 1,
      chat: group,
      sender_chat: channel,
      from: { id: 777000, is_bot: false, first_name: 'Telegram' },
      is_automatic_forward: true as const,
      forward_origin: { type: 'channel' as const, date: at, chat: channel, message_id: 41 },
      text: 'Гала-ужин Ромашки: фото',
    };
    h.fake.pushUpdate({ message: forward });
    h.fake.pushUpdate({
      message: {
        message_id: 8,
        date: at + 120,
        chat: group,
        from: { id: 501, is_bot: false, first_name: 'Oleg' },
        reply_to_message: { ...forward, reply_to_message: undefined },
        text: 'Еда была холодная',
      },
    });
    // A group message that answers nothing of the channel is still a customer's message.
    h.fake.pushUpdate({
      message: {
        message_id: 9,
        date: at + 130,
        chat: group,
        from: { id: 502, is_bot: false, first_name: 'Ira' },
        text: 'Есть кто?',
      },
    });
    await h.created(1);
    await h.fake.waitFor(() => h.sink.posts.length >= 3);
    expect(h.sink.posts).toMatchObject([
      {
        kind: 'post',
        channel: { id: String(channel.id), title: 'Ромашка Events', username: 'romashka_events' },
        postId: 41,
        text: 'Гала-ужин Ромашки: фото',
        at: new Date(at * 1000).toISOString(),
        edited: false,
      },
      {
        kind: 'post',
        postId: 41,
        text: 'Гала-ужин Ромашки: все фото',
        edited: true,
        at: new Date((at + 60) * 1000).toISOString(),
      },
      {
        kind: 'comment',
        channel: { id: String(channel.id) },
        postId: 41,
        comment: { id: 8, chatId: String(group.id) },
        text: 'Еда была холодная',
        author: 'telegram:501',
        edited: false,
      },
    ]);
    expect(h.sink.created.map((m) => m.doc.text)).toEqual(['Есть кто?']);
  });

  it('asks Telegram for channel posts; the fake drops the kinds a bot did not ask for', async () => {
    h.fake.pushUpdate({
      message_reaction: { chat: group, message_id: 9, date: at, old_reaction: [], new_reaction: [] },
    });
    h.fake.pushUpdate({ channel_post: { message_id: 42, date: at, chat: channel, text: 'Анонс' } });
    await h.fake.waitFor(() => h.sink.posts.length >= 1);
    const polls = h.fake.calls.filter((c) => c.method === 'getUpdates');
    expect(polls[0]!.params.allowed_updates).toEqual([
      'message',
      'edited_message',
      'channel_post',
      'edited_channel_post',
      'callback_query',
    ]);
    // Confirmed by the poll after the post was handled (the reaction was never given to the bot).
    await h.fake.waitFor(() => h.fake.pendingUpdates().length === 0);
  });
});
