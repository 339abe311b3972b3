// JSON body parsing for the API and the translation of body-parser's and express's own 4xx errors into
// coded domain errors, so the core's error middleware answers them like any other caller mistake.
import express, { type ErrorRequestHandler } from 'express';
import { DomainError } from '@app/shared/errors';

export const JSON_LIMIT = '1mb';

/** The deepest nesting of objects and arrays a JSON body may have (sync docs need far fewer). */
export const MAX_JSON_DEPTH = 64;

/**
 * A body-parser `verify` hook that refuses JSON nested deeper than MAX_JSON_DEPTH before it is parsed:
 * JSON.parse copes with deep nesting, but the recursion of JSON.stringify, validators and the store on
 * the way out would overflow the stack (found by bench/fuzz.ts: a 500 on a checkpoint PUT).
 */
export function refuseDeepJson(_req: unknown, _res: unknown, body: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH)
        throw Object.assign(new Error(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`), {
          status: 400,
          type: 'entity.too.deep',
        });
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
}

/** Every JSON body parser of the server: express.json with its limit, refusing deep nesting. */
export const parseJsonBody = (options: { limit: string; type?: string | string[] | (() => boolean) }) =>
  express.json({ ...options, verify: refuseDeepJson });

/** Parses JSON bodies (skipped when the app already did). Accepts `application/*+json` too. */
export const jsonBody = parseJsonBody({
  limit: JSON_LIMIT,
  type: ['application/json', 'application/*+json'],
});

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
    case 'entity.too.deep':
      return new DomainError('bad-request', `The body is nested deeper than ${MAX_JSON_DEPTH} levels`);
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
