// The one error middleware: DomainError codes -> their 4xx/5xx and `{error:{code,message}}`; body
// parser failures -> 400 invalid-json / 413 payload-too-large; anything unknown -> a logged 500
// `internal-error` with no stack or message from inside the server.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DomainError, errorBody, isDomainError } from '@app/shared/errors';

type HttpishError = {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message?: unknown;
  /** body-parser's size limit in bytes; our depth check's limit in levels. */
  limit?: unknown;
};

/** A store error text (CouchDB's `reason`, LevelDB's IO error) that says the disk is full. */
export const isOutOfSpace = (text: string): boolean => /no space left on device|ENOSPC/i.test(text);

/**
 * The store failing in a known way (nano's errors): unreachable -> 503 `store-unavailable`, disk
 * full -> 507 `insufficient-storage`. Its own words (file paths) never reach the client.
 */
function storeError(err: unknown): DomainError | undefined {
  if (!(err instanceof Error)) return undefined;
  if (err.message.startsWith('error happened in your connection')) {
    return new DomainError('store-unavailable', 'The database did not answer', { cause: err });
  }
  const e = err as Error & { statusCode?: unknown; reason?: unknown };
  if (
    typeof e.statusCode === 'number' &&
    e.statusCode >= 500 &&
    isOutOfSpace(`${String(e.reason)} ${e.message}`)
  ) {
    return new DomainError('insufficient-storage', 'The server is out of disk space; nothing was saved', {
      cause: err,
    });
  }
  return undefined;
}

export function toDomainError(err: unknown): DomainError | undefined {
  if (isDomainError(err)) return err;
  return storeError(err) ?? requestError(err);
}

/**
 * A caller's mistake that body-parser or express found (bad JSON, too large or too deep a body, a
 * malformed URL, another 4xx): the coded domain error, with what was wrong but nothing internal.
 */
export function requestError(err: unknown): DomainError | undefined {
  const e = (err ?? {}) as HttpishError;
  switch (e.type) {
    case 'entity.parse.failed':
      return new DomainError('invalid-json', 'The body is not valid JSON');
    case 'entity.too.large':
      return new DomainError(
        'payload-too-large',
        typeof e.limit === 'number'
          ? `The body is larger than the limit (${e.limit} bytes)`
          : 'The body is too large',
      );
    case 'entity.too.deep':
      return new DomainError(
        'bad-request',
        typeof e.limit === 'number'
          ? `The body is nested deeper than ${e.limit} levels`
          : 'The body is nested too deeply',
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new DomainError('bad-request', 'Unsupported body encoding or charset; send UTF-8');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new DomainError('bad-request', 'The request body could not be read');
  }
  if (err instanceof URIError) return new DomainError('bad-request', 'The URL is not validly encoded');
  const status = e.status ?? e.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500 && e.expose !== false) {
    const message =
      e.expose === true && typeof e.message === 'string' ? e.message : 'The request is malformed';
    return new DomainError(status === 413 ? 'payload-too-large' : 'bad-request', message);
  }
  return undefined;
}

/** The Russian message of an error whose details carry `messages: { en, ru }`. */
function localizedRu(details: unknown): string | undefined {
  const messages = (details as { messages?: { ru?: unknown } } | undefined)?.messages;
  return typeof messages?.ru === 'string' ? messages.ru : undefined;
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new DomainError('route-not-found', `No route for ${req.method} ${req.path.slice(0, 200)}`));
};

export const errorMiddleware: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  const known = toDomainError(err);
  const log = req.log;
  if (!known || known.status >= 500) {
    log?.error({ err }, 'request failed');
  }
  if (res.headersSent) {
    res.end();
    return;
  }
  if (!known) {
    res
      .status(500)
      .json({ error: { code: 'internal-error', message: 'Something went wrong on the server' } });
    return;
  }
  const retry = (known.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  if (known.code === 'rate-limited' && retry) res.setHeader('retry-after', String(retry));
  const body = errorBody(known);
  const ru = localizedRu(known.details);
  // An error that says it in Russian too (plan limits) answers in the caller's Accept-Language.
  if (ru && req.acceptsLanguages('en', 'ru') === 'ru') body.error.message = ru;
  res.status(known.status).json(body);
};
