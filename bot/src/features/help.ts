// /help: a short static answer in the customer's language, sent by the bot itself.
import { Composer } from 'grammy';
import type { BotContext } from '../context';
import { inboundFor, saveInbound } from '../inbound/build';
import { languageFor } from '../inbound/language';

export const helpTexts = {
  ru: [
    'Здравствуйте! Я помогу с вопросами о продуктах, ценах и доставке — просто напишите сообщение.',
    '',
    'Хотите поговорить с человеком — напишите «оператор».',
    '/stop — больше не присылать напоминаний',
    '/help — эта справка',
  ].join('\n'),
  en: [
    'Hello! I can help with products, prices and delivery — just send a message.',
    '',
    'To talk to a person, write "operator".',
    '/stop — no more follow-up messages',
    '/help — this help',
  ].join('\n'),
} as const;

export const helpFeature = new Composer<BotContext>();

helpFeature.command('help', async (ctx) => {
  const inbound = inboundFor(
    ctx,
    { text: ctx.message?.text ?? '/help' },
    { command: 'help', handledByBot: true },
  );
  if (!inbound) return;
  // Answer once: a redelivered /help is a duplicate and gets no second answer.
  if (await saveInbound(ctx, inbound)) {
    await ctx.reply(helpTexts[languageFor(ctx.from?.language_code)]);
  }
});
