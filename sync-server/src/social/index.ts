// Social media monitoring in the runtime (issue 39), started by headless.ts like a channel's work:
// the VK communities of the teams whose VK settings hold their app's service key (vk-monitor.ts), read
// every SOCIAL_POLL_MS; and the intake of what channels receive themselves (posts.ts: a Telegram
// channel's posts and comments), which the server hands its channels.
import type { ChannelRuntimeContext } from '../channels/port';
import { DEFAULT_VK_API_ROOT } from '../channels/vk';
import { startVkSocialRuntime } from './vk-monitor';

export { socialPostIntake } from './posts';

export function startSocialMonitoring(ctx: ChannelRuntimeContext) {
  return startVkSocialRuntime({
    store: ctx.store,
    encryptionKey: ctx.encryptionKey,
    leases: ctx.leases,
    log: ctx.log,
    apiRoot: ctx.config?.VK_API_ROOT ?? DEFAULT_VK_API_ROOT,
    everyMs: ctx.config?.SOCIAL_POLL_MS ?? 900_000,
  });
}
