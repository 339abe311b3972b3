// The reminder schedule: a meeting N minutes before, a task at its due time, once each (also after a
// reload, by the fired keys kept on the device), again when the time moves, never for done or
// cancelled ones nor long after the moment passed.
import { describe, expect, it } from 'vitest';
import {
  parseFired,
  parseSettings,
  planReminders,
  reminderKey,
  serializeFired,
  type PlanInput,
} from './reminders';

const now = Date.parse('2026-11-23T12:00:00Z');
const min = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const settings = { enabled: true, meetingLeadMinutes: 10, taskLeadMinutes: 0 };

const input = (over: Partial<PlanInput>): PlanInput => ({
  tasks: [],
  events: [],
  now,
  settings,
  fired: () => false,
  ...over,
});

describe('planReminders', () => {
  it('reminds of a meeting 10 minutes before it starts, not earlier', () => {
    const meeting = {
      id: 'e1',
      title: 'Demo',
      status: 'scheduled' as const,
      startAt: iso(now + 10 * min),
      endAt: iso(now + 40 * min),
    };
    const plan = planReminders(input({ events: [meeting] }));
    expect(plan.due.map((r) => [r.key, r.route])).toEqual([
      [`event:e1:${meeting.startAt}`, '#/tasks/event:e1'],
    ]);
    const early = planReminders(input({ events: [{ ...meeting, startAt: iso(now + 11 * min) }] }));
    expect(early.due).toEqual([]);
    expect(early.nextAt).toBe(now + min);
  });

  it('reminds of a task at its due time, with the lead the rep chose', () => {
    const t = { id: 't1', title: 'Call back', status: 'open' as const, dueAt: iso(now + 5 * min) };
    expect(planReminders(input({ tasks: [t] })).due).toEqual([]);
    expect(planReminders(input({ tasks: [t] })).nextAt).toBe(now + 5 * min);
    expect(planReminders(input({ tasks: [t], now: now + 5 * min })).due.map((r) => r.id)).toEqual(['t1']);
    expect(
      planReminders(input({ tasks: [t], settings: { ...settings, taskLeadMinutes: 5 } })).due,
    ).toHaveLength(1);
  });

  it('fires once: a fired key is skipped, a moved due time reminds again', () => {
    const t = { id: 't1', title: 'Call back', status: 'open' as const, dueAt: iso(now - min) };
    const fired = new Set([reminderKey('task', 't1', t.dueAt)]);
    expect(planReminders(input({ tasks: [t], fired: (k) => fired.has(k) })).due).toEqual([]);
    const moved = { ...t, dueAt: iso(now) };
    expect(planReminders(input({ tasks: [moved], fired: (k) => fired.has(k) })).due).toHaveLength(1);
  });

  it('never reminds of done or cancelled work, nor when reminders are off', () => {
    const plan = planReminders(
      input({
        tasks: [
          { id: 'a', title: 'a', status: 'done', dueAt: iso(now) },
          { id: 'b', title: 'b', status: 'cancelled', dueAt: iso(now) },
          { id: 'c', title: 'c', status: 'open' },
        ],
        events: [
          { id: 'e', title: 'e', status: 'cancelled', startAt: iso(now + min), endAt: iso(now + 30 * min) },
        ],
      }),
    );
    expect(plan).toEqual({ due: [], nextAt: undefined });
    const off = planReminders(
      input({
        tasks: [{ id: 'a', title: 'a', status: 'open', dueAt: iso(now) }],
        settings: { ...settings, enabled: false },
      }),
    );
    expect(off.due).toEqual([]);
  });

  it('skips a reminder whose moment passed over an hour ago, or a meeting that is over', () => {
    const plan = planReminders(
      input({
        tasks: [{ id: 'old', title: 'old', status: 'open', dueAt: iso(now - 61 * min) }],
        events: [
          {
            id: 'over',
            title: 'over',
            status: 'scheduled',
            startAt: iso(now - 40 * min),
            endAt: iso(now - 10 * min),
          },
        ],
      }),
    );
    expect(plan.due).toEqual([]);
    const running = planReminders(
      input({
        events: [
          {
            id: 'on',
            title: 'on',
            status: 'scheduled',
            startAt: iso(now - 5 * min),
            endAt: iso(now + 25 * min),
          },
        ],
      }),
    );
    expect(running.due.map((r) => r.id)).toEqual(['on']);
  });

  it('orders due reminders by their moment and picks the nearest next one', () => {
    const plan = planReminders(
      input({
        tasks: [
          { id: 'b', title: 'b', status: 'open', dueAt: iso(now - min) },
          { id: 'a', title: 'a', status: 'open', dueAt: iso(now - 2 * min) },
          { id: 'later', title: 'l', status: 'open', dueAt: iso(now + 30 * min) },
        ],
        events: [
          {
            id: 'e',
            title: 'e',
            status: 'scheduled',
            startAt: iso(now + 25 * min),
            endAt: iso(now + 55 * min),
          },
        ],
      }),
    );
    expect(plan.due.map((r) => r.id)).toEqual(['a', 'b']);
    expect(plan.nextAt).toBe(now + 15 * min);
  });
});

describe('what the device keeps', () => {
  it('keeps fired keys for 30 days and survives a damaged entry', () => {
    const raw = serializeFired(
      new Map([
        ['task:a:x', now - 31 * 86_400_000],
        ['task:b:y', now - 1000],
      ]),
    );
    expect([...parseFired(raw, now).keys()]).toEqual(['task:b:y']);
    expect(parseFired('{not json', now).size).toBe(0);
    expect(parseFired('{"k":"nope"}', now).size).toBe(0);
  });

  it('reads settings field by field, falling back to the defaults', () => {
    expect(parseSettings(null)).toEqual({ enabled: true, meetingLeadMinutes: 10, taskLeadMinutes: 0 });
    expect(parseSettings('{"enabled":false,"meetingLeadMinutes":30}')).toEqual({
      enabled: false,
      meetingLeadMinutes: 30,
      taskLeadMinutes: 0,
    });
    expect(parseSettings('{"meetingLeadMinutes":-5,"taskLeadMinutes":"x"}').meetingLeadMinutes).toBe(10);
    expect(parseSettings('][').enabled).toBe(true);
  });
});
