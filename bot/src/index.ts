// @app/bot: the team's Telegram bot (updates -> message docs) and the parts a sender over the Bot API
// is built from (rate limits, text splitting, error classes); the server's outbox sends with them.
export { createBot, describeBotError, DEFAULT_API_ROOT, type BotDeps, type TelegramBot } from './create-bot';
export type { BotContext, BotServices } from './context';
export * from './ports';
export { isHumanRequest } from './inbound/human-request';
export { languageFor } from './inbound/language';
export { idsFor } from './inbound/build';
export { downloadTelegramFile } from './inbound/files';
export { helpTexts } from './features/help';
export { stopTexts } from './features/stop';
export { choiceKeyboard, parseChoiceData, CHOICE_DONE } from './features/choices';
export { startPolling, type PollingHandle, type PollingOptions } from './modes/polling';
export {
  createWebhookHandler,
  registerWebhook,
  webhookPath,
  webhookSecretFor,
  type WebhookHandler,
  type WebhookOptions,
  type WebhookRequest,
} from './modes/webhook';
export type { OutboundFile, SendApi } from './sender/ports';
export { classifySendError, type SendFailure } from './sender/classify';
export {
  RateLimiter,
  telegramLimits,
  isGroupChat,
  type Bucket,
  type RateLimits,
} from './sender/rate-limiter';
export { splitText, TELEGRAM_TEXT_LIMIT } from './sender/split-text';
export { realClock, type Clock } from './sender/clock';
export { createBotApi } from './sender/bot-api';
/** grammY's file wrapper, for a sender of files built on these parts (sync-server's Telegram transport). */
export { InputFile } from 'grammy';
