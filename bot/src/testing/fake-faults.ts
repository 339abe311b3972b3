// Fault rules of the fake Bot API server: which calls fail, how, and how many times.

/**
 * How a call fails:
 * - `{ status, description?, retryAfter? }`: a Bot API error answer (429 with `retry_after`, 403, 500...)
 * - `{ status, html: true }`: a non-JSON answer, as a proxy in front of Telegram gives (a network error)
 * - `{ hang: true }`: never answers (the client's timeout fires)
 * - `{ reset: true }`: the connection is cut (a network error)
 * - `{ delayMs }`: answers normally, late
 */
export type Failure =
  | { status: number; description?: string; retryAfter?: number; html?: false }
  | { status: number; html: true }
  | { hang: true }
  | { reset: true }
  | { delayMs: number };

/** Which calls a rule applies to (all given fields must match). */
export type FaultMatch = { method?: string; chatId?: number | string };

export type FaultRule = { failure: Failure; match: FaultMatch; remaining: number };

const defaultDescriptions: Record<number, string> = {
  400: 'Bad Request: chat not found',
  401: 'Unauthorized',
  403: 'Forbidden: bot was blocked by the user',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests: retry after 1',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
};

export function describeStatus(status: number, retryAfter?: number): string {
  if (status === 429) return `Too Many Requests: retry after ${retryAfter ?? 1}`;
  return defaultDescriptions[status] ?? `Error ${status}`;
}

export class FaultBook {
  private rules: FaultRule[] = [];

  add(failure: Failure, match: FaultMatch, times: number): () => void {
    const rule: FaultRule = { failure, match, remaining: times };
    this.rules.push(rule);
    return () => {
      this.rules = this.rules.filter((r) => r !== rule);
    };
  }

  clear(): void {
    this.rules = [];
  }

  /** The first matching rule's failure (using up one of its times), or undefined. */
  take(method: string, chatId: number | string | undefined): Failure | undefined {
    const rule = this.rules.find(
      (r) =>
        (r.match.method === undefined || r.match.method === method) &&
        (r.match.chatId === undefined || String(r.match.chatId) === String(chatId)),
    );
    if (!rule) return undefined;
    rule.remaining--;
    if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule.failure;
  }
}
