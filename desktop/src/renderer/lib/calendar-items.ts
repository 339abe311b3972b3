// What the calendar draws: the team's meetings and the tasks that have a due time, as one kind of item
// (a task sits at its due time; an open one past it is overdue), and the agenda, the list by day that
// phones show instead of seven columns. Pure, in the rep's time zone.
import type { CalendarEventDoc, TaskDoc } from '@app/shared/schemas';
import type { DayKey } from '@app/shared/time';
import type { EventLike } from './calendar-layout';

export type CalendarItem = EventLike & {
  kind: 'meeting' | 'task';
  /** An open task whose due time has passed. */
  overdue: boolean;
};

/** Unique across meetings and tasks (their ids come from two collections). */
export const itemKey = (item: Pick<CalendarItem, 'kind' | 'id'>) => `${item.kind}:${item.id}`;

export function meetingItems(
  events: readonly Pick<CalendarEventDoc, 'id' | 'title' | 'startAt' | 'endAt' | 'status'>[],
): CalendarItem[] {
  return events.map((e) => ({
    kind: 'meeting',
    id: e.id,
    title: e.title,
    startAt: e.startAt,
    endAt: e.endAt,
    status: e.status,
    overdue: false,
  }));
}

/** Tasks with a due time, open or done (cancelled ones show nowhere, as on the task list). */
export function taskItems(
  tasks: readonly Pick<TaskDoc, 'id' | 'title' | 'status' | 'dueAt'>[],
  now: number,
): CalendarItem[] {
  return tasks.flatMap((t) => {
    const due = t.dueAt ? Date.parse(t.dueAt) : NaN;
    if (Number.isNaN(due) || t.status === 'cancelled') return [];
    return [
      {
        kind: 'task' as const,
        id: t.id,
        title: t.title,
        startAt: t.dueAt!,
        endAt: t.dueAt!,
        status: t.status,
        overdue: t.status === 'open' && due < now,
      },
    ];
  });
}

export type AgendaDay = { day: DayKey; items: CalendarItem[] };

/**
 * The agenda of a range: its days that have something, in order, and today even when empty (so the
 * rep sees where they are). A meeting over midnight is listed on each day it touches.
 */
export function agendaDays(
  byDay: ReadonlyMap<DayKey, CalendarItem[]>,
  days: readonly DayKey[],
  today: DayKey,
): AgendaDay[] {
  return days
    .map((day) => ({ day, items: byDay.get(day) ?? [] }))
    .filter((d) => d.items.length > 0 || d.day === today);
}

/**
 * A month cell's order: meetings (fixed appointments) before tasks, each by time, so the few lines a
 * cell holds name the day's meetings even on a day full of due tasks ("+N more" opens the rest).
 */
export function meetingsFirst<I extends Pick<CalendarItem, 'kind'>>(items: readonly I[]): I[] {
  return [...items.filter((i) => i.kind === 'meeting'), ...items.filter((i) => i.kind !== 'meeting')];
}
