// GigaChat (Sber): its documented OAuth flow and its chat API.
// - Token: POST <authURL> with `Authorization: Basic <authorization key>`, a fresh `RqUID` (uuid4) and
//   the form body `scope=GIGACHAT_API_PERS|B2B|CORP`; the answer `{access_token, expires_at}` (ms) is
//   cached until shortly before it expires. A 401 from the API refreshes the token once and retries.
// - Chat: POST <base>/chat/completions, tools sent as GigaChat's `functions` (JSON-schema parameters),
//   an answer's `function_call` (arguments as an object) read back as a tool call; a tool's result goes
//   back as a `function` message. Embeddings: POST <base>/embeddings (OpenAI-shaped).
// The Russian CA: the caller passes a `fetch` that trusts it (the server builds one with its CA file).
import { DomainError } from '../../errors';
import { costOf, type PriceTable } from '../pricing';
import type { ChatMessage, ChatRequest, ChatResult, LlmProvider, LlmRole, ToolCall } from '../types';
import { GIGACHAT_AUTH_URL, type GigaChatScope } from './presets';

type Fetch = typeof globalThis.fetch;

export type GigaChatTokenOptions = {
  authorizationKey: string;
  scope: GigaChatScope;
  authURL?: string;
  fetch?: Fetch;
  now?: () => number;
  /** A token this close to its expiry is refreshed before use (default 60 s). */
  refreshMarginMs?: number;
  timeoutMs?: number;
};

export type GigaChatTokens = {
  get(): Promise<string>;
  /** Drops the cached token (it was refused); the next `get` asks for a new one. */
  invalidate(token: string): void;
};

const uuid4 = () => globalThis.crypto.randomUUID();

/** Reads an error body's message (GigaChat answers `{status, message}`), bounded, never the key. */
async function reason(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    const msg = body.message ?? body.error;
    if (typeof msg === 'string') return msg.slice(0, 300);
  } catch {
    // not JSON
  }
  return text.slice(0, 300);
}

function httpError(where: string, status: number, message: string): DomainError {
  const code = status === 429 ? 'llm-rate-limited' : 'llm-unavailable';
  return new DomainError(code, `${where} answered ${status}${message ? `: ${message}` : ''}`, {
    details: { status },
  });
}

function networkError(where: string, error: unknown): DomainError {
  const name = (error as { name?: string })?.name;
  if (name === 'TimeoutError' || name === 'AbortError')
    return new DomainError('llm-timeout', `${where} timed out`, { cause: error });
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  const untrusted = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(detail)
    ? ": its TLS certificate is not trusted; add the provider's CA certificate (GigaChat: the Russian Trusted Root CA)"
    : '';
  return new DomainError('llm-unavailable', `${where} is unreachable (${detail})${untrusted}`, {
    cause: error,
  });
}

export function createGigaChatTokens(o: GigaChatTokenOptions): GigaChatTokens {
  const fetchFn = o.fetch ?? globalThis.fetch;
  const now = o.now ?? Date.now;
  const margin = o.refreshMarginMs ?? 60_000;
  let cached: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function exchange(): Promise<string> {
    const where = 'GigaChat OAuth';
    let res: Response;
    try {
      res = await fetchFn(o.authURL ?? GIGACHAT_AUTH_URL, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${o.authorizationKey}`,
          RqUID: uuid4(),
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body: new URLSearchParams({ scope: o.scope }).toString(),
        signal: AbortSignal.timeout(o.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw networkError(where, error);
    }
    if (!res.ok) throw httpError(where, res.status, await reason(res));
    const body = (await res.json().catch(() => ({}))) as { access_token?: unknown; expires_at?: unknown };
    if (typeof body.access_token !== 'string' || typeof body.expires_at !== 'number')
      throw new DomainError('llm-bad-response', `${where} sent no access_token/expires_at`);
    cached = { token: body.access_token, expiresAt: body.expires_at };
    return body.access_token;
  }

  return {
    async get() {
      if (cached && cached.expiresAt - margin > now()) return cached.token;
      // Concurrent callers share one exchange.
      pending ??= exchange().finally(() => (pending = undefined));
      return pending;
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}

/** A fetch that carries the GigaChat token, refreshing it once when the API answers 401. */
export function gigachatFetch(tokens: GigaChatTokens, fetchFn: Fetch = globalThis.fetch): Fetch {
  const withToken = (init: RequestInit | undefined, token: string): RequestInit => {
    const headers = new Headers(init?.headers);
    headers.set('Authorization', `Bearer ${token}`);
    return { ...init, headers };
  };
  return (async (input: Parameters<Fetch>[0], init?: RequestInit) => {
    const token = await tokens.get();
    const res = await fetchFn(input, withToken(init, token));
    if (res.status !== 401) return res;
    await res.body?.cancel().catch(() => undefined);
    tokens.invalidate(token);
    return fetchFn(input, withToken(init, await tokens.get()));
  }) as Fetch;
}

export type GigaChatProviderConfig = {
  id: string;
  baseURL: string;
  model: string;
  roleModels?: Partial<Record<LlmRole, string>>;
  tokens: GigaChatTokens;
  fetch?: Fetch;
  timeoutMs?: number;
  prices?: PriceTable;
};

type GigaMessage = {
  role: 'system' | 'user' | 'assistant' | 'function';
  content: string;
  name?: string;
  function_call?: { name: string; arguments: Record<string, unknown> };
};

const objectOf = (json: string): Record<string, unknown> => {
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/** The engine's messages in GigaChat's shape (a tool result names its function; content is JSON). */
export function toGigaChatMessages(messages: ChatMessage[]): GigaMessage[] {
  const names = new Map<string, string>();
  return messages.map((m): GigaMessage => {
    switch (m.role) {
      case 'assistant': {
        const call = m.toolCalls?.[0];
        if (!call) return { role: 'assistant', content: m.content ?? '' };
        for (const c of m.toolCalls ?? []) names.set(c.id, c.name);
        return {
          role: 'assistant',
          content: m.content ?? '',
          function_call: { name: call.name, arguments: objectOf(call.arguments) },
        };
      }
      case 'tool': {
        let content = m.content;
        try {
          JSON.parse(content);
        } catch {
          content = JSON.stringify({ result: m.content });
        }
        return { role: 'function', name: names.get(m.toolCallId) ?? 'tool', content };
      }
      default:
        return { role: m.role, content: m.content };
    }
  });
}

type GigaAnswer = {
  model?: string;
  choices?: Array<{
    message?: { content?: string | null; function_call?: { name?: string; arguments?: unknown } };
    finish_reason?: string;
  }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number };
};

export function createGigaChatProvider(config: GigaChatProviderConfig): LlmProvider & {
  listModels(): Promise<string[]>;
} {
  const fetchFn = gigachatFetch(config.tokens, config.fetch);
  const where = `LLM provider '${config.id}'`;
  const base = config.baseURL.replace(/\/+$/, '');

  async function call(path: string, init: RequestInit, signal?: AbortSignal): Promise<unknown> {
    const timeout = AbortSignal.timeout(config.timeoutMs ?? 30_000);
    let res: Response;
    try {
      res = await fetchFn(`${base}${path}`, {
        ...init,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw networkError(where, error);
    }
    if (!res.ok) throw httpError(where, res.status, await reason(res));
    try {
      return await res.json();
    } catch (error) {
      throw new DomainError('llm-bad-response', `${where} sent a malformed response`, { cause: error });
    }
  }

  const body = (request: ChatRequest, model: string) => ({
    model,
    messages: toGigaChatMessages(request.messages),
    ...(request.tools?.length
      ? {
          functions: request.tools.map((t) => ({
            name: t.name,
            description: t.description,
            parameters: t.parameters,
          })),
          function_call: 'auto',
        }
      : {}),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
    stream: false,
  });

  return {
    id: config.id,
    offline: false,
    modelFor: (role) => config.roleModels?.[role] ?? config.model,
    async chat(request, options): Promise<ChatResult> {
      const res = (await call(
        '/chat/completions',
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify(body(request, options.model)),
        },
        options.signal,
      )) as GigaAnswer;
      const choice = res?.choices?.[0];
      if (!choice?.message) throw new DomainError('llm-bad-response', `${where} sent no choices`);
      const fc = choice.message.function_call;
      const toolCalls: ToolCall[] = fc?.name
        ? [
            {
              id: `call-${fc.name}-${Date.now().toString(36)}`,
              name: fc.name,
              arguments: typeof fc.arguments === 'string' ? fc.arguments : JSON.stringify(fc.arguments ?? {}),
            },
          ]
        : [];
      const model = res.model || options.model;
      const content = choice.message.content || null;
      // GigaChat streams over SSE too; here the whole answer is one delta.
      if (content && options.onDelta) options.onDelta(content);
      return {
        content,
        toolCalls,
        finishReason:
          choice.finish_reason === 'function_call' ? 'tool_calls' : (choice.finish_reason ?? 'stop'),
        usage: costOf(
          config.prices ?? {},
          model,
          res.usage?.prompt_tokens ?? 0,
          res.usage?.completion_tokens ?? 0,
        ),
        provider: config.id,
        model,
      };
    },
    async listModels() {
      const res = (await call('/models', { method: 'GET', headers: { Accept: 'application/json' } })) as {
        data?: Array<{ id?: string }>;
      };
      return (res.data ?? []).flatMap((m) => (typeof m.id === 'string' ? [m.id] : []));
    },
  };
}
