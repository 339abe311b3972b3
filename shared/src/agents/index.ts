// The agent engine: supervisor, intake, twin builder, scoring, answer (RAG + tools) and nurturing over
// injected ports (store, LLM, retriever, clock, logger). See ARCHITECTURE.md.
export * from './ports';
export {
  createAgentEngine,
  salesClassifier,
  type AgentEngine,
  type AgentEngineDeps,
  type HandleOptions,
  type InboundResult,
  type ReplyBudget,
} from './engine';
export type { AgentPlugin, AgentStep, Answerer, PlannedKindSpec } from './plugins';
export { createAgentLlm, createAgentLlmFromEnv, type AgentLlmOptions } from './create-llm';
export { createRunLog, encodeForLog, type ActivityEntry, type RunLog } from './activity-log';
export { createCustomerScope, type CustomerScope } from './customer-scope';
export { derivedId, replyIdFor, runIdFor } from './doc-ids';
export { chunkMarkdown, createKeywordRetriever, type KnowledgeEntry } from './keyword-retriever';
export { retrievedHit, retrieverFromKnowledgeSearch } from './search-retriever';
export { scopedRetriever } from './knowledge-scope';
export {
  builtinToolNames,
  coreToolNames,
  defaultProfile,
  isWorkingTime,
  outsideQuietHours,
  selectProfile,
} from './profiles';
export {
  chooseVariant,
  profileWithVariant,
  stableHash,
  variantFor,
  type ExperimentChoice,
} from './experiments';
export { createReplyDraft, visibleDraft, type DraftListener, type ReplyDraft } from './reply-draft';
export { checkText, looksLikeInjection, profileInjection, type TextCheck } from './safety';
export {
  checkReplyAbuse,
  readCustomerMood,
  type AbuseSeverity,
  type CustomerMood,
  type MoodLabel,
  type ReplyAbuseContext,
} from './mood/index';
export { citedHits, customerDataMessage, factLine, fenceSafe, systemPrompt, twinBlock } from './prompt';
export { applyFacts, activeFacts, type FactChange, type FactSource, type NewFact } from './twin/twin-facts';
export { localTwinEmbedder, refreshTwin, twinSummary } from './twin/twin-summary';
export { rescoreLead, scoreLead } from './roles/scoring';
export {
  planFollowUp,
  planFollowUpAfterDelivery,
  cancelFollowUps,
  isPendingFollowUp,
  isInFlight,
} from './roles/nurturing';
export { cancelledBy, plannedKind, type CustomerTurn, type PlannedKind } from './roles/planned-messages';
export { answeringIndexes, type RoutePlan } from './roles/supervisor';
export {
  answerObjection,
  libraryAnswer,
  loadLibrary,
  objectionName,
  objectionWords,
  recogniseObjection,
  type ObjectionMatch,
} from './objections/index';
export {
  answerEvidence,
  answerThresholdOf,
  DEFAULT_ANSWER_THRESHOLD,
  type AnswerEvidence,
} from './answer-evidence';
export {
  cleanPhrasing,
  learnPhrasing,
  sourceWithPhrasings,
  withoutPhrasing,
  withPhrasing,
} from './learned-phrasings';
export { intentExamples } from './intents/examples';
export { salesIntents, isSalesIntent, type SalesIntent } from './intents/sales-intents';
export * from './tools/index';
export {
  handoffStatusIdFor,
  isHandoffStatus,
  plannedMessageOutdated,
  waitEndsAt,
  whenHumanAnswers,
} from './roles/handoff-wait';
