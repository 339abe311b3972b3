// LLM access for the agents: OpenAI-compatible providers through the `openai` SDK, a fallback chain
// ending in the offline provider, streaming, and token/cost accounting per conversation.
export * from './types';
export { createOpenAiProvider, type OpenAiProviderConfig } from './openai-provider';
export {
  createLlmClient,
  defaultRoleMaxTokens,
  defaultStepTimeoutMs,
  type CircuitOptions,
  type LlmClientDeps,
  type LlmLog,
} from './llm-client';
export { createUsageLedger, type UsageLedger } from './usage-ledger';
export { toLlmError, type LlmErrorCode } from './map-error';
export { costOf, defaultPrices, type ModelPrice, type PriceTable } from './pricing';
export {
  llmConfigFromEnv,
  llmConfigOf,
  embeddingsConfigOf,
  llmEnvSchema,
  type LlmEnv,
  type EmbeddingsConfig,
  type FallbackProvider,
  createLlmFromConfig,
  type LlmConfig,
  type CreateLlmOptions,
} from './config';
export {
  createOfflineProvider,
  OFFLINE_MODEL,
  OFFLINE_PROVIDER_ID,
  type OfflineProviderOptions,
} from './offline/offline-provider';
export {
  trainIntentClassifier,
  type IntentClassifier,
  type IntentPrediction,
  type LabelledExample,
  type TrainOptions,
} from './offline/intent-classifier';
export { extractContactFacts, type ExtractedFact } from './offline/extract-contact';
export { extractDate } from './offline/extract-date';
export { detectLanguage, features, stem, words } from './offline/text-features';
