// The Telegram wing. Settings and secrets: settings.ts, secrets.ts (tokens sealed in app_channels),
// settings-routes.ts (the admin API). Inbound: the grammY bot of @app/bot with sink.ts, fed by
// polling (team-bot.ts, in the process holding the bot's lease) or by Telegram's webhook calls
// (webhook.ts, served by every process). Delivery: team-bot.ts runs the channels' outbox
// (../outbox/) over telegram-transport.ts, which writes the steps through ../delivery.ts. Each team's
// bot runs beside the team's agents in the runtime (team-runtime.ts, started and synced with the team).
import type { ChannelWing } from '../port';
import { telegramCheckRoutes } from './check-route';
import { telegramOptions, telegramSettingsOf } from './settings';
import { addTelegramSettingsRoutes } from './settings-routes';
import { createTelegramSink } from './sink';
import { telegramTeamRuntime } from './team-runtime';
import { createTelegramWebhooks } from './webhook';

export const telegramChannel = {
  name: 'telegram',
  settingsRoutes: addTelegramSettingsRoutes,
  open(ctx) {
    const telegram = telegramOptions(ctx.config, ctx.demoTeam);
    // Every process answers Telegram's webhook calls, with or without the runtime.
    const webhooks = createTelegramWebhooks({
      settingsOf: (teamId) => telegramSettingsOf(ctx.store, ctx.encryptionKey, telegram, teamId),
      sinkFor: (teamId, readChat) =>
        createTelegramSink(
          ctx.store,
          teamId,
          { readChat, log: ctx.log.child({ component: 'telegram-profile' }) },
          ctx.socialPost,
        ),
      apiRoot: ctx.config.TELEGRAM_API_ROOT,
      log: ctx.log.child({ component: 'telegram-webhook' }),
    });
    return {
      publicRoutes: [{ path: '/telegram/webhook', handler: webhooks.router }],
      apiRoutes: [telegramCheckRoutes(telegram, ctx.encryptionKey)],
      settingsChanged: (teamId) => webhooks.invalidate(teamId),
      connected: async (teamId) =>
        (await telegramSettingsOf(ctx.store, ctx.encryptionKey, telegram, teamId)) !== undefined,
    };
  },
  teamRuntime: telegramTeamRuntime,
} satisfies ChannelWing;
