// Builds the engine's LLM client from configuration, with the offline provider trained on the repo's
// labelled sales intents as the last link of the fallback chain. `guards` tunes the client's limits
// (max_tokens and timeout per role, the circuit breaker) and `log` gets each failed call at warn level.
import { llmConfigFromEnv, type CreateLlmOptions, type LlmConfig } from '../llm/config';
import type { ConfigSource } from '../config';
import { createLlmClient, type LlmClientDeps } from '../llm/llm-client';
import { createOfflineProvider } from '../llm/offline/offline-provider';
import { createOpenAiProvider } from '../llm/openai-provider';
import type { LlmClient } from '../llm/types';
import { salesClassifier } from './engine';

export type AgentLlmOptions = Omit<CreateLlmOptions, 'offline'> & {
  log?: LlmClientDeps['log'];
  guards?: Pick<LlmClientDeps, 'roleMaxTokens' | 'stepTimeoutMs' | 'circuit'>;
};

export function createAgentLlm(config: LlmConfig, options: AgentLlmOptions = {}): LlmClient {
  return createLlmClient({
    providers: config.providers.map((p) =>
      createOpenAiProvider({ ...p, ...(options.fetch ? { fetch: options.fetch } : {}) }),
    ),
    offline: createOfflineProvider({ classifier: salesClassifier }),
    ...(options.ledger ? { ledger: options.ledger } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...options.guards,
  });
}

/** LLM_BASE_URL / LLM_API_KEY / LLM_MODEL (+ LLM_ROUTER_MODEL, LLM_FALLBACKS); none set: offline. */
export function createAgentLlmFromEnv(env: ConfigSource, options: AgentLlmOptions = {}): LlmClient {
  return createAgentLlm(llmConfigFromEnv(env), options);
}
