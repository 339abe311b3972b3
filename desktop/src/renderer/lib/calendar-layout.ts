// Where meetings go on the calendar: which days they touch (month view) and, in the week view, their
// place in a day column (minutes from the rep's midnight, length) with side-by-side lanes for meetings
// that overlap. Pure, in the rep's time zone. Tasks placed at their due time go through the same
// functions (lib/calendar-items.ts).
import { addDays, startOfDay, type DayKey } from '@app/shared/time';

/** A meeting, or a task at its due time (`endAt` equal to `startAt`: drawn as half an hour). */
export type EventLike = { id: string; title: string; startAt: string; endAt: string; status: string };

const span = (e: EventLike) => {
  const start = Date.parse(e.startAt);
  const end = Date.parse(e.endAt);
  return { start, end: Number.isNaN(end) || end <= start ? start + 30 * 60_000 : end };
};

/**
 * The meetings touching each of `days` (a meeting over midnight shows on both days), by start time. A
 * task (or a meeting with no length) is an instant: it is on its own day only, though it is drawn half
 * an hour long (one due at 23:40 is not the next day's too).
 */
export function eventsByDay<E extends EventLike>(
  events: readonly E[],
  days: readonly DayKey[],
  timeZone: string,
): Map<DayKey, E[]> {
  const out = new Map<DayKey, E[]>(days.map((d) => [d, []]));
  const sorted = [...events]
    .filter((e) => !Number.isNaN(Date.parse(e.startAt)))
    .sort((a, b) => a.startAt.localeCompare(b.startAt) || a.title.localeCompare(b.title));
  for (const day of days) {
    const from = startOfDay(day, timeZone);
    const to = startOfDay(addDays(day, 1), timeZone);
    for (const e of sorted) {
      const { start, end } = span(e);
      const instant = !(Date.parse(e.endAt) > start);
      if (instant ? start >= from && start < to : start < to && end > from) out.get(day)!.push(e);
    }
  }
  return out;
}

export type Placed<E> = {
  event: E;
  /** Minutes from the day's start (0 … 1440). */
  top: number;
  /** Length in minutes, at least `minMinutes`. */
  height: number;
  lane: number;
  lanes: number;
};

/**
 * A day column of the week view: each meeting's top and height, clipped to the day, and lanes so
 * that meetings overlapping in time sit side by side (each cluster of overlaps shares its lane count).
 */
export function layoutDay<E extends EventLike>(
  events: readonly E[],
  day: DayKey,
  timeZone: string,
  minMinutes = 20,
): Placed<E>[] {
  const from = startOfDay(day, timeZone);
  const dayLength = (startOfDay(addDays(day, 1), timeZone) - from) / 60_000;
  const items = events
    .map((event) => {
      const { start, end } = span(event);
      const top = Math.max(0, (start - from) / 60_000);
      const bottom = Math.min(dayLength, (end - from) / 60_000);
      return { event, top, height: Math.max(minMinutes, bottom - top), lane: 0, lanes: 1 };
    })
    .sort((a, b) => a.top - b.top || b.height - a.height);
  let cluster: typeof items = [];
  let clusterEnd = -1;
  const laneEnds: number[] = [];
  const close = () => {
    for (const it of cluster) it.lanes = laneEnds.length;
    cluster = [];
    laneEnds.length = 0;
  };
  for (const it of items) {
    if (it.top >= clusterEnd) close();
    let lane = laneEnds.findIndex((endAt) => endAt <= it.top);
    if (lane === -1) lane = laneEnds.push(0) - 1;
    laneEnds[lane] = it.top + it.height;
    it.lane = lane;
    cluster.push(it);
    clusterEnd = Math.max(clusterEnd, it.top + it.height);
  }
  close();
  return items;
}
