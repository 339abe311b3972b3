// The Tasks screen's filters and grouping: whose tasks, overdue and today by the rep's own midnight,
// order, groups by deal, relative due times, datetime-local round trips.
import { describe, expect, it } from 'vitest';
import {
  defaultDue,
  dueState,
  fromLocalInput,
  groupByDeal,
  inTab,
  isMine,
  relativeDue,
  toLocalInput,
  viewTasks,
  type TaskLike,
} from './task-views';

const task = (id: string, over: Partial<TaskLike> = {}): TaskLike => ({
  id,
  title: id,
  status: 'open',
  createdBy: { kind: 'agent', name: 'answer' },
  updatedAt: '2026-11-20T10:00:00.000Z',
  ...over,
});

// 23 Nov 2026, 22:30 UTC: already 24 Nov (01:30) in Moscow, still 23 Nov (14:30) in Los Angeles.
const now = Date.parse('2026-11-23T22:30:00Z');

describe('task filters', () => {
  it('judges today and overdue by the rep’s time zone', () => {
    const dueSoonUtc = task('a', { dueAt: '2026-11-23T23:30:00Z' });
    expect(dueState(dueSoonUtc, now, 'UTC')).toBe('today');
    expect(dueState(dueSoonUtc, now, 'Europe/Moscow')).toBe('today');
    const tomorrowMorningUtc = task('b', { dueAt: '2026-11-24T06:00:00Z' });
    expect(dueState(tomorrowMorningUtc, now, 'UTC')).toBe('upcoming');
    expect(dueState(tomorrowMorningUtc, now, 'Europe/Moscow')).toBe('today'); // 09:00 of Moscow's today
    expect(dueState(tomorrowMorningUtc, now, 'America/Los_Angeles')).toBe('today'); // 22:00 of LA's 23rd
    expect(dueState(task('c', { dueAt: '2026-11-23T22:00:00Z' }), now, 'UTC')).toBe('overdue');
    expect(dueState(task('d'), now, 'UTC')).toBe('none');
  });

  it('keeps a task whose hour passed today in Today and in Overdue', () => {
    const earlier = task('e', { dueAt: '2026-11-23T09:00:00Z' });
    const ctx = { now, timeZone: 'UTC' };
    expect(inTab(earlier, 'today', ctx)).toBe(true);
    expect(inTab(earlier, 'overdue', ctx)).toBe(true);
    expect(inTab(earlier, 'upcoming', ctx)).toBe(false);
    // In Moscow it is the 24th already: the 23rd's task is overdue, not today's.
    expect(inTab(earlier, 'today', { now, timeZone: 'Europe/Moscow' })).toBe(false);
  });

  it('shows done tasks under Done only and cancelled ones nowhere', () => {
    const ctx = { now, timeZone: 'UTC' };
    const done = task('f', { status: 'done', dueAt: '2026-11-20T09:00:00Z' });
    const cancelled = task('g', { status: 'cancelled', dueAt: '2026-11-20T09:00:00Z' });
    expect(
      ['open', 'overdue', 'today', 'upcoming', 'done'].filter((t) => inTab(done, t as never, ctx)),
    ).toEqual(['done']);
    expect(
      ['open', 'overdue', 'today', 'upcoming', 'done'].filter((t) => inTab(cancelled, t as never, ctx)),
    ).toEqual([]);
  });

  it('counts a task as mine when assigned to me, or unassigned on my deal or written by me', () => {
    const ownerOf = (id: string) => ({ 'lead-1': 'me', 'lead-2': 'other' })[id];
    expect(isMine(task('a', { assigneeId: 'me' }), { me: 'me', ownerOf })).toBe(true);
    expect(isMine(task('b', { assigneeId: 'other', leadId: 'lead-1' }), { me: 'me', ownerOf })).toBe(false);
    expect(isMine(task('c', { leadId: 'lead-1' }), { me: 'me', ownerOf })).toBe(true);
    expect(isMine(task('d', { leadId: 'lead-2' }), { me: 'me', ownerOf })).toBe(false);
    expect(isMine(task('e', { createdBy: { kind: 'rep', id: 'me' } }), { me: 'me', ownerOf })).toBe(true);
    expect(isMine(task('f', { createdBy: { kind: 'rep', id: 'other' } }), { me: 'me', ownerOf })).toBe(false);
  });

  it('sorts by due time (undated last, high priority first) and counts every tab of the scope', () => {
    const tasks = [
      task('undated'),
      task('late', { dueAt: '2026-11-25T10:00:00Z', assigneeId: 'me' }),
      task('soon-normal', { dueAt: '2026-11-24T10:00:00Z' }),
      task('soon-high', { dueAt: '2026-11-24T10:00:00Z', priority: 'high' }),
      task('past', { dueAt: '2026-11-22T10:00:00Z', assigneeId: 'other' }),
      task('closed', { status: 'done', updatedAt: '2026-11-23T00:00:00Z' }),
    ];
    const ctx = { now, timeZone: 'UTC', me: 'me' };
    const team = viewTasks(tasks, 'team', 'open', ctx);
    expect(team.tasks.map((t) => t.id)).toEqual(['past', 'soon-high', 'soon-normal', 'late', 'undated']);
    expect(team.counts).toEqual({ open: 5, overdue: 1, today: 0, upcoming: 3, done: 1 });
    expect(viewTasks(tasks, 'mine', 'open', ctx).tasks.map((t) => t.id)).toEqual(['late']);
    expect(viewTasks(tasks, 'unassigned', 'open', ctx).counts.open).toBe(3);
  });

  it('groups by deal in the order of each deal’s first task, tasks without a deal last', () => {
    const groups = groupByDeal([
      task('1', { leadId: 'b' }),
      task('2'),
      task('3', { leadId: 'a' }),
      task('4', { leadId: 'b' }),
    ]);
    expect(groups.map((g) => [g.leadId, g.tasks.map((t) => t.id)])).toEqual([
      ['b', ['1', '4']],
      ['a', ['3']],
      [undefined, ['2']],
    ]);
  });
});

describe('due times in words and inputs', () => {
  const en = new Intl.RelativeTimeFormat('en-US', { numeric: 'auto' });
  const ru = new Intl.RelativeTimeFormat('ru-RU', { numeric: 'auto' });

  it('says minutes and hours near now, calendar days further, in the rep’s zone', () => {
    expect(relativeDue('2026-11-23T22:50:00Z', now, 'UTC', en)).toBe('in 20 minutes');
    expect(relativeDue('2026-11-23T20:30:00Z', now, 'UTC', en)).toBe('2 hours ago');
    expect(relativeDue('2026-11-25T12:00:00Z', now, 'UTC', en)).toBe('in 2 days');
    expect(relativeDue('2026-11-22T08:00:00Z', now, 'UTC', ru)).toBe('вчера');
    expect(relativeDue('2026-11-24T12:00:00Z', now, 'Europe/Moscow', en)).toBe('in 14 hours');
    expect(relativeDue('2026-11-25T12:00:00Z', now, 'Europe/Moscow', ru)).toBe('завтра');
  });

  it('round-trips a datetime-local value through the rep’s zone', () => {
    expect(fromLocalInput('2026-11-24T09:15', 'Europe/Moscow')).toBe('2026-11-24T06:15:00.000Z');
    expect(toLocalInput('2026-11-24T06:15:00.000Z', 'Europe/Moscow')).toBe('2026-11-24T09:15');
    expect(fromLocalInput('not a date', 'UTC')).toBeUndefined();
    expect(toLocalInput(undefined, 'UTC')).toBe('');
  });

  it('proposes 18:00 today for a new task, or tomorrow’s once that has passed', () => {
    expect(defaultDue(Date.parse('2026-11-23T10:00:00Z'), 'UTC')).toEqual({ day: '2026-11-23', hour: 18 });
    expect(defaultDue(now, 'UTC')).toEqual({ day: '2026-11-24', hour: 18 });
  });
});
