// Builds a team's provider from its spec, by kind: the chat provider the fallback chain calls, a
// model listing (for "test connection") and an embeddings client. OpenAI-compatible kinds go through
// the `openai` SDK; YandexGPT too (its key header, folder and model URIs); GigaChat through its OAuth.
import OpenAI from 'openai';
import { OpenAiEmbedder } from '../../embeddings/openai-embedder';
import { createOpenAiProvider } from '../openai-provider';
import type { LlmProvider } from '../types';
import { createGigaChatProvider, createGigaChatTokens, gigachatFetch } from './gigachat';
import { baseUrlOf, type ProviderSpec } from './presets';

type Fetch = typeof globalThis.fetch;

/** What a caller may add to an embeddings client: a callback with each request's tokens. */
export type EmbedderExtras = { onUsage?: (tokens: number) => void };

export type ProviderKit = {
  provider: LlmProvider;
  listModels(): Promise<string[]>;
  /** An embeddings client for `model` (default: the spec's embeddings model), or undefined. */
  embedder(model?: string, options?: EmbedderExtras): OpenAiEmbedder | undefined;
};

/** YandexGPT's model URIs: `gpt://<folder>/<model>` for chat, `emb://<folder>/<model>` for embeddings. */
export function yandexModelUri(kind: 'gpt' | 'emb', folderId: string, model: string): string {
  return /^[a-z]+:\/\//.test(model) ? model : `${kind}://${folderId}/${model}`;
}

function openAiClient(spec: ProviderSpec, fetchFn: Fetch | undefined, headers?: Record<string, string>) {
  return new OpenAI({
    baseURL: baseUrlOf(spec),
    apiKey: spec.apiKey || 'not-needed',
    timeout: spec.timeoutMs ?? 30_000,
    maxRetries: 0,
    dangerouslyAllowBrowser: true,
    ...(fetchFn ? { fetch: fetchFn } : {}),
    ...(headers ? { defaultHeaders: headers } : {}),
  });
}

const modelIds = async (client: OpenAI) => {
  const page = await client.models.list();
  return page.data.map((m) => m.id);
};

export function buildProvider(spec: ProviderSpec, deps: { fetch?: Fetch } = {}): ProviderKit {
  const common = {
    id: spec.id,
    baseURL: baseUrlOf(spec),
    model: spec.model,
    ...(spec.roleModels ? { roleModels: spec.roleModels } : {}),
    ...(spec.timeoutMs ? { timeoutMs: spec.timeoutMs } : {}),
    ...(spec.prices ? { prices: spec.prices } : {}),
  };
  const embedderOf = (client: OpenAI, model: string | undefined, extras: EmbedderExtras = {}) =>
    model
      ? new OpenAiEmbedder({
          model,
          client,
          ...(spec.timeoutMs ? { timeoutMs: spec.timeoutMs } : {}),
          ...(extras.onUsage ? { onUsage: extras.onUsage } : {}),
        })
      : undefined;

  if (spec.kind === 'gigachat') {
    const tokens = createGigaChatTokens({
      authorizationKey: spec.apiKey ?? '',
      scope: spec.scope ?? 'GIGACHAT_API_PERS',
      ...(spec.authURL ? { authURL: spec.authURL } : {}),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
    const provider = createGigaChatProvider({
      ...common,
      tokens,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
    // Embeddings are OpenAI-shaped: the SDK over a fetch that carries (and refreshes) the token.
    const client = openAiClient(spec, gigachatFetch(tokens, deps.fetch));
    return {
      provider,
      listModels: () => provider.listModels(),
      embedder: (model, extras) => embedderOf(client, model ?? spec.embeddingsModel, extras),
    };
  }

  if (spec.kind === 'yandexgpt') {
    const folder = spec.folderId ?? '';
    const headers = {
      Authorization: `${spec.keyType === 'iam-token' ? 'Bearer' : 'Api-Key'} ${spec.apiKey ?? ''}`,
      'OpenAI-Project': folder,
    };
    const uri = (m: string) => yandexModelUri('gpt', folder, m);
    const inner = createOpenAiProvider({
      ...common,
      model: uri(spec.model),
      ...(spec.roleModels
        ? {
            roleModels: Object.fromEntries(
              Object.entries(spec.roleModels).map(([role, m]) => [role, uri(m)]),
            ),
          }
        : {}),
      headers,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
    // A profile's model names ("yandexgpt/latest") become URIs in the team's folder.
    const provider: LlmProvider = {
      id: inner.id,
      offline: false,
      modelFor: (role) => inner.modelFor(role),
      chat: (request, options) => inner.chat(request, { ...options, model: uri(options.model) }),
    };
    const client = openAiClient(spec, deps.fetch, headers);
    return {
      provider,
      listModels: () => modelIds(client),
      embedder: (model, extras) => {
        const m = model ?? spec.embeddingsModel;
        return embedderOf(client, m ? yandexModelUri('emb', folder, m) : undefined, extras);
      },
    };
  }

  const provider = createOpenAiProvider({
    ...common,
    ...(spec.apiKey ? { apiKey: spec.apiKey } : {}),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  const client = openAiClient(spec, deps.fetch);
  return {
    provider,
    listModels: () => modelIds(client),
    embedder: (model, extras) => embedderOf(client, model ?? spec.embeddingsModel, extras),
  };
}
