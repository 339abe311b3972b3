// The admin API of a deal's commercial proposals: list them with their timeline (both languages),
// make one from the deal's quote (201), download its PDF, send it through the deal's conversation
// and accept it (the deal's value follows). Reps and admins write; viewers read.
import type { Router } from 'express';
import { z } from 'zod';
import { proposalEvents } from '@app/shared/crm';
import type { ServerDeps } from '../context';
import { authOf, parse, route } from '../http/route';
import type { RouteModule, RouteRegistry } from '../http/registry';
import { teamData } from '../store/data';
import { statusOf } from '../store/couch-errors';
import { DomainError } from '@app/shared/errors';
import { proposalQuoteSchema } from './proposal-quote';
import {
  acceptProposal,
  createProposal,
  findProposal,
  sendProposal,
  type ProposalDeps,
} from './proposal-service';
import type { ProposalRenderer } from './proposal-renderer';

const idParam = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_:.@-]{0,127}$/);
const proposalId = z.string().regex(/^[a-f0-9]{1,64}$/);

const createBody = z.strictObject({
  /** The quote to propose; unset: the deal's own quote. */
  quote: proposalQuoteSchema.optional(),
  validDays: z.number().int().min(1).max(365).optional(),
  language: z.enum(['en', 'ru']).optional(),
});

const proposalAnswer = z.record(z.string(), z.unknown());
const listAnswer = z.object({ items: z.array(proposalAnswer), timeline: z.array(proposalAnswer) });

const tag = 'proposals';

/** The team's lead, or 404. */
async function leadOf(deps: ServerDeps, teamId: string, id: string) {
  const lead = await teamData(deps.store, teamId).leads.get(id);
  if (!lead) throw new DomainError('lead-not-found', `Lead '${id}' was not found`);
  return lead;
}

/** Where the proposal routes are added, and what they use. */
type ProposalRouting = { router: Router; registry: RouteRegistry; deps: ServerDeps; service: ProposalDeps };

/** A deal's proposals: the list with their timeline, and making one. */
function addDealProposals({ router, registry, deps, service }: ProposalRouting): void {
  registry.add(
    router,
    {
      method: 'get',
      path: '/leads/:id/proposals',
      summary: "A deal's commercial proposals and their timeline (sent, opened, accepted; en and ru)",
      tag,
      access: { resource: 'leads', op: 'read' },
      response: listAnswer,
    },
    route(async (req, res) => {
      const lead = await leadOf(deps, authOf(res).teamId, parse(idParam, req.params.id));
      res.json({
        items: lead.commercialProposals ?? [],
        timeline: proposalEvents(lead.commercialProposals),
      });
    }),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/leads/:id/proposals',
      summary: "Make a commercial proposal (PDF) of the deal's quote, in the customer's language",
      tag,
      access: [
        { resource: 'leads', op: 'update' },
        { resource: 'files', op: 'create' },
      ],
      body: createBody,
      response: proposalAnswer,
      status: 201,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const id = parse(idParam, req.params.id);
      const body = parse(createBody, req.body ?? {});
      res.status(201).json(await createProposal(service, auth.teamId, id, body, auth.userId));
    }),
  );
}

/** One proposal: its PDF, sending it through the deal's conversation, accepting it. */
function addProposalActions({ router, registry, deps, service }: ProposalRouting): void {
  registry.add(
    router,
    {
      method: 'get',
      path: '/leads/:id/proposals/:pid/pdf',
      summary: "Download a proposal's PDF",
      tag,
      access: [
        { resource: 'leads', op: 'read' },
        { resource: 'files', op: 'read' },
      ],
      response: { mediaType: 'application/pdf', description: 'The proposal' },
    },
    route(async (req, res) => {
      const { teamId } = authOf(res);
      const lead = await leadOf(deps, teamId, parse(idParam, req.params.id));
      const proposal = findProposal(lead, parse(proposalId, req.params.pid));
      const bytes = await teamData(deps.store, teamId)
        .files.original(proposal.fileDocId)
        .catch((error: unknown) => {
          if (statusOf(error) === 404) throw new DomainError('not-found', 'The stored PDF is missing');
          throw error;
        });
      const name = proposal.fileName ?? `${proposal.number}.pdf`;
      res.set('Content-Type', 'application/pdf');
      res.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
      res.set('X-Content-Type-Options', 'nosniff');
      res.send(bytes);
    }),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/leads/:id/proposals/:pid/send',
      summary: "Send the proposal (the PDF attached) through the deal's conversation",
      tag,
      access: [
        { resource: 'leads', op: 'update' },
        { resource: 'messages', op: 'create' },
      ],
      response: z.object({ proposal: proposalAnswer, messageId: z.string() }),
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const sent = await sendProposal(
        service,
        auth.teamId,
        parse(idParam, req.params.id),
        parse(proposalId, req.params.pid),
        { kind: 'rep', id: auth.userId, name: auth.email },
      );
      res.json(sent);
    }),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/leads/:id/proposals/:pid/accept',
      summary: "Accept the proposal for the customer: the deal's value becomes its total",
      tag,
      access: { resource: 'leads', op: 'update' },
      response: z.object({ proposal: proposalAnswer }),
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const { proposal } = await acceptProposal(
        service,
        auth.teamId,
        parse(idParam, req.params.id),
        parse(proposalId, req.params.pid),
        auth.userId,
      );
      res.json({ proposal });
    }),
  );
}

export function proposalRoutes(opts: { renderer: ProposalRenderer }): RouteModule<ServerDeps> {
  return (router, registry, deps) => {
    const service: ProposalDeps = {
      store: deps.store,
      renderer: opts.renderer,
      now: deps.now,
      plans: deps.plans,
    };
    addDealProposals({ router, registry, deps, service });
    addProposalActions({ router, registry, deps, service });
  };
}
