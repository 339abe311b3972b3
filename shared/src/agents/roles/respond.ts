// What the customer gets back: the supervisor's hand-off notice, or the answer agent's reply after the
// toxicity check; written as one outbound message doc (pending delivery) labelled with its origin.
import { replyIdFor } from '../doc-ids';
import { replies } from '../../llm/offline/offline-replies';
import type { MessageDoc } from '../../schemas/index';
import type { RunContext } from '../run-context';
import { createReplyDraft } from '../reply-draft';
import { readableAnswer } from '../citations';
import { quoteFigures, type QuotedResult } from '../../catalog/quote-figures';
import { checkReply } from '../reply-gate';
import { checkReplyAbuse } from '../mood/index';
import { catalogProducts } from '../catalog-step';
import { executeToolCall, type ToolOutcome, type ToolSet } from '../tools/executor';
import { suggestAfterQuote } from '../suggestion-step';
import { answer, replyLanguage, type AnswerOptions, type AnswerResult } from './answer';
import { handoffEta, planHandoffStatus, resumedNote } from './handoff-wait';
import type { RoutePlan } from './supervisor';
import { toolContextOf } from './tool-context';
import { choicesLeadIn, choicesOf, type Choice } from '../answer-choices';
import type { Response } from './response';

export type { Response } from './response';

type Citation = NonNullable<MessageDoc['citations']>[number];

async function supervisorHandoff(ctx: RunContext, reason: string, tools: ToolSet): Promise<ToolOutcome> {
  return executeToolCall(
    { id: 'supervisor-handoff', name: 'call_human', arguments: JSON.stringify({ reason }) },
    tools,
    new Set(['call_human']),
    toolContextOf(ctx, 'supervisor'),
  );
}

type Gated = { answer: AnswerResult; failure?: string; handoff?: boolean };

/**
 * The reply gate (reply-gate.ts) on a model's answer. A failing one is never sent: the offline
 * provider answers instead (its tools go through the executor as usual), or, with nothing to say, a
 * human takes over. The reason is in the activity log.
 */
async function gate(ctx: RunContext, a: AnswerResult, plan: RoutePlan, opts: AnswerOptions): Promise<Gated> {
  if (a.offline) return { answer: a };
  const quoted = a.toolCalls.flatMap((t) =>
    t.ok && (t.name === 'quote' || t.name === 'find_products') ? [t.result as QuotedResult] : [],
  );
  const verdict = checkReply({
    text: a.text,
    language: replyLanguage(ctx),
    sources: a.hits.length,
    finishReason: a.finishReason,
    // A quote's numbers are the catalog's: a reply without the computed total is not sent.
    ...(a.quote ? { quoteTotal: a.quote.total } : {}),
    // ... and no other price, discount or card number: only the figures of the quotes computed.
    ...(quoted.some((r) => r.text !== undefined) ? { quoteFigures: quoteFigures(quoted) } : {}),
  });
  const record = (fallback?: string) =>
    ctx.log.record({
      role: 'answer',
      kind: 'step',
      name: 'reply-gate',
      status: verdict.ok ? 'ok' : 'denied',
      provider: a.provider,
      model: a.model,
      input: { length: a.text.length, finishReason: a.finishReason, excerpt: a.text.slice(0, 300) },
      output: verdict.ok ? { ok: true } : { ...verdict, fallback },
      ...(verdict.ok ? {} : { error: `reply-gate: ${verdict.failure}: ${verdict.reason}` }),
      startedAt: ctx.now,
    });
  if (verdict.ok) {
    await record();
    // A sentence the model was cut off in leaves: the reply ends with its last whole sentence.
    return { answer: verdict.text ? { ...a, text: verdict.text } : a };
  }
  const failure = `${verdict.failure}: ${verdict.reason}`;
  // A draft the customer watched is withdrawn: they see the fallback or the hand-off only.
  opts.onDeltaReset?.(`reply gate: ${failure}`);
  const offline = ctx.offlineLlm;
  if (!offline) {
    await record('handoff');
    return { answer: { ...a, text: '', cited: [] }, failure, handoff: true };
  }
  await record('offline');
  const { onDelta: _streamed, onDeltaReset: _reset, onDraft: _draft, ...quiet } = opts;
  const b = await answer({ ...ctx, llm: offline }, plan, quiet);
  const handoff = a.handoff ?? b.handoff;
  return {
    answer: { ...b, toolCalls: [...a.toolCalls, ...b.toolCalls], ...(handoff ? { handoff } : {}) },
    failure,
    ...(b.text ? {} : { handoff: true }),
  };
}

/**
 * With a draft listener (a channel that shows the answer as it is written), the stream feeds a
 * reply draft (reply-draft.ts): typing at once, then what passes its checks; a reset empties it.
 */
function drafting(ctx: RunContext, opts: AnswerOptions): AnswerOptions {
  const listener = opts.onDraft;
  if (!listener) return opts;
  const draft = createReplyDraft(replyLanguage(ctx), listener, [ctx.message.text ?? '']);
  listener('');
  return {
    ...opts,
    onDelta: (d) => {
      opts.onDelta?.(d);
      draft.delta(d);
    },
    onDeltaReset: (reason) => {
      opts.onDeltaReset?.(reason);
      draft.reset();
    },
  };
}

export async function respond(
  ctx: RunContext,
  plan: RoutePlan,
  opts: AnswerOptions & { tools: ToolSet },
): Promise<Response> {
  const language = replyLanguage(ctx);
  const out: Response = { toolCalls: [], toxicReplyBlocked: false };
  let text: string | undefined;
  let cited: Citation[] = [];
  let choices: Choice[] = [];
  let origin: 'template' | 'offline' | 'model' = 'template';
  if (plan.handoff) {
    out.handoff = plan.handoff;
    out.toolCalls.push(await supervisorHandoff(ctx, plan.handoff, opts.tools));
    text = replies.handoff[language];
  } else if (plan.choices?.length) {
    // No passage clearly ahead: the customer picks the article (answer-choices.ts), nothing is guessed.
    choices = choicesOf(plan.choices, language);
    text = choicesLeadIn(language);
    await ctx.log.record({
      role: 'answer',
      kind: 'step',
      name: 'offer-choices',
      status: 'ok',
      input: { evidence: plan.knowledge?.evidence.score, threshold: plan.knowledge?.threshold },
      output: choices,
      startedAt: ctx.now,
    });
  } else if (plan.answer) {
    const streaming = drafting(ctx, opts);
    const gated = await gate(ctx, await answer(ctx, plan, streaming), plan, streaming);
    const a = gated.answer;
    if (gated.failure) out.replyGate = gated.failure;
    out.toolCalls = a.toolCalls;
    if (a.flagged.length) out.profileFlagged = a.flagged;
    if (a.handoff) out.handoff = a.handoff;
    out.provider = { id: a.provider, model: a.model, offline: a.offline };
    origin = a.offline ? 'offline' : 'model';
    // A quote may carry one up-sell or cross-sell sentence, computed from the catalog (suggestion-step.ts).
    const suggestion =
      plan.catalog && a.quote && !gated.handoff
        ? await suggestAfterQuote(ctx, plan.catalog, a.quote.currency)
        : undefined;
    // What the customer reads: no [n] markers, the cited sources named (the citations stay exact).
    const readable = readableAnswer(suggestion ? `${a.text}\n${suggestion}` : a.text, a.hits, language);
    cited = readable.cited.map((h) => ({
      chunkId: h.chunkId,
      sourceId: h.sourceId,
      title: h.title.slice(0, 300),
    }));
    text = readable.text || replies.unknown[language];
    if (gated.handoff) {
      // Nothing fit to send: a human takes over.
      out.handoff = `the model's reply failed the reply gate (${gated.failure})`;
      out.toolCalls.push(await supervisorHandoff(ctx, out.handoff, opts.tools));
      text = replies.handoff[language];
      cited = [];
      origin = 'template';
    }
    // The reply's own words, whole words only. A word the customer used in a harmless sense (dog breeding,
    // "тупой угол") is lent; every word of the team's own knowledge found and catalog is theirs to use
    // ("Fat Bastard" Chardonnay, «Ебург»), never a reason to block (issue 62).
    let check = checkReplyAbuse(text);
    if (check.blocked)
      check = checkReplyAbuse(text, {
        vocabulary: [ctx.message.text ?? ''],
        catalog: await teamVocabulary(ctx, a.hits),
      });
    await ctx.log.record({
      role: 'answer',
      kind: 'step',
      name: 'safety-check',
      status: check.blocked ? 'denied' : 'ok',
      input: { length: text.length },
      output: { toxic: check.blocked, toxicTerms: check.terms },
      ...(check.blocked ? { error: `reply blocked by the word «${check.terms.join('», «')}»` } : {}),
      startedAt: ctx.now,
    });
    if (check.blocked) {
      out.toxicReplyBlocked = true;
      text = replies.handoff[language];
      cited = [];
      origin = 'template';
    }
  }
  if (!text) return out;
  // A hand-off says when a human will answer: within the wait, or when work starts again.
  if (out.handoff) text += handoffEta(ctx.profile, ctx.now, language);
  // "So I will answer" is true of an answer only: a new hand-off says what it says.
  if (ctx.resumed && !out.handoff) text = `${resumedNote(language)} ${text}`;
  // An A/B test's script opens the conversation's first reply with its variant's greeting (issue 38).
  if (ctx.greeting) text = `${ctx.greeting.trim()}\n\n${text}`;
  // The status for the end of the customer's wait, before the reply (which marks the message answered).
  if (out.handoff) {
    const planned = await planHandoffStatus(ctx.store, {
      conversation: ctx.conversation,
      contact: ctx.contact,
      profile: ctx.profile,
      language,
      messageId: ctx.message.id,
      now: ctx.now,
      runId: ctx.runId,
      ...(plan.aiPaused ? { aiPaused: true } : {}),
    });
    await ctx.log.record({
      role: 'supervisor',
      kind: 'step',
      name: 'plan-handoff-status',
      status: 'ok',
      output: { id: planned.id, scheduledFor: planned.scheduledFor },
      startedAt: ctx.now,
    });
  }
  out.reply = await putReply(ctx, { text, cited, origin, ...(choices.length ? { choices } : {}) });
  return out;
}

/** The reply doc (`<message id>:reply`, pending delivery), labelled with its origin. */
export async function putReply(
  ctx: RunContext,
  reply: { text: string; cited: Citation[]; origin: 'template' | 'offline' | 'model'; choices?: Choice[] },
): Promise<MessageDoc> {
  const { text, cited, origin, choices } = reply;
  const label = origin === 'model' ? '' : origin === 'offline' ? ' (offline)' : ' (auto)';
  return ctx.store.put('messages', {
    id: replyIdFor(ctx.message.id),
    conversationId: ctx.conversation.id,
    contactId: ctx.contact.id,
    channel: ctx.message.channel,
    direction: 'outbound',
    author: { kind: 'agent', id: ctx.profile.id, name: `${ctx.profile.name}${label}`.slice(0, 200) },
    text: text.slice(0, 16_000),
    attachments: [],
    delivery: { status: 'pending' },
    idempotencyKey: `reply:${ctx.message.id}`.slice(0, 200),
    replyToId: ctx.message.id,
    ...(cited.length ? { citations: cited } : {}),
    ...(choices?.length ? { choices } : {}),
    runId: ctx.runId,
    createdAt: ctx.now.toISOString(),
  });
}

/** The team's own words at hand: the knowledge found and the catalog. */
async function teamVocabulary(
  ctx: RunContext,
  hits: readonly { title: string; text: string }[],
): Promise<string[]> {
  const products = await catalogProducts(ctx).catch(() => []);
  return [
    ...hits.flatMap((h) => [h.title, h.text]),
    ...products.flatMap((p) => [
      p.name,
      p.description ?? '',
      ...Object.values(p.names ?? {}),
      ...Object.values(p.descriptions ?? {}),
    ]),
  ];
}
