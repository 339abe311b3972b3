// Builds the engine's LLM client from configuration, with the offline provider trained on the repo's
// labelled sales intents as the last link of the fallback chain.
import { createLlmFromConfig, llmConfigFromEnv, type CreateLlmOptions, type LlmConfig } from '../llm/config';
import type { ConfigSource } from '../config';
import type { LlmClient } from '../llm/types';
import { salesClassifier } from './engine';

export function createAgentLlm(
  config: LlmConfig,
  options: Omit<CreateLlmOptions, 'offline'> = {},
): LlmClient {
  return createLlmFromConfig(config, { ...options, offline: { classifier: salesClassifier() } });
}

/** LLM_BASE_URL / LLM_API_KEY / LLM_MODEL (+ LLM_ROUTER_MODEL, LLM_FALLBACKS); none set: offline. */
export function createAgentLlmFromEnv(
  env: ConfigSource,
  options: Omit<CreateLlmOptions, 'offline'> = {},
): LlmClient {
  return createAgentLlm(llmConfigFromEnv(env), options);
}
