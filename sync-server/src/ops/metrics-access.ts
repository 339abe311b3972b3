// Who may read GET /metrics (it tells request rates, routes, errors and the process's memory): with
// METRICS_TOKEN, callers sending `Authorization: Bearer <token>` (compared in constant time), from
// anywhere; without it, only callers on this machine: a loopback peer that came through no proxy (a
// request carrying forwarding headers came through one, whatever its socket's address).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { DomainError } from '@app/shared/errors';

const forwardingHeaders = ['forwarded', 'x-forwarded-for', 'x-real-ip', 'via'] as const;

export const isLoopbackAddress = (address: string | undefined): boolean =>
  !!address && (/^127\.\d+\.\d+\.\d+$/.test(address) || /^::ffff:127\./i.test(address) || address === '::1');

/** A request from this machine that no proxy forwarded (TRUST_PROXY plays no part: no header counts). */
export const isLocalRequest = (req: Request): boolean =>
  isLoopbackAddress(req.socket.remoteAddress) && forwardingHeaders.every((h) => req.headers[h] === undefined);

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Constant-time comparison (of fixed-length digests, so the token's length does not leak either). */
export const sameToken = (given: string | undefined, expected: string): boolean =>
  timingSafeEqual(digest(given ?? ''), digest(expected)) && given !== undefined;

const bearerOf = (req: Request): string | undefined =>
  /^Bearer +(\S+) *$/i.exec(req.get('authorization') ?? '')?.[1];

/** Middleware in front of /metrics. */
export function metricsAccess(token: string | undefined): RequestHandler {
  return (req, res, next) => {
    if (token) {
      if (sameToken(bearerOf(req), token)) return next();
      res.set('WWW-Authenticate', 'Bearer realm="metrics"');
      return next(
        new DomainError('unauthorized', 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>'),
      );
    }
    if (isLocalRequest(req)) return next();
    next(
      new DomainError(
        'forbidden',
        '/metrics answers only on this machine; set METRICS_TOKEN on the server to scrape it from elsewhere',
      ),
    );
  };
}
