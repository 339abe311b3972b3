// Leads: CRUD with paging, filters (pipeline, stage, owner, channel, tag, contact, updatedSince) and text
// search over title and tags. A lead needs no contact, but one it names must exist in the caller's
// team; its stage must be in its pipeline (the team's own stages), and a move to a lost stage needs a lost reason. List pages are
// served from a cache while the team's leads database is unchanged (list-cache.ts).
import type { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import { checkLeadStage, dealTimeInStage, pipelineIdOf, sortStageChanges } from '@app/shared/crm';
import { leadSchema, stageChangeOf, stageIdSchema } from '@app/shared/schemas';
import type { ServerDeps } from '../context';
import { addCollectionRoutes, idParam } from './collection-router';
import { authOf, parse, route } from '../http/route';
import { contactSearchValues } from './contacts';
import { teamCollection } from '../store/collections';
import type { ApiDoc } from '../store/raw-docs';
import { recordStageChanges } from '../store/stage-changes';
import { readPipeline } from '../store/team-pipelines';
import { createListCache } from './list-cache';
import { addSocialRoutes } from '../social/social-routes';
import { addVendorRequestRoutes } from './vendor-requests';
import { textMatch } from './paging';
import type { RouteRegistry } from '../http/registry';
import { apiDocs } from '../store/data';

export function addLeadRoutes(router: Router, registry: RouteRegistry, deps: ServerDeps): void {
  const pipelineFor = async (teamId: string, lead: Record<string, unknown> | ApiDoc) => {
    const id = pipelineIdOf(lead as { pipelineId?: string });
    const found = await readPipeline(deps.store, teamId, id);
    if (!found) throw new DomainError('pipeline-not-found', `Pipeline '${id.slice(0, 128)}' was not found`);
    return found;
  };
  addCollectionRoutes(router, registry, deps, {
    collection: 'leads',
    base: '/leads',
    tag: 'leads',
    idPrefix: 'lead',
    what: 'Lead',
    notFound: 'lead-not-found',
    defaults: () => ({ source: { channel: 'manual' } }),
    // Without a stage, a new lead starts in its pipeline's first open stage.
    prepareCreate: async (teamId, input) => {
      // A malformed pipelineId is left to the schema's readable refusal.
      if (input.stage !== undefined || !['string', 'undefined'].includes(typeof input.pipelineId))
        return input;
      const { doc } = await pipelineFor(teamId, input);
      return { ...input, stage: (doc.stages.find((s) => s.kind === 'open') ?? doc.stages[0])!.id };
    },
    extraQuery: {
      pipelineId: z.string().min(1).max(128).optional(),
      stage: z.string().regex(new RegExp(stageIdSchema.pattern)).max(stageIdSchema.maxLength).optional(),
      contactId: z.string().max(128).optional(),
    },
    jsonSchema: leadSchema,
    listCache: createListCache(deps.store),
    // A text search also finds the leads of contacts whose name, company, e-mail or phone match.
    listContext: async (teamId, q) => {
      if (!q.q) return new Set<string>();
      const page = await apiDocs(deps.store, teamId, 'contacts').scan({
        limit: 1000,
        maxScan: 20_000,
        match: (c) => textMatch(q.q, contactSearchValues(c)),
      });
      return new Set(page.items.map((i) => i.doc.id));
    },
    match: (q, doc, contactIds) => {
      const source = (doc.source ?? {}) as { channel?: unknown };
      return (
        (q.pipelineId === undefined || pipelineIdOf(doc as { pipelineId?: string }) === q.pipelineId) &&
        (q.stage === undefined || doc.stage === q.stage) &&
        (q.contactId === undefined || doc.contactId === q.contactId) &&
        (q.channel === undefined || source.channel === q.channel) &&
        (textMatch(q.q, [doc.title, ...(Array.isArray(doc.tags) ? doc.tags : [])]) ||
          contactIds.has(String(doc.contactId)))
      );
    },
    beforeWrite: async (teamId, doc, previous) => {
      const moved = !previous || previous.stage !== doc.stage || previous.pipelineId !== doc.pipelineId;
      if (moved) {
        const { doc: pipeline } = await pipelineFor(teamId, doc);
        checkLeadStage(doc, pipeline, previous);
      }
      if (!previous || previous.stage !== doc.stage) doc.stageChangedAt = doc.updatedAt;
      // A deal may be without a contact; nothing makes one up for it.
      if (doc.contactId === undefined || (previous && previous.contactId === doc.contactId)) return;
      const contact = await apiDocs(deps.store, teamId, 'contacts').get(String(doc.contactId));
      if (!contact)
        throw new DomainError('contact-not-found', `Contact '${String(doc.contactId)}' was not found`);
    },
    // The deal's stage history (schemas/stage-changes.ts): the caller's move, recorded once.
    afterWrite: async (teamId, doc, { previous, auth }) => {
      const by = { kind: 'rep' as const, id: auth.userId, name: auth.email };
      const record = stageChangeOf(previous, doc, by, deps.now().toISOString(), 'api');
      await recordStageChanges(deps.store, teamId, [record]);
    },
  });

  addVendorRequestRoutes(router, registry, deps);
  addSocialRoutes(router, registry, deps);
  registry.add(
    router,
    {
      method: 'get',
      path: '/leads/:id/stage-changes',
      summary: "A deal's stage history, oldest first, and the time it spent in each stage (ms)",
      tag: 'leads',
      access: [
        { resource: 'leads', op: 'read' },
        { resource: 'stage_changes', op: 'read' },
      ],
      response: stageHistory,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const id = parse(idParam, req.params.id);
      const lead = await apiDocs(deps.store, auth.teamId, 'leads').getOr404(id, 'lead-not-found', 'Lead');
      const found = await teamCollection(deps.store, auth.teamId, 'stage_changes').find({
        selector: { leadId: id, at: { $gt: null } },
        sort: [{ leadId: 'asc' }, { at: 'asc' }],
        limit: 10_000,
      });
      const items = sortStageChanges(found);
      res.json({
        items,
        timeInStage: dealTimeInStage(items, {
          now: deps.now(),
          ...(typeof lead.doc.createdAt === 'string' ? { createdAt: lead.doc.createdAt } : {}),
        }),
      });
    }),
  );
}

const stageHistory = z.object({
  items: z.array(z.record(z.string(), z.unknown())),
  timeInStage: z.record(z.string(), z.number()),
});
