// Channel secrets (a team's Telegram bot token) are kept in the `app_channels` system database only
// sealed (../sealed.ts: AES-256-GCM, the team id and field as additional authenticated data). The
// API shows only a masked hint; the bot runtime reads them through getChannelSecrets.
import type { Store } from '../../context';
import { aadFor, unseal, type Sealed } from '../../settings/sealed';
import { readChannelSettingsDoc } from '../../settings/settings-docs';

export type TelegramMode = 'polling' | 'webhook';

/** The stored doc (`_id` = `channel:<teamId>:telegram`). */
export type TelegramChannelDoc = {
  _id: string;
  _rev?: string;
  type: 'channel';
  teamId: string;
  kind: 'telegram';
  mode: TelegramMode;
  enabled: boolean;
  token: Sealed;
  /** Telegram's `secret_token` for webhook calls, sealed too. */
  webhookSecret: Sealed;
  webhookUrl?: string;
  tokenHint: string;
  botId: string;
  updatedAt: string;
  updatedBy: string;
};

export type TelegramSecrets = {
  token: string;
  botId: string;
  mode: TelegramMode;
  enabled: boolean;
  webhookUrl?: string;
  webhookSecret: string;
};
export type ChannelSecrets = { telegram?: TelegramSecrets };

export const channelDocId = (teamId: string, kind: 'telegram') => `channel:${teamId}:${kind}`;

/** `123456789:AA…wxyz`: the bot id and the last four characters; never the secret part. */
export function maskToken(token: string): string {
  const [botId = ''] = token.split(':');
  return `${botId}:…${token.slice(-4)}`;
}

/** The team's decrypted channel secrets, for the bot runtime. `{}` when none are configured. */
export async function getChannelSecrets(store: Store, key: Buffer, teamId: string): Promise<ChannelSecrets> {
  const doc = await readChannelDoc(store, teamId);
  if (!doc) return {};
  return {
    telegram: {
      token: unseal(key, doc.token, aadFor(teamId, 'telegram.token')),
      webhookSecret: unseal(key, doc.webhookSecret, aadFor(teamId, 'telegram.webhookSecret')),
      botId: doc.botId,
      mode: doc.mode,
      enabled: doc.enabled,
      ...(doc.webhookUrl ? { webhookUrl: doc.webhookUrl } : {}),
    },
  };
}

/** The stored (sealed) channel doc of a team, or null. */
export const readChannelDoc = (store: Store, teamId: string) =>
  readChannelSettingsDoc<TelegramChannelDoc>(store, channelDocId(teamId, 'telegram'), teamId);
