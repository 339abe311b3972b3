// A team's Telegram bot settings as the runtime and the webhook route need them: the demo team's
// bot from TELEGRAM_BOT_TOKEN / TELEGRAM_MODE / PUBLIC_URL, every other team's from its channel doc
// (decrypted). Both read the same answer, so the process that registers a webhook and the processes
// that serve it agree on the secret.
import { webhookPath, webhookSecretFor } from '@app/bot';
import type { ServerConfig } from '../../config';
import type { Store } from '../../context';
import { getChannelSecrets, type TelegramMode } from './secrets';

export type TelegramOptions = {
  apiRoot: string;
  /** TELEGRAM_MODE: the demo team's bot mode (teams choose theirs in Settings); default polling. */
  mode?: TelegramMode;
  /** PUBLIC_URL: where Telegram reaches this server (webhook URLs are built on it). */
  publicUrl?: string;
  /** TELEGRAM_SEND_TIMEOUT_MS: the sender's timeout for one Bot API call. */
  sendTimeoutMs?: number;
  /** TELEGRAM_BOT_TOKEN: the bot of the team named here (the demo team). */
  demo?: { teamId: string; token: string };
};

/**
 * The server's Telegram options from its configuration; `demoTeam` answers the demo team once the seed
 * made it known (until then, and without TELEGRAM_BOT_TOKEN, there is no demo bot).
 */
export function telegramOptions(config: ServerConfig, demoTeam: () => string | undefined): TelegramOptions {
  return {
    apiRoot: config.TELEGRAM_API_ROOT,
    mode: config.TELEGRAM_MODE,
    sendTimeoutMs: config.TELEGRAM_SEND_TIMEOUT_MS,
    ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
    get demo() {
      const teamId = demoTeam();
      return teamId && config.TELEGRAM_BOT_TOKEN ? { teamId, token: config.TELEGRAM_BOT_TOKEN } : undefined;
    },
  };
}

export type TelegramTeamSettings = {
  token: string;
  botId: string;
  mode: TelegramMode;
  /** Telegram's `secret_token` for webhook calls. */
  secretToken: string;
  /** Where Telegram should POST updates in webhook mode; undefined when nothing says where. */
  webhookUrl?: string;
};

export const botIdOf = (token: string) => token.split(':')[0] || 'bot';

/**
 * The URL to register: the team's own `webhookUrl` (the webhook path is added when it names only
 * the server, e.g. `https://crm.example.com`), else PUBLIC_URL plus the webhook path.
 */
export function webhookUrlFor(teamId: string, given: string | undefined, publicUrl: string | undefined) {
  if (given) {
    const url = new URL(given);
    return url.pathname === '/' && !url.search ? `${url.origin}${webhookPath(teamId)}` : given;
  }
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}${webhookPath(teamId)}` : undefined;
}

/** The team's enabled bot, or undefined (no channel, or switched off). Throws when the store fails. */
export async function telegramSettingsOf(
  store: Store,
  encryptionKey: Buffer,
  telegram: TelegramOptions,
  teamId: string,
): Promise<TelegramTeamSettings | undefined> {
  const demo = telegram.demo;
  if (demo && demo.teamId === teamId) {
    const url = webhookUrlFor(teamId, undefined, telegram.publicUrl);
    return {
      token: demo.token,
      botId: botIdOf(demo.token),
      mode: telegram.mode ?? 'polling',
      secretToken: webhookSecretFor(demo.token),
      ...(url ? { webhookUrl: url } : {}),
    };
  }
  const tg = (await getChannelSecrets(store, encryptionKey, teamId)).telegram;
  if (!tg || !tg.enabled) return undefined;
  const url = webhookUrlFor(teamId, tg.webhookUrl, telegram.publicUrl);
  return {
    token: tg.token,
    botId: tg.botId || botIdOf(tg.token),
    mode: tg.mode,
    secretToken: tg.webhookSecret,
    ...(url ? { webhookUrl: url } : {}),
  };
}
