// Offered choices in Telegram (issue 61): an agent's message that offers knowledge articles goes out
// with an inline keyboard, one button a row, each button's data `ch:<offer token>:<index>` (well under
// Telegram's 64 bytes). A press is a callback query: the sink turns it into the customer's message (or
// refuses it: no such offer in this chat, no such choice), the query is answered so the client stops
// its spinner, and the keyboard is replaced by one mark of what was picked ("✓ label", data `ch:done`,
// which does nothing), so the choice cannot be picked twice. Data that is not a choice's is answered
// and ignored.
import { Composer } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { BotContext } from '../context';
import { chatFrom, customerFrom } from '../inbound/build';

const DATA = /^ch:([A-Za-z0-9_-]{16}):([0-3])$/;
/** Data of the mark left in place of a keyboard once picked: a press of it does nothing. */
export const CHOICE_DONE = 'ch:done';
/** Telegram shows long button texts cut; this keeps them readable. */
const LABEL_MAX = 60;

const clip = (s: string) => (s.length > LABEL_MAX ? `${s.slice(0, LABEL_MAX - 1)}…` : s);

/** The inline keyboard of an offer: one button a row, in the offer's order. */
export function choiceKeyboard(token: string, labels: string[]): InlineKeyboardMarkup {
  return {
    inline_keyboard: labels
      .slice(0, 4)
      .map((label, i) => [{ text: clip(label), callback_data: `ch:${token}:${i}` }]),
  };
}

/** The offer's token and the choice's index a button's data names; undefined for any other data. */
export function parseChoiceData(data: string): { token: string; index: number } | undefined {
  const m = DATA.exec(data);
  return m ? { token: m[1]!, index: Number(m[2]) } : undefined;
}

const refusedText = (lang?: string) =>
  lang?.startsWith('ru') ? 'Этот выбор уже недоступен' : 'This choice is no longer available';

export const choicesFeature = new Composer<BotContext>();

choicesFeature.on('callback_query:data', async (ctx) => {
  const query = ctx.callbackQuery;
  const parsed = parseChoiceData(query.data);
  const message = query.message;
  const savePick = ctx.services.sink.savePick;
  if (!parsed || !message || !savePick) {
    await ctx.answerCallbackQuery().catch(() => undefined);
    return;
  }
  const { teamId, botId } = ctx.services;
  const result = await savePick({
    teamId,
    botId,
    token: parsed.token,
    index: parsed.index,
    customer: customerFrom(query.from),
    chat: chatFrom(message.chat),
    messageId: message.message_id,
    at: new Date().toISOString(),
    updateId: ctx.update.update_id,
  });
  ctx.log.info({ result, messageId: message.message_id }, 'choice pressed');
  await ctx
    .answerCallbackQuery(result === 'refused' ? { text: refusedText(query.from.language_code) } : {})
    .catch((err: unknown) => ctx.log.warn({ err }, 'answering the callback query failed'));
  if (result === 'refused') return;
  // The picked button's text, as the customer saw it, marks the message; a repeat finds it marked.
  const pressed =
    'reply_markup' in message ? message.reply_markup?.inline_keyboard[parsed.index]?.[0] : undefined;
  const mark = pressed ? `✓ ${pressed.text}` : '✓';
  await ctx
    .editMessageReplyMarkup({
      reply_markup: { inline_keyboard: [[{ text: clip(mark), callback_data: CHOICE_DONE }]] },
    })
    .catch((err: unknown) => ctx.log.warn({ err }, 'marking the picked choice failed'));
});
