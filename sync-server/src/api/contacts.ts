// Contacts: CRUD with paging, filters (owner, tag, channel, updatedSince) and a simple text search
// over name, company, position, email, phone and channel identities; merging two (contact-merge.ts).
import type { Router } from 'express';
import { contactSchema } from '@app/shared/schemas';
import type { ServerDeps } from '../context';
import { addCollectionRoutes } from './collection-router';
import { addContactMergeRoutes } from './contact-merge';
import type { ApiDoc } from '../store/raw-docs';
import { textMatch } from './paging';
import type { RouteRegistry } from '../http/registry';

type Identity = { channel?: unknown; externalId?: unknown; username?: unknown };
const identitiesOf = (doc: ApiDoc): Identity[] =>
  Array.isArray(doc.identities) ? (doc.identities as Identity[]) : [];

export function contactSearchValues(doc: ApiDoc): unknown[] {
  const ids = identitiesOf(doc).flatMap((i) => [i.externalId, i.username]);
  return [doc.name, doc.company, doc.position, doc.email, doc.phone, ...ids];
}

export const contactDefaults = () => ({
  identities: [],
  twin: { facts: [] },
  optOut: false,
  agentAccess: 'default',
});

export function addContactRoutes(router: Router, registry: RouteRegistry, deps: ServerDeps): void {
  addCollectionRoutes(router, registry, deps, {
    collection: 'contacts',
    base: '/contacts',
    tag: 'contacts',
    idPrefix: 'contact',
    what: 'Contact',
    notFound: 'contact-not-found',
    defaults: contactDefaults,
    extraQuery: {},
    jsonSchema: contactSchema,
    match: (q, doc) =>
      (q.channel === undefined || identitiesOf(doc).some((i) => i.channel === q.channel)) &&
      textMatch(q.q, contactSearchValues(doc)),
  });
  addContactMergeRoutes(router, registry, deps);
}
