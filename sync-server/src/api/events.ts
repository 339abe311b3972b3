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
import { calendarEventSchema, type CalendarEventDoc } from '@app/shared/schemas';
import type { ServerDeps } from '../context';
import type { RouteRegistry } from '../http/registry';
import { allDocs, type ApiDoc } from '../store/raw-docs';
import { docsByIds } from './calendar';
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

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
const each = <T>(docs: Map<string, Record<string, unknown>>, pick: (d: Record<string, unknown>) => T) =>
  new Map([...docs].map(([id, d]) => [id, pick(d)] as const));

/** The ids of the team's events in a member's calendar (read whole, as the calendar feed reads them). */
async function calendarOf(deps: ServerDeps, teamId: string, userId: string): Promise<Set<string>> {
  const db = (c: 'events' | 'leads' | 'conversations' | 'contacts') => deps.store.teamDb(teamId, c);
  const events = (await allDocs(db('events'))) as CalendarEventDoc[];
  const ids = calendarLinkIds(events);
  const [leads, conversations, contacts, members] = await Promise.all([
    docsByIds(db('leads'), ids.leads),
    docsByIds(db('conversations'), ids.conversations),
    docsByIds(db('contacts'), ids.contacts),
    deps.members?.list(teamId),
  ]);
  const links: CalendarLinks = {
    leads: each(leads, (d) => ({ ownerId: text(d.ownerId) })),
    conversations: each(conversations, (d) => ({ assigneeId: text(d.assigneeId) })),
    contacts: each(contacts, (d) => ({ ownerId: text(d.ownerId) })),
  };
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
