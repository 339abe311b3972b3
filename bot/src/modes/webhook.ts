// Webhook mode: an HTTP handler (plain node:http or Express, with or without express.json()) that
// verifies Telegram's secret-token header, and helpers for the per-team path and registration.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { webhookCallback, type Bot, type Context } from 'grammy';
import type { Update } from 'grammy/types';
import { silentLogger, type Logger } from '../ports';
import { ALLOWED_UPDATES } from './allowed-updates';

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** A request as node:http or Express hands it over (Express may have parsed the JSON body). */
export type WebhookRequest = IncomingMessage & { body?: unknown };
export type WebhookHandler = (req: WebhookRequest, res: ServerResponse) => Promise<void>;

export type WebhookOptions = {
  /** The secret given to setWebhook; requests without it get 401. */
  secretToken: string;
  /** How long Telegram waits for the update to be handled before it gets a 500 (and retries). */
  timeoutMs?: number;
  logger?: Logger;
};

/** The webhook path of a team's bot, e.g. `/telegram/webhook/team-1`. */
export function webhookPath(teamId: string, base = '/telegram/webhook'): string {
  return `${base.replace(/\/+$/, '')}/${encodeURIComponent(teamId)}`;
}

/** A stable secret derived from the bot token (Telegram allows 1-256 chars of [A-Za-z0-9_-]). */
export function webhookSecretFor(token: string, salt = ''): string {
  return createHash('sha256').update(`telegram-webhook:${salt}:${token}`).digest('hex');
}

class BadBody extends Error {}

function readJson(req: WebhookRequest): Promise<Update> {
  if (req.body !== undefined && typeof req.body === 'object') return Promise.resolve(req.body as Update);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.once('error', reject);
    req.once('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Update);
      } catch {
        reject(new BadBody('the body is not JSON'));
      }
    });
  });
}

const adapter = (req: WebhookRequest, res: ServerResponse) => {
  const header = req.headers[SECRET_HEADER];
  return {
    get update() {
      return readJson(req);
    },
    header: Array.isArray(header) ? header[0] : header,
    end: () => {
      res.end();
    },
    respond: (json: string) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(json);
    },
    unauthorized: () => {
      res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"error":"wrong secret token"}');
    },
  };
};

/**
 * The handler for POST <webhookPath>: 401 on a wrong or missing secret, 200 once the update is
 * handled, 500 when handling failed (Telegram then delivers it again; duplicates are no-ops).
 */
export function createWebhookHandler<C extends Context>(
  bot: Bot<C>,
  options: WebhookOptions,
): WebhookHandler {
  if (!options.secretToken) throw new Error('webhook mode needs a secret token');
  const log = options.logger ?? silentLogger;
  const callback = webhookCallback(bot, adapter, {
    secretToken: options.secretToken,
    timeoutMilliseconds: options.timeoutMs ?? 10_000,
    onTimeout: 'throw',
  });
  return async (req, res) => {
    try {
      await callback(req, res);
    } catch (error) {
      const bad = error instanceof BadBody;
      if (!bad) log.error({ err: error }, 'webhook update failed');
      if (!res.headersSent) {
        res.writeHead(bad ? 400 : 500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: bad ? 'bad request' : 'update failed' }));
      }
    }
  };
}

/** Points Telegram at the webhook URL with the secret (and stops any long polling). */
export async function registerWebhook<C extends Context>(
  bot: Bot<C>,
  options: { url: string; secretToken: string; dropPendingUpdates?: boolean },
): Promise<void> {
  await bot.api.setWebhook(options.url, {
    secret_token: options.secretToken,
    allowed_updates: [...ALLOWED_UPDATES],
    drop_pending_updates: options.dropPendingUpdates ?? false,
  });
}
