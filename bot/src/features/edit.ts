// Edited messages: the same doc id gets the new text and editedAt. An edit of a message the sink
// never saw (the bot was down) is saved as a new message carrying editedAt.
import { Composer } from 'grammy';
import type { BotContext } from '../context';
import { chatFrom, customerFrom, messageDocFor } from '../inbound/build';
import { contentOf } from '../inbound/content';

export const editFeature = new Composer<BotContext>();

editFeature.on('edited_message', async (ctx) => {
  const msg = ctx.editedMessage;
  const from = msg.from;
  const content = contentOf(msg);
  if (!from || !content) return;
  const { teamId, botId, sink } = ctx.services;
  const doc = messageDocFor(botId, msg, from, content);
  const customer = customerFrom(from);
  const chat = chatFrom(msg.chat);
  const editedAt = doc.editedAt ?? new Date().toISOString();
  const result = await sink.saveEdit({
    teamId,
    botId,
    id: doc.id,
    conversationId: doc.conversationId,
    text: doc.text,
    editedAt,
    doc,
    customer,
    chat,
    updateId: ctx.update.update_id,
  });
  ctx.log.info({ messageId: doc.id, result }, 'edited message');
  if (result !== 'missing') return;
  const humanRequested = ctx.services.isHumanRequest(doc.text);
  await sink.saveInbound({
    teamId,
    botId,
    doc,
    customer,
    chat,
    signals: humanRequested ? { humanRequested } : {},
    updateId: ctx.update.update_id,
  });
});
