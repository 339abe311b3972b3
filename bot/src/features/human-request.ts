// The customer asks for a person ("оператор", "живой человек", "agent please"...): the message is
// saved flagged, so the runtime can switch the conversation to a rep. The agents also classify.
import { Composer } from 'grammy';
import type { BotContext } from '../context';
import { inboundFor, saveInbound } from '../inbound/build';

export const humanRequestFeature = new Composer<BotContext>();

humanRequestFeature.on('message:text').filter(
  (ctx) => ctx.services.isHumanRequest(ctx.message.text),
  async (ctx) => {
    const inbound = inboundFor(ctx, { text: ctx.message.text }, { humanRequested: true });
    if (!inbound) return;
    if (await saveInbound(ctx, inbound)) ctx.log.info({ messageId: inbound.doc.id }, 'human requested');
  },
);
