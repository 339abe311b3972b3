// The calendar's placement of meetings: the days each touches, and lanes for overlapping meetings in
// a day column of the week view, in the rep's time zone.
import { describe, expect, it } from 'vitest';
import { eventsByDay, layoutDay, type EventLike } from './calendar-layout';

const ev = (id: string, startAt: string, endAt: string): EventLike => ({
  id,
  title: id,
  startAt,
  endAt,
  status: 'scheduled',
});

describe('calendar layout', () => {
  it('puts a meeting on the days it touches in the rep’s zone', () => {
    const late = ev('late', '2026-11-23T20:30:00Z', '2026-11-23T21:30:00Z'); // 23:30–00:30 in Moscow
    const days = ['2026-11-23', '2026-11-24'];
    const utc = eventsByDay([late], days, 'UTC');
    expect(utc.get('2026-11-23')!.map((e) => e.id)).toEqual(['late']);
    expect(utc.get('2026-11-24')).toEqual([]);
    const msk = eventsByDay([late], days, 'Europe/Moscow');
    expect(msk.get('2026-11-23')!.map((e) => e.id)).toEqual(['late']);
    expect(msk.get('2026-11-24')!.map((e) => e.id)).toEqual(['late']);
  });

  it('puts a task (due at an instant) on its own day only, even in the last half hour before midnight', () => {
    // Due at 23:40 in Moscow: drawn half an hour long, which would reach into the next day, where
    // the week and the agenda listed it a second time.
    const task = ev('task', '2026-11-23T20:40:00Z', '2026-11-23T20:40:00Z');
    const days = ['2026-11-23', '2026-11-24'];
    const msk = eventsByDay([task], days, 'Europe/Moscow');
    expect(msk.get('2026-11-23')!.map((e) => e.id)).toEqual(['task']);
    expect(msk.get('2026-11-24')).toEqual([]);
    // At midnight itself it is the new day's (a due day without a time).
    const midnight = ev('midnight', '2026-11-23T21:00:00Z', '2026-11-23T21:00:00Z');
    const at = eventsByDay([midnight], days, 'Europe/Moscow');
    expect(at.get('2026-11-23')).toEqual([]);
    expect(at.get('2026-11-24')!.map((e) => e.id)).toEqual(['midnight']);
  });

  it('places meetings by minutes from midnight, side by side when they overlap', () => {
    const placed = layoutDay(
      [
        ev('a', '2026-11-23T09:00:00Z', '2026-11-23T10:00:00Z'),
        ev('b', '2026-11-23T09:30:00Z', '2026-11-23T10:30:00Z'),
        ev('c', '2026-11-23T10:00:00Z', '2026-11-23T10:15:00Z'),
        ev('d', '2026-11-23T14:00:00Z', '2026-11-23T15:00:00Z'),
      ],
      '2026-11-23',
      'UTC',
    );
    const by = Object.fromEntries(placed.map((p) => [p.event.id, [p.top, p.height, p.lane, p.lanes]]));
    expect(by).toEqual({
      a: [540, 60, 0, 2],
      b: [570, 60, 1, 2],
      c: [600, 20, 0, 2], // 15 minutes shown as the minimum 20; lane 0 is free again at 10:00
      d: [840, 60, 0, 1],
    });
  });

  it('clips a meeting over midnight to the day', () => {
    const [p] = layoutDay([ev('x', '2026-11-23T23:00:00Z', '2026-11-24T01:00:00Z')], '2026-11-24', 'UTC');
    expect([p!.top, p!.height]).toEqual([0, 60]);
  });
});
