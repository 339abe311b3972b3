// Calendar days in the rep's time zone: day keys, local midnights across DST, weeks and month grids.
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  dayKey,
  firstDayOfWeek,
  monthGrid,
  startOfDay,
  fromWallClock,
  isTimeZone,
  toWallClock,
  weekOf,
  zonedInstant,
  zoneOffsetMs,
} from './zoned-time';

describe('zoned days', () => {
  it('puts an instant on the day of the given zone, not of UTC', () => {
    const ms = Date.parse('2026-11-23T22:30:00Z');
    expect(dayKey(ms, 'UTC')).toBe('2026-11-23');
    expect(dayKey(ms, 'Europe/Moscow')).toBe('2026-11-24'); // 01:30 next day
    expect(dayKey(ms, 'America/Los_Angeles')).toBe('2026-11-23');
    expect(dayKey(Date.parse('2026-11-24T05:00:00Z'), 'America/Los_Angeles')).toBe('2026-11-23');
  });

  it('finds local midnight, also on a DST change day', () => {
    expect(new Date(startOfDay('2026-11-24', 'Europe/Moscow')).toISOString()).toBe(
      '2026-11-23T21:00:00.000Z',
    );
    // New York: 8 March 2026 springs forward at 02:00; midnight is still EST (-5).
    expect(new Date(startOfDay('2026-03-08', 'America/New_York')).toISOString()).toBe(
      '2026-03-08T05:00:00.000Z',
    );
    expect(new Date(startOfDay('2026-03-09', 'America/New_York')).toISOString()).toBe(
      '2026-03-09T04:00:00.000Z',
    );
    expect(new Date(zonedInstant('2026-07-01', 9, 30, 'America/New_York')).toISOString()).toBe(
      '2026-07-01T13:30:00.000Z',
    );
  });

  it('adds days and months over month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-11-30', 2)).toBe('2027-01-30');
  });

  it('starts weeks on Monday in Russian and on Sunday in American English', () => {
    expect(firstDayOfWeek('ru-RU')).toBe(1);
    expect(firstDayOfWeek('en-US')).toBe(0);
    // 2026-11-25 is a Wednesday.
    expect(weekOf('2026-11-25', 1)).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
    expect(weekOf('2026-11-25', 0)[0]).toBe('2026-11-22');
    expect(weekOf('2026-11-22', 0)[0]).toBe('2026-11-22');
  });

  it('makes a month grid of whole weeks holding every day of the month', () => {
    const grid = monthGrid('2026-11-10', 1);
    expect(grid[0]![0]).toBe('2026-10-26');
    expect(grid.at(-1)![6]).toBe('2026-12-06');
    expect(grid).toHaveLength(6);
    expect(grid.flat().filter((d) => d.startsWith('2026-11'))).toHaveLength(30);
    // February 2026 from Sunday: 1 Feb is a Sunday, 28 Feb a Saturday: exactly 4 weeks.
    expect(monthGrid('2026-02-14', 0)).toHaveLength(4);
  });

  it('reads the wall clock of a zone and turns a wall-clock time back into the instant, across DST', () => {
    // Moscow has no DST: always 3 hours ahead.
    expect(zoneOffsetMs(Date.parse('2026-07-01T12:00:00Z'), 'Europe/Moscow')).toBe(3 * 3_600_000);
    expect(toWallClock(new Date('2026-07-01T21:30:00Z'), 'Europe/Moscow').toISOString()).toBe(
      '2026-07-02T00:30:00.000Z',
    );
    expect(fromWallClock('2026-07-02T00:30:00.000Z', 'Europe/Moscow')).toBe('2026-07-01T21:30:00.000Z');
    // Berlin: +1 in winter, +2 in summer; 10:00 on the day clocks go forward (29 March 2026) is summer time.
    expect(fromWallClock('2026-03-29T10:00:00.000Z', 'Europe/Berlin')).toBe('2026-03-29T08:00:00.000Z');
    expect(fromWallClock('2026-03-28T10:00:00.000Z', 'Europe/Berlin')).toBe('2026-03-28T09:00:00.000Z');
    // UTC and names Intl does not know read as UTC, without throwing.
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(zoneOffsetMs(Date.parse('2026-07-01T12:00:00Z'), 'Mars/Olympus_Mons')).toBe(0);
    expect(toWallClock(new Date('2026-07-01T12:00:00Z'), 'UTC').toISOString()).toBe(
      '2026-07-01T12:00:00.000Z',
    );
  });
});
