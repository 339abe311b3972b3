// Wall-clock time in a time zone (IANA name, e.g. Europe/Moscow) through Intl, the same in Node and
// browsers. The date rules (extract-date.ts) read text against a clock in UTC; run them on the zone's
// wall clock shown as UTC (`toWallClock`) and turn what they find back into an instant (`fromWallClock`).

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
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
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the name is a time zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** How far the zone's wall clock is ahead of UTC at that instant, in milliseconds. */
export function zoneOffsetMs(date: Date, timeZone: string): number {
  if (timeZone === 'UTC' || !isTimeZone(timeZone)) return 0;
  const parts = formatter(timeZone).formatToParts(date);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(date.getTime() / 1000) * 1000;
}

/** The zone's wall clock at `date`, as a Date whose UTC fields show it. */
export const toWallClock = (date: Date, timeZone: string) =>
  new Date(date.getTime() + zoneOffsetMs(date, timeZone));

/** The instant at which the zone's wall clock shows the UTC fields of `wall` (ISO in, ISO out). */
export function fromWallClock(wall: string, timeZone: string): string {
  const t = Date.parse(wall);
  const first = t - zoneOffsetMs(new Date(t), timeZone);
  // Once more with the offset at the guessed instant (daylight-saving changes in between).
  return new Date(t - zoneOffsetMs(new Date(first), timeZone)).toISOString();
}
