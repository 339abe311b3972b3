// createBot(token, deps): a grammY bot that turns a team's Telegram updates into message docs for
// the injected sink. It answers Telegram fast: no LLM calls here, the runtime does the work.
import { Bot, GrammyError, HttpError, type ApiClientOptions, type BotError } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { BotContext, BotServices } from './context';
import { channelPostsFeature } from './features/channel-posts';
import { choicesFeature } from './features/choices';
import { contactFeature } from './features/contact';
import { editFeature } from './features/edit';
import { helpFeature } from './features/help';
import { humanRequestFeature } from './features/human-request';
import { mediaFeature } from './features/media';
import { otherMessagesFeature } from './features/other-messages';
import { startFeature } from './features/start';
import { stopFeature } from './features/stop';
import { textFeature } from './features/text';
import { isHumanRequest } from './inbound/human-request';
import { silentLogger, type BotIdentity, type InboundSink, type Logger, type StoreFile } from './ports';

export const DEFAULT_API_ROOT = 'https://api.telegram.org';

export type BotDeps = BotIdentity & {
  /** Where inbound messages, edits and opt-outs go. */
  sink: InboundSink;
  logger?: Logger;
  /** Optional file store for photos and documents; without it only metadata is kept. */
  storeFile?: StoreFile;
  /** TELEGRAM_API_ROOT: another Bot API server (a local one, or a fake in tests). */
  apiRoot?: string;
  /** Known bot info, to skip getMe at start (tests, or a cached value). */
  botInfo?: UserFromGetMe;
  /** More grammY client options (timeouts, fetch config); `apiRoot` above wins. */
  client?: Omit<ApiClientOptions, 'apiRoot'>;
  /** Extra phrases that count as asking for a human (beyond the built-in RU/EN ones). */
  humanRequestPatterns?: RegExp[];
};

export type TelegramBot = Bot<BotContext>;

/** Errors that mean the update's work was not stored: rethrown so webhooks answer 500 and retry. */
const isTelegramError = (e: unknown) => e instanceof GrammyError || e instanceof HttpError;

export function describeBotError(error: unknown): object {
  if (error instanceof GrammyError) {
    return { kind: 'telegram', method: error.method, code: error.error_code, description: error.description };
  }
  if (error instanceof HttpError) return { kind: 'network', message: error.message };
  return { kind: 'internal', err: error };
}

export function createBot(token: string, deps: BotDeps): TelegramBot {
  const apiRoot = deps.apiRoot ?? DEFAULT_API_ROOT;
  const logger = (deps.logger ?? silentLogger).child({ teamId: deps.teamId, botId: deps.botId });
  const bot = new Bot<BotContext>(token, {
    client: { ...deps.client, apiRoot },
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
  });
  const extra = deps.humanRequestPatterns ?? [];
  const services: BotServices = {
    teamId: deps.teamId,
    botId: deps.botId,
    sink: deps.sink,
    ...(deps.storeFile ? { storeFile: deps.storeFile } : {}),
    apiRoot,
    token,
    isHumanRequest: (text) => isHumanRequest(text, extra),
  };

  bot.use(async (ctx, next) => {
    ctx.services = services;
    ctx.log = logger.child({ update_id: ctx.update.update_id, chat_id: ctx.chat?.id });
    const started = Date.now();
    await next();
    ctx.log.info({ ms: Date.now() - started }, 'update handled');
  });

  const onError = (error: BotError<BotContext>) => {
    const log = error.ctx.log ?? logger;
    const cause = error.error;
    log.error({ error: describeBotError(cause) }, 'update failed');
    // Telegram or network errors (a failed reply) leave the update handled; a failing sink does
    // not: rethrow it, so a webhook answers 500 and Telegram delivers the update again.
    if (!isTelegramError(cause)) throw cause;
  };

  bot.errorBoundary(
    onError,
    channelPostsFeature,
    choicesFeature,
    startFeature,
    helpFeature,
    stopFeature,
    humanRequestFeature,
    textFeature,
    contactFeature,
    mediaFeature,
    editFeature,
    otherMessagesFeature,
  );

  // Long polling reaches this handler (webhooks get the error as a 500 instead): log, keep polling.
  bot.catch((error) => {
    logger.error(
      { update_id: error.ctx.update.update_id, error: describeBotError(error.error) },
      'update dropped after an error',
    );
  });
  return bot;
}
