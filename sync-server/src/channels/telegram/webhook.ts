// POST /telegram/webhook/:teamId: Telegram's calls to teams whose bot runs in webhook mode. Every
// server process serves it (behind a load balancer any of them may be called), whichever one holds
// the bot's lease: the update becomes the same inbound doc the polling bot writes (same sink), and
// the runtime's changes followers answer it. A redelivered update writes nothing new (the message id
// derives from chat and message id). Settings and bots are cached per team, re-read after
// `invalidate(teamId)` (settings changed in this process) or `refreshMs` (changed elsewhere).
// The route tells nobody which teams run a webhook bot (issue 60), as VK's callback does: an unknown
// team, a team whose bot polls (or has none) and a wrong or missing secret get one answer (401, same
// body), each after the same steps (the team's settings read or taken from the cache, one secret compared).
import type { ReadChat } from './profile';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import { createBot, createWebhookHandler, type InboundSink, type WebhookHandler } from '@app/bot';
import { DomainError } from '@app/shared/errors';
import type { Logger } from 'pino';
import { route } from '../../http/route';
import type { TelegramTeamSettings } from './settings';
import { createTeamCache } from '../team-cache';

export type TelegramWebhookDeps = {
  /** The team's bot settings (undefined: no enabled bot); throws when the store fails. */
  settingsOf: (teamId: string) => Promise<TelegramTeamSettings | undefined>;
  /** The team's sink; `readChat` reads a customer's profile through the team's bot (getChat). */
  sinkFor: (teamId: string, readChat: ReadChat) => InboundSink;
  apiRoot: string;
  log: Logger;
  /** How long a team's settings are used before they are read again (default 10 s). */
  refreshMs?: number;
  /** Largest update body accepted (default 1 MiB; Telegram's are a few KiB). */
  bodyLimit?: string;
  now?: () => number;
};

export type TelegramWebhooks = {
  router: Router;
  /** The team's channel settings changed: read them again on its next call. */
  invalidate(teamId: string): void;
};

type Entry = { settings: TelegramTeamSettings; handler?: WebhookHandler };
const teamIdPattern = /^[A-Za-z0-9_.:-]{1,200}$/;
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
const digest = (s: string) => createHash('sha256').update(s).digest();

function sameSecret(given: string | undefined, expected: string): boolean {
  return given !== undefined && timingSafeEqual(digest(given), digest(expected));
}

export function createTelegramWebhooks(deps: TelegramWebhookDeps): TelegramWebhooks {
  const cache = createTeamCache<Entry | undefined>({
    ...(deps.refreshMs === undefined ? {} : { refreshMs: deps.refreshMs }),
    ...(deps.now ? { now: deps.now } : {}),
  });
  const readBody = express.raw({ type: () => true, limit: deps.bodyLimit ?? '1mb' });

  function load(teamId: string, previous: Entry | undefined): Promise<Entry | undefined> {
    return deps.settingsOf(teamId).then((settings) => {
      if (!settings || settings.mode !== 'webhook') return undefined;
      const same =
        previous &&
        previous.settings.token === settings.token &&
        previous.settings.secretToken === settings.secretToken;
      // The same bot keeps its grammY instance (initialized once, with getMe).
      return same ? { ...previous, settings } : { settings };
    });
  }

  async function entryOf(teamId: string): Promise<Entry | undefined> {
    const fresh = cache.fresh(teamId);
    if (fresh) return fresh;
    const previous = await cache.kept(teamId)?.catch(() => undefined);
    return cache.keep(teamId, load(teamId, previous));
  }

  function handlerOf(teamId: string, entry: Entry): WebhookHandler {
    if (entry.handler) return entry.handler;
    const { settings } = entry;
    const log = deps.log.child({ teamId, botId: settings.botId, channel: 'telegram-webhook' });
    const bot = createBot(settings.token, {
      apiRoot: deps.apiRoot,
      sink: deps.sinkFor(teamId, (chatId, signal) =>
        bot.api.getChat(chatId, signal as Parameters<typeof bot.api.getChat>[1]),
      ),
      teamId,
      botId: settings.botId,
      logger: log,
    });
    entry.handler = createWebhookHandler(bot, { secretToken: settings.secretToken, logger: log });
    return entry.handler;
  }

  /** Unknown team, no webhook bot, wrong or missing secret: one answer for all. */
  const refused = () => new DomainError('unauthorized', 'No Telegram webhook here with this secret');
  // Compared against when there is no bot, so a refusal takes the same steps whatever the reason.
  const noSecret = randomBytes(32).toString('base64url');

  const router = express.Router();
  router.post(
    '/:teamId',
    route(async (req: Request, res: Response) => {
      const teamId = String(req.params.teamId);
      const entry = teamIdPattern.test(teamId) ? await entryOf(teamId) : undefined;
      const header = req.headers[SECRET_HEADER];
      const given = Array.isArray(header) ? header[0] : header;
      if (!sameSecret(given, entry?.settings.secretToken ?? noSecret) || !entry) throw refused();
      await new Promise<void>((ok, fail) => readBody(req, res, (err?: unknown) => (err ? fail(err) : ok())));
      let update: unknown;
      try {
        update = JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '');
      } catch {
        throw new DomainError('invalid-json', 'The body is not JSON');
      }
      if (typeof update !== 'object' || update === null || Array.isArray(update))
        throw new DomainError('bad-request', 'The body is not a Telegram update');
      (req as Request & { body: unknown }).body = update;
      // 200 once the inbound doc is written; 500 when the store failed (Telegram delivers it again).
      await handlerOf(teamId, entry)(req, res);
    }),
  );

  return {
    router,
    invalidate: (teamId) => cache.invalidate(teamId),
  };
}
