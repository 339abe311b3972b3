// Turns whatever a provider throws into a coded DomainError, so the fallback chain can decide.
import OpenAI from 'openai';
import { DomainError, isDomainError } from '../errors';

export type LlmErrorCode = 'llm-unavailable' | 'llm-timeout' | 'llm-rate-limited' | 'llm-bad-response';

export function toLlmError(provider: string, error: unknown): DomainError {
  if (isDomainError(error)) return error;
  const where = `LLM provider '${provider}'`;
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new DomainError('llm-timeout', `${where} timed out`, { cause: error });
  }
  if (error instanceof OpenAI.APIUserAbortError) {
    return new DomainError('llm-timeout', `${where}: request aborted`, { cause: error });
  }
  if (error instanceof OpenAI.RateLimitError) {
    return new DomainError('llm-rate-limited', `${where} is rate-limited (429)`, { cause: error });
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return new DomainError('llm-unavailable', `${where} is unreachable`, { cause: error });
  }
  if (error instanceof OpenAI.APIError) {
    const status = error.status ?? 0;
    // 4xx other than 429 mean the request or the key is wrong: still a reason to fall back. The
    // server's own explanation (a context too long, a bad model name) is kept, cut to a sane length.
    const said = explanation(error);
    return new DomainError('llm-unavailable', `${where} answered ${status}${said ? `: ${said}` : ''}`, {
      cause: error,
      details: { status },
    });
  }
  if (error instanceof SyntaxError) {
    return new DomainError('llm-bad-response', `${where} sent a malformed response`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DomainError('llm-bad-response', `${where} failed: ${message}`, { cause: error });
}

/** What the server said about the failure (its error body's message), without the SDK's status prefix. */
function explanation(error: InstanceType<typeof OpenAI.APIError>): string {
  const body = error.error as { message?: unknown } | undefined;
  const text =
    typeof body?.message === 'string'
      ? body.message
      : error.message.replace(/^\d{3}\s*(status code)?\s*/, '');
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
}
