// Leads: CRUD with paging, filters (stage, owner, channel, tag, contact, updatedSince) and text search
// over title and tags. A lead's contact must exist in the caller's team. List pages are served from a
// cache while the team's leads database is unchanged (list-cache.ts).
import type { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import { leadSchema, leadStages } from '@app/shared/schemas';
import type { ServerDeps } from '../context';
import { addCollectionRoutes } from './collection-router';
import { contactSearchValues } from './contacts';
import { getRaw, scan } from '../store/raw-docs';
import { createListCache } from './list-cache';
import { textMatch } from './paging';
import type { RouteRegistry } from '../http/registry';

export function addLeadRoutes(router: Router, registry: RouteRegistry, deps: ServerDeps): void {
  addCollectionRoutes(router, registry, deps, {
    collection: 'leads',
    base: '/leads',
    tag: 'leads',
    idPrefix: 'lead',
    what: 'Lead',
    notFound: 'lead-not-found',
    defaults: () => ({ stage: 'new', source: { channel: 'manual' } }),
    extraQuery: {
      stage: z.enum(leadStages).optional(),
      contactId: z.string().max(128).optional(),
    },
    jsonSchema: leadSchema,
    listCache: createListCache(deps.store),
    // A text search also finds the leads of contacts whose name, company, e-mail or phone match.
    listContext: async (teamId, q) => {
      if (!q.q) return new Set<string>();
      const page = await scan(deps.store.teamDb(teamId, 'contacts'), {
        limit: 1000,
        maxScan: 20_000,
        match: (c) => textMatch(q.q, contactSearchValues(c)),
      });
      return new Set(page.items.map((i) => i.doc.id));
    },
    match: (q, doc, contactIds) => {
      const source = (doc.source ?? {}) as { channel?: unknown };
      return (
        (q.stage === undefined || doc.stage === q.stage) &&
        (q.contactId === undefined || doc.contactId === q.contactId) &&
        (q.channel === undefined || source.channel === q.channel) &&
        (textMatch(q.q, [doc.title, ...(Array.isArray(doc.tags) ? doc.tags : [])]) ||
          contactIds.has(String(doc.contactId)))
      );
    },
    beforeWrite: async (teamId, doc, previous) => {
      if (!previous || previous.stage !== doc.stage) doc.stageChangedAt = doc.updatedAt;
      if (previous && previous.contactId === doc.contactId) return;
      const contact = await getRaw(deps.store.teamDb(teamId, 'contacts'), String(doc.contactId));
      if (!contact)
        throw new DomainError('contact-not-found', `Contact '${String(doc.contactId)}' was not found`);
    },
  });
}
