// The agent engine: one inbound message through intake -> supervisor -> twin -> scoring -> answer
// (RAG + tools) -> nurturing. Everything it touches comes in as dependencies; with a fixed clock the
// same input gives the same documents. Every step lands in the activity log.
import { replyIdFor, runIdFor } from './doc-ids';
import { DomainError } from '../errors';
import { createLlmClient } from '../llm/llm-client';
import { trainIntentClassifier, type IntentClassifier } from '../llm/offline/intent-classifier';
import { contentHash } from '../search/hash';
import { createOfflineProvider } from '../llm/offline/offline-provider';
import type { LlmClient } from '../llm/types';
import type { MessageDoc } from '../schemas/index';
import { createRunLog } from './activity-log';
import { conversationLanguage } from './conversation-language';
import type { AgentEngine, AgentEngineDeps, HandleOptions, InboundResult } from './engine-types';
import { intentExamples } from './intents/examples';
import { salesCalibration } from './intents/sales-calibration';
import { silentLogger, systemClock } from './ports';
import { selectProfile } from './profiles';
import { chooseVariant } from './experiments';
import { recordVariant } from './experiment-run';
import { intake } from './roles/intake';
import { endWaitIfOver } from './roles/handoff-resume';
import { cancelFollowUps, planFollowUpAfterDelivery } from './roles/nurturing';
import { scanFollowUps } from './roles/nurturing-scan';
import { respond } from './roles/respond';
import { answerObjection } from './objections/objection-step';
import { maestroStep } from '../packs/events-agency/maestro';
import { takeVendorAnswer } from '../packs/events-agency/quotes';
import { scoreLead } from './roles/scoring';
import { readMoodStep } from './mood-step';
import { supervise } from './roles/supervisor';
import { buildTwin } from './roles/twin-builder';
import { idFactory, type RunContext } from './run-context';
import { createTaskTool, scheduleEventTool, searchKnowledgeTool } from './tools/action-tools';
import { saveClientInfoTool, updateLeadTool } from './tools/crm-tools';
import { askQuantity } from './ask-quantity';
import { findProductsTool, quoteTool } from './tools/catalog-tools';
import { sendProposalTool } from './tools/proposal-tool';
import { toolSet } from './tools/executor';
import { callHumanTool } from './tools/human-tool';
import { scopedRetriever } from './knowledge-scope';
import type { AgentTool } from './tools/types';
import { localTwinEmbedder } from './twin/twin-summary';

export type { AgentEngine, AgentEngineDeps, HandleOptions, InboundResult } from './engine-types';

let defaultClassifier: IntentClassifier | undefined;
export const salesTrainOptions = { epochs: 25, learningRate: 1 } as const;
/** What the built-in classifier is trained from: its calibration is kept only while this is unchanged. */
export const salesExamplesHash = () => contentHash(JSON.stringify([intentExamples, salesTrainOptions]));
/** The offline classifier trained on the repo's labelled sales intents (once per process, ~0.3 s). */
export const salesClassifier = () =>
  (defaultClassifier ??= trainIntentClassifier(intentExamples, {
    ...salesTrainOptions,
    ...(salesCalibration.examples === salesExamplesHash()
      ? { calibrated: salesCalibration.calibration }
      : {}),
  }));

let defaultTools: AgentTool[] | undefined;
/** The built-in tools without external adapters (built once: engines are cheap to create per run). */
const builtinTools = () =>
  (defaultTools ??= [
    saveClientInfoTool,
    updateLeadTool,
    createTaskTool(),
    scheduleEventTool(),
    callHumanTool,
    searchKnowledgeTool,
    findProductsTool,
    quoteTool,
    sendProposalTool,
  ]);

const intentsOf = (tags: string[]) => tags.filter((t) => t.startsWith('intent:')).map((t) => t.slice(7));

export function createAgentEngine(deps: AgentEngineDeps): AgentEngine {
  const { store } = deps;
  const clock = deps.clock ?? systemClock;
  const logger = deps.log ?? silentLogger;
  const perfNow = deps.perfNow ?? (() => performance.now());
  const classifier = () => deps.classifier ?? salesClassifier();
  const embedder = deps.embedder ?? localTwinEmbedder;
  const builtins = builtinTools();
  const extra = deps.tools ?? [];
  const tools = toolSet([...builtins.filter((b) => !extra.some((t) => t.name === b.name)), ...extra]);
  const limits = { maxToolSteps: 4, historyLimit: 12, knowledgeLimit: 4, ...deps.limits };
  let offlineLlm: LlmClient | undefined;
  /** The offline provider alone (the reply gate's fallback); the client itself when it is offline only. */
  const offlineOnly = () =>
    deps.llm.offlineOnly
      ? deps.llm
      : (offlineLlm ??= createLlmClient({
          providers: [],
          offline: createOfflineProvider({ classifier: classifier() }),
        }));

  /** The docs of a message already answered: read, never written (a redelivery is a no-op). */
  async function loadKnown(message: MessageDoc) {
    const conversation = await store.get('conversations', message.conversationId);
    const contact = conversation && (await store.get('contacts', conversation.contactId));
    const lead = conversation?.leadId ? await store.get('leads', conversation.leadId) : undefined;
    return conversation && contact && lead ? { conversation, contact, lead, created: [] } : undefined;
  }

  async function handleInbound(message: MessageDoc, options: HandleOptions = {}): Promise<InboundResult> {
    if (message.direction !== 'inbound')
      throw new DomainError('bad-request', 'Only inbound messages start a run');
    const now = clock.now();
    const started = perfNow();
    const runId = runIdFor(message.id);
    const answered = await store.get('messages', replyIdFor(message.id));
    const known = answered ? await loadKnown(message) : undefined;
    const intook = known ?? (await intake(store, message, now, options));
    const log = createRunLog({
      store,
      clock,
      runId,
      conversationId: intook.conversation.id,
      contactId: intook.contact.id,
      messageId: message.id,
      perfNow,
    });
    const nothing = {
      runId,
      replies: [],
      followUps: [],
      toolCalls: [],
      activity: log.docs,
      facts: { added: [], superseded: [] },
    };
    const safety = { toxicReplyBlocked: false, injectionSuspected: false, customerSentiment: 'neutral' };
    if (answered) {
      return {
        ...nothing,
        skipped: 'duplicate',
        ...intook,
        safety,
        usage: deps.llm.usage(intook.conversation.id),
      };
    }
    await log.record({
      role: 'intake',
      kind: 'step',
      name: 'intake',
      status: 'ok',
      input: { messageId: message.id },
      output: {
        contactId: intook.contact.id,
        leadId: intook.lead.id,
        conversationId: intook.conversation.id,
        created: intook.created,
      },
      startedAt: now,
      durationMs: Math.round((perfNow() - started) * 1000) / 1000,
    });
    const chosen = chooseVariant(
      store.teamId,
      await selectProfile(store, intook.conversation),
      intook.conversation,
      now,
    );
    const profile = chosen.profile;
    if (chosen.assigned) intook.conversation = await recordVariant(store, log, intook.conversation, chosen);
    const language = await conversationLanguage(store, {
      profile,
      contact: intook.contact,
      message,
      newConversation: intook.created.includes('conversation'),
    });
    const ctx: RunContext = {
      store,
      llm: deps.llm,
      offlineLlm: offlineOnly(),
      clock,
      logger,
      embedder,
      log,
      runId,
      now,
      message,
      profile,
      language,
      conversation: intook.conversation,
      contact: intook.contact,
      lead: intook.lead,
      newId: idFactory(message.id),
      ...(chosen.assigned && chosen.variant?.greeting ? { greeting: chosen.variant.greeting } : {}),
      ...(deps.retriever ? { retriever: scopedRetriever(deps.retriever, profile) } : {}),
    };
    // A vendor's answer to the events pack's request for a quote goes on the deal; nobody answers it.
    if (await takeVendorAnswer(ctx))
      return {
        ...nothing,
        skipped: 'vendor-quote',
        ...intook,
        safety,
        usage: deps.llm.usage(intook.conversation.id),
      };
    await log.step('nurturing', 'cancel-follow-ups', { conversationId: ctx.conversation.id }, async () =>
      (await cancelFollowUps(store, ctx.conversation.id, now)).map((m) => m.id),
    );
    // The customer's mood on the conversation (priority, badge); an abusive or angry one may go to a human.
    const moodRead = await readMoodStep(ctx);
    ctx.conversation = moodRead.conversation;
    // A customer waiting for a rep: is the wait over (a rep wrote, or the AI answers again)?
    if (ctx.conversation.waitingSince) {
      const since = ctx.conversation.waitingSince;
      await log.step('supervisor', 'handoff-wait', { waitingSince: since }, () => endWaitIfOver(ctx));
    }
    const silent = message.signals?.handledByBot
      ? 'handled-by-bot'
      : // Human mode from this very message's run (a crash came between its writes, so it is run
        // again): finish it, or the customer never gets the hand-off notice.
        ctx.conversation.mode === 'human' && ctx.conversation.handoffMessageId !== message.id
        ? 'human-mode'
        : ctx.contact.agentAccess === 'deny'
          ? 'agent-access-denied'
          : undefined;

    let plan = silent
      ? undefined
      : await log.step('supervisor', 'route', { text: message.text.slice(0, 500) }, () =>
          supervise(ctx, classifier(), { knowledgeLimit: limits.knowledgeLimit }),
        );
    // The team's AI replies are paused (its plan's month is used up): no answer, no pack or library
    // answer either; the conversation goes to a rep through the usual hand-off, which says why.
    const paused = plan && !plan.handoff && deps.replyPause ? await deps.replyPause(ctx.language) : undefined;
    if (plan && paused) plan = { ...plan, answer: false, handoff: paused, nurture: false, aiPaused: true };
    // The team hands an abusive or repeatedly angry customer to a human (agent settings' moodHandoff).
    // Its reason replaces the supervisor's ("out of scope"): the rep should know the customer is upset.
    const moodHandoff = plan && !plan.aiPaused ? moodRead.handoff : undefined;
    if (plan && moodHandoff) {
      const { catalog: _c, proposal: _p, ...rest } = plan;
      plan = { ...rest, answer: false, handoff: moodHandoff, nurture: false };
    }
    const heldBack = !!paused || !!moodHandoff;
    const intent = plan?.intent ?? classifier().predict(message.text).label;
    const twin = await log.step('twin', 'update-twin', { intent }, async () => {
      // A run that does not route (human mode) goes by the intent; a routed one by the supervisor,
      // which takes no question for an opt-out.
      const r = await buildTwin(ctx, intent, plan ? plan.optOut : intent === 'opt_out');
      const summary = {
        added: r.change.added.map((f) => `${f.key}=${f.value}`),
        superseded: r.change.superseded.map((f) => `${f.key}=${f.value}`),
        extractedBy: r.extractedBy,
      };
      return { ...r, toJSON: () => summary };
    });
    ctx.contact = twin.contact;
    ctx.conversation = {
      ...ctx.conversation,
      tags: [...new Set([...(ctx.conversation.tags ?? []), `intent:${intent}`])].slice(-50),
    };
    await store.put('conversations', ctx.conversation);
    const score = await log.step(
      'scoring',
      'score',
      { intents: intentsOf(ctx.conversation.tags ?? []) },
      async () => {
        const messages = await store.find('messages', { conversationId: ctx.conversation.id });
        const s = scoreLead(ctx.contact, messages, intentsOf(ctx.conversation.tags ?? []), now);
        const at = now.toISOString();
        ctx.lead = {
          ...ctx.lead,
          score: s,
          fieldUpdatedAt: { ...ctx.lead.fieldUpdatedAt, score: at },
          updatedAt: at,
        };
        await store.put('leads', ctx.lead);
        return s;
      },
    );

    // A catalog product named: the quote answers (respond, catalog-step.ts). Else an objection the
    // team's library answers goes out with its approved answer (objections/). Else the usual answer.
    // A team on the events pack (packs/): an event request is Maestro's, who plans, estimates and
    // answers once (packs/events-agency/maestro.ts); anything else goes on as below.
    // A quantity the reader could not read: the agent asks how many, and quotes nothing (ask-quantity.ts).
    const askBack =
      plan?.catalog?.askBack?.length && !heldBack ? await askQuantity(ctx, plan.catalog) : undefined;
    const packAnswer =
      askBack ?? (plan && !plan.catalog && !heldBack ? await maestroStep(ctx, plan) : undefined);
    const objectionAnswer =
      !packAnswer && plan && !plan.catalog && !heldBack ? await answerObjection(ctx, plan) : undefined;
    const response = packAnswer
      ? packAnswer
      : objectionAnswer
        ? objectionAnswer
        : plan
          ? await respond(ctx, plan, {
              tools,
              ...limits,
              ...(options.onDelta ? { onDelta: options.onDelta } : {}),
              ...(options.onDraft && !deps.llm.offlineOnly ? { onDraft: options.onDraft } : {}),
              ...(options.signal ? { signal: options.signal } : {}),
            })
          : { toolCalls: [], toxicReplyBlocked: false };
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
    logger.info({ runId, intent, handoff: response.handoff, replied: !!reply }, 'agent run done');
    return {
      ...nothing,
      ...(silent ? { skipped: silent } : {}),
      ...(plan ? { route: plan } : {}),
      replies: reply ? [reply] : [],
      followUps,
      toolCalls: response.toolCalls,
      ...(response.handoff ? { handoff: { reason: response.handoff } } : {}),
      facts: { added: twin.change.added, superseded: twin.change.superseded },
      score,
      contact,
      conversation,
      lead,
      ...('provider' in response && response.provider ? { provider: response.provider } : {}),
      usage: deps.llm.usage(conversation.id),
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

  return {
    handleInbound,
    planFollowUps: () => scanFollowUps(store, clock),
    afterDelivery: (answer) => planFollowUpAfterDelivery(store, answer, clock.now()),
  };
}
