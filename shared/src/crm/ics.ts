// iCalendar (RFC 5545) text for the team's calendar events and tasks: one event's download, and a
// rep's subscription feed. Built with ical-generator (escaping, line folding, CRLF) so no part of the
// format is written by hand here; it runs in Node and in the browser alike.
//
// Times are stored in UTC. An event with a `timezone` (an IANA name) is written in that zone's wall
// clock with TZID and the zone's VTIMEZONE (from timezones-ical-library), so calendar apps show the
// meeting in the zone it was planned in; an unknown zone name falls back to UTC, never to a TZID
// without its VTIMEZONE.
//
// Tasks with a due date are written as VEVENTs, not VTODOs: Google Calendar and Outlook ignore VTODO
// in a subscribed feed altogether, and Apple Calendar does not show VTODO from a subscription either
// (to-dos live in Reminders, over CalDAV only). A short, transparent (free, not busy) event at the due
// time is what all three actually show.
import { ICalAttendeeRole, ICalCalendarMethod, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import ical from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { CalendarEventDoc, TaskDoc } from '../schemas/index';

export type IcsOptions = {
  /** The calendar's name as calendar apps show it (X-WR-CALNAME). */
  calendarName: string;
  /** Tasks with a due date become events at that time; tasks without one are left out. */
  tasks?: readonly TaskDoc[];
  /** The PRODID after its leading '-', e.g. '//sales-workspace//calendar//EN'. */
  productId?: string;
  /** The domain of the UIDs (`<doc id>@<domain>`); stable, so a re-fetched feed updates in place. */
  uidDomain?: string;
  /** A link back to the event or task in the app (the URL property). */
  url?: (doc: CalendarEventDoc | TaskDoc) => string | undefined;
  /** Also end the description with that link: Google Calendar and Outlook do not show URL. */
  linkInDescription?: boolean;
  /** Words for tasks in the user's language: the summary prefix and the 'done' mark. */
  taskLabel?: string;
  /** METHOD:REQUEST for a single invitation to import; a feed has none (RFC 5545 §3.7.2). */
  method?: 'request' | 'publish';
  /** How often a subscriber should re-fetch (REFRESH-INTERVAL / X-PUBLISHED-TTL), in seconds. */
  refreshSeconds?: number;
  /** DTSTAMP of every component; the doc's `updatedAt` when not given. */
  stamp?: string;
};

export const defaultIcsDomain = 'sales-workspace';
/** How long a task's event lasts in a calendar. */
export const taskEventMinutes = 15;

/** Line breaks become one newline; other C0 controls (bar tab) are not allowed in iCalendar text. */
const clean = (s: string) =>
  // eslint-disable-next-line no-control-regex
  s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ');

/** A zone ical-generator can write with a VTIMEZONE, or none (then the times are UTC). */
function knownZone(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  if (!DateTime.now().setZone(zone).isValid) return undefined;
  try {
    const block = tzlib_get_ical_block(zone);
    return Array.isArray(block) && block[0]?.includes('BEGIN:VTIMEZONE') ? zone : undefined;
  } catch {
    return undefined;
  }
}

function vtimezone(zone: string): string | null {
  try {
    const block = tzlib_get_ical_block(zone);
    return Array.isArray(block) && block[0] ? block[0] : null;
  } catch {
    return null;
  }
}

const withLink = (text: string | undefined, link: string | undefined, opts: IcsOptions) =>
  opts.linkInDescription && link ? [text, link].filter(Boolean).join('\n\n') : text;

const isDate = (iso: string | undefined): iso is string => !!iso && !Number.isNaN(Date.parse(iso));

/** The calendar text (an .ics file) for these events, and the tasks with a due date. */
export function eventsToIcs(events: readonly CalendarEventDoc[], opts: IcsOptions): string {
  const domain = opts.uidDomain ?? defaultIcsDomain;
  const calendar = ical({
    // ical-generator writes the calendar's name unescaped (NAME, X-WR-CALNAME): one line, always.
    name: clean(opts.calendarName).replace(/[\r\n]+/g, ' '),
    prodId: opts.productId ?? `//${domain}//calendar//EN`,
    ...(opts.method === 'request' ? { method: ICalCalendarMethod.REQUEST } : {}),
    ...(opts.method === 'publish' ? { method: ICalCalendarMethod.PUBLISH } : {}),
    ...(opts.refreshSeconds ? { ttl: opts.refreshSeconds } : {}),
    timezone: { name: null, generator: vtimezone },
  });

  for (const e of events) {
    if (!isDate(e.startAt) || !isDate(e.endAt)) continue;
    const zone = knownZone(e.timezone);
    const at = (iso: string) => (zone ? DateTime.fromISO(iso, { zone }) : new Date(iso));
    const end = Date.parse(e.endAt) > Date.parse(e.startAt) ? e.endAt : e.startAt;
    const link = opts.url?.(e);
    const description = withLink(e.description, link, opts);
    calendar.createEvent({
      id: `${e.id}@${domain}`,
      start: at(e.startAt),
      end: at(end),
      ...(zone ? { timezone: zone } : {}),
      stamp: new Date(opts.stamp ?? e.updatedAt ?? e.createdAt),
      ...(isDate(e.createdAt) ? { created: new Date(e.createdAt) } : {}),
      ...(isDate(e.updatedAt) ? { lastModified: new Date(e.updatedAt) } : {}),
      summary: clean(e.title),
      ...(description ? { description: clean(description) } : {}),
      ...(e.location ? { location: clean(e.location) } : {}),
      ...(link ? { url: link } : {}),
      status: e.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      attendees: (e.attendees ?? [])
        .filter((a) => a.email && /^[^\s@<>()",;:]+@[^\s@<>()",;:]+$/.test(a.email))
        .map((a) => ({
          email: a.email!,
          ...(a.name ? { name: clean(a.name) } : {}),
          role: ICalAttendeeRole.REQ,
        })),
    });
  }

  const label = opts.taskLabel ?? 'Task';
  for (const t of opts.tasks ?? []) {
    if (!isDate(t.dueAt)) continue;
    const due = new Date(t.dueAt);
    const link = opts.url?.(t);
    const description = withLink(t.description, link, opts);
    calendar.createEvent({
      id: `${t.id}.task@${domain}`,
      start: due,
      end: new Date(due.getTime() + taskEventMinutes * 60_000),
      stamp: new Date(opts.stamp ?? t.updatedAt ?? t.createdAt),
      ...(isDate(t.createdAt) ? { created: new Date(t.createdAt) } : {}),
      ...(isDate(t.updatedAt) ? { lastModified: new Date(t.updatedAt) } : {}),
      summary: clean(`${t.status === 'done' ? '✓ ' : ''}${label}: ${t.title}`),
      ...(description ? { description: clean(description) } : {}),
      ...(link ? { url: link } : {}),
      status: t.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  return calendar.toString();
}

/** One event as a file to download and import (METHOD:PUBLISH: a copy to add, not an invitation
 * to answer, which would need an ORGANIZER). */
export function eventToIcs(event: CalendarEventDoc, opts: Omit<IcsOptions, 'tasks'>): string {
  return eventsToIcs([event], { method: 'publish', ...opts });
}

/** A file name for an event's download: the title's letters and digits, never a path. */
export function icsFileName(title: string): string {
  const base = title
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${base || 'event'}.ics`;
}
