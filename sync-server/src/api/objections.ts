// The objection library (issue 38): CRUD with paging, filters (type, active) and a text search over
// the names, triggers and answers. Everyone reads; admins write (the access table). A type is unique
// within the team (409 `objection-type-taken`); the shared rules (a trigger at least, one answer per
// language and stage) are a 400 naming each issue.
import type { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import { objectionIssues, objectionSchema, objectionTypeSchema } from '@app/shared/schemas';
import type { ServerDeps } from '../context';
import type { RouteRegistry } from '../http/registry';
import type { ApiDoc } from '../store/raw-docs';
import { addCollectionRoutes } from './collection-router';
import { createListCache } from './list-cache';
import { textMatch } from './paging';
import { asCollectionDoc } from '../store/collections';
import { teamData } from '../store/data';

/** What `q` searches: the names, the trigger examples and the answers in both languages. */
export function objectionSearchValues(doc: ApiDoc): unknown[] {
  const o = asCollectionDoc('objections', doc);
  return [
    o.type,
    o.name.ru,
    o.name.en,
    ...(o.triggers.ru ?? []),
    ...(o.triggers.en ?? []),
    ...o.answers.map((a) => a.text),
  ];
}

const objectionQuery = {
  type: z
    .string()
    .regex(new RegExp(objectionTypeSchema.pattern), 'must be a kebab-case type')
    .max(60)
    .optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
};

/** The API's `beforeWrite`: the shared rules, and a type no other objection of the team has. */
function checkObjection(deps: Pick<ServerDeps, 'store'>) {
  return async (teamId: string, doc: ApiDoc, previous: ApiDoc | null): Promise<void> => {
    const issues = objectionIssues(asCollectionDoc('objections', doc));
    if (issues.length) {
      throw new DomainError('validation-failed', issues.map((i) => `${i.path}: ${i.message}`).join('; '), {
        details: issues,
      });
    }
    if (previous && previous.type === doc.type) return;
    const ids = await teamData(deps.store, teamId).objections.findIds({ type: String(doc.type) }, 2);
    const other = ids.find((id) => id !== doc.id);
    if (other)
      throw new DomainError(
        'objection-type-taken',
        `Objection type '${String(doc.type)}' is taken by '${other}'`,
      );
  };
}

export function addObjectionRoutes(router: Router, registry: RouteRegistry, deps: ServerDeps): void {
  addCollectionRoutes(router, registry, deps, {
    collection: 'objections',
    base: '/objections',
    tag: 'objections',
    idPrefix: 'objection',
    what: 'Objection',
    notFound: 'not-found',
    defaults: () => ({ active: true }),
    extraQuery: objectionQuery,
    omitQuery: { tag: true, channel: true },
    jsonSchema: objectionSchema,
    listCache: createListCache(deps.store),
    match: (q, doc) =>
      (q.type === undefined || doc.type === q.type) &&
      (q.active === undefined || (doc.active ?? true) === q.active) &&
      textMatch(q.q, objectionSearchValues(doc)),
    beforeWrite: checkObjection(deps),
  });
}
