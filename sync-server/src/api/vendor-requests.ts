// An event deal's requests for quotes to vendors (issue 39, the events pack's Vendors agent): the list
// with each vendor's status and quote, and a rep's decision on one (contracted, declined, or back to
// quoted). The requests themselves are sent and answered through the channels (packs/events-agency/
// quotes.ts); this is where a rep reads and decides them. Reps and admins decide; viewers read.
import type { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import { decideVendorRequest } from '@app/shared/crm';
import type { ServerDeps } from '../context';
import type { RouteRegistry } from '../http/registry';
import { authOf, parse, route } from '../http/route';
import { teamCollection } from '../store/collections';
import { idParam } from './collection-router';
import { assertValid } from './doc-writes';
import { apiDocs } from '../store/data';

const vendorIdParam = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'vendor id: lowercase letters, digits and -');
const decision = z.object({ status: z.enum(['quoted', 'contracted', 'declined']) }).strict();
const requestsOut = z.object({ items: z.array(z.record(z.string(), z.unknown())) });

export function addVendorRequestRoutes(router: Router, registry: RouteRegistry, deps: ServerDeps): void {
  const lead = (teamId: string, id: string) =>
    teamCollection(deps.store, teamId, 'leads').getForUpdate(id, 'lead-not-found', 'Lead');
  registry.add(
    router,
    {
      method: 'get',
      path: '/leads/:id/vendor-requests',
      summary: "An event deal's requests for quotes to vendors: channel, status and each vendor's quote",
      tag: 'leads',
      access: [{ resource: 'leads', op: 'read' }],
      response: requestsOut,
    },
    route(async (req, res) => {
      const found = await lead(authOf(res).teamId, parse(idParam, req.params.id));
      res.json({ items: found.doc.vendorRequests ?? [] });
    }),
  );
  registry.add(
    router,
    {
      method: 'put',
      path: '/leads/:id/vendor-requests/:vendorId',
      summary: "A rep's decision on a vendor's request for a quote: contracted, declined, or back to quoted",
      tag: 'leads',
      access: [{ resource: 'leads', op: 'update' }],
      body: decision,
      response: requestsOut,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const vendorId = parse(vendorIdParam, req.params.vendorId);
      const { status } = parse(decision, req.body);
      const found = await lead(auth.teamId, parse(idParam, req.params.id));
      const next = decideVendorRequest(found.doc, vendorId, status, auth.email, deps.now().toISOString());
      if (!next)
        throw new DomainError('not-found', `No request for a quote to vendor '${vendorId}' on this deal`);
      assertValid('leads', next);
      await apiDocs(deps.store, auth.teamId, 'leads').save(next, found.rev);
      res.json({ items: next.vendorRequests ?? [] });
    }),
  );
}
