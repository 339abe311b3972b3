// The kinds of model provider a team may add, with their presets: the OpenAI-compatible services
// (OpenAI, OpenRouter, Ollama, vLLM, LM Studio, any URL), GigaChat (OAuth token exchange, its own
// function-calling format) and YandexGPT (OpenAI-compatible, folder-scoped model URIs).
export const providerKinds = [
  'openai',
  'openrouter',
  'ollama',
  'vllm',
  'lmstudio',
  'gigachat',
  'yandexgpt',
  'openai-compatible',
] as const;
export type ProviderKind = (typeof providerKinds)[number];

export const gigachatScopes = ['GIGACHAT_API_PERS', 'GIGACHAT_API_B2B', 'GIGACHAT_API_CORP'] as const;
export type GigaChatScope = (typeof gigachatScopes)[number];

export type ProviderPreset = {
  label: string;
  /** Where the API is when the admin gives no URL (none: a URL is required). */
  baseURL?: string;
  /** A key (or GigaChat's authorization key, Yandex's API key or IAM token) is required. */
  needsKey: boolean;
  /** A model to start with. */
  model: string;
  embeddingsModel?: string;
};

export const GIGACHAT_AUTH_URL = 'https://ngw.devices.sberbank.ru:9443/api/v2/oauth';

export const providerPresets: Record<ProviderKind, ProviderPreset> = {
  openai: {
    label: 'OpenAI',
    baseURL: 'https://api.openai.com/v1',
    needsKey: true,
    model: 'gpt-4o-mini',
    embeddingsModel: 'text-embedding-3-small',
  },
  openrouter: {
    label: 'OpenRouter',
    baseURL: 'https://openrouter.ai/api/v1',
    needsKey: true,
    model: 'openai/gpt-4o-mini',
  },
  ollama: {
    label: 'Ollama',
    baseURL: 'http://localhost:11434/v1',
    needsKey: false,
    model: 'qwen2.5:7b',
    embeddingsModel: 'nomic-embed-text',
  },
  vllm: {
    label: 'vLLM',
    baseURL: 'http://localhost:8000/v1',
    needsKey: false,
    model: 'Qwen/Qwen2.5-7B-Instruct',
  },
  lmstudio: {
    label: 'LM Studio',
    baseURL: 'http://localhost:1234/v1',
    needsKey: false,
    model: 'qwen2.5-7b-instruct',
  },
  gigachat: {
    label: 'GigaChat',
    baseURL: 'https://gigachat.devices.sberbank.ru/api/v1',
    needsKey: true,
    model: 'GigaChat',
    embeddingsModel: 'Embeddings',
  },
  yandexgpt: {
    label: 'YandexGPT',
    baseURL: 'https://llm.api.cloud.yandex.net/v1',
    needsKey: true,
    model: 'yandexgpt-lite/latest',
    embeddingsModel: 'text-search-doc/latest',
  },
  'openai-compatible': { label: 'OpenAI-compatible', needsKey: false, model: '' },
};

/** One provider as the runtime builds it (secrets in clear: never logged, never sent to clients). */
export type ProviderSpec = {
  id: string;
  kind: ProviderKind;
  /** The API's base URL (the preset's when left out). */
  baseURL?: string;
  /** The API key; GigaChat: the authorization key (Basic); YandexGPT: an API key or an IAM token. */
  apiKey?: string;
  model: string;
  roleModels?: Partial<Record<'supervisor' | 'twin' | 'scoring' | 'answer' | 'nurturing', string>>;
  embeddingsModel?: string;
  timeoutMs?: number;
  /** GigaChat: the OAuth scope and endpoint. */
  scope?: GigaChatScope;
  authURL?: string;
  /** YandexGPT: the folder id (model URIs gpt://<folder>/<model>) and what the key is. */
  folderId?: string;
  keyType?: 'api-key' | 'iam-token';
  /** Prices of this provider's models, USD per million tokens. */
  prices?: Record<string, { promptPerMTok: number; completionPerMTok: number }>;
};

export const baseUrlOf = (spec: Pick<ProviderSpec, 'kind' | 'baseURL'>): string => {
  const url = spec.baseURL || providerPresets[spec.kind].baseURL;
  if (!url) throw new Error(`provider kind ${spec.kind} needs a base URL`);
  return url.replace(/\/+$/, '');
};
