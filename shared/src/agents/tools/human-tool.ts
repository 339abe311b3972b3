// call_human: the conversation switches to human mode (agents stay silent from now on), reps are
// notified through a hand-off entry in the activity log and an urgent task.
import { z } from 'zod';
import { defineZodTool } from './define-tool';
import { madeByAgent } from './made-by-agent';

/** The engine's own hand-off reasons, as a rep reads them: [the reason, English, Russian]. */
const ENGINE_REASONS: ReadonlyArray<readonly [RegExp, string, string]> = [
  [/^customer asked for a human$/, 'customer asked for a human', 'клиент просит менеджера'],
  [/^out of scope/, 'a question outside the agent’s topics', 'вопрос не по теме агента'],
  [/^low routing confidence \(/, 'the agent was not sure it understood', 'агент не уверен, что понял вопрос'],
];

/**
 * The rep's task after a hand-off, in the conversation's language: «Ответить клиенту: клиент просит
 * менеджера» for a Russian customer (it read "Reply to the customer: customer asked for a human" on a
 * Russian board). The engine's own reasons are said in words; a model's reason is kept as written.
 */
export function handoffTaskTitle(reason: string, language: 'ru' | 'en' = 'en'): string {
  const own = ENGINE_REASONS.find(([reads]) => reads.test(reason));
  const said = own ? own[language === 'ru' ? 2 : 1] : reason;
  return `${language === 'ru' ? 'Ответить клиенту' : 'Reply to the customer'}: ${said}`.slice(0, 500);
}

export const callHumanTool = defineZodTool({
  name: 'call_human',
  description:
    'Hand the conversation to a human sales rep (the customer asked, is upset, or you are unsure).',
  schema: z.object({ reason: z.string().trim().min(1).max(500) }).strict(),
  async execute(args, ctx) {
    const at = ctx.now.toISOString();
    const conversation = await ctx.scope.conversation();
    await ctx.scope.saveConversation({
      ...conversation,
      mode: 'human',
      handoffReason: args.reason,
      handoffMessageId: ctx.messageId,
      // The customer waits for a rep from the first hand-off until a rep writes (the Inbox lists them).
      waitingSince: conversation.waitingSince ?? at,
      fieldUpdatedAt: {
        ...conversation.fieldUpdatedAt,
        mode: at,
        handoffReason: at,
        handoffMessageId: at,
        ...(conversation.waitingSince ? {} : { waitingSince: at }),
      },
      updatedAt: at,
    });
    const taskId = ctx.newId('task');
    await ctx.scope.addTask({
      id: taskId,
      title: handoffTaskTitle(args.reason, ctx.language),
      status: 'open',
      priority: 'high',
      contactId: ctx.scope.contactId,
      ...madeByAgent(ctx, at),
    });
    await ctx.log.record({
      role: ctx.role,
      kind: 'handoff',
      name: 'call_human',
      status: 'ok',
      input: { reason: args.reason },
      output: { mode: 'human', taskId },
      startedAt: ctx.now,
    });
    ctx.requestHandoff(args.reason);
    return { mode: 'human', taskId };
  },
});
