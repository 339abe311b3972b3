// The demo team's sample conversations (sync-server/src/seed) belong to no real bot: their `botId` is
// DEMO_BOT_ID. Whatever is written into them (a rep's reply, a follow-up, a stage notification) is
// never sent to a channel: every sender marks it failed with DEMO_NOT_SENT, which the app shows.

export const DEMO_BOT_ID = 'demo';

/** The delivery error of a message written into a demo conversation (not sent anywhere). */
export const DEMO_NOT_SENT = 'demo-conversation: a sample conversation of the demo team; nothing is sent';

/** Whether a conversation is one of the demo team's samples (nothing of it ever leaves). */
export const isDemoConversation = (conversation: { botId?: string | undefined } | undefined): boolean =>
  conversation?.botId === DEMO_BOT_ID;
