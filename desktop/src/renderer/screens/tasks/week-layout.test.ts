// The week view's day column: untimed tasks to the all-day row, tasks of one hour in one box, lanes
// only as many as stay readable with the rest in "+N" chips, where the week opens, and how "+N" reads.
import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/i18n';
import type { CalendarItem } from '../../lib/calendar-items';
import { firstMinute, isUntimed, lanesFor, layoutWeekDay, stripPx } from './week-layout';

const day = '2026-12-07';
const zone = 'Europe/Moscow'; // UTC+3: 09:00 there is 06:00Z
const task = (id: string, at: string): CalendarItem => ({
  kind: 'task',
  id,
  title: id,
  startAt: at,
  endAt: at,
  status: 'open',
  overdue: false,
});
const meeting = (id: string, startAt: string, endAt: string): CalendarItem => ({
  kind: 'meeting',
  id,
  title: id,
  startAt,
  endAt,
  status: 'scheduled',
  overdue: false,
});
const ids = (items: CalendarItem[]) => items.map((i) => i.id);

describe('the week view’s day column', () => {
  it('sends a task due at the day’s very start (no time) to the all-day row, a minute later stays timed', () => {
    const untimed = task('untimed', '2026-12-06T21:00:00Z'); // 00:00 in Moscow
    const early = task('early', '2026-12-06T21:01:00Z');
    const { allDay, boxes } = layoutWeekDay([untimed, early], day, zone, 2);
    expect(ids(allDay)).toEqual(['untimed']);
    expect(boxes.map((b) => [b.kind, ids(b.items), b.top])).toEqual([['item', ['early'], 1]]);
    expect(isUntimed(untimed, day, 'UTC')).toBe(false); // 21:00 the day before in UTC
    expect(isUntimed(meeting('m', '2026-12-06T21:00:00Z', '2026-12-06T22:00:00Z'), day, zone)).toBe(false);
  });

  it('puts five tasks due in one hour in one box over the hour, beside the meeting of that hour', () => {
    const five = [0, 10, 10, 20, 45].map((m, i) =>
      task(`t${i}`, `2026-12-07T06:${String(m).padStart(2, '0')}:00Z`),
    );
    const call = meeting('call', '2026-12-07T06:30:00Z', '2026-12-07T07:30:00Z');
    const { boxes } = layoutWeekDay([...five, call], day, zone, 2);
    const hour = boxes.find((b) => b.kind === 'hour')!;
    expect(ids(hour.items)).toEqual(['t0', 't1', 't2', 't3', 't4']);
    expect([hour.top, hour.height, hour.lanes]).toEqual([540, 60, 2]);
    const block = boxes.find((b) => b.kind === 'item')!;
    expect([ids(block.items), block.top, block.height, block.lanes]).toEqual([['call'], 570, 60, 2]);
    expect(boxes).toHaveLength(2);
  });

  it('keeps a lone task of an hour at its own minute, apart from the next hour’s', () => {
    const { boxes } = layoutWeekDay(
      [task('a', '2026-12-07T06:40:00Z'), task('b', '2026-12-07T08:05:00Z')],
      day,
      zone,
      2,
    );
    expect(boxes.map((b) => [b.kind, b.top, b.lanes])).toEqual([
      ['item', 580, 1],
      ['item', 665, 1],
    ]);
  });

  it('shows no more lanes than fit and collapses the rest of the overlap into "+N" chips', () => {
    const four = ['a', 'b', 'c', 'd'].map((id) =>
      meeting(id, '2026-12-07T07:00:00Z', '2026-12-07T08:00:00Z'),
    );
    const wide = layoutWeekDay(four, day, zone, 3).boxes;
    expect(wide.filter((b) => b.kind === 'item').map((b) => [b.lane, b.lanes, b.reserve])).toEqual([
      [0, 2, stripPx],
      [1, 2, stripPx],
    ]);
    expect(wide.filter((b) => b.kind === 'more').map((b) => [ids(b.items), b.top])).toEqual([
      [['c', 'd'], 600],
    ]);
    // Three fit at three lanes: no strip at all.
    const three = layoutWeekDay(four.slice(0, 3), day, zone, 3).boxes;
    expect(three.map((b) => [b.kind, b.lanes, b.reserve])).toEqual([
      ['item', 3, 0],
      ['item', 3, 0],
      ['item', 3, 0],
    ]);
    // A column that fits one lane: one block and the rest in the strip.
    const narrow = layoutWeekDay(four.slice(0, 2), day, zone, 1).boxes;
    expect(narrow.map((b) => [b.kind, ids(b.items)])).toEqual([
      ['item', ['a']],
      ['more', ['b']],
    ]);
    // Meetings that do not overlap keep the full width whatever the column.
    const apart = layoutWeekDay(
      [meeting('x', '2026-12-07T06:00:00Z', '2026-12-07T07:00:00Z'), four[0]!],
      day,
      zone,
      1,
    ).boxes;
    expect(apart.map((b) => [b.kind, b.lanes, b.reserve])).toEqual([
      ['item', 1, 0],
      ['item', 1, 0],
    ]);
  });

  it('gives meetings the lanes first: when lanes run out it is the tasks that go to "+N"', () => {
    const tasks = [task('t1', '2026-12-07T06:00:00Z'), task('t2', '2026-12-07T06:05:00Z')];
    const call = meeting('call', '2026-12-07T06:10:00Z', '2026-12-07T07:00:00Z');
    const boxes = layoutWeekDay([...tasks, call], day, zone, 1).boxes;
    expect(boxes.map((b) => [b.kind, ids(b.items)])).toEqual([
      ['item', ['call']],
      ['more', ['t1', 't2']],
    ]);
    // With room for two lanes both show, the meeting in the first.
    const two = layoutWeekDay([...tasks, call], day, zone, 2).boxes;
    expect(two.map((b) => [b.kind, b.lane, b.lanes])).toEqual([
      ['hour', 1, 2],
      ['item', 0, 2],
    ]);
  });

  it('merges "+N" chips less than half an hour apart into one', () => {
    const ms = [
      meeting('a', '2026-12-07T07:00:00Z', '2026-12-07T09:00:00Z'),
      meeting('b', '2026-12-07T07:00:00Z', '2026-12-07T09:00:00Z'),
      meeting('c', '2026-12-07T07:10:00Z', '2026-12-07T07:40:00Z'),
      meeting('d', '2026-12-07T07:50:00Z', '2026-12-07T08:20:00Z'),
    ];
    const chips = layoutWeekDay(ms, day, zone, 1).boxes.filter((b) => b.kind === 'more');
    expect(chips.map((b) => [ids(b.items), b.top])).toEqual([
      [['b', 'c'], 600],
      [['d'], 650],
    ]);
  });

  it('keeps lanes readable: one per 72 px, at most three', () => {
    expect([60, 150, 160, 230, 400].map(lanesFor)).toEqual([1, 2, 2, 3, 3]);
  });

  it('opens at 8:00, earlier for an early item, but keeps 8:00–11:00 in view', () => {
    expect(firstMinute(Infinity, 600)).toBe(480);
    expect(firstMinute(600, 600)).toBe(480);
    expect(firstMinute(390, 600)).toBe(360);
    expect(firstMinute(30, 780)).toBe(0);
    expect(firstMinute(30, 360)).toBe(300);
  });
});

describe('the week’s "+N" in both languages', () => {
  it('counts with each language’s plural forms', () => {
    const ru = translator('ru');
    const en = translator('en');
    expect([1, 2, 5, 21].map((n) => ru('calendar.moreItems', { n }))).toEqual([
      'ещё 1 запись',
      'ещё 2 записи',
      'ещё 5 записей',
      'ещё 21 запись',
    ]);
    expect(ru('calendar.moreLabel', { n: 4, when: '10:00' })).toBe('Ещё 4 записи, 10:00');
    expect([1, 4].map((n) => en('calendar.moreLabel', { n, when: '10:00 AM' }))).toEqual([
      '1 more item, 10:00 AM',
      '4 more items, 10:00 AM',
    ]);
    expect(en('calendar.moreItems', { n: 4 })).toBe('+4 more');
  });
});
