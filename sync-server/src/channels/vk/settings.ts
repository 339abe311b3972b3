// A team's VK channel: one VK community (group) whose messages the team answers. Kept in
// `app_channels` as `channel:<teamId>:vk`: the community access token and the Callback API secret key
// sealed like bot tokens (../sealed.ts), the confirmation string (VK shows it to every admin of the
// community; it is echoed to VK, not a secret) in clear, and optionally the service key of the team's
// VK app, sealed too: VK answers the wall and news search methods social monitoring reads
// (../../social/vk-monitor.ts) only to a service or user key, never to a community token. Two modes, like Telegram's: `callback` (VK
// POSTs events to /vk/callback/<teamId>) and `longpoll` (the Bots Long Poll API, read by the process
// holding the team's lease).
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import type { Store } from '../../context';
import { systemDocs } from '../../store/data';
import { aadFor, seal, unseal, type Sealed } from '../../settings/sealed';
import { readChannelSettingsDoc } from '../../settings/settings-docs';

export type VkMode = 'callback' | 'longpoll';

/** The API version the channel speaks unless the admin names another (Bots Long Poll needs >= 5.103). */
export const DEFAULT_VK_API_VERSION = '5.199';

/** The stored doc (`_id` = `channel:<teamId>:vk`). */
export type VkChannelDoc = {
  _id: string;
  _rev?: string;
  type: 'channel';
  teamId: string;
  kind: 'vk';
  enabled: boolean;
  mode: VkMode;
  /** The community's id (positive). */
  groupId: number;
  /** The community's name, as VK answered when the settings were checked (shown to admins). */
  groupName?: string;
  apiVersion: string;
  token: Sealed;
  tokenHint: string;
  /** Callback mode: the string VK expects back on its `confirmation` event. */
  confirmationCode?: string;
  /** Callback mode: the secret key VK sends in every event (`secret`), sealed. */
  secretKey?: Sealed;
  /** The VK app's service key for social monitoring (wall.get, newsfeed.search), sealed. */
  serviceToken?: Sealed;
  serviceTokenHint?: string;
  updatedAt: string;
  updatedBy: string;
};

/** What the runtime and the callback route run with (token and secret in clear, never logged). */
export type VkSettings = {
  teamId: string;
  enabled: boolean;
  mode: VkMode;
  groupId: number;
  apiVersion: string;
  token: string;
  confirmationCode?: string;
  secretKey?: string;
  serviceToken?: string;
  updatedAt: string;
};

export const vkChannelDocId = (teamId: string) => `channel:${teamId}:vk`;

/** `vk1.a.…wxyz`: the last four characters only. */
export const maskVkToken = (token: string) => `…${token.slice(-4)}`;

const latinDigits = /^[A-Za-z0-9]+$/;

/** `PUT /api/v1/channels/vk`. The token and the secret key may be left out to keep the stored ones. */
export const vkSettingsInput = z
  .strictObject({
    enabled: z.boolean().default(true),
    groupId: z.number().int().min(1).max(2_147_483_647),
    /** A community access token with the `messages` right (Manage community → API usage). */
    accessToken: z
      .string()
      .trim()
      .min(20, { message: 'not a VK community access token (too short)' })
      .max(512)
      .regex(/^[A-Za-z0-9._-]+$/, { message: 'not a VK community access token' })
      .optional(),
    mode: z.enum(['callback', 'longpoll']).default('callback'),
    confirmationCode: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(latinDigits, { message: 'must be the string VK shows: latin letters and digits' })
      .optional(),
    secretKey: z
      .string()
      .min(8, { message: 'must be at least 8 characters' })
      .max(50, { message: 'VK takes at most 50 characters' })
      .regex(latinDigits, { message: 'VK takes latin letters and digits only' })
      .optional(),
    /**
     * The service key of the team's VK app (My apps → the app → Settings), for social monitoring:
     * left out, the stored one is kept; null removes it.
     */
    serviceToken: z
      .string()
      .trim()
      .min(20, { message: 'not a VK service key (too short)' })
      .max(512)
      .regex(/^[A-Za-z0-9._-]+$/, { message: 'not a VK service key' })
      .nullable()
      .optional(),
    apiVersion: z
      .string()
      .regex(/^5\.\d{1,3}$/, { message: "must be a VK API version such as '5.199'" })
      .refine((v) => Number(v.split('.')[1]) >= 103, { message: 'must be 5.103 or later' })
      .default(DEFAULT_VK_API_VERSION),
  })
  .refine((s) => s.mode !== 'callback' || s.confirmationCode, {
    message: 'the Callback API needs the confirmation string VK shows (Manage community → API usage)',
    path: ['confirmationCode'],
  });
export type VkSettingsInput = z.infer<typeof vkSettingsInput>;

/** The settings as the API shows them: no token or secret, only whether they are set. */
export function publicView(doc: VkChannelDoc) {
  return {
    enabled: doc.enabled,
    mode: doc.mode,
    groupId: doc.groupId,
    ...(doc.groupName ? { groupName: doc.groupName } : {}),
    apiVersion: doc.apiVersion,
    tokenHint: doc.tokenHint,
    ...(doc.confirmationCode ? { confirmationCode: doc.confirmationCode } : {}),
    secretKeySet: !!doc.secretKey,
    ...(doc.serviceTokenHint ? { serviceTokenHint: doc.serviceTokenHint } : {}),
    callbackPath: `/vk/callback/${encodeURIComponent(doc.teamId)}`,
    updatedAt: doc.updatedAt,
  };
}

/**
 * The doc to store for this input: the token and secret key sealed, left-out ones kept from
 * `previous`. Callback mode needs a secret key (else anyone who learns the URL could post messages).
 */
export function buildVkChannelDoc(
  key: Buffer,
  teamId: string,
  input: VkSettingsInput,
  previous: VkChannelDoc | null,
  by: { userId: string; at: string; groupName?: string },
): VkChannelDoc {
  const token = input.accessToken
    ? seal(key, input.accessToken, aadFor(teamId, 'vk.token'))
    : previous?.token;
  if (!token)
    throw new DomainError('validation-failed', 'accessToken: needed the first time the channel is set');
  const tokenHint = input.accessToken ? maskVkToken(input.accessToken) : previous!.tokenHint;
  const secretKey = input.secretKey
    ? seal(key, input.secretKey, aadFor(teamId, 'vk.secretKey'))
    : previous?.secretKey;
  if (input.mode === 'callback' && !secretKey)
    throw new DomainError(
      'validation-failed',
      'secretKey: the Callback API needs a secret key (set the same one in Manage community → API usage)',
    );
  const serviceToken =
    input.serviceToken === null
      ? undefined
      : input.serviceToken
        ? {
            sealed: seal(key, input.serviceToken, aadFor(teamId, 'vk.serviceToken')),
            hint: maskVkToken(input.serviceToken),
          }
        : previous?.serviceToken && { sealed: previous.serviceToken, hint: previous.serviceTokenHint ?? '' };
  const groupName = by.groupName ?? (previous?.groupId === input.groupId ? previous.groupName : undefined);
  return {
    _id: vkChannelDocId(teamId),
    ...(previous?._rev ? { _rev: previous._rev } : {}),
    type: 'channel',
    teamId,
    kind: 'vk',
    enabled: input.enabled,
    mode: input.mode,
    groupId: input.groupId,
    ...(groupName ? { groupName: groupName.slice(0, 200) } : {}),
    apiVersion: input.apiVersion,
    token,
    tokenHint,
    ...(input.confirmationCode ? { confirmationCode: input.confirmationCode } : {}),
    ...(secretKey ? { secretKey } : {}),
    ...(serviceToken ? { serviceToken: serviceToken.sealed, serviceTokenHint: serviceToken.hint } : {}),
    updatedAt: by.at,
    updatedBy: by.userId,
  };
}

export async function readVkChannelDoc(store: Store, teamId: string): Promise<VkChannelDoc | null> {
  const doc = await readChannelSettingsDoc<VkChannelDoc>(store, vkChannelDocId(teamId), teamId);
  return doc?.kind === 'vk' ? doc : null;
}

/** Decrypts a stored doc. Throws when the key or the doc is wrong. */
export function unsealVkSettings(key: Buffer, doc: VkChannelDoc): VkSettings {
  const { teamId } = doc;
  return {
    teamId,
    enabled: doc.enabled,
    mode: doc.mode,
    groupId: doc.groupId,
    apiVersion: doc.apiVersion,
    token: unseal(key, doc.token, aadFor(teamId, 'vk.token')),
    ...(doc.confirmationCode ? { confirmationCode: doc.confirmationCode } : {}),
    ...(doc.secretKey ? { secretKey: unseal(key, doc.secretKey, aadFor(teamId, 'vk.secretKey')) } : {}),
    ...(doc.serviceToken
      ? { serviceToken: unseal(key, doc.serviceToken, aadFor(teamId, 'vk.serviceToken')) }
      : {}),
    updatedAt: doc.updatedAt,
  };
}

/** The team's VK settings in clear, or null when the channel is not set. */
export async function vkSettingsOf(store: Store, key: Buffer, teamId: string): Promise<VkSettings | null> {
  const doc = await readVkChannelDoc(store, teamId);
  return doc ? unsealVkSettings(key, doc) : null;
}

/** Every team with a VK channel (and when its settings last changed), for the runtime. */
export async function listVkTeams(store: Store): Promise<Array<{ teamId: string; updatedAt: string }>> {
  return systemDocs<{ _id: string; teamId: string; updatedAt: string }>(store, 'app_channels').find(
    { type: 'channel', kind: 'vk' },
    ['teamId', 'updatedAt'],
  );
}
