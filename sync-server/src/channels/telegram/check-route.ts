// `POST /channels/telegram/check`: asks Telegram who the bot is (Bot API `getMe`) with the token given,
// or with the team's stored one (the demo team's: TELEGRAM_BOT_TOKEN) when the body has none. Answers
// 200 with the bot's username, or with Telegram's reason (a fake or revoked token is `Unauthorized`),
// so a wrong token is an answer an admin reads in Settings, not an error; the token never appears in it.
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import type { RouteModule } from '../../http/registry';
import { authOf, parse, route } from '../../http/route';
import type { ChannelSettingsDeps } from '../port';
import { telegramSettingsOf, type TelegramOptions } from './settings';
import { telegramToken } from './settings-routes';

const checkBody = z.strictObject({ token: telegramToken.optional() });
const checkView = z.union([
  z.object({ ok: z.literal(true), botId: z.string(), username: z.string(), name: z.string() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type TelegramCheck = z.infer<typeof checkView>;

type GetMe = {
  ok: boolean;
  result?: { id: number; username?: string; first_name?: string };
  error_code?: number;
  description?: string;
};

/** Bot API `getMe` with `token`, bounded by `timeoutMs`. */
export async function checkTelegramToken(
  apiRoot: string,
  token: string,
  timeoutMs = 10_000,
): Promise<TelegramCheck> {
  const hide = (s: string) => s.split(token).join('***');
  try {
    const res = await fetch(`${apiRoot.replace(/\/+$/, '')}/bot${token}/getMe`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json().catch(() => ({ ok: false }))) as GetMe;
    if (body.ok && body.result) {
      return {
        ok: true,
        botId: String(body.result.id),
        username: body.result.username ?? '',
        name: body.result.first_name ?? '',
      };
    }
    const code = body.error_code ?? res.status;
    return { ok: false, error: hide(`Telegram ${code}: ${body.description ?? res.statusText}`) };
  } catch (err) {
    const e = err as Error;
    const why = e.name === 'TimeoutError' ? `no answer in ${timeoutMs / 1000} s` : e.message;
    return { ok: false, error: hide(`Telegram not reachable: ${why}`) };
  }
}

export function telegramCheckRoutes(
  telegram: TelegramOptions,
  encryptionKey: Buffer,
): RouteModule<ChannelSettingsDeps> {
  return (router, registry, deps) => {
    registry.add(
      router,
      {
        method: 'post',
        path: '/channels/telegram/check',
        summary:
          "Ask Telegram who the bot is (getMe) with this token or the team's stored one; sends nothing",
        tag: 'channels',
        access: { resource: 'channels', op: 'update' },
        body: checkBody,
        response: checkView,
      },
      route(async (req, res) => {
        const body = parse(checkBody, req.body ?? {});
        let token = body.token;
        if (!token) {
          const stored = await telegramSettingsOf(deps.store, encryptionKey, telegram, authOf(res).teamId);
          if (!stored)
            throw new DomainError('validation-failed', 'no Telegram bot connected: send a token to check');
          token = stored.token;
        }
        res.json(await checkTelegramToken(telegram.apiRoot, token));
      }),
    );
  };
}
