// What every doc an agent's tool plans in a conversation carries (a task, a meeting, the hand-off's
// task): the deal if there is one, the conversation, the agent as its author, and when.
import type { ToolContext } from './types';

export function madeByAgent(ctx: ToolContext, at: string) {
  return {
    ...(ctx.scope.leadId ? { leadId: ctx.scope.leadId } : {}),
    conversationId: ctx.scope.conversationId,
    createdBy: { kind: 'agent' as const, name: ctx.role },
    createdAt: at,
    updatedAt: at,
  };
}
