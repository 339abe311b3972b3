// What a run that routed (or stayed silent) gives back: the docs as stored after the answer (the
// conversation's last message is the reply, if any), the route, the reply, the hand-off, the facts and
// score the steps found, who wrote the reply, the usage and the safety checks.
import type { LlmClient } from '../llm/types';
import type { ActivityDoc, MessageDoc } from '../schemas/index';
import type { InboundResult } from './engine-types';
import type { Response } from './roles/respond';
import type { EngineRun } from './run-steps';

/** What every result starts from. */
export type RunBase = Pick<InboundResult, 'runId' | 'replies' | 'followUps' | 'toolCalls' | 'facts'> & {
  activity: ActivityDoc[];
};

export async function runResult(
  run: EngineRun,
  response: Response,
  base: RunBase,
  llm: Pick<LlmClient, 'usage'>,
): Promise<InboundResult> {
  const { ctx, plan, silent, intent, twin, score } = run;
  const { store } = ctx;
  const contact = (await store.get('contacts', ctx.contact.id)) ?? ctx.contact;
  let conversation = (await store.get('conversations', ctx.conversation.id)) ?? ctx.conversation;
  // No follow-up while this answer is in flight: it is planned once the answer is delivered
  // (`afterDelivery`) or by the nurturing pass.
  const followUps: MessageDoc[] = [];
  const reply = 'reply' in response ? response.reply : undefined;
  if (reply) {
    conversation = {
      ...conversation,
      lastMessageAt: reply.createdAt,
      lastMessagePreview: reply.text.slice(0, 300),
    };
    await store.put('conversations', conversation);
  }
  const lead = (await store.get('leads', ctx.lead.id)) ?? ctx.lead;
  ctx.logger.info(
    { runId: ctx.runId, intent, handoff: response.handoff, replied: !!reply },
    'agent run done',
  );
  return {
    ...base,
    ...(silent ? { skipped: silent } : {}),
    ...(plan ? { route: plan } : {}),
    replies: reply ? [reply] : [],
    followUps,
    toolCalls: response.toolCalls,
    ...(response.handoff ? { handoff: { reason: response.handoff } } : {}),
    facts: twin ? { added: twin.change.added, superseded: twin.change.superseded } : base.facts,
    score,
    contact,
    conversation,
    lead,
    ...('provider' in response && response.provider ? { provider: response.provider } : {}),
    usage: llm.usage(conversation.id),
    safety: {
      toxicReplyBlocked: response.toxicReplyBlocked,
      ...(response.replyGate ? { replyGate: response.replyGate } : {}),
      injectionSuspected:
        (plan?.injectionSuspected ?? false) ||
        ('profileFlagged' in response && !!response.profileFlagged?.length),
      customerSentiment: contact.twin.sentiment ?? 'neutral',
    },
  };
}
