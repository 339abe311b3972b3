// Everything one run (one inbound message) works with, passed from role to role.
import { hashOf } from './doc-ids';
import type { LlmClient, LlmRole, ModelChoice, ChatRequest, ChatOutcome } from '../llm/types';
import type {
  AgentRole,
  AgentSettingsDoc,
  ContactDoc,
  ConversationDoc,
  LeadDoc,
  MessageDoc,
} from '../schemas/index';
import type { ActivityEntry, RunLog } from './activity-log';
import type { ReplyLanguage } from './conversation-language';
import type { Clock, Embedder, KnowledgeRetriever, Logger, StorePort } from './ports';

export type RunContext = {
  store: StorePort;
  llm: LlmClient;
  /** The offline provider alone: what a reply that fails the reply gate falls back to. */
  offlineLlm?: LlmClient;
  clock: Clock;
  logger: Logger;
  retriever?: KnowledgeRetriever;
  embedder: Embedder;
  log: RunLog;
  runId: string;
  now: Date;
  message: MessageDoc;
  profile: AgentSettingsDoc;
  /** The replies' language, from the conversation (conversation-language.ts). */
  language: ReplyLanguage;
  /** The AI answers again after a hand-off's wait ran out before the status went out: say so. */
  resumed?: boolean;
  /** The experiment variant's opening line (issue 38), for the first reply of a newly assigned conversation. */
  greeting?: string;
  conversation: ConversationDoc;
  contact: ContactDoc;
  lead: LeadDoc;
  newId(prefix: string): string;
};

/** Deterministic ids for one run: the same message always produces the same ids. */
export function idFactory(seed: string): (prefix: string) => string {
  const base = hashOf(seed);
  let n = 0;
  return (prefix) => `${prefix}-${base}-${++n}`;
}

const roleOf: Record<LlmRole, AgentRole> = {
  supervisor: 'supervisor',
  twin: 'twin',
  scoring: 'scoring',
  answer: 'answer',
  nurturing: 'nurturing',
  // A pack's roles in the activity: Maestro routes as the supervisor does, the others answer.
  maestro: 'supervisor',
  planning: 'answer',
  finance: 'answer',
  vendors: 'answer',
  communication: 'answer',
  analytics: 'answer',
  social: 'answer',
};

/** One LLM call through the fallback chain, every attempt written to the activity log. */
export async function callLlm(
  ctx: RunContext,
  role: LlmRole,
  request: ChatRequest,
  options: {
    onDelta?: (d: string) => void;
    /** What was streamed is void (a provider failed mid-answer; llm-client.ts). */
    onDeltaReset?: (reason: string) => void;
    signal?: AbortSignal;
  } = {},
): Promise<ChatOutcome> {
  const choice: ModelChoice | undefined = ctx.profile.models?.[role];
  const startedAt = ctx.clock.now();
  const outcome = await ctx.llm.chat(role, request, {
    conversationId: ctx.conversation.id,
    ...(choice ? { choice } : {}),
    ...(ctx.profile.fallbacks ? { fallbacks: ctx.profile.fallbacks } : {}),
    ...(ctx.profile.monthlyBudgetUsd === undefined ? {} : { monthlyBudgetUsd: ctx.profile.monthlyBudgetUsd }),
    ...options,
  });
  for (const a of outcome.attempts.filter((x) => !x.ok)) {
    // The server log too (the runtime's pino logger), with the provider and what it said; a provider
    // skipped by its open circuit was logged when it failed.
    if (!a.skipped) {
      ctx.logger.warn(
        { runId: ctx.runId, role, provider: a.provider, model: a.model, code: a.code, error: a.message },
        'LLM call failed; fell back',
      );
    }
    await ctx.log.record({
      role: roleOf[role],
      kind: 'error',
      name: 'llm-fallback',
      // An open circuit skipped the provider without calling it.
      status: a.skipped ? 'skipped' : 'error',
      provider: a.provider,
      model: a.model,
      error: `${a.code ?? 'llm-unavailable'}: ${a.message ?? ''}`,
      startedAt,
      durationMs: Math.round(a.durationMs * 1000) / 1000,
    });
  }
  const last = outcome.attempts.at(-1);
  await ctx.log.record({
    role: roleOf[role],
    kind: 'llm-call',
    name: request.task?.kind ?? role,
    status: 'ok',
    provider: outcome.provider,
    model: outcome.model,
    input: { messages: request.messages.length, tools: request.tools?.map((t) => t.name) ?? [] },
    output: { content: outcome.content, toolCalls: outcome.toolCalls, offline: outcome.offline },
    tokens: {
      prompt: outcome.usage.promptTokens,
      completion: outcome.usage.completionTokens,
      costUsd: outcome.usage.costUsd,
    },
    startedAt,
    durationMs: Math.round((last?.durationMs ?? 0) * 1000) / 1000,
  });
  return outcome;
}

/** A step the run took on the customer's message: logged with the message's first 300 characters as input. */
export type MessageStep = Omit<ActivityEntry, 'kind' | 'input' | 'startedAt'> & { startedAt?: Date };

/** Logs a step of the run on the customer's message (kind `step`, started at the run's time unless said). */
export async function recordMessageStep(ctx: RunContext, step: MessageStep): Promise<void> {
  await ctx.log.record({
    kind: 'step',
    startedAt: ctx.now,
    ...step,
    input: { text: ctx.message.text.slice(0, 300) },
  });
}
