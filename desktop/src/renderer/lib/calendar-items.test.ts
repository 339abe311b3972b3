// The calendar's items: tasks with a due time sit beside meetings, an open one past due is overdue (a
// done or cancelled one is not), and the agenda lists the days that have something, today always.
import { describe, expect, it } from 'vitest';
import { eventsByDay } from './calendar-layout';
import { agendaDays, itemKey, meetingItems, meetingsFirst, taskItems } from './calendar-items';

const now = Date.parse('2026-11-24T12:00:00Z');
const task = (id: string, dueAt: string | undefined, status = 'open') => ({
  id,
  title: id,
  status: status as 'open',
  dueAt,
});

describe('calendar items', () => {
  it('places tasks at their due time, marks open ones past it overdue, leaves out undated and cancelled', () => {
    const items = taskItems(
      [
        task('late', '2026-11-24T09:00:00Z'),
        task('soon', '2026-11-24T15:00:00Z'),
        task('closed', '2026-11-24T08:00:00Z', 'done'),
        task('dropped', '2026-11-24T08:00:00Z', 'cancelled'),
        task('someday', undefined),
      ],
      now,
    );
    expect(items.map((i) => [i.id, i.overdue])).toEqual([
      ['late', true],
      ['soon', false],
      ['closed', false],
    ]);
    expect(items.every((i) => i.kind === 'task' && i.startAt === i.endAt)).toBe(true);
  });

  it('keeps a task and a meeting of one id apart, and lists the agenda by day with today always', () => {
    const meeting = meetingItems([
      {
        id: 'x',
        title: 'Demo',
        startAt: '2026-11-26T10:00:00Z',
        endAt: '2026-11-26T11:00:00Z',
        status: 'scheduled',
      },
    ]);
    const items = [...meeting, ...taskItems([task('x', '2026-11-26T09:00:00Z')], now)];
    expect(new Set(items.map(itemKey)).size).toBe(2);
    const days = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26'];
    const agenda = agendaDays(eventsByDay(items, days, 'UTC'), days, '2026-11-24');
    expect(agenda.map((d) => [d.day, d.items.map((i) => i.kind)])).toEqual([
      ['2026-11-24', []],
      ['2026-11-26', ['task', 'meeting']],
    ]);
  });

  it('puts a month cell’s meetings before its tasks, each in time order', () => {
    const items = [
      { kind: 'task' as const, id: 't1' },
      { kind: 'meeting' as const, id: 'm1' },
      { kind: 'task' as const, id: 't2' },
      { kind: 'meeting' as const, id: 'm2' },
    ];
    expect(meetingsFirst(items).map((i) => i.id)).toEqual(['m1', 'm2', 't1', 't2']);
  });
});
