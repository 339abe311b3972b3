// Reminders on this device: watches open tasks and scheduled meetings in the local database, asks
// the pure schedule (lib/reminders.ts) what is due, shows each as a desktop notification (the shell's
// native one in Electron, the web Notification API in a browser) and remembers it fired, so a reload
// or a second window does not show it again. Settings and fired keys live in localStorage per account.
import type { CalendarEventDoc, TaskDoc } from '@app/shared/schemas';
import type { Translate } from '../i18n/i18n';
import { formatter, type Formatter } from '../lib/format';
import {
  parseFired,
  parseSettings,
  planReminders,
  serializeFired,
  type Reminder,
  type ReminderSettings,
} from '../lib/reminders';
import { platform } from '../platform/platform';
import type { Workspace } from './workspace';

const settingsKey = 'sw.reminders';
const firedKey = (ws: Workspace) => `sw.reminders.fired.${ws.session.userId ?? ws.session.email ?? 'user'}`;
const changed = new EventTarget();

export const readReminderSettings = () => parseSettings(localStorage.getItem(settingsKey));

export function writeReminderSettings(settings: ReminderSettings) {
  localStorage.setItem(settingsKey, JSON.stringify(settings));
  changed.dispatchEvent(new Event('change'));
}

export function onReminderSettings(listener: () => void): () => void {
  changed.addEventListener('change', listener);
  return () => changed.removeEventListener('change', listener);
}

/** Whether the web Notification API may show notifications (the Electron shell needs no permission). */
export function notificationPermission(): NotificationPermission | 'unsupported' | 'native' {
  if (window.desktop) return 'native';
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

function notification(r: Reminder, t: Translate, fmt: Formatter, rtf: Intl.RelativeTimeFormat, now: number) {
  const minutes = Math.round((Date.parse(r.startsAt) - now) / 60_000);
  const when = `${rtf.format(minutes, 'minute')} (${fmt.dateTime(r.startsAt)})`;
  return r.kind === 'task'
    ? { title: t('reminders.taskTitle', { title: r.title }), body: t('reminders.taskBody', { when }) }
    : {
        title: t('reminders.meetingTitle', { time: fmt.time(r.startsAt), title: r.title }),
        body: t('reminders.meetingBody', { when }),
      };
}

/** Starts the reminders of a workspace; returns the stop function. */
export function startReminders(ws: Workspace, t: Translate, locale: 'en' | 'ru'): () => void {
  let tasks: TaskDoc[] = [];
  let events: CalendarEventDoc[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fmt = formatter(locale);
  const rtf = new Intl.RelativeTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-US', { numeric: 'auto' });

  const check = () => {
    clearTimeout(timer);
    const now = Date.now();
    const fired = parseFired(localStorage.getItem(firedKey(ws)), now);
    const plan = planReminders({ tasks, events, now, settings: readReminderSettings(), fired: (k) => fired.has(k) });
    if (plan.due.length) {
      for (const r of plan.due) fired.set(r.key, now);
      // Marked before shown: another window checking at the same moment finds them fired.
      localStorage.setItem(firedKey(ws), serializeFired(fired));
      for (const r of plan.due) {
        void platform.showNotification({ kind: 'reminder', tag: r.key, route: r.route, ...notification(r, t, fmt, rtf, now) });
      }
    }
    // Wake at the next reminder, and at least every minute (a sleeping laptop's timers drift).
    const wait = plan.nextAt === undefined ? 60_000 : Math.min(60_000, Math.max(250, plan.nextAt - now));
    timer = setTimeout(check, wait);
  };

  // Subscribed a moment after start: the first screen queries the local database first.
  const subs: { unsubscribe(): void }[] = [];
  const begin = setTimeout(() => {
    subs.push(
      ws.db.tasks.find({ selector: { status: 'open' } }).$.subscribe((docs) => {
        tasks = docs.map((d) => d.toJSON() as TaskDoc);
        check();
      }),
      ws.db.events.find({ selector: { status: 'scheduled' } }).$.subscribe((docs) => {
        events = docs.map((d) => d.toJSON() as CalendarEventDoc);
        check();
      }),
    );
  }, 1500);
  const off = onReminderSettings(check);
  return () => {
    clearTimeout(begin);
    clearTimeout(timer);
    off();
    subs.forEach((s) => s.unsubscribe());
  };
}
