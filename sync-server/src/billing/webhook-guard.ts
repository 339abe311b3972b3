// The payment providers' webhooks answer anyone (issue 60): each delivery is counted per client network
// before its body is read, and so is each one refused (a bad signature, a payment YooKassa does not
// know, a malformed body), so a sender cannot make the server check signatures or read payments back
// from YooKassa's API without end. Over either limit: 429 with Retry-After, nothing else done. The
// counters (the project's rate limiter, auth/rate-limit.ts) and the client's network are given by the
// composition root (server-parts.ts): billing sits below the layers they live in.
import type { Request, RequestHandler } from 'express';
import { DomainError } from '@app/shared/errors';

/** A fixed-window counter per key (auth/rate-limit.ts's RateLimiter fits). */
export type WebhookCounter = { blockedFor(key: string): number; hit(key: string): void };

export type WebhookLimits = {
  /** Every delivery per client network. */
  requests: WebhookCounter;
  /** Deliveries refused with a 4xx, per client network. */
  failures: WebhookCounter;
  /** The network a request is counted by (its address; an IPv6 /64). */
  clientOf: (req: Request) => string;
};

export function webhookGuard(limits: WebhookLimits): RequestHandler {
  return (req, res, next) => {
    const client = limits.clientOf(req);
    const wait = Math.max(limits.requests.blockedFor(client), limits.failures.blockedFor(client));
    if (wait > 0) {
      next(
        new DomainError('rate-limited', 'Too many notifications from this address; try again later', {
          details: { retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) },
        }),
      );
      return;
    }
    limits.requests.hit(client);
    res.on('finish', () => {
      if (res.statusCode >= 400 && res.statusCode < 500 && res.statusCode !== 429)
        limits.failures.hit(client);
    });
    next();
  };
}
