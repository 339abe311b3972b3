// The iCalendar builder, read back with a different library (ical.js, Mozilla's parser) as a
// calendar app would read it.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { CalendarEventDoc, TaskDoc } from '../schemas/index';
import { sampleDocs } from '../schemas/fixtures';
import { validateDoc } from '../validation';
import { eventToIcs, eventsToIcs, icsFileName } from './ics';

const at = '2026-03-01T09:00:00.000Z';
const event = (over: Partial<CalendarEventDoc> = {}): CalendarEventDoc => ({
  id: 'event-1',
  title: 'Demo call',
  startAt: '2026-03-05T12:00:00.000Z',
  endAt: '2026-03-05T12:30:00.000Z',
  status: 'scheduled',
  createdBy: { kind: 'agent', name: 'answer' },
  createdAt: at,
  updatedAt: '2026-03-02T10:00:00.000Z',
  ...over,
});

function parse(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  expect(root.name).toBe('vcalendar');
  const events = root.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
  return { root, events, byUid: (uid: string) => events.find((e) => e.uid === uid) };
}

describe('eventsToIcs', () => {
  it('writes a feed that ical.js reads back field by field', () => {
    const text = eventsToIcs(
      [
        event({
          description: 'Agenda: prices',
          location: 'Zoom',
          attendees: [
            { name: 'Anna Petrova', email: 'anna@romashka.example', contactId: 'c1' },
            { name: 'No mail', contactId: 'c2' },
          ],
        }),
      ],
      { calendarName: 'Anna’s deals', url: (d) => `https://crm.example/app#/event/${d.id}` },
    );
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toMatch(/END:VCALENDAR(\r\n)?$/);
    expect(text).toContain('PRODID:-//sales-workspace//calendar//EN\r\n');
    const { root, events, byUid } = parse(text);
    expect(root.getFirstPropertyValue('x-wr-calname')).toBe('Anna’s deals');
    expect(root.getFirstPropertyValue('version')).toBe('2.0');
    expect(root.getFirstPropertyValue('method')).toBeNull();
    expect(events).toHaveLength(1);
    const e = byUid('event-1@sales-workspace')!;
    expect(e.summary).toBe('Demo call');
    expect(e.description).toBe('Agenda: prices');
    expect(e.location).toBe('Zoom');
    expect(e.startDate.toJSDate().toISOString()).toBe('2026-03-05T12:00:00.000Z');
    expect(e.endDate.toJSDate().toISOString()).toBe('2026-03-05T12:30:00.000Z');
    expect(e.startDate.zone?.tzid).toBe('UTC');
    expect(e.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(e.component.getFirstPropertyValue('url')).toBe('https://crm.example/app#/event/event-1');
    const stamp = e.component.getFirstPropertyValue('dtstamp') as ICAL.Time;
    expect(stamp.toJSDate().toISOString()).toBe('2026-03-02T10:00:00.000Z');
    // Only attendees with an address can be written (ATTENDEE is a mailto: URI).
    expect(e.attendees).toHaveLength(1);
    expect(String(e.attendees[0]!.getFirstValue()).toLowerCase()).toBe('mailto:anna@romashka.example');
    expect(e.attendees[0]!.getParameter('cn')).toBe('Anna Petrova');
  });

  it('keeps hostile customer text as data: commas, semicolons, backslashes, newlines, long lines', () => {
    const hostile =
      'Ignore, all; previous\\instructions\nEND:VEVENT\r\nBEGIN:VEVENT\nSUMMARY:pwned\u0007 ' +
      'Очень длинная строка '.repeat(40);
    const title = 'Call; then, "quote" \\ back\nslash';
    const text = eventsToIcs(
      [event({ title, description: hostile, location: 'Room 1, floor 2; door "A"' })],
      { calendarName: 'x;y,z\nw' },
    );
    // Folded: no content line longer than 75 octets (RFC 5545 §3.1).
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    // The text never opens a component of its own.
    expect(text.match(/^BEGIN:VEVENT/gm)).toHaveLength(1);
    expect(text).not.toMatch(/^SUMMARY:pwned/m);
    const { events, root } = parse(text);
    expect(events).toHaveLength(1);
    expect(root.getFirstPropertyValue('x-wr-calname')).toBe('x;y,z w');
    expect(events[0]!.summary).toBe(title);
    expect(events[0]!.location).toBe('Room 1, floor 2; door "A"');
    // A control character (BEL) is not allowed in a text value; it becomes a space.
    expect(events[0]!.description).toBe(hostile.replace('\u0007', ' ').replace(/\r\n/g, '\n'));
  });

  it('marks cancelled events CANCELLED so subscribers remove them', () => {
    const text = eventsToIcs([event(), event({ id: 'event-2', status: 'cancelled' })], { calendarName: 'c' });
    const { byUid } = parse(text);
    expect(byUid('event-1@sales-workspace')!.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(byUid('event-2@sales-workspace')!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('writes an event planned in a time zone with TZID and its VTIMEZONE, the same instant as in UTC', () => {
    const text = eventsToIcs(
      [
        event({ timezone: 'Europe/Moscow' }),
        // Summer time in New York: the zone's rules, not a fixed offset, place the meeting.
        event({
          id: 'event-ny',
          startAt: '2026-07-01T15:00:00.000Z',
          endAt: '2026-07-01T16:00:00.000Z',
          timezone: 'America/New_York',
        }),
        event({ id: 'event-bad-zone', timezone: 'Mars/Olympus_Mons' }),
      ],
      { calendarName: 'c' },
    );
    expect(text).toContain('DTSTART;TZID=Europe/Moscow:20260305T150000');
    expect(text).toContain('DTSTART;TZID=America/New_York:20260701T110000');
    const { root, byUid } = parse(text);
    const zones = root.getAllSubcomponents('vtimezone');
    expect(zones.map((z) => z.getFirstPropertyValue('tzid')).sort()).toEqual([
      'America/New_York',
      'Europe/Moscow',
    ]);
    for (const z of zones) ICAL.TimezoneService.register(z);
    try {
      const msk = byUid('event-1@sales-workspace')!;
      expect(msk.startDate.zone?.tzid).toBe('Europe/Moscow');
      expect(msk.startDate.toJSDate().toISOString()).toBe('2026-03-05T12:00:00.000Z');
      const ny = byUid('event-ny@sales-workspace')!;
      expect(ny.startDate.toJSDate().toISOString()).toBe('2026-07-01T15:00:00.000Z');
      expect(ny.endDate.toJSDate().toISOString()).toBe('2026-07-01T16:00:00.000Z');
    } finally {
      ICAL.TimezoneService.reset();
    }
    // An unknown zone name is written in UTC, never as a TZID without its VTIMEZONE.
    const bad = byUid('event-bad-zone@sales-workspace')!;
    expect(bad.startDate.zone?.tzid).toBe('UTC');
    expect(text).not.toContain('Mars');
  });

  it('writes tasks with a due date as short free events; tasks without one are left out', () => {
    const tasks: TaskDoc[] = [
      {
        ...(sampleDocs.tasks as TaskDoc),
        id: 'task-1',
        title: 'Send the proposal',
        dueAt: '2026-03-06T08:00:00.000Z',
      },
      { ...(sampleDocs.tasks as TaskDoc), id: 'task-2', title: 'No date', dueAt: undefined as never },
      { ...(sampleDocs.tasks as TaskDoc), id: 'task-3', title: 'Done one', status: 'done' },
      { ...(sampleDocs.tasks as TaskDoc), id: 'task-4', title: 'Dropped', status: 'cancelled' },
    ].map((t) => Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)) as TaskDoc);
    const text = eventsToIcs([], { calendarName: 'c', tasks, taskLabel: 'Задача' });
    const { root, byUid, events } = parse(text);
    expect(root.getAllSubcomponents('vtodo')).toHaveLength(0);
    expect(events.map((e) => e.uid).sort()).toEqual([
      'task-1.task@sales-workspace',
      'task-3.task@sales-workspace',
      'task-4.task@sales-workspace',
    ]);
    const t1 = byUid('task-1.task@sales-workspace')!;
    expect(t1.summary).toBe('Задача: Send the proposal');
    expect(t1.startDate.toJSDate().toISOString()).toBe('2026-03-06T08:00:00.000Z');
    expect(t1.endDate.toJSDate().toISOString()).toBe('2026-03-06T08:15:00.000Z');
    expect(t1.component.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
    expect(byUid('task-3.task@sales-workspace')!.summary).toBe('✓ Задача: Done one');
    expect(byUid('task-4.task@sales-workspace')!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('can end descriptions with the link back to the app, for apps that do not show URL', () => {
    const text = eventsToIcs([event({ description: 'Agenda' }), event({ id: 'event-2' })], {
      calendarName: 'c',
      url: (d) => `https://crm.example/app/#/leads/${d.id}`,
      linkInDescription: true,
    });
    const { byUid } = parse(text);
    expect(byUid('event-1@sales-workspace')!.description).toBe(
      'Agenda\n\nhttps://crm.example/app/#/leads/event-1',
    );
    expect(byUid('event-2@sales-workspace')!.description).toBe('https://crm.example/app/#/leads/event-2');
  });

  it('one event as a download: METHOD:PUBLISH, the same stable UID; the sample doc is valid and writes', () => {
    expect(validateDoc('events', sampleDocs.events).ok).toBe(true);
    const text = eventToIcs(sampleDocs.events as CalendarEventDoc, {
      calendarName: 'Demo',
      uidDomain: 'crm.example',
    });
    const { root, events } = parse(text);
    expect(root.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(events.map((e) => e.uid)).toEqual(['event-1@crm.example']);
    expect(icsFileName('Demo call: Анна / ../etc')).toBe('Demo-call-Анна-etc.ics');
    expect(icsFileName('///')).toBe('event.ics');
  });
});
