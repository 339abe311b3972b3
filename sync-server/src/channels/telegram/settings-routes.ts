// Telegram's channel settings in the admin API: a team's bot token (stored sealed, shown masked) and
// its update mode. Who may: the access table's `channels` row (admins). The bot runtime reads the
// secrets through getChannelSecrets() (secrets.ts).
import { randomBytes } from 'node:crypto';
import type { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import { authOf, parse, route } from '../../http/route';
import type { ChannelSettingsDeps } from '../port';
import { addRemoveChannelRoute, saveChannelSettings } from '../../settings/settings-docs';
import { aadFor, seal } from '../../settings/sealed';
import { channelDocId, maskToken, readChannelDoc, type TelegramChannelDoc } from './secrets';
import type { RouteRegistry } from '../../http/registry';

/** A bot token's shape (what @BotFather hands out); whether Telegram knows it is check-route.ts's. */
export const telegramToken = z
  .string()
  .trim()
  .regex(/^\d{3,20}:[A-Za-z0-9_-]{30,60}$/, 'must look like 123456789:AA... (from @BotFather)');

const telegramBody = z.strictObject({
  token: telegramToken.optional(),
  mode: z.enum(['polling', 'webhook']).default('polling'),
  webhookUrl: z
    .url({ protocol: /^https$/ })
    .max(500)
    .optional(),
  enabled: z.boolean().default(true),
});

const telegramView = z.object({
  configured: z.boolean(),
  mode: z.enum(['polling', 'webhook']).optional(),
  enabled: z.boolean().optional(),
  botId: z.string().optional(),
  tokenHint: z.string().optional(),
  webhookUrl: z.string().optional(),
  updatedAt: z.string().optional(),
});

function view(doc: TelegramChannelDoc | null): z.infer<typeof telegramView> {
  if (!doc) return { configured: false };
  return {
    configured: true,
    mode: doc.mode,
    enabled: doc.enabled,
    botId: doc.botId,
    tokenHint: doc.tokenHint,
    ...(doc.webhookUrl ? { webhookUrl: doc.webhookUrl } : {}),
    updatedAt: doc.updatedAt,
  };
}

export function addTelegramSettingsRoutes(
  router: Router,
  registry: RouteRegistry,
  deps: ChannelSettingsDeps,
): void {
  const tag = 'channels';

  registry.add(
    router,
    {
      method: 'get',
      path: '/channels',
      summary: 'Channel settings (token masked)',
      tag,
      access: { resource: 'channels', op: 'read' },
      response: z.object({ telegram: telegramView }),
    },
    route(async (_req, res) => {
      const auth = authOf(res);
      res.json({ telegram: view(await readChannelDoc(deps.store, auth.teamId)) });
    }),
  );

  registry.add(
    router,
    {
      method: 'put',
      path: '/channels/telegram',
      summary: 'Set the Telegram bot token (stored encrypted) and mode',
      tag,
      access: { resource: 'channels', op: 'update' },
      body: telegramBody,
      response: telegramView,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const body = parse(telegramBody, req.body);
      if (body.mode === 'webhook' && !body.webhookUrl && !deps.publicUrl) {
        throw new DomainError(
          'validation-failed',
          'webhookUrl: required in webhook mode (this server has no PUBLIC_URL)',
        );
      }
      const current = await readChannelDoc(deps.store, auth.teamId);
      if (!current && !body.token)
        throw new DomainError('validation-failed', 'token: required the first time');
      const key = deps.encryptionKey;
      const build = (): TelegramChannelDoc => ({
        _id: channelDocId(auth.teamId, 'telegram'),
        ...(current?._rev ? { _rev: current._rev } : {}),
        type: 'channel',
        teamId: auth.teamId,
        kind: 'telegram',
        mode: body.mode,
        enabled: body.enabled,
        token: body.token ? seal(key, body.token, aadFor(auth.teamId, 'telegram.token')) : current!.token,
        webhookSecret:
          current && !body.token
            ? current.webhookSecret
            : seal(key, randomBytes(24).toString('base64url'), aadFor(auth.teamId, 'telegram.webhookSecret')),
        ...(body.webhookUrl ? { webhookUrl: body.webhookUrl } : {}),
        tokenHint: body.token ? maskToken(body.token) : current!.tokenHint,
        botId: body.token ? body.token.split(':')[0]! : current!.botId,
        updatedAt: deps.now().toISOString(),
        updatedBy: auth.userId,
      });
      // A new connection over the plan's channels: 402, nothing saved.
      const next = await saveChannelSettings(deps, auth.teamId, current, build);
      deps.channelsChanged?.(auth.teamId);
      res.json(view(next));
    }),
  );

  addRemoveChannelRoute(router, registry, deps, {
    path: '/channels/telegram',
    summary: 'Remove the Telegram channel and its token',
    tag,
    read: (teamId) => readChannelDoc(deps.store, teamId),
  });
}
