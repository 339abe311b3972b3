// A team's Telegram bot, run by exactly one server process at a time: the process holding the bot's
// lease polls Telegram (two pollers of one bot would fight: Telegram answers 409) or, in webhook
// mode, registers the webhook (every process serves it: webhook.ts), and has the core's outbox
// (channels/outbox/host.ts) send over telegram-transport.ts, so replies leave in order. When that process dies,
// its lease expires and another takes the bot over. Polling starts with deleteWebhook, so a bot switched back from webhook mode polls again.
import { setTimeout as delay } from 'node:timers/promises';
import { createBot, registerWebhook, startPolling, type TelegramBot } from '@app/bot';
import type { Logger } from 'pino';
import type { Store } from '../../context';
import { botHealth } from '../../ops/pipeline-health';
import type { Lease, Leases } from '../../store/leases';
import { generationCheckpointId } from '../../store/team-generation';
import { backoffMs } from '../outbox/backoff';
import type { Outboxes } from '../outbox/host';
import type { RunningOutbox } from '../outbox/start';
import { telegramFileStore } from './telegram-files';
import { createTelegramSink } from './sink';
import { telegramTransport } from './telegram-transport';
import type { NoteSocialPost } from '../port';

export type TeamBotConfig = {
  teamId: string;
  botId: string;
  token: string;
  apiRoot: string;
  /** Webhook mode: Telegram POSTs updates to `url` (undefined: no public URL known, nothing set). */
  webhook?: { url: string | undefined; secretToken: string };
  /** The sender's timeout for one Bot API call (default 30 s). */
  sendTimeoutMs?: number;
};

export type TeamBot = {
  readonly owned: boolean;
  /**
   * Stops the bot here. `disconnect`: the team no longer runs this bot as it was (disconnected,
   * another token, mode or URL): the owner also removes its webhook at Telegram, which would
   * otherwise go on posting updates nobody takes.
   */
  close(opts?: { disconnect?: boolean }): Promise<void>;
};

/**
 * Where updates come from: the polling loop or the webhook registration (retried until it holds).
 * `stopped`: the polling loop ended by itself (a bad token): the bot takes no updates.
 */
type Inbound = { stop(): Promise<void>; readonly stopped?: boolean };

type Running = { bot: TelegramBot; inbound: Inbound; outbox: RunningOutbox };

export function startTeamBot(opts: {
  store: Store;
  config: TeamBotConfig;
  leases: Leases;
  log: Logger;
  /** How often the owner renews, and others try to take over. */
  checkMs?: number;
  /** A restored team's generation: the sender's feed position is the generation's, from `since`. */
  generation?: { id: string; since: string };
  sweepMs?: number;
  /** The core's outboxes (with the team's mirrors): the owner's is started over the bot's transport. */
  outboxes: Outboxes;
  /** Social monitoring's intake: the posts of the channels the bot administers (sink.ts). */
  socialPost?: NoteSocialPost;
}): TeamBot {
  const { store, config } = opts;
  const log = opts.log.child({ teamId: config.teamId, botId: config.botId });
  const key = `bot:${config.teamId}:${config.botId}`;
  let lease: Lease | null = null;
  let running: Running | undefined;
  let closed = false;
  let busy = Promise.resolve();
  // Whether any process runs the bot (ops/pipeline-health.ts): /metrics and the log say when none does.
  const health = botHealth(config.teamId, config.botId, log);

  async function start(): Promise<Running> {
    const bot = createBot(config.token, {
      apiRoot: config.apiRoot,
      // The customer's public profile (getChat), read once the message is written (profile.ts).
      sink: createTelegramSink(
        store,
        config.teamId,
        {
          readChat: (chatId, signal) =>
            bot.api.getChat(chatId, signal as Parameters<typeof bot.api.getChat>[1]),
          log,
        },
        opts.socialPost,
      ),
      // Customers' photos and documents, kept with the conversation.
      storeFile: telegramFileStore({ store, teamId: config.teamId, log }),
      teamId: config.teamId,
      botId: config.botId,
      logger: log,
    });
    const inbound = config.webhook ? startWebhook(bot, config.webhook, log) : startPollingInbound(bot, log);
    // The core's outbox sends through the Bot API; an agent's answer delivered gets its follow-up
    // planned then (none while it was in flight).
    const outbox = opts.outboxes.start({
      teamId: config.teamId,
      transport: telegramTransport({
        store,
        teamId: config.teamId,
        botId: config.botId,
        api: bot.api,
        ...(config.sendTimeoutMs ? { requestTimeoutMs: config.sendTimeoutMs } : {}),
      }),
      log,
      checkpointId: generationCheckpointId(`cp:sender:${config.teamId}:${config.botId}`, opts.generation?.id),
      ...(opts.generation ? { initialSince: opts.generation.since } : {}),
      ...(opts.sweepMs ? { sweepMs: opts.sweepMs } : {}),
    });
    log.info('this process now runs the team bot');
    return { bot, inbound, outbox };
  }

  async function stop(disconnect = false): Promise<void> {
    const r = running;
    running = undefined;
    if (!r) return;
    await r.inbound.stop();
    await r.outbox.stop();
    if (disconnect && config.webhook?.url) {
      // Before the lease goes: a process that takes the bot over sets its webhook after this.
      await r.bot.api
        .deleteWebhook({}, AbortSignal.timeout(10_000) as never)
        .then(() => log.info('Telegram webhook removed'))
        .catch((err: unknown) => log.warn({ err }, 'removing the Telegram webhook failed'));
    }
  }

  async function check(): Promise<void> {
    if (closed) return;
    try {
      lease = lease ? await opts.leases.renew(lease) : await opts.leases.acquire(key);
    } catch (err) {
      log.warn({ err }, 'bot lease check failed');
      lease = null;
    }
    if (lease && !running) running = await start();
    if (!lease && running) {
      log.warn('lost the bot lease; another process runs the bot now');
      await stop();
    }
    if (running ? !running.inbound.stopped : opts.leases.heldElsewhere?.(key)) health.served();
    else health.unserved();
  }

  const tick = () => {
    busy = busy.then(check).catch((err: unknown) => log.error({ err }, 'team bot check failed'));
  };
  tick();
  const timer = setInterval(tick, opts.checkMs ?? 5_000);

  return {
    get owned() {
      return running !== undefined;
    },
    async close(closing = {}) {
      closed = true;
      clearInterval(timer);
      await busy;
      await stop(closing.disconnect);
      if (lease) await opts.leases.release(lease).catch(() => undefined);
      health.close();
    },
  };
}

function startPollingInbound(bot: TelegramBot, log: Logger): Inbound {
  const polling = startPolling(bot, { logger: log });
  let stopped = false;
  polling.done.catch((err: unknown) => {
    stopped = true;
    log.error({ err }, 'Telegram polling stopped (check the bot token)');
  });
  return {
    stop: () => polling.stop(),
    get stopped() {
      return stopped;
    },
  };
}

/** Telegram's answers that retrying does not change (a bad token, a URL it refuses). */
const isFinal = (err: unknown) => {
  const code = (err as { error_code?: unknown } | null)?.error_code;
  return typeof code === 'number' && code >= 400 && code < 500 && code !== 429;
};

/** setWebhook with the team's URL and secret, retried with backoff while Telegram cannot be reached. */
function startWebhook(
  bot: TelegramBot,
  webhook: NonNullable<TeamBotConfig['webhook']>,
  log: Logger,
): Inbound {
  const { url, secretToken } = webhook;
  if (!url) {
    log.error("webhook mode without a URL: set PUBLIC_URL or the channel's webhookUrl; no updates arrive");
    return { stop: async () => undefined };
  }
  const controller = new AbortController();
  const done = (async () => {
    for (let attempt = 1; !controller.signal.aborted; attempt++) {
      try {
        await registerWebhook(bot, { url, secretToken });
        log.info({ url }, 'Telegram webhook set');
        return;
      } catch (err) {
        if (isFinal(err)) {
          log.error({ err, url }, 'Telegram refused the webhook (check the bot token and the URL)');
          return;
        }
        log.warn({ err, url, attempt }, 'setting the Telegram webhook failed; will retry');
        const ms = backoffMs(attempt, { baseMs: 500, maxMs: 30_000, jitter: 0 });
        await delay(ms, undefined, { signal: controller.signal }).catch(() => undefined);
      }
    }
  })();
  return {
    stop: async () => {
      controller.abort();
      await done;
    },
  };
}
