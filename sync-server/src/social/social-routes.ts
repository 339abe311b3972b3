// An event deal's social report (issue 39): `GET /api/v1/leads/:id/social`, the mentions and comments
// of the client's event the monitors found (VK, the Telegram channels the team bot administers), counts
// by sentiment and the negative ones first. Whoever may read the deal may read it. And
// `POST /api/v1/social/vk/poll`: a pass of the VK monitor now (it also runs every SOCIAL_POLL_MS in
// the process holding the team's monitoring lease), for admins, with the service key in the VK settings.
import type { Router } from 'express';
import { z } from 'zod';
import type { ServerDeps } from '../context';
import type { RouteRegistry } from '../http/registry';
import { authOf, parse, route } from '../http/route';
import { teamData } from '../store/data';
import { DomainError } from '@app/shared/errors';
import type { RouteModule } from '../http/registry';
import { vkSettingsOf } from '../channels/vk/settings';
import { VkApiError } from '../channels/vk/vk-api';
import { socialReport, teamMentions } from './mentions';
import { monitorTarget, monitorVkOnce } from './vk-monitor';

const idParam = z.string().min(1).max(128);
const reportOut = z.object({
  leadId: z.string(),
  counts: z.object({ negative: z.number(), neutral: z.number(), positive: z.number() }),
  items: z.array(z.record(z.string(), z.unknown())),
});

export function addSocialRoutes(router: Router, registry: RouteRegistry, deps: ServerDeps): void {
  registry.add(
    router,
    {
      method: 'get',
      path: '/leads/:id/social',
      summary: "An event deal's social mentions and comments, counted by sentiment, the negative ones first",
      tag: 'leads',
      access: [{ resource: 'leads', op: 'read' }],
      response: reportOut,
    },
    route(async (req, res) => {
      const { teamId } = authOf(res);
      const id = parse(idParam, req.params.id);
      await teamData(deps.store, teamId).leads.getOr404(id, 'lead-not-found', 'Lead');
      res.json(socialReport(await teamMentions(deps.store, teamId), id));
    }),
  );
}

/** `POST /social/vk/poll`, for a server whose VK API is at `vkApiRoot` (VK_API_ROOT). */
export const vkSocialRoutes =
  (vkApiRoot: string): RouteModule<ServerDeps> =>
  (router, registry, deps) =>
    registry.add(
      router,
      {
        method: 'post',
        path: '/social/vk/poll',
        summary:
          "Read the team's VK community and VK's news search for its event deals' keywords now (social monitoring)",
        tag: 'channels',
        access: { resource: 'channels', op: 'update' },
        response: z.object({ watched: z.number(), saved: z.number() }),
      },
      route(async (_req, res) => {
        const { teamId } = authOf(res);
        const settings = await vkSettingsOf(deps.store, deps.encryptionKey, teamId);
        if (!settings)
          throw new DomainError(
            'validation-failed',
            'Connect a VK community first (Settings → Channels → VK)',
          );
        if (!settings.serviceToken)
          throw new DomainError(
            'validation-failed',
            "serviceToken: social monitoring needs your VK app's service key in the VK settings (VK answers its wall and news search only to it)",
          );
        const target = monitorTarget(settings, settings.serviceToken, vkApiRoot);
        try {
          res.json(await monitorVkOnce({ store: deps.store, teamId, ...target, now: deps.now }));
        } catch (e) {
          // VK's refusal (a revoked key, a closed wall) is the admin's to read, not a server error.
          if (e instanceof VkApiError)
            throw new DomainError('channel-unavailable', `VK refused: ${e.message}`.slice(0, 500));
          throw e;
        }
      }),
    );
