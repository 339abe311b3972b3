// What one day column of the calendar's week view draws (CalendarWeek.tsx), pure and in the rep's time
// zone: tasks due on the day with no time (due at its very start) go to the all-day row; tasks due in
// the same hour share one box that stacks them (or shows the first and "+N"); meetings keep their
// blocks from start to end. Things that overlap share the column in lanes, but only as many as stay
// readable at the column's width; the rest of an overlap collapses into "+N" chips in a narrow strip
// at the column's right, each listing what it holds.
import { startOfDay, type DayKey } from '@app/shared/time';
import { layoutDay, type EventLike, type Placed } from '../../lib/calendar-layout';
import { itemKey, type CalendarItem } from '../../lib/calendar-items';

/** A day as the instant Intl formats its name from (in UTC, so no zone moves it to another day). */
export const utcOf = (key: DayKey) => Date.parse(`${key}T00:00:00Z`);

/** The narrowest lane that still shows about eight characters of a title (11 px type, no icon). */
export const minLanePx = 72;
/** The strip at a crowded column's right that holds its "+N" chips. */
export const stripPx = 36;
/** How many tasks an hour's box shows one above the other before it shows one and "+N". */
export const stackedMax = 2;

/**
 * One thing drawn in the day column: an item's block (a meeting, or a task alone in its hour), the
 * tasks due in one hour, or a "+N" chip in the strip for what did not fit beside the rest.
 */
export type WeekBox = {
  kind: 'item' | 'hour' | 'more';
  key: string;
  items: CalendarItem[];
  /** Minutes from the day's start, and length in minutes. */
  top: number;
  height: number;
  /** The box's lane of `lanes` lanes sharing the column less `reserve` px (the strip); unused for 'more'. */
  lane: number;
  lanes: number;
  reserve: number;
};

export type WeekDay = { allDay: CalendarItem[]; boxes: WeekBox[] };

/** How many lanes a column of `widthPx` keeps readable: 1 to 3. */
export const lanesFor = (widthPx: number) => Math.min(3, Math.max(1, Math.floor(widthPx / minLanePx)));

/** A task due at the very start of `day` in the rep's zone: a due day without a time. */
export const isUntimed = (item: CalendarItem, day: DayKey, timeZone: string) =>
  item.kind === 'task' && Date.parse(item.startAt) === startOfDay(day, timeZone);

type Unit = EventLike & { kind: 'item' | 'hour'; items: CalendarItem[] };

/** Meetings as they are; timed tasks alone in their hour as they are, else one unit for the hour. */
function unitsOf(timed: readonly CalendarItem[], from: number): Unit[] {
  const units: Unit[] = [];
  const hours = new Map<number, CalendarItem[]>();
  for (const item of timed) {
    if (item.kind === 'meeting') units.push({ ...item, id: itemKey(item), kind: 'item', items: [item] });
    else {
      const hour = Math.min(23, Math.max(0, Math.floor((Date.parse(item.startAt) - from) / 3_600_000)));
      hours.set(hour, [...(hours.get(hour) ?? []), item]);
    }
  }
  for (const [hour, tasks] of hours) {
    if (tasks.length === 1) {
      units.push({ ...tasks[0]!, id: itemKey(tasks[0]!), kind: 'item', items: tasks });
      continue;
    }
    const iso = (h: number) => new Date(from + h * 3_600_000).toISOString();
    const title = tasks[0]!.title;
    units.push({
      id: `hour:${hour}`,
      title,
      startAt: iso(hour),
      endAt: iso(hour + 1),
      status: 'open',
      kind: 'hour',
      items: tasks,
    });
  }
  return units;
}

/** What did not fit beside the rest, as "+N" chips down the strip (chips at least half an hour apart). */
function stripChips(hidden: { top: number; items: CalendarItem[] }[]): WeekBox[] {
  const chips: WeekBox[] = [];
  for (const h of [...hidden].sort((a, b) => a.top - b.top)) {
    const last = chips.at(-1);
    if (last && h.top < last.top + 30) last.items.push(...h.items);
    else
      chips.push({
        kind: 'more',
        key: `more:${h.top}`,
        items: [...h.items],
        top: h.top,
        height: 30,
        lane: 0,
        lanes: 1,
        reserve: 0,
      });
  }
  return chips;
}

type PlacedUnit = Placed<Unit>;

/** Overlapping runs of `placed` (sorted by top, as layoutDay gives them). */
function clustersOf(placed: readonly PlacedUnit[]): PlacedUnit[][] {
  const clusters: PlacedUnit[][] = [];
  let end = -1;
  for (const p of placed) {
    if (p.top >= end) clusters.push([]);
    clusters.at(-1)!.push(p);
    end = Math.max(end, p.top + p.height);
  }
  return clusters;
}

/**
 * Lanes within one overlapping run, meetings first (by time) and then tasks, each in the first lane
 * free over its time: so that when lanes run out it is tasks, not a meeting's block, that go to "+N".
 */
function meetingsFirstLanes(cluster: PlacedUnit[]): void {
  const order = [
    ...cluster.filter((p) => p.event.kind === 'item' && p.event.items[0]!.kind === 'meeting'),
    ...cluster.filter((p) => !(p.event.kind === 'item' && p.event.items[0]!.kind === 'meeting')),
  ];
  const lanes: PlacedUnit[][] = [];
  for (const p of order) {
    const free = (lane: PlacedUnit[]) =>
      lane.every((q) => q.top + q.height <= p.top || p.top + p.height <= q.top);
    let lane = lanes.findIndex(free);
    if (lane === -1) lane = lanes.push([]) - 1;
    lanes[lane]!.push(p);
    p.lane = lane;
  }
  for (const p of cluster) p.lanes = lanes.length;
}

/** The day column's all-day items and boxes, for a column that keeps `fitLanes` lanes readable. */
export function layoutWeekDay(
  items: readonly CalendarItem[],
  day: DayKey,
  timeZone: string,
  fitLanes: number,
): WeekDay {
  const from = startOfDay(day, timeZone);
  const allDay = items.filter((i) => isUntimed(i, day, timeZone));
  const timed = items.filter((i) => !isUntimed(i, day, timeZone));
  const placed = layoutDay(unitsOf(timed, from), day, timeZone);
  clustersOf(placed).forEach(meetingsFirstLanes);
  // A crowded overlap keeps one lane fewer than fits and gives the last one's room to the strip.
  const kept = Math.max(1, fitLanes - 1);
  const boxes: WeekBox[] = [];
  const hidden: { top: number; items: CalendarItem[] }[] = [];
  for (const p of placed) {
    const crowded = p.lanes > fitLanes;
    if (crowded && p.lane >= kept) {
      hidden.push({ top: p.top, items: p.event.items });
      continue;
    }
    boxes.push({
      kind: p.event.kind,
      key: p.event.id,
      items: p.event.items,
      top: p.top,
      height: p.height,
      lane: p.lane,
      lanes: crowded ? kept : p.lanes,
      reserve: crowded ? stripPx : 0,
    });
  }
  return { allDay, boxes: [...boxes, ...stripChips(hidden)] };
}

/**
 * Where the week opens, in minutes after midnight: the working day (8:00), or half an hour before the
 * week's first item when that is earlier, but never so early that 8:00 to 11:00 falls below the fold.
 */
export function firstMinute(earliest: number, visibleMinutes: number): number {
  return Math.max(0, Math.min(8 * 60, earliest - 30), 11 * 60 - visibleMinutes);
}
