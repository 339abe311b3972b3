// Calendar events (meetings): CRUD with paging, filters (owner, status, leadId, contactId,
// conversationId, from..to on the start time, updatedSince) and a text search over title, description,
// location and attendees. An event has no single owner: `owner` lists the events in that member's
// calendar by the rule of the calendar feed (shared/src/crm/my-calendar.ts: they made it, attend it,
// or it is about their deal, conversation or customer). What the server sets and checks on a write is
// planned-docs.ts, and an event never ends before it starts; a new one is scheduled unless the caller
// says otherwise.
import type { Router } from 'express';
import { z } from 'zod';
import { calendarLinkIds, eventIsMine, type CalendarLinks } from '@app/shared/crm';
import { calendarEventSchema } from '@app/shared/schemas';
import type { ServerDeps } from '../context';
import type { RouteRegistry } from '../http/registry';
import { teamCollection } from '../store/collections';
import type { ApiDoc } from '../store/raw-docs';
import { addCollectionRoutes } from './collection-router';
import { isoDate, textMatch } from './paging';
import {
  changes,
  checkPlanned,
  checkRange,
  inRange,
  linkFilters,
  linksMatch,
  madeByCaller,
  refuseFields,
} from './planned-docs';

/** The ids of the team's events in a member's calendar (read whole, as the calendar feed reads them). */
async function calendarOf(deps: ServerDeps, teamId: string, userId: string): Promise<Set<string>> {
  const collection = <C extends 'events' | 'leads' | 'conversations' | 'contacts'>(c: C) =>
    teamCollection(deps.store, teamId, c);
  const events = await collection('events').all();
  const ids = calendarLinkIds(events);
  const [leads, conversations, contacts, members] = await Promise.all([
    collection('leads').byIds(ids.leads),
    collection('conversations').byIds(ids.conversations),
    collection('contacts').byIds(ids.contacts),
    deps.members?.list(teamId),
  ]);
  const links: CalendarLinks = { leads, conversations, contacts };
  const who = { userId, email: members?.find((m) => m.id === userId)?.email };
  return new Set(events.filter((e) => eventIsMine(e, who, links)).map((e) => e.id));
}

const attendeeValues = (doc: ApiDoc) =>
  Array.isArray(doc.attendees)
    ? doc.attendees.flatMap((a: { name?: unknown; email?: unknown }) => [a.name, a.email])
    : [];

export function addEventRoutes(router: Router, registry: RouteRegistry, deps: ServerDeps): void {
  const checkLinks = checkPlanned(deps);
  addCollectionRoutes(router, registry, deps, {
    collection: 'events',
    base: '/events',
    tag: 'events',
    idPrefix: 'event',
    what: 'Event',
    notFound: 'not-found',
    defaults: () => ({ status: 'scheduled' }),
    prepareCreate: async (_teamId, input, auth) => madeByCaller(input, auth),
    extraQuery: {
      status: z.enum(calendarEventSchema.properties.status.enum).optional(),
      ...linkFilters,
      from: isoDate.optional(),
      to: isoDate.optional(),
    },
    omitQuery: { tag: true, channel: true },
    // The member's calendar is read per request (it depends on other docs): no list cache here.
    listContext: async (teamId, q) => {
      checkRange(q, 'from', 'to');
      return q.owner === undefined ? new Set<string>() : calendarOf(deps, teamId, q.owner);
    },
    ownedBy: (doc, _owner, mine) => mine.has(doc.id),
    jsonSchema: calendarEventSchema,
    match: (q, doc) =>
      linksMatch(q, doc) &&
      inRange(doc.startAt, q.from, q.to) &&
      textMatch(q.q, [doc.title, doc.description, doc.location, ...attendeeValues(doc)]),
    beforeWrite: async (teamId, doc, previous) => {
      const moved = changes(doc, previous, 'startAt') || changes(doc, previous, 'endAt');
      if (moved && Date.parse(String(doc.endAt)) < Date.parse(String(doc.startAt))) {
        refuseFields(['endAt'], 'must not be before startAt');
      }
      await checkLinks(teamId, doc, previous);
    },
  });
}
