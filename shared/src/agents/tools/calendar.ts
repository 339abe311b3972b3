// Calendar events: an iCalendar (RFC 5545) file for any calendar app, and a Google Calendar adapter
// over its HTTP API (injectable fetch and base URL).
import { DomainError } from '../../errors';
import type { CalendarEventDoc } from '../../schemas/index';
import { checked, requestJson, type ConnectionCheck } from './task-adapters';

const icsDate = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+/, '');
const escape = (s: string) =>
  s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Folds lines longer than 75 octets (approximated by characters) as RFC 5545 asks. */
const fold = (line: string) => line.match(/.{1,73}/gu)?.join('\r\n ') ?? line;

export function toIcs(event: CalendarEventDoc, stamp: string): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//sales-workspace//agents//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `UID:${event.id}@sales-workspace`,
    `DTSTAMP:${icsDate(stamp)}`,
    `DTSTART:${icsDate(event.startAt)}`,
    `DTEND:${icsDate(event.endAt)}`,
    `SUMMARY:${escape(event.title)}`,
    ...(event.description ? [`DESCRIPTION:${escape(event.description)}`] : []),
    ...(event.location ? [`LOCATION:${escape(event.location)}`] : []),
    ...(event.attendees ?? [])
      .filter((a) => a.email)
      .map((a) => `ATTENDEE;CN=${escape(a.name ?? a.email!)}:mailto:${a.email}`),
    `STATUS:${event.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

export type CalendarAdapter = {
  provider: 'google';
  create(event: CalendarEventDoc): Promise<{ externalId: string; url?: string }>;
  /** Reads the calendar without writing (the settings' connection test). */
  check(): Promise<ConnectionCheck>;
  /** The event as it is now in the calendar (cancelled, or moved). */
  state(externalId: string): Promise<{ status: 'scheduled' | 'cancelled'; startAt?: string; endAt?: string }>;
};

export function googleCalendarAdapter(cfg: {
  accessToken: string;
  calendarId?: string;
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
}): CalendarAdapter {
  const base = cfg.baseUrl ?? 'https://www.googleapis.com';
  const calendar = encodeURIComponent(cfg.calendarId ?? 'primary');
  return {
    provider: 'google',
    async create(event) {
      const f = cfg.fetch ?? globalThis.fetch;
      const res = await f(`${base}/calendar/v3/calendars/${calendar}/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cfg.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          summary: event.title,
          ...(event.description ? { description: event.description } : {}),
          ...(event.location ? { location: event.location } : {}),
          start: { dateTime: event.startAt, ...(event.timezone ? { timeZone: event.timezone } : {}) },
          end: { dateTime: event.endAt, ...(event.timezone ? { timeZone: event.timezone } : {}) },
          attendees: (event.attendees ?? []).filter((a) => a.email).map((a) => ({ email: a.email })),
        }),
        signal: AbortSignal.timeout(cfg.timeoutMs ?? 10_000),
        redirect: 'error',
      });
      const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (!res.ok) {
        // Google's error shape: { error: { code, message, errors: [...] } }
        const said = (body.error as { message?: unknown } | undefined)?.message;
        throw new DomainError(
          'bad-request',
          `Google Calendar answered ${res.status}${typeof said === 'string' ? `: ${said.slice(0, 300)}` : ''}`,
          { details: { status: res.status } },
        );
      }
      return { externalId: String(body.id), ...(body.htmlLink ? { url: String(body.htmlLink) } : {}) };
    },
    async state(id) {
      const res = await requestJson(
        {
          ...(cfg.fetch ? { fetch: cfg.fetch } : {}),
          ...(cfg.timeoutMs ? { timeoutMs: cfg.timeoutMs } : {}),
        },
        `${base}/calendar/v3/calendars/${calendar}/events/${encodeURIComponent(id)}`,
        { authorization: `Bearer ${cfg.accessToken}` },
        undefined,
        'GET',
      );
      const at = (t: unknown) => {
        const v = (t as { dateTime?: string } | undefined)?.dateTime;
        return v && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : undefined;
      };
      const startAt = at(res.start);
      const endAt = at(res.end);
      return {
        status: res.status === 'cancelled' ? 'cancelled' : 'scheduled',
        ...(startAt ? { startAt } : {}),
        ...(endAt ? { endAt } : {}),
      };
    },
    check: () =>
      checked(async () => {
        const res = await requestJson(
          {
            ...(cfg.fetch ? { fetch: cfg.fetch } : {}),
            ...(cfg.timeoutMs ? { timeoutMs: cfg.timeoutMs } : {}),
          },
          `${base}/calendar/v3/calendars/${calendar}`,
          { authorization: `Bearer ${cfg.accessToken}` },
          undefined,
          'GET',
        );
        return `Google calendar "${String(res.summary ?? cfg.calendarId ?? 'primary')}"`;
      }),
  };
}
