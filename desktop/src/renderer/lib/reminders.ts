// The reminder schedule, pure: which task and meeting reminders are due now and when the next one
// is. A meeting reminds N minutes before it starts (10 by default), a task at its due time. Each
// reminder fires once: its key (kind, id and the time it is for) is remembered on the device, so a
// reload does not fire it again, while a task moved to a new due time reminds again. Done and cancelled
// ones never remind; one whose moment passed long ago (the app was closed) is skipped, not fired late.
import type { CalendarEventDoc, TaskDoc } from '@app/shared/schemas';

export type ReminderSettings = {
  enabled: boolean;
  /** Minutes before a meeting starts. */
  meetingLeadMinutes: number;
  /** Minutes before a task is due (0: at its due time). */
  taskLeadMinutes: number;
};

export const defaultReminderSettings: ReminderSettings = {
  enabled: true,
  meetingLeadMinutes: 10,
  taskLeadMinutes: 0,
};

export const meetingLeadChoices = [0, 5, 10, 15, 30, 60] as const;

export type Reminder = {
  key: string;
  kind: 'task' | 'event';
  id: string;
  title: string;
  /** When the reminder is for: the task's due time or the meeting's start. */
  startsAt: string;
  /** When it fires. */
  at: number;
  /** In-app route to open on a click. */
  route: string;
};

export type PlanInput = {
  tasks: readonly Pick<TaskDoc, 'id' | 'title' | 'status' | 'dueAt'>[];
  events: readonly Pick<CalendarEventDoc, 'id' | 'title' | 'status' | 'startAt' | 'endAt'>[];
  now: number;
  settings: ReminderSettings;
  fired: (key: string) => boolean;
  /** How late a reminder may still fire (the app was closed or asleep at its moment). */
  graceMs?: number;
};

export type Plan = { due: Reminder[]; nextAt: number | undefined };

export const reminderKey = (kind: Reminder['kind'], id: string, startsAt: string) =>
  `${kind}:${id}:${startsAt}`;

type Candidate = Reminder & { until: number };

/** One item's reminder: `leadMinutes` before `startsAt` (whose time is `start`), open until `until`. */
function reminderOf(
  item: { kind: Reminder['kind']; id: string; title: string; startsAt: string },
  start: number,
  leadMinutes: number,
  until: number,
): Candidate {
  const { kind, id, startsAt } = item;
  return {
    ...item,
    key: reminderKey(kind, id, startsAt),
    at: start - leadMinutes * 60_000,
    route: `#/tasks/${kind}:${encodeURIComponent(id)}`,
    until,
  };
}

function candidates(input: PlanInput): Candidate[] {
  const out: Candidate[] = [];
  for (const t of input.tasks) {
    if (t.status !== 'open' || !t.dueAt) continue;
    const due = Date.parse(t.dueAt);
    if (Number.isNaN(due)) continue;
    const task = { kind: 'task' as const, id: t.id, title: t.title, startsAt: t.dueAt };
    out.push(reminderOf(task, due, input.settings.taskLeadMinutes, Infinity));
  }
  for (const e of input.events) {
    if (e.status !== 'scheduled') continue;
    const start = Date.parse(e.startAt);
    const end = Date.parse(e.endAt);
    if (Number.isNaN(start)) continue;
    const event = { kind: 'event' as const, id: e.id, title: e.title, startsAt: e.startAt };
    // A meeting that is over needs no reminder.
    const until = Number.isNaN(end) ? start : Math.max(start, end);
    out.push(reminderOf(event, start, input.settings.meetingLeadMinutes, until));
  }
  return out;
}

/** The reminders to fire now (oldest first) and when the next one falls due. */
export function planReminders(input: PlanInput): Plan {
  if (!input.settings.enabled) return { due: [], nextAt: undefined };
  const grace = input.graceMs ?? 60 * 60_000;
  const due: Reminder[] = [];
  let nextAt: number | undefined;
  for (const { until, ...r } of candidates(input)) {
    if (input.fired(r.key)) continue;
    if (r.at > input.now) {
      nextAt = nextAt === undefined ? r.at : Math.min(nextAt, r.at);
    } else if (input.now - r.at <= grace && input.now < until) {
      due.push(r);
    }
  }
  due.sort((a, b) => a.at - b.at);
  return { due, nextAt };
}

/** Fired reminders as kept on the device: key -> when it fired. Entries older than `keepMs` are dropped. */
export function parseFired(raw: string | null, now: number, keepMs = 30 * 86_400_000): Map<string, number> {
  const out = new Map<string, number>();
  if (!raw) return out;
  try {
    const data = JSON.parse(raw) as unknown;
    if (!data || typeof data !== 'object') return out;
    for (const [k, v] of Object.entries(data)) {
      if (typeof v === 'number' && now - v <= keepMs) out.set(k, v);
    }
  } catch {
    // A damaged entry forgets what fired; at worst a reminder of the last hour fires again.
  }
  return out;
}

export const serializeFired = (fired: ReadonlyMap<string, number>) =>
  JSON.stringify(Object.fromEntries(fired));

/** Settings as kept on the device, each field checked (a bad value falls back to the default). */
export function parseSettings(raw: string | null): ReminderSettings {
  let data: Partial<Record<keyof ReminderSettings, unknown>> = {};
  try {
    data = (raw ? JSON.parse(raw) : {}) as typeof data;
  } catch {
    data = {};
  }
  const minutes = (v: unknown, d: number) =>
    typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 24 * 60 ? v : d;
  return {
    enabled: typeof data.enabled === 'boolean' ? data.enabled : defaultReminderSettings.enabled,
    meetingLeadMinutes: minutes(data.meetingLeadMinutes, defaultReminderSettings.meetingLeadMinutes),
    taskLeadMinutes: minutes(data.taskLeadMinutes, defaultReminderSettings.taskLeadMinutes),
  };
}
