// LLM configuration from the environment: LLM_BASE_URL + LLM_API_KEY + LLM_MODEL make the primary
// provider; LLM_FALLBACKS (JSON) adds more providers in order. Nothing set means the offline provider.
import { z } from 'zod';
import { ConfigError, parseConfig, type ConfigSource } from '../config';
import { createLlmClient } from './llm-client';
import { createOfflineProvider, type OfflineProviderOptions } from './offline/offline-provider';
import { createOpenAiProvider, type OpenAiProviderConfig } from './openai-provider';
import type { LlmClient, LlmRole } from './types';
import type { UsageLedger } from './usage-ledger';

const providerSchema = z.object({
  id: z.string().min(1),
  baseURL: z.string().url(),
  apiKey: z.string().optional(),
  model: z.string().min(1),
  roleModels: z
    .record(z.enum(['supervisor', 'twin', 'scoring', 'answer', 'nurturing']), z.string())
    .optional(),
  timeoutMs: z.number().int().positive().optional(),
});

export const llmEnvSchema = z.object({
  LLM_BASE_URL: z.string().url({ message: 'must be a URL such as http://localhost:11434/v1' }).optional(),
  LLM_API_KEY: z.string().optional(),
  LLM_MODEL: z.string().optional(),
  /** A cheaper model for routing (supervisor) and extraction. */
  LLM_ROUTER_MODEL: z.string().optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** JSON array of further providers: [{"id","baseURL","apiKey","model","roleModels"}]. */
  LLM_FALLBACKS: z.string().optional(),
});

export type LlmConfig = { providers: Omit<OpenAiProviderConfig, 'fetch'>[] };

export function llmConfigFromEnv(env: ConfigSource): LlmConfig {
  const parsed = parseConfig(llmEnvSchema, env);
  const providers: LlmConfig['providers'] = [];
  if (parsed.LLM_MODEL) {
    const router = parsed.LLM_ROUTER_MODEL;
    const roleModels: Partial<Record<LlmRole, string>> = router ? { supervisor: router, twin: router } : {};
    providers.push({
      id: 'primary',
      baseURL: parsed.LLM_BASE_URL ?? 'https://api.openai.com/v1',
      ...(parsed.LLM_API_KEY ? { apiKey: parsed.LLM_API_KEY } : {}),
      model: parsed.LLM_MODEL,
      roleModels,
      timeoutMs: parsed.LLM_TIMEOUT_MS,
    });
  }
  if (parsed.LLM_FALLBACKS) {
    let list: unknown;
    try {
      list = JSON.parse(parsed.LLM_FALLBACKS);
    } catch {
      throw new ConfigError([{ variable: 'LLM_FALLBACKS', message: 'must be a JSON array (value hidden)' }]);
    }
    const result = z.array(providerSchema).safeParse(list);
    if (!result.success) {
      throw new ConfigError([{ variable: 'LLM_FALLBACKS', message: 'is invalid (value hidden)' }]);
    }
    for (const p of result.data) providers.push({ timeoutMs: parsed.LLM_TIMEOUT_MS, ...p });
  }
  return { providers };
}

export type CreateLlmOptions = {
  offline?: OfflineProviderOptions;
  ledger?: UsageLedger;
  fetch?: typeof globalThis.fetch;
};

/** Builds the client: configured providers in order, the offline provider last. */
export function createLlmFromConfig(config: LlmConfig, options: CreateLlmOptions = {}): LlmClient {
  return createLlmClient({
    providers: config.providers.map((p) =>
      createOpenAiProvider({ ...p, ...(options.fetch ? { fetch: options.fetch } : {}) }),
    ),
    offline: createOfflineProvider(options.offline),
    ...(options.ledger ? { ledger: options.ledger } : {}),
  });
}
