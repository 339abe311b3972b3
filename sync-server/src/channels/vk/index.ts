// The VK wing (community messages). Settings and secrets: settings.ts (the community token and the
// Callback API secret key sealed in app_channels), settings-routes.ts (the admin API, with a check
// against VK). Inbound: VK's Callback API calls (callback.ts, served by every process) or the Bots
// Long Poll API (long-poll.ts, in the process holding the team's lease), each `message_new` taken in
// through the shared intake (events.ts, inbound.ts). Delivery: messages.send with a `random_id`
// derived from the outbound doc (vk-sender.ts's transport, which vk-runtime.ts hands the core's outbox), steps through ../delivery.ts.
import type { ServerConfig } from '../../config';
import { outboundPolicy } from '../../ops/outbound';
import type { ChannelFileAccess } from '../file-fetch';
import type { ChannelWing } from '../port';
import { createVkCallbacks } from './callback';
import { vkSettingsRoutes } from './settings-routes';
import { readVkChannelDoc, vkSettingsOf } from './settings';
import { startVkRuntime } from './vk-runtime';
import { defaultVkFileAccess } from './vk-files';

export const DEFAULT_VK_API_ROOT = 'https://api.vk.com';

/** Customers' files: from VK_FILE_HOSTS only, under the outbound policy (OUTBOUND_ALLOW_PRIVATE). */
const fileAccessOf = (config: ServerConfig | undefined): ChannelFileAccess =>
  config
    ? { hosts: config.VK_FILE_HOSTS, policy: outboundPolicy(config.OUTBOUND_ALLOW_PRIVATE) }
    : defaultVkFileAccess();

export const vkChannel = {
  name: 'vk',
  open(ctx) {
    const apiRoot = ctx.config.VK_API_ROOT;
    // Every process answers VK's Callback API, with or without the runtime.
    const callbacks = createVkCallbacks({
      store: ctx.store,
      settingsOf: (teamId) => vkSettingsOf(ctx.store, ctx.encryptionKey, teamId),
      apiRoot,
      log: ctx.log.child({ component: 'vk-callback' }),
      fileAccess: fileAccessOf(ctx.config),
    });
    return {
      publicRoutes: [{ path: '/vk/callback', handler: callbacks.router }],
      apiRoutes: [vkSettingsRoutes(apiRoot)],
      settingsChanged: (teamId) => callbacks.invalidate(teamId),
      connected: async (teamId) => (await readVkChannelDoc(ctx.store, teamId))?.enabled === true,
    };
  },
  runtime: (ctx) =>
    startVkRuntime({
      store: ctx.store,
      encryptionKey: ctx.encryptionKey,
      leases: ctx.leases,
      log: ctx.log,
      outboxes: ctx.outboxes,
      apiRoot: ctx.config?.VK_API_ROOT ?? DEFAULT_VK_API_ROOT,
      fileAccess: fileAccessOf(ctx.config),
    }),
} satisfies ChannelWing;
