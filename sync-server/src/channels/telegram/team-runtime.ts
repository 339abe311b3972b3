// Telegram's part of a team's runtime (port.ts ChannelTeamRuntime): the team's bot (team-bot.ts) as
// its settings say. Each sync reads them again: a bot is started for a new token, restarted (the old
// one disconnected, its webhook removed) when the token, mode or webhook changes, and stopped when the
// channel is removed or switched off.
import { DEFAULT_API_ROOT } from '@app/bot';
import type { ChannelTeamContext, ChannelTeamRuntime } from '../port';
import {
  telegramOptions,
  telegramSettingsOf,
  type TelegramOptions,
  type TelegramTeamSettings,
} from './settings';
import { startTeamBot, type TeamBot } from './team-bot';

/** The server's Telegram options; a runtime started bare (a test) has the public Bot API and no demo bot. */
const optionsOf = (ctx: ChannelTeamContext): TelegramOptions =>
  ctx.config ? telegramOptions(ctx.config, ctx.demoTeam ?? (() => undefined)) : { apiRoot: DEFAULT_API_ROOT };

/** What a running bot was started with: another answer means another bot. */
const keyOf = (s: TelegramTeamSettings | undefined) =>
  s ? JSON.stringify([s.token, s.mode, s.webhookUrl, s.secretToken]) : undefined;

export function telegramTeamRuntime(ctx: ChannelTeamContext): ChannelTeamRuntime {
  const { store, teamId } = ctx;
  const options = optionsOf(ctx);
  let bot: TeamBot | undefined;
  let key: string | undefined;

  async function settingsOf(): Promise<TelegramTeamSettings | undefined> {
    try {
      return await telegramSettingsOf(store, ctx.encryptionKey, options, teamId);
    } catch (err) {
      ctx.log.warn({ err, teamId }, 'cannot read the team bot settings');
      return undefined;
    }
  }

  const start = (settings: TelegramTeamSettings): TeamBot =>
    startTeamBot({
      store,
      leases: ctx.leases,
      log: ctx.log,
      ...(ctx.generation ? { generation: ctx.generation } : {}),
      outboxes: ctx.outboxes,
      ...(ctx.socialPost ? { socialPost: ctx.socialPost } : {}),
      config: {
        teamId,
        botId: settings.botId,
        token: settings.token,
        apiRoot: options.apiRoot,
        ...(options.sendTimeoutMs ? { sendTimeoutMs: options.sendTimeoutMs } : {}),
        ...(settings.mode === 'webhook'
          ? { webhook: { url: settings.webhookUrl, secretToken: settings.secretToken } }
          : {}),
      },
    });

  return {
    async sync() {
      const settings = await settingsOf();
      const next = keyOf(settings);
      if (next === key) return;
      if (bot) await bot.close({ disconnect: true });
      bot = settings ? start(settings) : undefined;
      key = next;
    },
    async close() {
      await bot?.close();
      bot = undefined;
      key = undefined;
    },
  };
}
