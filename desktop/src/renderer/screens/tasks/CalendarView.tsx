// Week, month and agenda views of the team's meetings and of the tasks that have a due time, in the
// rep's time zone, today marked (and the current time in the week view), with previous / today / next.
// Tasks are styled apart from meetings and overdue ones are marked. At phone width the calendar is the
// agenda (a list by day: seven columns do not fit); a desktop rep may pick it too. A click (or Enter)
// on a meeting or a task opens it.
//
// The grid is built here with Intl rather than a calendar library: react-big-calendar and FullCalendar
// each bring a date library or their own locale files, stylesheets and drag-and-drop that these
// read-only views do not need; Intl already names months and weekdays in English and Russian, and the
// placement of items is a small pure module (lib/calendar-layout.ts) with its own tests.
import { useMemo, useState } from 'react';
import { useLiveQuery } from '../../data/hooks';
import { useFormat, useI18n } from '../../i18n/i18n';
import { eventsByDay } from '../../lib/calendar-layout';
import { agendaDays, itemKey, meetingItems, taskItems, type CalendarItem } from '../../lib/calendar-items';
import { phoneQuery, useMediaQuery } from '../../lib/media';
import {
  addDays,
  addMonths,
  dayKey,
  firstDayOfWeek,
  monthGrid,
  monthOf,
  startOfDay,
  weekOf,
  type DayKey,
} from '@app/shared/time';
import { useNow, useTimeZone } from '../../lib/clock';
import { CalendarAgenda } from './CalendarAgenda';
import { CalendarMonth } from './CalendarMonth';
import { CalendarToolbar, type Mode } from './CalendarToolbar';
import { CalendarWeek } from './CalendarWeek';
import { isUntimed, utcOf } from './week-layout';

const modeKey = 'sw.calendar.mode';
const storedMode = (): Mode => {
  const m = localStorage.getItem(modeKey);
  return m === 'month' || m === 'agenda' ? m : 'week';
};

/** The meetings and the tasks with a due time in [from, to), and open tasks overdue from before it. */
function useCalendarItems(from: string, to: string, now: number, holdsToday: boolean) {
  // Meetings that start before the range ends and end after it starts.
  const events = useLiveQuery('events', { selector: { startAt: { $lt: to }, endAt: { $gt: from } } }, [
    from,
    to,
  ]).docs;
  const tasks = useLiveQuery('tasks', { selector: { dueAt: { $gte: from, $lt: to } } }, [from, to]).docs;
  const earlierTasks = useLiveQuery(
    'tasks',
    { selector: holdsToday ? { status: 'open', dueAt: { $lt: from } } : { id: { $eq: '' } } },
    [from, holdsToday],
  ).docs;
  return useMemo(
    () => ({
      items: [...meetingItems(events), ...taskItems(tasks, now)],
      earlier: taskItems(earlierTasks, now).sort((a, b) => a.startAt.localeCompare(b.startAt)),
    }),
    [events, tasks, earlierTasks, now],
  );
}

export function CalendarView({ onOpen }: { onOpen(item: CalendarItem): void }) {
  const { t, locale } = useI18n();
  const fmt = useFormat();
  const tag = locale === 'ru' ? 'ru-RU' : 'en-US';
  const timeZone = useTimeZone();
  const now = useNow(60_000);
  const today = dayKey(now, timeZone);
  const phone = useMediaQuery(phoneQuery);
  const [chosen, setChosen] = useState<Mode>(storedMode);
  const mode: Mode = phone ? 'agenda' : chosen;
  const [anchor, setAnchor] = useState<DayKey>(today);
  const first = firstDayOfWeek(tag);
  const weeks = mode === 'month' ? monthGrid(anchor, first) : [weekOf(anchor, first)];
  const days = weeks.flat();
  const from = new Date(startOfDay(days[0]!, timeZone)).toISOString();
  const to = new Date(startOfDay(addDays(days.at(-1)!, 1), timeZone)).toISOString();
  const holdsToday = days.includes(today);
  const { items, earlier } = useCalendarItems(from, to, now, holdsToday);
  const byDay = useMemo(() => eventsByDay(items, days, timeZone), [items, days.join(), timeZone]);
  const names = useMemo(
    () => ({
      weekday: new Intl.DateTimeFormat(tag, { weekday: 'short', timeZone: 'UTC' }),
      day: new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', timeZone: 'UTC' }),
      hour: new Intl.DateTimeFormat(tag, { hour: 'numeric', timeZone: 'UTC' }),
      long: new Intl.DateTimeFormat(tag, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }),
      // An overdue task from an earlier day: its short date and time in the rep's zone ("Nov 16, 7:29 PM").
      dayTime: new Intl.DateTimeFormat(tag, {
        day: 'numeric',
        month: 'short',
        hour: 'numeric',
        minute: '2-digit',
        timeZone,
      }),
    }),
    [tag, timeZone],
  );
  const title =
    mode === 'month'
      ? fmt.monthYear(monthOf(anchor))
      : `${names.day.format(utcOf(days[0]!))} – ${names.day.format(utcOf(days[6]!))}`;
  const move = (n: number) => setAnchor(mode === 'month' ? addMonths(anchor, n) : addDays(anchor, 7 * n));
  const choose = (m: Mode) => {
    localStorage.setItem(modeKey, m);
    setChosen(m);
  };
  const shown = new Set(days.flatMap((d) => byDay.get(d)!.map(itemKey)));
  const meetings = items.filter((i) => i.kind === 'meeting' && shown.has(itemKey(i))).length;
  const tasks = items.filter((i) => i.kind === 'task' && shown.has(itemKey(i))).length;
  // What the week and the month grids both draw from: the items by day, the day names, the times,
  // and opening an item.
  const grid = {
    today,
    byDay,
    names,
    onOpen,
    timeOf: fmt.time,
    untimed: (item: CalendarItem, day: DayKey) => isUntimed(item, day, timeZone),
  };

  return (
    <section aria-label={t('calendar.region')} data-testid="calendar" data-mode={mode}>
      <CalendarToolbar
        title={title}
        counts={t('calendar.meetings', { n: meetings }) + ' · ' + t('calendar.tasks', { n: tasks })}
        onMove={move}
        onToday={() => setAnchor(today)}
        mode={phone ? null : mode}
        onMode={choose}
      />
      {mode === 'week' && <CalendarWeek days={days} now={now} timeZone={timeZone} {...grid} />}
      {mode === 'month' && (
        <CalendarMonth
          weeks={weeks}
          anchor={anchor}
          {...grid}
          onMore={(d) => {
            setAnchor(d);
            choose('week');
          }}
        />
      )}
      {mode === 'agenda' && (
        <CalendarAgenda
          days={agendaDays(byDay, days, today)}
          earlier={earlier}
          today={today}
          heading={names.long}
          onOpen={onOpen}
          whenOf={(item, day) => (grid.untimed(item, day) ? t('calendar.allDay') : fmt.time(item.startAt))}
          dateTimeOf={(iso) => names.dayTime.format(Date.parse(iso))}
        />
      )}
      {meetings + tasks === 0 && earlier.length === 0 && (
        <p className="empty-inline" data-testid="cal-empty">
          {t('calendar.emptyAll')}
        </p>
      )}
    </section>
  );
}
