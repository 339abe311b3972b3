// LLM configuration from the environment: LLM_BASE_URL + LLM_API_KEY + LLM_MODEL make the primary
// provider; LLM_FALLBACKS (JSON) adds more providers in order. Nothing set means the offline provider.
import { z } from 'zod';
import { parseConfig, type ConfigSource } from '../config';
import { createLlmClient } from './llm-client';
import { createOfflineProvider, type OfflineProviderOptions } from './offline/offline-provider';
import { createOpenAiProvider, type OpenAiProviderConfig } from './openai-provider';
import type { LlmClient, LlmRole } from './types';
import type { UsageLedger } from './usage-ledger';

/** An http(s) URL: `localhost:11434` (no scheme) parses as a URL of scheme `localhost:`, and is refused. */
const httpUrl = () =>
  z.url({ protocol: /^https?$/, message: 'must be an http(s) URL such as http://localhost:11434/v1' });

const roles = ['supervisor', 'twin', 'scoring', 'answer', 'nurturing'] as const;

const providerSchema = z.object({
  id: z.string().min(1),
  baseURL: httpUrl(),
  apiKey: z.string().optional(),
  model: z.string().min(1),
  // Any subset of the roles (zod 4's z.record over an enum would want all five).
  roleModels: z.partialRecord(z.enum(roles), z.string().min(1)).optional(),
  timeoutMs: z.number().int().positive().optional(),
});
export type FallbackProvider = z.infer<typeof providerSchema>;

/** LLM_FALLBACKS: a JSON array of providers, checked when the configuration is read (values hidden). */
const fallbacksSchema = z.string().transform((text, ctx): FallbackProvider[] => {
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON array (value hidden)' });
    return z.NEVER;
  }
  const result = z.array(providerSchema).safeParse(list);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first ? first.path.join('.') : '';
    ctx.addIssue({ code: 'custom', message: `is invalid at ${where || 'the top'} (value hidden)` });
    return z.NEVER;
  }
  return result.data;
});

/** The LLM_* and EMBEDDINGS_* variables (also part of the sync server's config schema). */
export const llmEnvSchema = z.object({
  LLM_BASE_URL: httpUrl().optional(),
  LLM_API_KEY: z.string().optional(),
  LLM_MODEL: z.string().optional(),
  /** A cheaper model for routing (supervisor) and extraction. */
  LLM_ROUTER_MODEL: z.string().optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** JSON array of further providers: [{"id","baseURL","apiKey","model","roleModels"}]. */
  LLM_FALLBACKS: fallbacksSchema.optional(),
  /** An OpenAI-compatible embeddings endpoint; unset: the local embedder. */
  EMBEDDINGS_BASE_URL: httpUrl().optional(),
  EMBEDDINGS_MODEL: z.string().optional(),
  EMBEDDINGS_API_KEY: z.string().optional(),
});
export type LlmEnv = z.infer<typeof llmEnvSchema>;

export type LlmConfig = { providers: Omit<OpenAiProviderConfig, 'fetch'>[] };

/** The embeddings endpoint of the configuration, when both its URL and model are set. */
export type EmbeddingsConfig = { baseURL: string; model: string; apiKey?: string };

/** The providers of parsed LLM_* values (primary first, then LLM_FALLBACKS in order). */
export function llmConfigOf(parsed: LlmEnv): LlmConfig {
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
  for (const p of parsed.LLM_FALLBACKS ?? []) providers.push({ timeoutMs: parsed.LLM_TIMEOUT_MS, ...p });
  return { providers };
}

export function embeddingsConfigOf(parsed: LlmEnv): EmbeddingsConfig | undefined {
  if (!parsed.EMBEDDINGS_BASE_URL || !parsed.EMBEDDINGS_MODEL) return undefined;
  return {
    baseURL: parsed.EMBEDDINGS_BASE_URL,
    model: parsed.EMBEDDINGS_MODEL,
    ...(parsed.EMBEDDINGS_API_KEY ? { apiKey: parsed.EMBEDDINGS_API_KEY } : {}),
  };
}

/** For the CLIs: parses LLM_* from `env` (failing with the variable's name) and builds the config. */
export function llmConfigFromEnv(env: ConfigSource): LlmConfig {
  return llmConfigOf(parseConfig(llmEnvSchema, env));
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
