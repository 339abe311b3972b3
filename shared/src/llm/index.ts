// LLM access for the agents: OpenAI-compatible providers through the `openai` SDK, a fallback chain
// ending in the offline provider, streaming, and token/cost accounting per conversation.
export * from './types';
export { createOpenAiProvider, type OpenAiProviderConfig } from './openai-provider';
export { createLlmClient, type LlmClientDeps } from './llm-client';
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
export { type UnknownCalibration } from './offline/unknown-threshold';
export { extractContactFacts, type ExtractedFact } from './offline/extract-contact';
export { extractDate } from './offline/extract-date';
export { detectLanguage, features, stem, words } from './offline/text-features';
export {
  providerKinds,
  providerPresets,
  gigachatScopes,
  baseUrlOf,
  GIGACHAT_AUTH_URL,
  type ProviderKind,
  type ProviderPreset,
  type ProviderSpec,
  type GigaChatScope,
} from './kinds/presets';
export { buildProvider, yandexModelUri, type EmbedderExtras, type ProviderKit } from './kinds/build';
export {
  createGigaChatTokens,
  createGigaChatProvider,
  gigachatFetch,
  toGigaChatMessages,
  type GigaChatTokens,
} from './kinds/gigachat';
export { testConnection, type ConnectionReport } from './kinds/connection-test';
export { createTeamLlm, chainOrder, type UsageMeter, type UsageEvent, type TeamLlmDeps } from './team-client';
