// The updates the bot asks Telegram for, in either mode (getUpdates and setWebhook take the same
// list): customers' messages and their edits, and the posts of the channels the bot administers with
// their edits (social monitoring, features/channel-posts.ts). Comments in a channel's discussion group
// are messages. A customer's press of an offered choice's button is a callback query (features/choices.ts).
export const ALLOWED_UPDATES = [
  'message',
  'edited_message',
  'channel_post',
  'edited_channel_post',
  'callback_query',
] as const;
