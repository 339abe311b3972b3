// Whether each of the team's channels is connected (GET /api/v1/channels/status, for every member):
// a reply in a conversation whose channel is not connected waits for it, and the desktop says so
// ("Telegram is not connected — connect it in Settings") instead of an endless "waiting to send".
// Each opened wing answers for its channel (port.ts, `connected`); a wing without the question is
// taken as connected (it needs no setup). `stalled: true` when, in this process, nobody has run the
// channel's bot or its outbox has not moved while replies wait, for 30 s or more
// (ops/pipeline-health.ts, issue 65): replies wait although the channel is connected.
import { z } from 'zod';
import type { RouteModule } from '../http/registry';
import { authOf, route } from '../http/route';
import { stalledChannels } from '../ops/pipeline-health';
import type { ChannelName } from './port';

export type ChannelConnectedCheck = { name: ChannelName; connected?: (teamId: string) => Promise<boolean> };

const status = z.object({ connected: z.boolean(), stalled: z.boolean().optional() });

export function channelStatusRoutes(checks: ChannelConnectedCheck[]): RouteModule<unknown> {
  return (router, registry) => {
    registry.add(
      router,
      {
        method: 'get',
        path: '/channels/status',
        summary:
          "Whether each of the team's channels is connected (a reply in a channel that is not waits " +
          'until it is)',
        tag: 'channels',
        access: 'member',
        response: z.record(z.string(), status),
      },
      route(async (_req, res) => {
        const { teamId } = authOf(res);
        const stalled = stalledChannels(teamId);
        const answers = await Promise.all(
          checks.map(async (c) => [
            c.name,
            {
              connected: c.connected ? await c.connected(teamId) : true,
              ...(stalled.has(c.name) ? { stalled: true } : {}),
            },
          ]),
        );
        res.set('Cache-Control', 'no-store').json(Object.fromEntries(answers));
      }),
    );
  };
}
