// The agent engine: one inbound message through intake, the applied packs' steps (plugins.ts), the
// engine's own steps (run-steps.ts: follow-ups, mood, hand-off wait, supervisor, reply budget, twin,
// scoring) and the chain of answerers (answer-chain.ts: catalog, the packs', objections, respond).
// Everything it touches comes in as dependencies; with a fixed clock the same input gives the same
// documents. Every step lands in the activity log.
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
import { planFollowUpAfterDelivery } from './roles/nurturing';
import { scanFollowUps } from './roles/nurturing-scan';
import { answerChain, answerRun } from './answer-chain';
import { appliedPlugins } from './plugins';
import { runResult, type RunBase } from './run-result';
import { coreSteps, type EngineRun } from './run-steps';
import { respond } from './roles/respond';
import { idFactory, type RunContext } from './run-context';
import { createTaskTool, scheduleEventTool, searchKnowledgeTool } from './tools/action-tools';
import { saveClientInfoTool, updateLeadTool } from './tools/crm-tools';
import { findProductsTool, quoteTool } from './tools/catalog-tools';
import { sendProposalTool } from './tools/proposal-tool';
import { toolSet } from './tools/executor';
import { callHumanTool } from './tools/human-tool';
import { scopedRetriever } from './knowledge-scope';
import type { AgentTool } from './tools/types';
import { localTwinEmbedder } from './twin/twin-summary';

export type { AgentEngine, AgentEngineDeps, HandleOptions, InboundResult, ReplyBudget } from './engine-types';

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

/** What a run of the engine works with: its deps, resolved once per engine. */
type EngineEnv = {
  deps: AgentEngineDeps;
  store: AgentEngineDeps['store'];
  clock: NonNullable<AgentEngineDeps['clock']>;
  logger: NonNullable<AgentEngineDeps['log']>;
  perfNow: () => number;
  classifier: () => IntentClassifier;
  embedder: NonNullable<AgentEngineDeps['embedder']>;
  tools: ReturnType<typeof toolSet>;
  limits: { maxToolSteps: number; historyLimit: number; knowledgeLimit: number };
  plugins: NonNullable<AgentEngineDeps['plugins']>;
  /** The offline provider alone (the reply gate's fallback); the client itself when it is offline only. */
  offlineOnly: () => LlmClient;
};

function engineEnv(deps: AgentEngineDeps): EngineEnv {
  const classifier = () => deps.classifier ?? salesClassifier();
  const builtins = builtinTools();
  const extra = deps.tools ?? [];
  let offlineLlm: LlmClient | undefined;
  return {
    deps,
    store: deps.store,
    clock: deps.clock ?? systemClock,
    logger: deps.log ?? silentLogger,
    perfNow: deps.perfNow ?? (() => performance.now()),
    classifier,
    embedder: deps.embedder ?? localTwinEmbedder,
    tools: toolSet([...builtins.filter((b) => !extra.some((t) => t.name === b.name)), ...extra]),
    limits: { maxToolSteps: 4, historyLimit: 12, knowledgeLimit: 4, ...deps.limits },
    plugins: deps.plugins ?? [],
    offlineOnly: () =>
      deps.llm.offlineOnly
        ? deps.llm
        : (offlineLlm ??= createLlmClient({
            providers: [],
            offline: createOfflineProvider({ classifier: classifier() }),
          })),
  };
}

export function createAgentEngine(deps: AgentEngineDeps): AgentEngine {
  const env = engineEnv(deps);
  const { store, clock, plugins } = env;
  const budget = deps.replyBudget;

  /** A run, settled with the reply budget whatever its end (a reply reserved and not sent is given back). */
  async function handleInbound(message: MessageDoc, options: HandleOptions = {}): Promise<InboundResult> {
    if (!budget?.settle) return runInbound(env, message, options);
    const settle = budget.settle.bind(budget);
    const result = await runInbound(env, message, options).catch(async (error: unknown) => {
      await settle({ error });
      throw error;
    });
    await settle({ result });
    return result;
  }

  return {
    handleInbound,
    planFollowUps: () => scanFollowUps(store, clock, plugins),
    afterDelivery: (answer, at = clock.now()) => planFollowUpAfterDelivery(store, answer, at, plugins),
  };
}

/** The docs of a message already answered: read, never written (a redelivery is a no-op). */
async function loadKnown(store: EngineEnv['store'], message: MessageDoc) {
  const conversation = await store.get('conversations', message.conversationId);
  const contact = conversation && (await store.get('contacts', conversation.contactId));
  const lead = conversation?.leadId ? await store.get('leads', conversation.leadId) : undefined;
  return conversation && contact && lead ? { conversation, contact, lead, created: [] } : undefined;
}

/** A run that answered nothing found nothing unsafe (a fresh object each time: results are the caller's). */
const calmSafety = () => ({
  toxicReplyBlocked: false,
  injectionSuspected: false,
  customerSentiment: 'neutral',
});

/**
 * A run's start: the message taken in (or, answered already, its docs read), the run's activity log
 * with the intake step in it, and what a run that answers nothing returns.
 */
async function startRun(env: EngineEnv, message: MessageDoc, options: HandleOptions) {
  const { store, clock, perfNow } = env;
  if (message.direction !== 'inbound')
    throw new DomainError('bad-request', 'Only inbound messages start a run');
  const now = clock.now();
  const started = perfNow();
  const runId = runIdFor(message.id);
  const answered = await store.get('messages', replyIdFor(message.id));
  const known = answered ? await loadKnown(store, message) : undefined;
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
  const nothing: RunBase = {
    runId,
    replies: [],
    followUps: [],
    toolCalls: [],
    activity: log.docs,
    facts: { added: [], superseded: [] },
  };
  if (!answered)
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
  return { now, runId, answered, intook, log, nothing };
}
type RunStart = Awaited<ReturnType<typeof startRun>>;

/** The run's context: the profile (the A/B variant recorded), the language, the deps. */
async function runContext(env: EngineEnv, message: MessageDoc, run: RunStart): Promise<RunContext> {
  const { store, deps } = env;
  const { now, runId, intook, log } = run;
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
  return {
    store,
    llm: deps.llm,
    offlineLlm: env.offlineOnly(),
    clock: env.clock,
    logger: env.logger,
    embedder: env.embedder,
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
}

/** One inbound message through the packs' steps, the engine's steps and the chain of answerers. */
async function runInbound(
  env: EngineEnv,
  message: MessageDoc,
  options: HandleOptions,
): Promise<InboundResult> {
  const { store, deps, plugins, tools, limits } = env;
  const budget = deps.replyBudget;
  const start = await startRun(env, message, options);
  const { intook, nothing } = start;
  const skipped = (why: string): InboundResult => ({
    ...nothing,
    skipped: why,
    ...intook,
    safety: calmSafety(),
    usage: deps.llm.usage(intook.conversation.id),
  });
  if (start.answered) return skipped('duplicate');
  const ctx = await runContext(env, message, start);
  // The applied packs' steps first: one may take the message (a vendor's quote), nobody answers it.
  const applied = await appliedPlugins(plugins, store);
  for (const step of applied.flatMap((p) => p.steps ?? []))
    if (await step.run(ctx)) return skipped(step.name);
  const run: EngineRun = {
    ctx,
    classifier: env.classifier,
    knowledgeLimit: limits.knowledgeLimit,
    plugins,
    ...(budget ? { replyPause: (language: 'en' | 'ru') => budget.pause(language) } : {}),
  };
  for (const step of coreSteps) await step.run(run);
  const response = await answerRun(
    run,
    answerChain(applied, (r, p) =>
      respond(r.ctx, p, {
        tools,
        ...limits,
        ...(options.onDelta ? { onDelta: options.onDelta } : {}),
        ...(options.onDraft && !deps.llm.offlineOnly ? { onDraft: options.onDraft } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    ),
  );
  return runResult(run, response, nothing, deps.llm);
}
