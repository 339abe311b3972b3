// JSON body parsing for the API and the translation of body-parser's and express's own 4xx errors into
// coded domain errors, so the core's error middleware answers them like any other caller mistake.
import express, { type ErrorRequestHandler } from 'express';
import { DomainError } from '@app/shared/errors';

export const JSON_LIMIT = '1mb';

/** Parses JSON bodies (skipped when the app already did). Accepts `application/*+json` too. */
export const jsonBody = express.json({ limit: JSON_LIMIT, type: ['application/json', 'application/*+json'] });

type HttpishError = {
  type?: unknown;
  status?: unknown;
  statusCode?: unknown;
  expose?: unknown;
  message?: unknown;
};

export function toDomainError(error: unknown): unknown {
  if (error instanceof DomainError || typeof error !== 'object' || error === null) return error;
  const e = error as HttpishError;
  const status =
    typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : 0;
  switch (e.type) {
    case 'entity.parse.failed':
      return new DomainError('invalid-json', 'The body is not valid JSON');
    case 'entity.too.large':
      return new DomainError('payload-too-large', `The body is larger than the limit (${JSON_LIMIT})`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new DomainError('bad-request', 'Unsupported body encoding or charset; send UTF-8');
    default:
      break;
  }
  if (error instanceof URIError) return new DomainError('bad-request', 'The URL is not validly encoded');
  if (status >= 400 && status < 500) {
    const message = e.expose === true && typeof e.message === 'string' ? e.message : 'Bad request';
    return new DomainError(status === 413 ? 'payload-too-large' : 'bad-request', message);
  }
  return error;
}

/** Router-level error middleware: rewrites known 4xx errors, then hands on to the app's handler. */
export const translateErrors: ErrorRequestHandler = (error, _req, _res, next) => {
  next(toDomainError(error));
};
