// Telegram's channel settings in the admin API: a team's bot token (stored sealed, shown masked) and
// its update mode. Who may: the access table's `channels` row (admins). The bot runtime reads the
// secrets through getChannelSecrets() (secrets.ts).
import { randomBytes } from 'node:crypto';
import type { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import { secretPaths, settingsFields } from '@app/shared/settings';
import type { ChannelSettingsDeps } from '../port';
import { addSettingsRoutes } from '../../settings/routes';
import { sealedOnPut, type SettingsSpec } from '../../settings/spec';
import { aadFor, seal } from '../../settings/sealed';
import { channelDocId, maskToken, readChannelDoc, type TelegramChannelDoc } from './secrets';
import type { RouteRegistry } from '../../http/registry';

/** A bot token's shape (what @BotFather hands out); whether Telegram knows it is check-route.ts's. */
export const telegramToken = z
  .string()
  .trim()
  .regex(/^\d{3,20}:[A-Za-z0-9_-]{30,60}$/, 'must look like 123456789:AA... (from @BotFather)');

export const telegramBody = z.strictObject({
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

/** Telegram's settings as a spec (settings/spec.ts): the token sealed, a new webhook secret with each new token. */
export function telegramSettingsSpec(
  deps: ChannelSettingsDeps,
): SettingsSpec<TelegramChannelDoc, typeof telegramBody> {
  return {
    path: '/channels/telegram',
    tag: 'channels',
    resource: 'channels',
    summaries: {
      get: 'Channel settings (token masked)',
      put: 'Set the Telegram bot token (stored encrypted) and mode',
      delete: 'Remove the Telegram channel and its token',
    },
    get: {
      path: '/channels',
      response: z.object({ telegram: telegramView }),
      wrap: (telegram) => ({ telegram }),
    },
    input: telegramBody,
    secrets: [...secretPaths(settingsFields.telegram), 'webhookSecret'],
    view: telegramView,
    viewOf: view,
    read: (ctx) => readChannelDoc(deps.store, ctx.teamId),
    validate(body, current) {
      if (body.mode === 'webhook' && !body.webhookUrl && !deps.publicUrl) {
        throw new DomainError(
          'validation-failed',
          'webhookUrl: required in webhook mode (this server has no PUBLIC_URL)',
        );
      }
      if (!current && !body.token)
        throw new DomainError('validation-failed', 'token: required the first time');
    },
    build: (body, current, { teamId, userId, at }) => {
      const key = deps.encryptionKey;
      return {
        _id: channelDocId(teamId, 'telegram'),
        ...(current?._rev ? { _rev: current._rev } : {}),
        type: 'channel',
        teamId,
        kind: 'telegram',
        mode: body.mode,
        enabled: body.enabled,
        token: sealedOnPut(key, aadFor(teamId, 'telegram.token'), body.token, current?.token)!,
        webhookSecret:
          current && !body.token
            ? current.webhookSecret
            : seal(key, randomBytes(24).toString('base64url'), aadFor(teamId, 'telegram.webhookSecret')),
        ...(body.webhookUrl ? { webhookUrl: body.webhookUrl } : {}),
        tokenHint: body.token ? maskToken(body.token) : current!.tokenHint,
        botId: body.token ? body.token.split(':')[0]! : current!.botId,
        updatedAt: at,
        updatedBy: userId,
      };
    },
    planGate: true,
  };
}

/** GET /channels, PUT and DELETE /channels/telegram (its check: check-route.ts). */
export const addTelegramSettingsRoutes = (
  router: Router,
  registry: RouteRegistry,
  deps: ChannelSettingsDeps,
) => addSettingsRoutes(router, registry, telegramSettingsSpec(deps), { deps, changed: deps.channelsChanged });
