// Contacts: CRUD with paging, filters (owner, tag, channel, updatedSince) and a simple text search
// over name, company, position, email, phone and channel identities; merging two (contact-merge.ts).
import type { Router } from 'express';
import { normalPhone } from '@app/shared/crm';
import { DomainError } from '@app/shared/errors';
import { contactSchema, type ContactDoc } from '@app/shared/schemas';
import type { ServerDeps, Store } from '../context';
import { teamPhoneRegion } from '../store/phone-region';
import { addCollectionRoutes } from './collection-router';
import { addContactMergeRoutes } from './contact-merge';
import type { ApiDoc } from '../store/raw-docs';
import { textMatch } from './paging';
import type { RouteRegistry } from '../http/registry';
import { teamData } from '../store/data';

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

/** A contact's phones as given, each in its stored form (E.164 in the team's region where valid). */
export async function normalizedPhones(
  store: Store,
  teamId: string,
  fields: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const { phone, phones } = fields;
  const hasList =
    Array.isArray(phones) && phones.some((p) => typeof (p as { value?: unknown })?.value === 'string');
  if (typeof phone !== 'string' && !hasList) return fields;
  const region = await teamPhoneRegion(store, teamId);
  return {
    ...fields,
    ...(typeof phone === 'string' ? { phone: normalPhone(phone, region) } : {}),
    ...(hasList
      ? {
          phones: (phones as unknown[]).map((p) => {
            const entry = p as { value?: unknown };
            return typeof entry?.value === 'string'
              ? { ...entry, value: normalPhone(entry.value, region) }
              : p;
          }),
        }
      : {}),
  };
}

/** A new contact whose phone another contact already has (the same stored form): refused, naming it. */
async function refuseSamePhone(store: Store, teamId: string, doc: ContactDoc): Promise<void> {
  if (!doc.phone) return;
  const ids = await teamData(store, teamId).contacts.findIds(
    { phone: doc.phone, mergedInto: { $exists: false } },
    2,
  );
  const other = ids.find((id) => id !== doc.id);
  if (other)
    throw new DomainError('conflict', `Contact ${other} has this phone number already`, {
      details: { contactId: other },
    });
}

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
    normalize: (teamId, fields) => normalizedPhones(deps.store, teamId, fields),
    beforeWrite: (teamId, doc, previous) =>
      previous ? Promise.resolve() : refuseSamePhone(deps.store, teamId, doc),
    match: (q, doc) =>
      (q.channel === undefined || identitiesOf(doc).some((i) => i.channel === q.channel)) &&
      textMatch(q.q, contactSearchValues(doc)),
  });
  addContactMergeRoutes(router, registry, deps);
}
