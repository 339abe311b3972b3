// Embeddings from any OpenAI-compatible `/v1/embeddings` endpoint (OpenAI, Ollama, vLLM, LM Studio)
// through the `openai` SDK: base URL, model, batching, retries with backoff (the SDK's), a timeout,
// and failures as coded DomainErrors.
import OpenAI from 'openai';
import { DomainError } from '../errors';
import type { EmbedOptions, EmbeddingProvider } from './types';

export type OpenAiEmbedderOptions = {
  model: string;
  baseURL?: string;
  apiKey?: string;
  /** Known vector size; when absent, `createOpenAiEmbedder` asks the endpoint once. */
  dims?: number;
  /** Sent as `dimensions` (models that can shorten their vectors). */
  requestDimensions?: number;
  batchSize?: number;
  maxRetries?: number;
  timeoutMs?: number;
  /** Prefixes some models want (e5: `query: ` / `passage: `). */
  queryPrefix?: string;
  documentPrefix?: string;
  /** For tests or a shared client. */
  client?: OpenAI;
  /** Each answered request's tokens (the endpoint's `usage`), for the team's usage accounting. */
  onUsage?: (tokens: number) => void;
};

export class OpenAiEmbedder implements EmbeddingProvider {
  readonly id = 'openai-compatible';
  readonly model: string;
  dims: number;
  private readonly client: OpenAI;
  private readonly options: OpenAiEmbedderOptions;

  constructor(options: OpenAiEmbedderOptions) {
    this.options = options;
    this.model = options.requestDimensions ? `${options.model}@${options.requestDimensions}` : options.model;
    this.dims = options.requestDimensions ?? options.dims ?? 0;
    this.client =
      options.client ??
      new OpenAI({
        baseURL: options.baseURL,
        apiKey: options.apiKey ?? 'not-needed',
        maxRetries: options.maxRetries ?? 3,
        timeout: options.timeoutMs ?? 30_000,
        dangerouslyAllowBrowser: true,
      });
  }

  async embed(texts: string[], options: EmbedOptions = {}): Promise<number[][]> {
    const prefix = (options.kind === 'query' ? this.options.queryPrefix : this.options.documentPrefix) ?? '';
    const batch = this.options.batchSize ?? 64;
    const out: number[][] = [];
    for (let at = 0; at < texts.length; at += batch) {
      const input = texts.slice(at, at + batch).map((t) => prefix + (t || ' '));
      let response: OpenAI.CreateEmbeddingResponse;
      try {
        response = await this.client.embeddings.create(
          {
            model: this.options.model,
            input,
            encoding_format: 'float',
            ...(this.options.requestDimensions ? { dimensions: this.options.requestDimensions } : {}),
          },
          { signal: options.signal },
        );
      } catch (error) {
        throw toDomainError(error);
      }
      const tokens = response.usage?.prompt_tokens ?? response.usage?.total_tokens;
      if (typeof tokens === 'number' && tokens > 0) this.options.onUsage?.(tokens);
      const data = [...response.data].sort((a, b) => a.index - b.index);
      if (data.length !== input.length) {
        throw new DomainError(
          'llm-bad-response',
          `embeddings: asked for ${input.length} vectors, got ${data.length}`,
        );
      }
      for (const d of data) {
        if (!this.dims) this.dims = d.embedding.length;
        if (d.embedding.length !== this.dims) {
          throw new DomainError(
            'llm-bad-response',
            `embeddings: expected ${this.dims} dims, got ${d.embedding.length}`,
          );
        }
        out.push(d.embedding);
      }
    }
    return out;
  }
}

function toDomainError(error: unknown): DomainError {
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new DomainError('llm-timeout', 'embeddings: the endpoint timed out', { cause: error });
  }
  if (error instanceof OpenAI.RateLimitError) {
    return new DomainError('llm-rate-limited', 'embeddings: rate limited', { cause: error });
  }
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    return new DomainError('llm-bad-response', `embeddings: ${error.status} ${error.message}`, {
      cause: error,
    });
  }
  return new DomainError('llm-unavailable', `embeddings: ${(error as Error).message}`, { cause: error });
}

/** An OpenAI-compatible embedder whose vector size is known (asked once when not configured). */
export async function createOpenAiEmbedder(options: OpenAiEmbedderOptions): Promise<OpenAiEmbedder> {
  const embedder = new OpenAiEmbedder(options);
  if (!embedder.dims) await embedder.embed(['dimension probe']);
  return embedder;
}
