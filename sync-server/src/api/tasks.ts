// Tasks: CRUD with paging, filters (owner = the assignee, status, leadId, contactId, conversationId,
// dueFrom..dueTo on the due time, updatedSince) and a text search over title and description. What the
// server sets and checks on a write is planned-docs.ts; a new task is open unless the caller says
// otherwise. List pages are served from a cache while the team's tasks database is unchanged.
import type { Router } from 'express';
import { z } from 'zod';
import { taskSchema } from '@app/shared/schemas';
import type { ServerDeps } from '../context';
import type { RouteRegistry } from '../http/registry';
import { addCollectionRoutes } from './collection-router';
import { createListCache } from './list-cache';
import { isoDate, textMatch } from './paging';
import { checkPlanned, checkRange, inRange, linkFilters, linksMatch, madeByCaller } from './planned-docs';

export function addTaskRoutes(router: Router, registry: RouteRegistry, deps: ServerDeps): void {
  addCollectionRoutes(router, registry, deps, {
    collection: 'tasks',
    base: '/tasks',
    tag: 'tasks',
    idPrefix: 'task',
    what: 'Task',
    notFound: 'not-found',
    defaults: () => ({ status: 'open' }),
    prepareCreate: async (_teamId, input, auth) => madeByCaller(input, auth),
    extraQuery: {
      status: z.enum(taskSchema.properties.status.enum).optional(),
      ...linkFilters,
      dueFrom: isoDate.optional(),
      dueTo: isoDate.optional(),
    },
    omitQuery: { tag: true, channel: true },
    ownedBy: (doc, owner) => doc.assigneeId === owner,
    jsonSchema: taskSchema,
    listCache: createListCache(deps.store),
    // Nothing to look up: the due range is checked once per request.
    listContext: async (_teamId, q) => {
      checkRange(q, 'dueFrom', 'dueTo');
      return new Set<string>();
    },
    match: (q, doc) =>
      linksMatch(q, doc) &&
      inRange(doc.dueAt, q.dueFrom, q.dueTo) &&
      textMatch(q.q, [doc.title, doc.description]),
    beforeWrite: checkPlanned(deps),
  });
}
