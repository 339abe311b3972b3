// The end of a handed-off customer's wait, checked when the customer writes again: a rep who wrote
// meanwhile ends the wait (the rep has the conversation); otherwise, once the profile's wait is over,
// the conversation goes back to the AI, which answers (and says so if the status has not gone out).
import type { RunContext } from '../run-context';
import { pendingStatuses, repWroteSince, waitEndsAt } from './handoff-wait';

export type WaitCheck = { waiting: boolean; resumed?: boolean; repWrote?: boolean };

export async function endWaitIfOver(ctx: RunContext): Promise<WaitCheck> {
  const conversation = ctx.conversation;
  const since = conversation.waitingSince;
  if (!since || conversation.handoffMessageId === ctx.message.id) return { waiting: !!since };
  const messages = await ctx.store.find('messages', { conversationId: conversation.id });
  const at = ctx.now.toISOString();
  if (repWroteSince(messages, since)) {
    const { waitingSince: _w, ...rest } = conversation;
    ctx.conversation = await ctx.store.put('conversations', {
      ...rest,
      fieldUpdatedAt: { ...conversation.fieldUpdatedAt, waitingSince: at },
      updatedAt: at,
    });
    return { waiting: false, repWrote: true };
  }
  const ends = waitEndsAt(conversation, ctx.profile);
  if (conversation.mode !== 'human' || !ends || ctx.now < ends) return { waiting: true };
  // The wait is over and no rep wrote: the AI answers again; the customer still waits for a rep.
  const pending = await pendingStatuses(ctx.store, conversation.id);
  for (const m of pending) await ctx.store.put('messages', { ...m, cancelledAt: at, updatedAt: at });
  ctx.conversation = await ctx.store.put('conversations', {
    ...conversation,
    mode: 'ai',
    fieldUpdatedAt: { ...conversation.fieldUpdatedAt, mode: at },
    updatedAt: at,
  });
  ctx.resumed = pending.length > 0;
  return { waiting: true, resumed: true };
}
