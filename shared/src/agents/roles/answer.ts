// Answer: RAG over the knowledge base, the twin fenced as data in a user message (never in the system
// prompt), and a bounded tool loop. Tools are the profile's allowed ones; whatever the model asks for is
// checked by the executor. Parts of the profile that look like instructions are flagged and logged.
import type { ChatMessage, KnowledgeHit, ToolSpec } from '../../llm/types';
import type { MessageDoc } from '../../schemas/index';
import { timeZoneOf } from '../profiles';
import { citedHits, customerDataMessage, systemPrompt } from '../prompt';
import { callLlm, type RunContext } from '../run-context';
import { profileInjection } from '../safety';
import { executeToolCall, toolResultText, type ToolOutcome, type ToolSet } from '../tools/executor';
import type { ToolContext } from '../tools/types';
import { catalogAccess, quoteCall, quoteHit } from '../catalog-step';
import { proposalCall } from '../proposal-step';
import { placesIn, type RoutePlan } from './supervisor';
import { toolContextOf } from './tool-context';

export type AnswerResult = {
  text: string;
  hits: KnowledgeHit[];
  cited: KnowledgeHit[];
  toolCalls: ToolOutcome[];
  handoff?: string;
  provider: string;
  model: string;
  offline: boolean;
  /** The model's finish reason for the final text (`length`: cut off at max_tokens). */
  finishReason: string;
  steps: number;
  /** Parts of the customer's profile that look like instructions (`name`, `fact budget`, ...). */
  flagged: string[];
  /** The catalog's quote the answer gives (catalog-step.ts): its total must be in the reply. */
  quote?: { total: number; currency: string };
};

export type AnswerOptions = {
  tools: ToolSet;
  maxToolSteps: number;
  historyLimit: number;
  /** The history's share of the prompt, in (estimated) tokens. */
  historyTokens?: number;
  knowledgeLimit: number;
  onDelta?: (delta: string) => void;
  /** What was streamed is not the answer: a provider failed mid-answer, or it led to tool calls. */
  onDeltaReset?: (reason: string) => void;
  /** The answer so far as the customer may see it (respond.ts turns the stream into it). */
  onDraft?: (text: string) => void;
  signal?: AbortSignal;
};

export function replyLanguage(ctx: RunContext): 'ru' | 'en' {
  return ctx.language;
}

/**
 * A rough, cautious token count for any model's tokenizer: Latin about 4 characters a token, Cyrillic
 * about 2.5, anything else (CJK, emoji, symbols: what a broken model writes) one or more each.
 */
export function estimateTokens(text: string): number {
  let t = 0;
  for (const ch of text) {
    if (/[a-z0-9]/i.test(ch)) t += 0.27;
    else if (/\s/.test(ch)) t += 0.1;
    else if (/[\u0400-\u04FF]/.test(ch)) t += 0.42;
    else if (/[-.,!?;:'"()]/.test(ch)) t += 0.5;
    else t += 1.5;
  }
  return Math.ceil(t);
}

/** Cuts a text to about `tokens` tokens (keeping its start). */
function cutToTokens(text: string, tokens: number): string {
  if (estimateTokens(text) <= tokens) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (estimateTokens(text.slice(0, mid)) <= tokens) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
}

/**
 * The conversation so far, newest kept first, bounded by count and by tokens: one long message (a junk
 * reply from before the reply gate, a pasted document) can neither push the request past the model's
 * context nor crowd out the rest (a single message gets at most half of the budget).
 */
async function history(ctx: RunContext, limit: number, maxTokens: number): Promise<ChatMessage[]> {
  const recent = await ctx.store.find(
    'messages',
    { conversationId: ctx.conversation.id },
    { sortBy: 'createdAt' },
  );
  const picked: ChatMessage[] = [];
  let left = maxTokens;
  for (const m of recent
    .filter((m: MessageDoc) => m.id !== ctx.message.id && !m.scheduledFor && !m.cancelledAt && m.text)
    .slice(-limit)
    .reverse()) {
    const content = cutToTokens(m.text, Math.floor(maxTokens / 2));
    const cost = estimateTokens(content) + 4;
    if (cost > left) break;
    left -= cost;
    picked.unshift(m.direction === 'inbound' ? { role: 'user', content } : { role: 'assistant', content });
  }
  return picked;
}

/**
 * The answer of a run, in named steps: the facts computed first (quote, proposal, knowledge hits:
 * gatherFacts), the profile checked for instruction-like parts (flagProfile), the prompt (promptMessages)
 * and the offline task (answerTask), then the model with its bounded tool loop (toolLoop).
 */
export async function answer(ctx: RunContext, plan: RoutePlan, opts: AnswerOptions): Promise<AnswerResult> {
  const allowed = new Set(ctx.profile.allowedTools);
  const tools = answerTools(ctx);
  const facts = await gatherFacts(ctx, plan, opts, tools.context);
  const specs = [...opts.tools.values()]
    .filter((t) => allowed.has(t.name))
    .map((t) => ({ name: t.name, description: t.description, parameters: t.parameters }));
  const flagged = await flagProfile(ctx);
  const messages = await promptMessages(ctx, plan, opts, { ...facts, specs, flagged });
  const task = answerTask(ctx, plan, facts);
  return toolLoop(ctx, opts, { messages, task, specs, allowed, tools, facts, flagged });
}

type Quoted = Awaited<ReturnType<typeof quoteFirst>>;

/** What the answer computed before asking the model: the quote, the proposal sent, the knowledge hits. */
type Facts = { quoted?: Quoted; proposed?: ToolOutcome; hits: KnowledgeHit[]; toolCalls: ToolOutcome[] };

/** The answer's tool context (a fresh one per call) and the hand-off a tool asked for, if one did. */
function answerTools(ctx: RunContext) {
  let handoff: string | undefined;
  const context = (): ToolContext =>
    toolContextOf(ctx, 'answer', {
      requestHandoff: (reason) => {
        handoff = reason;
      },
      extras: {
        catalog: catalogAccess(ctx),
        ...(ctx.profile.sendsProposals === true && ctx.store.sendProposal
          ? { proposals: { send: ctx.store.sendProposal.bind(ctx.store) } }
          : {}),
        ...(ctx.retriever ? { retriever: ctx.retriever } : {}),
      },
    });
  return { context, handoff: () => handoff };
}

/** The quote (a product named), the proposal (asked for) and the knowledge hits, before the model. */
async function gatherFacts(
  ctx: RunContext,
  plan: RoutePlan,
  opts: AnswerOptions,
  toolContext: () => ToolContext,
): Promise<Facts> {
  const toolCalls: ToolOutcome[] = [];
  // A product named: the quote is computed first, by code, and is what the answer says.
  const quoted = plan.catalog ? await quoteFirst(ctx, plan, opts.tools, toolContext()) : undefined;
  if (quoted) toolCalls.push(quoted.outcome);
  // The proposal asked for: the server makes the PDF of the deal's quote and sends it, then the reply.
  const proposed = plan.proposal
    ? await executeToolCall(proposalCall(), opts.tools, new Set(['send_proposal']), toolContext())
    : undefined;
  if (proposed) toolCalls.push(proposed);
  // The supervisor's lookup when it made one (the same question, one search a run).
  const hits = quoted?.hit
    ? [quoted.hit, ...(plan.knowledge?.hits ?? [])]
    : plan.knowledge
      ? plan.knowledge.hits
      : ctx.retriever
        ? await ctx.log.step('answer', 'retrieve', { query: ctx.message.text.slice(0, 500) }, async () =>
            ctx.retriever!.search(ctx.message.text, { limit: opts.knowledgeLimit }),
          )
        : [];
  return { ...(quoted ? { quoted } : {}), ...(proposed ? { proposed } : {}), hits, toolCalls };
}

/** Parts of the customer's profile that look like instructions, logged when there are any. */
async function flagProfile(ctx: RunContext): Promise<string[]> {
  const flagged = profileInjection(ctx.contact);
  if (flagged.length) {
    await ctx.log.record({
      role: 'answer',
      kind: 'step',
      name: 'injection-check',
      status: 'denied',
      input: { parts: flagged },
      output: { note: 'profile data that looks like instructions; kept as fenced data only' },
      startedAt: ctx.now,
    });
  }
  return flagged;
}

/** The system prompt, the fenced customer data, the history, the message and the quote's tool call. */
async function promptMessages(
  ctx: RunContext,
  plan: RoutePlan,
  opts: AnswerOptions,
  { hits, quoted, specs, flagged }: Facts & { specs: Array<{ name: string }>; flagged: string[] },
): Promise<ChatMessage[]> {
  return [
    {
      role: 'system',
      content: systemPrompt({
        profile: ctx.profile,
        hits,
        language: replyLanguage(ctx),
        now: ctx.now,
        timeZone: timeZoneOf(ctx.profile),
        injectionSuspected: plan.injectionSuspected || flagged.length > 0,
        tools: specs.map((s) => s.name),
      }),
    },
    { role: 'user', content: customerDataMessage(ctx.contact, flagged) },
    ...(await history(ctx, opts.historyLimit, opts.historyTokens ?? 1_500)),
    { role: 'user', content: ctx.message.text },
    // The quote as the tool call it was: the model reads its numbers, never makes its own.
    ...(quoted?.hit
      ? [
          { role: 'assistant' as const, content: null, toolCalls: [quoted.call] },
          { role: 'tool' as const, toolCallId: quoted.call.id, content: toolResultText(quoted.outcome) },
        ]
      : []),
  ];
}

/** What the offline provider answers from: the question, the plan's reading and the hits. */
function answerTask(ctx: RunContext, plan: RoutePlan, { hits, quoted, proposed }: Facts) {
  return {
    kind: 'answer' as const,
    text: ctx.message.text,
    intent: plan.intent,
    confidence: plan.confidence,
    // The hits that answer the question (by their place in `hits`), when the knowledge base answers it.
    answering: plan.knowledge?.fromKnowledge
      ? placesIn(hits, plan.knowledge.evidence.answering)
      : quoted?.hit
        ? [0]
        : [],
    ...(quoted?.hit ? { quote: 0 } : {}),
    ...(proposed?.ok ? { proposalSent: true } : {}),
    unknown: plan.unknown,
    detailsSaved: savedFrom(ctx),
    language: replyLanguage(ctx),
    hits,
    now: ctx.now.toISOString(),
    timeZone: timeZoneOf(ctx.profile),
    ...(ctx.contact.name ? { customerName: ctx.contact.name } : {}),
  };
}

type Loop = {
  messages: ChatMessage[];
  task: ReturnType<typeof answerTask>;
  specs: ToolSpec[];
  allowed: Set<string>;
  tools: ReturnType<typeof answerTools>;
  facts: Facts;
  flagged: string[];
};

/** The model asked until it answers without tools (or the steps run out), running the tools it calls. */
async function toolLoop(ctx: RunContext, opts: AnswerOptions, loop: Loop): Promise<AnswerResult> {
  const { messages, task, specs, allowed, tools, facts, flagged } = loop;
  const { hits, quoted, toolCalls } = facts;
  for (let step = 1; ; step++) {
    const lastStep = step > opts.maxToolSteps;
    const outcome = await callLlm(
      ctx,
      'answer',
      { messages, ...(lastStep || specs.length === 0 ? {} : { tools: specs }), task },
      {
        ...(opts.onDelta ? { onDelta: opts.onDelta } : {}),
        ...(opts.onDeltaReset ? { onDeltaReset: opts.onDeltaReset } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
      },
    );
    if (outcome.toolCalls.length === 0 || lastStep) {
      const text = (outcome.content ?? '').trim();
      const handoff = tools.handoff();
      return {
        text,
        hits,
        cited: citedHits(text, hits),
        toolCalls,
        ...(handoff ? { handoff } : {}),
        provider: outcome.provider,
        model: outcome.model,
        offline: outcome.offline,
        finishReason: outcome.finishReason,
        steps: step,
        flagged,
        ...(quoted?.hit ? { quote: quoted.total } : {}),
      };
    }
    // Text streamed before tool calls was a preamble, not the answer.
    if (outcome.content) opts.onDeltaReset?.('the model called tools');
    messages.push({ role: 'assistant', content: outcome.content, toolCalls: outcome.toolCalls });
    for (const call of outcome.toolCalls) {
      const result = await executeToolCall(call, opts.tools, allowed, tools.context());
      toolCalls.push(result);
      const content =
        result.ok && result.name === 'search_knowledge' ? numberHits(result.result, hits) : undefined;
      messages.push({
        role: 'tool',
        toolCallId: call.id || `call-${step}`,
        content: content ?? toolResultText(result),
      });
    }
  }
}

/**
 * The `quote` tool run for what the message asks (a call of the server's, allowed whatever the profile
 * lets a model call), and the passage its arithmetic is cited as; no passage when nothing was priced.
 */
async function quoteFirst(ctx: RunContext, plan: RoutePlan, tools: ToolSet, toolCtx: ToolContext) {
  const call = quoteCall(plan.catalog!, ctx.language);
  const outcome = await executeToolCall(call, tools, new Set(['quote']), toolCtx);
  const hit = outcome.ok ? quoteHit(outcome.result, ctx.language, plan.catalog) : undefined;
  const result = (outcome.ok ? outcome.result : {}) as { total?: number; currency?: string };
  return {
    call,
    outcome,
    ...(hit ? { hit } : {}),
    total: { total: result.total ?? 0, currency: result.currency ?? '' },
  };
}

const contactKeys = new Set(['name', 'phone', 'email', 'company', 'position']);

/** Whether this message's contact details are in the twin now (the twin step ran before the answer). */
function savedFrom(ctx: RunContext): boolean {
  return (ctx.contact.twin?.facts ?? []).some(
    (f) => f.sourceMessageId === ctx.message.id && contactKeys.has(f.key),
  );
}

type FoundHit = Omit<KnowledgeHit, 'score'>;

/** Knowledge found through the tool joins the numbered hits, so the model can cite it as [n] too. */
function numberHits(result: unknown, hits: KnowledgeHit[]): string {
  const found = ((result as { hits?: FoundHit[] }).hits ?? []).map((h) => {
    let i = hits.findIndex((x) => x.chunkId === h.chunkId);
    if (i < 0) i = hits.push({ ...h, score: 0 }) - 1;
    return { n: i + 1, ...h };
  });
  return JSON.stringify({ ok: true, result: { hits: found, cite: 'Cite these as [n].' } });
}
