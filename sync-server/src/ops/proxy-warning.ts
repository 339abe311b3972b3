// Behind a reverse proxy without TRUST_PROXY every client has the proxy's address, so the per-IP
// limits (sign-in lockout, web chat) count all clients as one: anyone can lock everyone out. The
// server cannot know it is behind a proxy until a request says so; the first request that carries
// `X-Forwarded-For` (or `Forwarded`) while TRUST_PROXY is off logs a warning, once per process.
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

export function warnOfUntrustedProxy(log: Pick<Logger, 'warn'>): RequestHandler {
  let warned = false;
  return function proxyWarning(req, _res, next) {
    if (!warned && (req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined)) {
      warned = true;
      log.warn(
        { socketAddress: req.socket.remoteAddress },
        'A request came through a proxy (X-Forwarded-For) but TRUST_PROXY is off: every client counts ' +
          "as the proxy's address, so one client's failed sign-ins lock out everyone's (per-IP limits). " +
          'Set TRUST_PROXY=true behind a proxy that sets X-Forwarded-For (see sync-server/README.md).',
      );
    }
    next();
  };
}
