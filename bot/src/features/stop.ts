// /stop: the customer opts out of follow-ups. The opt-out goes through the sink first (idempotent,
// so a redelivered /stop after a failure still lands), then the message, then a confirmation.
import { Composer } from 'grammy';
import type { BotContext } from '../context';
import { inboundFor, saveInbound } from '../inbound/build';
import { languageFor } from '../inbound/language';

export const stopTexts = {
  ru: 'Готово: больше не будем присылать напоминаний. Если понадобимся — просто напишите.',
  en: "Done: we won't send you any more follow-ups. If you need us, just write.",
} as const;

export const stopFeature = new Composer<BotContext>();

stopFeature.command('stop', async (ctx) => {
  const inbound = inboundFor(
    ctx,
    { text: ctx.message?.text ?? '/stop' },
    { command: 'stop', handledByBot: true },
  );
  if (!inbound) return;
  const { doc } = inbound;
  await ctx.services.sink.optOut({
    teamId: inbound.teamId,
    botId: inbound.botId,
    contactId: inbound.customer.contactId,
    conversationId: doc.conversationId,
    externalChatId: inbound.chat.externalChatId,
    messageId: doc.id,
    at: doc.createdAt,
  });
  ctx.log.info({ contactId: inbound.customer.contactId }, 'customer opted out');
  if (await saveInbound(ctx, inbound)) {
    await ctx.reply(stopTexts[languageFor(ctx.from?.language_code)]);
  }
});
