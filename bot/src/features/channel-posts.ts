// What the public says where the team's bot can read it: the posts of a channel the bot administers
// (`channel_post`, `edited_channel_post`) and the comments under them in the channel's discussion
// group (a reply to the post's automatic forward there). They go to the sink's social side
// (`saveChannelPost`), never to the agents as a customer's message: a comment is not a conversation,
// and the bot does not answer in public. The automatic forward itself is the channel's own post, so
// it is skipped too. Without `saveChannelPost` (a sink with no social side) they are ignored.
import { Composer } from 'grammy';
import type { Message } from 'grammy/types';
import type { BotContext } from '../context';
import type { ChannelPost } from '../ports';
import { isoFromUnix } from '../inbound/build';

export const channelPostsFeature = new Composer<BotContext>();

const MAX_TEXT = 4000;
const textOf = (m: Message) => (m.text ?? m.caption ?? '').slice(0, MAX_TEXT);

/** The channel post a discussion group's message is (or answers), from its automatic forward. */
function forwardedPost(m: Message | undefined) {
  if (!m?.is_automatic_forward) return undefined;
  const origin = m.forward_origin;
  if (origin?.type !== 'channel') return undefined;
  return { chat: origin.chat, postId: origin.message_id };
}

const channelOf = (chat: Message['chat']) => ({
  id: String(chat.id),
  ...('title' in chat && chat.title ? { title: chat.title } : {}),
  ...('username' in chat && chat.username ? { username: chat.username } : {}),
});

channelPostsFeature.on(['channel_post', 'edited_channel_post'], async (ctx) => {
  const post = ctx.channelPost ?? ctx.editedChannelPost;
  const save = ctx.services.sink.saveChannelPost;
  if (!post || !save) return;
  const seen: ChannelPost = {
    teamId: ctx.services.teamId,
    botId: ctx.services.botId,
    kind: 'post',
    channel: channelOf(post.chat),
    postId: post.message_id,
    text: textOf(post),
    at: isoFromUnix(post.edit_date ?? post.date),
    edited: Boolean(ctx.editedChannelPost),
    updateId: ctx.update.update_id,
  };
  if (seen.text) await save(seen);
});

channelPostsFeature.on(['message', 'edited_message'], async (ctx, next) => {
  const msg = ctx.msg;
  // The channel's post as the group shows it: the post itself came as a channel_post.
  if (forwardedPost(msg)) return;
  const under = forwardedPost(msg.reply_to_message);
  if (!under) return next();
  const save = ctx.services.sink.saveChannelPost;
  const text = textOf(msg);
  if (!save || !text) return;
  await save({
    teamId: ctx.services.teamId,
    botId: ctx.services.botId,
    kind: 'comment',
    channel: channelOf(under.chat),
    postId: under.postId,
    comment: { id: msg.message_id, chatId: String(msg.chat.id) },
    text,
    at: isoFromUnix(msg.edit_date ?? msg.date),
    ...(msg.from && !msg.sender_chat ? { author: `telegram:${msg.from.id}` } : {}),
    edited: Boolean(ctx.editedMessage),
    updateId: ctx.update.update_id,
  });
});
