// The context a tool runs in, built from a run's: the current customer's scope (their contact,
// conversation and deal, nothing else), the run's clock, ids and log, and the profile's policy for
// consequential lead changes. One place for every role that calls tools or writes as one (the answer
// agent, the supervisor's hand-off, the events pack's Maestro); each adds what only it gives a tool.
import type { AgentRole } from '../../schemas/index';
import { createCustomerScope } from '../customer-scope';
import type { RunContext } from '../run-context';
import type { ToolContext } from '../tools/types';

export function toolContextOf(
  ctx: RunContext,
  role: AgentRole,
  opts: {
    /** The deal the scope is of, when not the run's (a deal the role has just opened). */
    leadId?: string;
    /** What call_human does; none: the request is ignored (a role that hands off by itself). */
    requestHandoff?: (reason: string) => void;
    /** What only this role gives its tools (the catalog, proposals, the retriever). */
    extras?: Pick<ToolContext, 'catalog' | 'proposals' | 'retriever'>;
  } = {},
): ToolContext {
  return {
    scope: createCustomerScope(
      ctx.store,
      { contactId: ctx.contact.id, conversationId: ctx.conversation.id, leadId: opts.leadId ?? ctx.lead.id },
      ctx.profile,
    ),
    now: ctx.now,
    runId: ctx.runId,
    messageId: ctx.message.id,
    role,
    log: ctx.log,
    newId: ctx.newId,
    leadPolicy: ctx.profile,
    requestHandoff: opts.requestHandoff ?? (() => undefined),
    language: ctx.language,
    ...opts.extras,
  };
}
