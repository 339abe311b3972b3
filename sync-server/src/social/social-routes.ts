// An event deal's social report (issue 39): `GET /api/v1/leads/:id/social`, the mentions and comments
// of the client's event the monitors found (VK, the Telegram channels the team bot administers), counts
// by sentiment and the negative ones first. Whoever may read the deal may read it.
import type { Router } from 'express';
import { z } from 'zod';
import type { ServerDeps } from '../context';
import type { RouteRegistry } from '../http/registry';
import { authOf, parse, route } from '../http/route';
import { getOr404 } from '../store/raw-docs';
import { socialReport, teamMentions } from './mentions';

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
      await getOr404(deps.store.teamDb(teamId, 'leads'), id, 'lead-not-found', 'Lead');
      res.json(socialReport(await teamMentions(deps.store, teamId), id));
    }),
  );
}
