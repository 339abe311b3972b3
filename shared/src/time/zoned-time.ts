// Wall-clock time and calendar days in an IANA time zone (e.g. Europe/Moscow), with Intl only, the
// same in Node and browsers: which day an instant falls on, how far the zone is ahead of UTC, when a
// wall-clock time happens, the days of a week or a month grid. "Today" and "overdue" are judged by the
// rep's own midnight; the agents read dates in a message against the team's wall clock
// (`toWallClock`), and turn what they find back into an instant (`fromWallClock`); analytics buckets
// instants into the days of the report's zone.

/** A calendar day as `YYYY-MM-DD`. */
export type DayKey = string;

export const systemTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const partsFormats = new Map<string, Intl.DateTimeFormat>();
function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormats.set(timeZone, f);
  }
  return f;
}

/** Whether the name is a time zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    partsFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

export type ZonedParts = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
};

export function zonedParts(ms: number, timeZone: string): ZonedParts {
  const out: Record<string, number> = {};
  for (const p of partsFormat(timeZone).formatToParts(ms)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year!,
    month: out.month!,
    day: out.day!,
    hour: out.hour! % 24,
    minute: out.minute!,
    second: out.second!,
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const keyOf = (y: number, m: number, d: number): DayKey => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

/** The day an instant falls on in `timeZone`. */
export function dayKey(ms: number, timeZone: string): DayKey {
  const p = zonedParts(ms, timeZone);
  return keyOf(p.year, p.month, p.day);
}

function splitKey(key: DayKey): [number, number, number] {
  const [y, m, d] = key.split('-').map(Number);
  return [y!, m!, d!];
}

/** Days in a month (1-based). */
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The key `n` days after (or before) `key`. */
export function addDays(key: DayKey, n: number): DayKey {
  const [y, m, d] = splitKey(key);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return keyOf(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Day of the week of a day: 0 Sunday … 6 Saturday. */
export function weekday(key: DayKey): number {
  const [y, m, d] = splitKey(key);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** How far `timeZone`'s wall clock is ahead of UTC at `ms`, in ms (0 for UTC or an unknown zone). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  if (timeZone === 'UTC' || !isTimeZone(timeZone)) return 0;
  const p = zonedParts(ms, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(ms / 1000) * 1000;
}
const offsetAt = zoneOffsetMs;

/** The zone's wall clock at `date`, as a Date whose UTC fields show it. */
export const toWallClock = (date: Date, timeZone: string): Date =>
  new Date(date.getTime() + zoneOffsetMs(date.getTime(), timeZone));

/** The instant at which the zone's wall clock shows the UTC fields of `wall` (ISO in, ISO out). */
export function fromWallClock(wall: string, timeZone: string): string {
  const t = Date.parse(wall);
  const first = t - zoneOffsetMs(t, timeZone);
  // Once more with the offset at the guessed instant (daylight-saving changes in between).
  return new Date(t - zoneOffsetMs(first, timeZone)).toISOString();
}

/** The instant a wall-clock time happens in `timeZone` (a time skipped by DST moves forward). */
export function zonedInstant(key: DayKey, hour: number, minute: number, timeZone: string): number {
  const [y, m, d] = splitKey(key);
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  let ms = wall - offsetAt(wall, timeZone);
  // Near a DST change the offset at the guess differs from the offset at the answer: one more step.
  const again = wall - offsetAt(ms, timeZone);
  if (again !== ms) ms = Math.max(ms, again);
  return ms;
}

/** When a day starts in `timeZone` (its local midnight). */
export const startOfDay = (key: DayKey, timeZone: string): number => zonedInstant(key, 0, 0, timeZone);

/**
 * The first day of the week in a language: Monday in Russian, Sunday in American English (from
 * `Intl.Locale`'s week info where the engine has it).
 */
export function firstDayOfWeek(localeTag: string): number {
  try {
    const loc = new Intl.Locale(localeTag) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const info = loc.getWeekInfo?.() ?? loc.weekInfo;
    if (info) return info.firstDay % 7; // 1 Monday … 7 Sunday
  } catch {
    // An engine without week info: the table below.
  }
  return /^(en-US|en-CA|ja|he|pt-BR)/.test(localeTag) || localeTag === 'en' ? 0 : 1;
}

/** The 7 days of the week holding `key`, from the language's first weekday. */
export function weekOf(key: DayKey, firstDay: number): DayKey[] {
  const back = (weekday(key) - firstDay + 7) % 7;
  const start = addDays(key, -back);
  return Array.from({ length: 7 }, (_, i) => addDays(start, i));
}

/** The month grid holding `key`: whole weeks (5 or 6) from the week of the 1st to that of the last day. */
export function monthGrid(key: DayKey, firstDay: number): DayKey[][] {
  const [y, m] = splitKey(key);
  const first = keyOf(y, m, 1);
  const last = keyOf(y, m, daysIn(y, m));
  const weeks: DayKey[][] = [];
  let week = weekOf(first, firstDay);
  for (;;) {
    weeks.push(week);
    if (week.includes(last)) break;
    week = weekOf(addDays(week[6]!, 1), firstDay);
  }
  return weeks;
}

/** The same day of the month `n` months away (clamped to that month's last day). */
export function addMonths(key: DayKey, n: number): DayKey {
  const [y, m, d] = splitKey(key);
  const target = new Date(Date.UTC(y, m - 1 + n, 1));
  const ty = target.getUTCFullYear();
  const tm = target.getUTCMonth() + 1;
  return keyOf(ty, tm, Math.min(d, daysIn(ty, tm)));
}

export const monthOf = (key: DayKey) => key.slice(0, 7);
