// What stands between the public web chat endpoints and the store: the widget's allowed sites
// (a restricted widget needs a matching Origin header), a per-IP message limit per widget, and a cap
// on new visitors (new conversations) per IP per hour. Keys never include the client-chosen
// visitorId: rotating it used to make every message a fresh contact, lead and agent run.
// Counters are per process (like the login limits): N servers allow up to N times as much.
import type { Request } from 'express';
import { isIPv4, isIPv6 } from 'node:net';
import { DomainError } from '@app/shared/errors';
import { createRateLimiter } from '../../auth/rate-limit';
import type { WidgetDoc } from './widgets';

export type WebchatLimits = {
  /** Messages one client IP may post to one widget per minute (existing and new visitors alike). */
  messagesPerMinute: number;
  /** New visitors (conversations) one client IP may start on one widget per hour. */
  newVisitorsPerHour: number;
};

export const defaultWebchatLimits: WebchatLimits = { messagesPerMinute: 60, newVisitorsPerHour: 20 };

const HOUR = 3_600_000;

/** The serialized origin of a URL or Origin header (`https://shop.example`), or undefined. */
function originOf(value: string): string | undefined {
  try {
    const { origin } = new URL(value);
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/**
 * Throws 403 unless the request may use this widget: with `allowedOrigins` set, only a request whose
 * Origin header names one of them (browsers send it on every cross-site call the widget makes).
 */
export function checkOrigin(widget: WidgetDoc, origin: string | undefined): void {
  if (widget.allowedOrigins.length === 0) return;
  if (!origin)
    throw new DomainError(
      'forbidden',
      'This chat widget only answers the sites it is published on, and this request named no site (no Origin header)',
    );
  const given = originOf(origin);
  if (!given || !widget.allowedOrigins.some((o) => originOf(o) === given))
    throw new DomainError('forbidden', 'This site may not use this chat widget');
}

/** Expands an IPv6 address to its eight 16-bit groups (an embedded IPv4 tail counts as two). */
function ipv6Groups(ip: string): number[] {
  const [head = '', tail] = ip.split('::');
  const parse = (part: string) =>
    part === ''
      ? []
      : part.split(':').flatMap((g) => {
          if (!g.includes('.')) return [parseInt(g, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = g.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/**
 * The network a client is counted by: its IPv4 address (also when mapped into IPv6), or the /64 an
 * IPv6 address belongs to (one subscriber usually holds a whole /64, so single addresses are free).
 */
export function clientNetwork(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (isIPv4(ip)) return ip;
  const bare = ip.split('%')[0]!;
  if (!isIPv6(bare)) return ip;
  return `${ipv6Groups(bare)
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The client's network as Express sees it: `req.ip` follows the app's `trust proxy` (TRUST_PROXY). */
export const clientOf = (req: Request): string => clientNetwork(req.ip ?? req.socket.remoteAddress);

const tooMany = (message: string, waitMs: number) =>
  new DomainError('rate-limited', message, {
    details: { retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) },
  });

export type WebchatGuard = {
  /** Counts one message from `client` to the widget; throws 429 (with Retry-After) beyond the limit. */
  message(widget: WidgetDoc, client: string): void;
  /** Counts one new visitor from `client` on the widget; throws 429 beyond the widget's cap. */
  newVisitor(widget: WidgetDoc, client: string): void;
};

export function createWebchatGuard(limits: WebchatLimits, now: () => number): WebchatGuard {
  const messages = createRateLimiter({ max: limits.messagesPerMinute, windowMs: 60_000, now });
  const visitors = createRateLimiter({ max: limits.newVisitorsPerHour, windowMs: HOUR, now });
  return {
    message(widget, client) {
      const key = `${widget.key}|${client}`;
      const wait = messages.blockedFor(key);
      if (wait > 0) throw tooMany('Too many messages from your network; wait a minute', wait);
      messages.hit(key);
    },
    newVisitor(widget, client) {
      const key = `${widget.key}|${client}`;
      const wait = visitors.blockedFor(key, widget.newVisitorsPerIpPerHour ?? limits.newVisitorsPerHour);
      if (wait > 0)
        throw tooMany(
          `Too many new chats from your network; try again in ${Math.ceil(wait / 60_000)} min`,
          wait,
        );
      visitors.hit(key);
    },
  };
}
