// Anything else a customer sends (stickers, locations, polls...): saved with its kind, so reps see
// it. Service messages (joins, pins) carry no content and are skipped.
import { Composer } from 'grammy';
import type { BotContext } from '../context';
import { inboundFor, saveInbound } from '../inbound/build';
import { contentOf } from '../inbound/content';

export const otherMessagesFeature = new Composer<BotContext>();

otherMessagesFeature.on('message', async (ctx) => {
  const content = contentOf(ctx.message);
  if (!content) return;
  const inbound = inboundFor(ctx, content);
  if (inbound) await saveInbound(ctx, inbound);
});
