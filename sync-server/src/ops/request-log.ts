// The HTTP request logger (pino-http): one line per request with its id, and `req.log` for the
// handlers. Secrets never reach it: headers that carry one (Authorization, cookies, Telegram's
// webhook secret, any *token*/*secret*/*key* header) and query parameters that do (tokens, the web
// chat's visitorId, which lets its holder read that visitor's chat) are logged as `[redacted]`, and
// so is the token of a calendar feed's path (the path is the credential), whatever logger the server
// was given.
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

export const REDACTED = '[redacted]';

const secretHeader = /authorization|cookie|token|secret|key|password|passwd|session|signature|credential/i;
const secretParam =
  /token|secret|password|passwd|signature|credential|api_?key|^(sig|code|auth|authorization|visitorid|state|invite)$/i;

const requestIdPattern = /^[A-Za-z0-9._-]{1,100}$/;

function decoded(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

type Headers = Record<string, unknown>;

export function redactHeaders(headers: Headers | undefined): Headers | undefined {
  if (!headers || typeof headers !== 'object') return headers;
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      secretHeader.test(name) ? REDACTED : /^location$/i.test(name) ? redactLocation(value) : value,
    ]),
  );
}

/**
 * A redirect's address: its secret query parameters (a provider's `state`) and its fragment (the
 * sign-in handoff code or pending link the app reads: `/app/#sso=...`) are not logged.
 */
function redactLocation(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const at = value.indexOf('#');
  const url = at < 0 ? value : value.slice(0, at);
  return `${String(redactUrl(url))}${at < 0 ? '' : `#${REDACTED}`}`;
}

/** Paths that carry a secret themselves: a member's calendar feed URL (its token is the credential). */
const secretPath = /(\/calendar\/feeds\/)[^/?#]*/gi;

/** The URL with secret path segments and the values of secret query parameters replaced. */
export function redactUrl(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const url = raw.replace(secretPath, `$1${REDACTED}`);
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .replace(/(^|&)([^=&#]*)=([^&#]*)/g, (all, sep: string, name: string) =>
      secretParam.test(decoded(name)) ? `${sep}${name}=${REDACTED}` : all,
    );
  return `${url.slice(0, q)}?${query}`;
}

function redactQuery(query: unknown): unknown {
  if (!query || typeof query !== 'object') return query;
  return Object.fromEntries(
    Object.entries(query).map(([name, value]) => [name, secretParam.test(name) ? REDACTED : value]),
  );
}

type SerializedReq = Record<string, unknown> & { headers?: Headers; url?: unknown; query?: unknown };
type SerializedRes = Record<string, unknown> & { headers?: Headers };

const serializers = {
  req: (req: SerializedReq) => ({
    ...req,
    url: redactUrl(req.url),
    ...('query' in req ? { query: redactQuery(req.query) } : {}),
    headers: redactHeaders(req.headers),
  }),
  res: (res: SerializedRes) => ({ ...res, headers: redactHeaders(res.headers) }),
};

const quiet = new Set(['/healthz', '/readyz', '/metrics']);

export function createRequestLogger(log: Logger): RequestHandler {
  return pinoHttp({
    logger: log,
    serializers,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    autoLogging: { ignore: (req) => quiet.has(req.url ?? '') },
  });
}
