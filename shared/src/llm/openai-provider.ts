// A remote provider: any OpenAI-compatible chat completions API, reached only through the `openai` SDK
// with a configurable base URL and key. Retries are left to the fallback chain (maxRetries 0 by default).
import OpenAI from 'openai';
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { DomainError } from '../errors';
import { toLlmError } from './map-error';
import { costOf, defaultPrices, type PriceTable } from './pricing';
import type {
  ChatMessage,
  ChatOptions,
  ChatRequest,
  ChatResult,
  LlmProvider,
  LlmRole,
  ToolCall,
} from './types';

export type OpenAiProviderConfig = {
  id: string;
  baseURL: string;
  apiKey?: string;
  /** The default model and optional per-role models (e.g. a cheap one for `supervisor`). */
  model: string;
  roleModels?: Partial<Record<LlmRole, string>>;
  timeoutMs?: number;
  maxRetries?: number;
  prices?: PriceTable;
  /** Injectable fetch (tests, proxies). */
  fetch?: typeof globalThis.fetch;
  /** Extra headers (OpenRouter's HTTP-Referer, ...). Never logged. */
  headers?: Record<string, string>;
};

function toOpenAiMessages(messages: ChatMessage[]): ChatCompletionMessageParam[] {
  return messages.map((m): ChatCompletionMessageParam => {
    switch (m.role) {
      case 'tool':
        return { role: 'tool', tool_call_id: m.toolCallId, content: m.content };
      case 'assistant':
        return {
          role: 'assistant',
          content: m.content,
          ...(m.toolCalls?.length
            ? {
                tool_calls: m.toolCalls.map((c) => ({
                  id: c.id,
                  type: 'function' as const,
                  function: { name: c.name, arguments: c.arguments },
                })),
              }
            : {}),
        };
      default:
        return { role: m.role, content: m.content };
    }
  });
}

/** The chat completions request: messages, tools, JSON mode, temperature and the token bound. */
const params = (request: ChatRequest, model: string): ChatCompletionCreateParamsNonStreaming => ({
  model,
  messages: toOpenAiMessages(request.messages),
  ...(request.tools?.length
    ? {
        tools: request.tools.map((t) => ({
          type: 'function' as const,
          function: { name: t.name, description: t.description, parameters: t.parameters },
        })),
      }
    : {}),
  ...(request.json ? { response_format: { type: 'json_object' as const } } : {}),
  ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
  ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
});

export function createOpenAiProvider(config: OpenAiProviderConfig): LlmProvider {
  const prices = { ...defaultPrices, ...config.prices };
  const client = new OpenAI({
    baseURL: config.baseURL,
    apiKey: config.apiKey || 'not-needed',
    timeout: config.timeoutMs ?? 30_000,
    maxRetries: config.maxRetries ?? 0,
    dangerouslyAllowBrowser: true,
    ...(config.fetch ? { fetch: config.fetch } : {}),
    ...(config.headers ? { defaultHeaders: config.headers } : {}),
  });

  async function complete(request: ChatRequest, options: ChatOptions): Promise<ChatResult> {
    const res = await client.chat.completions.create(params(request, options.model), {
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const choice = res?.choices?.[0];
    if (!choice?.message) throw new DomainError('llm-bad-response', `'${config.id}' sent no choices`);
    const toolCalls: ToolCall[] = (choice.message.tool_calls ?? []).flatMap((c) =>
      c.type === 'function' ? [{ id: c.id, name: c.function.name, arguments: c.function.arguments }] : [],
    );
    const model = res.model || options.model;
    return {
      content: choice.message.content ?? null,
      toolCalls,
      finishReason: choice.finish_reason ?? 'stop',
      usage: costOf(prices, model, res.usage?.prompt_tokens ?? 0, res.usage?.completion_tokens ?? 0),
      provider: config.id,
      model,
    };
  }

  async function stream(request: ChatRequest, options: ChatOptions): Promise<ChatResult> {
    const chunks = await client.chat.completions.create(
      { ...params(request, options.model), stream: true, stream_options: { include_usage: true } },
      { ...(options.signal ? { signal: options.signal } : {}) },
    );
    let content = '';
    let finishReason = 'stop';
    let model = options.model;
    let usage: ChatCompletionChunk['usage'] = null;
    const calls = new Map<number, ToolCall>();
    let finished = false;
    let received = 0;
    const cut = (how: string, cause?: unknown) =>
      new DomainError(
        'llm-unavailable',
        `LLM provider '${config.id}' ${how} after ${received} chunk(s) (${content.length} characters of the answer): the answer is incomplete`,
        cause === undefined ? undefined : { cause },
      );
    try {
      for await (const chunk of chunks) {
        received++;
        if (chunk.model) model = chunk.model;
        if (chunk.usage) usage = chunk.usage;
        const choice = chunk.choices?.[0];
        if (!choice) continue;
        if (choice.finish_reason) {
          finishReason = choice.finish_reason;
          finished = true;
        }
        const delta = choice.delta;
        if (delta?.content) {
          content += delta.content;
          options.onDelta?.(delta.content);
        }
        for (const tc of delta?.tool_calls ?? []) {
          const call = calls.get(tc.index) ?? { id: '', name: '', arguments: '' };
          if (tc.id) call.id = tc.id;
          if (tc.function?.name) call.name += tc.function.name;
          if (tc.function?.arguments) call.arguments += tc.function.arguments;
          calls.set(tc.index, call);
        }
      }
    } catch (error) {
      // Our own abort (the step's timeout, a caller gone) keeps its meaning for the chain; anything
      // else while reading is the connection dropping mid-answer ("terminated" from undici).
      if (options.signal?.aborted || error instanceof OpenAI.APIUserAbortError) throw error;
      const said = error instanceof Error ? error.message : String(error);
      throw cut(`dropped the stream (${said})`, error);
    }
    // A stream that ends without a finish_reason was cut short, even if the connection closed cleanly
    // (a proxy timing out, a server restarting): what came is not the whole answer.
    if (!finished) throw cut('ended the stream before the answer was complete');
    return {
      content: content || null,
      toolCalls: [...calls.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c),
      finishReason,
      usage: costOf(prices, model, usage?.prompt_tokens ?? 0, usage?.completion_tokens ?? 0),
      provider: config.id,
      model,
    };
  }

  return {
    id: config.id,
    offline: false,
    modelFor: (role) => config.roleModels?.[role] ?? config.model,
    async chat(request, options) {
      const run = (r: ChatRequest) => (options.onDelta ? stream(r, options) : complete(r, options));
      try {
        return await run(request);
      } catch (error) {
        // Some compatible services reject response_format: ask once more without JSON mode (the
        // caller validates the answer and falls back to rules if it is not JSON).
        if (request.json && error instanceof OpenAI.BadRequestError) {
          try {
            return await run({ ...request, json: false });
          } catch (again) {
            throw toLlmError(config.id, again);
          }
        }
        throw toLlmError(config.id, error);
      }
    },
  };
}
