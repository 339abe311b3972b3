// The VK channel's settings in the admin API (admins: the access table's `channels` row):
// - `GET /channels/vk`: the settings without token or secret key (`configured: false` when none);
// - `PUT /channels/vk`: validated (community id, token shape, mode, confirmation string, secret key,
//   API version; 400 naming the bad field), token and secret sealed; left out, the stored ones stay;
// - `DELETE /channels/vk`: the channel and its secrets go;
// - `POST /channels/vk/check`: asks VK about the community with the given settings (the stored token
//   fills one left out), or the stored ones when the body is empty (groups.getById; in long-poll mode
//   groups.getLongPollServer too); answers 200 with the result, so a wrong token is an answer.
import type { Router } from 'express';
import { z } from 'zod';
import { secretPaths, settingsFields } from '@app/shared/settings';
import type { RouteModule, RouteRegistry } from '../../http/registry';
import type { ChannelSettingsDeps } from '../port';
import { addSettingsRoutes } from '../../settings/routes';
import type { SettingsSpec } from '../../settings/spec';
import {
  buildVkChannelDoc,
  publicView,
  readVkChannelDoc,
  unsealVkSettings,
  vkSettingsInput,
  type VkChannelDoc,
  type VkSettings,
} from './settings';
import { communityOf, createVkApi, VkApiError } from './vk-api';

export type VkSettingsDeps = ChannelSettingsDeps & {
  /** VK_API_ROOT. */
  vkApiRoot: string;
  /** Bound of each VK call of the check (default 15 s). */
  vkCheckTimeoutMs?: number;
};

const vkView = z.object({
  configured: z.boolean(),
  enabled: z.boolean().optional(),
  mode: z.enum(['callback', 'longpoll']).optional(),
  groupId: z.number().optional(),
  apiVersion: z.string().optional(),
  tokenHint: z.string().optional(),
  confirmationCode: z.string().optional(),
  secretKeySet: z.boolean().optional(),
  serviceTokenHint: z.string().optional(),
  callbackPath: z.string().optional(),
  callbackUrl: z.string().optional(),
  updatedAt: z.string().optional(),
});
const checkView = z.union([
  z.object({
    ok: z.literal(true),
    group: z.object({ id: z.number(), name: z.string() }),
    detail: z.string(),
  }),
  z.object({ ok: z.literal(false), error: z.string(), code: z.number().optional() }),
]);

/** Asks VK whether the token opens the community (and its long poll, in that mode). */
async function checkCommunity(settings: VkSettings, apiRoot: string, timeoutMs: number) {
  const api = createVkApi({ apiRoot, token: settings.token, version: settings.apiVersion, timeoutMs });
  try {
    const group = await communityOf(api, settings.groupId);
    if (group.id !== settings.groupId)
      return { ok: false as const, error: `the token is of community ${group.id}, not ${settings.groupId}` };
    if (settings.mode === 'longpoll')
      await api.call('groups.getLongPollServer', { group_id: settings.groupId });
    const detail =
      settings.mode === 'longpoll'
        ? 'the Bots Long Poll API answers'
        : 'set the callback URL in VK and confirm it';
    return { ok: true as const, group: { id: group.id, name: group.name }, detail };
  } catch (err) {
    return {
      ok: false as const,
      error: (err as Error).message.slice(0, 500),
      ...(err instanceof VkApiError ? { code: err.code } : {}),
    };
  }
}

/** The routes as a module of the admin API, for a server whose VK API is at `vkApiRoot`. */
export const vkSettingsRoutes =
  (vkApiRoot: string): RouteModule<ChannelSettingsDeps> =>
  (router, registry, deps) =>
    addVkSettingsRoutes(router, registry, { ...deps, vkApiRoot });

/** The VK channel as a spec (settings/spec.ts): the token, secret key and service key sealed. */
export function vkSettingsSpec(deps: VkSettingsDeps): SettingsSpec<VkChannelDoc, typeof vkSettingsInput> {
  const base = deps.publicUrl?.replace(/\/+$/, '');
  return {
    path: '/channels/vk',
    tag: 'channels',
    resource: 'channels',
    summaries: {
      get: 'VK channel settings (no token or secret key)',
      put: 'Connect a VK community: its id, access token, mode (callback or long poll) and Callback API strings',
      delete: 'Remove the VK channel and its token',
    },
    input: vkSettingsInput,
    secrets: secretPaths(settingsFields.vk),
    view: vkView,
    viewOf(doc) {
      if (!doc) return { configured: false };
      const shown = publicView(doc);
      return { configured: true, ...shown, ...(base ? { callbackUrl: `${base}${shown.callbackPath}` } : {}) };
    },
    read: (ctx) => readVkChannelDoc(deps.store, ctx.teamId),
    build: (input, current, { teamId, userId, at }) =>
      buildVkChannelDoc(deps.encryptionKey, teamId, input, current, { userId, at }),
    planGate: true,
    check: {
      path: 'check',
      summary: 'Ask VK about the community with these settings (or the stored ones); sends nothing',
      response: checkView,
      nothingStored: 'no VK settings stored: send the settings to check',
      run: (doc) =>
        checkCommunity(
          unsealVkSettings(deps.encryptionKey, doc),
          deps.vkApiRoot,
          deps.vkCheckTimeoutMs ?? 15_000,
        ),
    },
  };
}

export const addVkSettingsRoutes = (router: Router, registry: RouteRegistry, deps: VkSettingsDeps) =>
  addSettingsRoutes(router, registry, vkSettingsSpec(deps), { deps, changed: deps.channelsChanged });
