// What a failed sendMessage means for the message: wait and retry (429), back off and retry (5xx,
// network), or give up now (every other 4xx: chat not found, bot blocked, bad request).
import { GrammyError, HttpError } from 'grammy';

export type SendFailure =
  | { kind: 'rate-limited'; retryAfterMs: number; reason: string }
  | { kind: 'transient'; reason: string }
  | { kind: 'permanent'; reason: string; code?: number };

export function classifySendError(error: unknown): SendFailure {
  if (error instanceof GrammyError) {
    const reason = `${error.error_code}: ${error.description}`.slice(0, 900);
    if (error.error_code === 429) {
      const seconds = error.parameters.retry_after ?? 1;
      return { kind: 'rate-limited', retryAfterMs: Math.max(0, seconds) * 1000, reason };
    }
    if (error.error_code >= 500) return { kind: 'transient', reason };
    return { kind: 'permanent', reason, code: error.error_code };
  }
  if (error instanceof HttpError) {
    const cause = error.error instanceof Error ? `: ${error.error.message}` : '';
    return { kind: 'transient', reason: `network: ${error.message}${cause}`.slice(0, 900) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'transient', reason: `unexpected: ${message}`.slice(0, 900) };
}
