// Channel secrets (a team's Telegram bot token) are kept in the `app_channels` system database only
// encrypted: AES-256-GCM with the server's encryption key, a random 96-bit IV per write, and the team
// id and channel as additional authenticated data, so a ciphertext copied to another team's doc does
// not decrypt. The API shows only a masked hint; the bot runtime reads them through getChannelSecrets.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Store } from '../../context';
import { statusOf } from '../../store/couch-errors';

export type Sealed = { alg: 'A256GCM'; iv: string; tag: string; data: string };
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

export function seal(key: Buffer, plain: string, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return {
    alg: 'A256GCM',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** Throws when the key, the AAD or the ciphertext is wrong. */
export function unseal(key: Buffer, sealed: Sealed, aad: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString(
    'utf8',
  );
}

/** `123456789:AA…wxyz`: the bot id and the last four characters; never the secret part. */
export function maskToken(token: string): string {
  const [botId = ''] = token.split(':');
  return `${botId}:…${token.slice(-4)}`;
}

export const aadFor = (teamId: string, what: string) => `${teamId}\n${what}`;

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
export async function readChannelDoc(store: Store, teamId: string): Promise<TelegramChannelDoc | null> {
  try {
    const doc = (await store
      .systemDb('app_channels')
      .get(channelDocId(teamId, 'telegram'))) as unknown as TelegramChannelDoc;
    return doc.teamId === teamId ? doc : null;
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

/** Every team with a Telegram channel, for the bot runtime to start its bots. */
export async function listTelegramTeams(store: Store): Promise<string[]> {
  const res = await store
    .systemDb('app_channels')
    .find({ selector: { type: 'channel', kind: 'telegram' }, fields: ['teamId'], limit: 100_000 });
  return (res.docs as unknown as { teamId: string }[]).map((d) => d.teamId);
}
