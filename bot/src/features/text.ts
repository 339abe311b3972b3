// Plain text messages (and commands the bot does not know), saved for the agents runtime.
import { Composer } from 'grammy';
import type { BotContext } from '../context';
import { inboundFor, saveInbound } from '../inbound/build';

export const textFeature = new Composer<BotContext>();

textFeature.on('message:text', async (ctx) => {
  const inbound = inboundFor(ctx, { text: ctx.message.text });
  if (inbound) await saveInbound(ctx, inbound);
});
