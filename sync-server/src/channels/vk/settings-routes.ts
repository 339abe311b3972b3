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
import { DomainError } from '@app/shared/errors';
import { authOf, parse, route } from '../../http/route';
import type { RouteModule, RouteRegistry } from '../../http/registry';
import type { ChannelSettingsDeps } from '../port';
import { addRemoveChannelRoute, saveChannelSettings } from '../../settings/settings-docs';
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

export function addVkSettingsRoutes(router: Router, registry: RouteRegistry, deps: VkSettingsDeps): void {
  const tag = 'channels';
  const view = (doc: VkChannelDoc | null) => {
    if (!doc) return { configured: false };
    const shown = publicView(doc);
    const base = deps.publicUrl?.replace(/\/+$/, '');
    return { configured: true, ...shown, ...(base ? { callbackUrl: `${base}${shown.callbackPath}` } : {}) };
  };

  registry.add(
    router,
    {
      method: 'get',
      path: '/channels/vk',
      summary: 'VK channel settings (no token or secret key)',
      tag,
      access: { resource: 'channels', op: 'read' },
      response: vkView,
    },
    route(async (_req, res) => {
      res.json(view(await readVkChannelDoc(deps.store, authOf(res).teamId)));
    }),
  );

  registry.add(
    router,
    {
      method: 'put',
      path: '/channels/vk',
      summary:
        'Connect a VK community: its id, access token, mode (callback or long poll) and Callback API strings',
      tag,
      access: { resource: 'channels', op: 'update' },
      body: vkSettingsInput,
      response: vkView,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const input = parse(vkSettingsInput, req.body);
      const current = await readVkChannelDoc(deps.store, auth.teamId);
      // A new connection over the plan's channels: 402, nothing saved.
      const next = await saveChannelSettings(deps, auth.teamId, current, () =>
        buildVkChannelDoc(deps.encryptionKey, auth.teamId, input, current, {
          userId: auth.userId,
          at: deps.now().toISOString(),
        }),
      );
      deps.channelsChanged?.(auth.teamId);
      res.json(view(next));
    }),
  );

  addRemoveChannelRoute(router, registry, deps, {
    path: '/channels/vk',
    summary: 'Remove the VK channel and its token',
    tag,
    read: (teamId) => readVkChannelDoc(deps.store, teamId),
  });

  const checkBody = z.union([vkSettingsInput, z.strictObject({})]);
  registry.add(
    router,
    {
      method: 'post',
      path: '/channels/vk/check',
      summary: 'Ask VK about the community with these settings (or the stored ones); sends nothing',
      tag,
      access: { resource: 'channels', op: 'update' },
      body: checkBody,
      response: checkView,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const body = parse(checkBody, req.body ?? {});
      const current = await readVkChannelDoc(deps.store, auth.teamId);
      const given = vkSettingsInput.safeParse(body);
      let doc: VkChannelDoc;
      if (given.success)
        doc = buildVkChannelDoc(deps.encryptionKey, auth.teamId, given.data, current, {
          userId: auth.userId,
          at: '',
        });
      else if (current) doc = current;
      else throw new DomainError('validation-failed', 'no VK settings stored: send the settings to check');
      const settings = unsealVkSettings(deps.encryptionKey, doc);
      res.json(await checkCommunity(settings, deps.vkApiRoot, deps.vkCheckTimeoutMs ?? 15_000));
    }),
  );
}
