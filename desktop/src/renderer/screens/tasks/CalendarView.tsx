// Week and month views of the team's meetings in the rep's time zone, today marked (and the current
// time in the week view), with previous / today / next. A click (or Enter) on a meeting opens it.
//
// The grid is built here with Intl rather than a calendar library: react-big-calendar and FullCalendar
// each bring a date library or their own locale files, stylesheets and drag-and-drop that these two
// read-only views do not need; Intl already names months and weekdays in English and Russian, and the
// placement of meetings is a small pure module (lib/calendar-layout.ts) with its own tests.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CalendarEventDoc } from '@app/shared/schemas';
import { useLiveQuery } from '../../data/hooks';
import { useFormat, useI18n } from '../../i18n/i18n';
import { eventsByDay, layoutDay } from '../../lib/calendar-layout';
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

type Mode = 'week' | 'month';
const hourPx = 48;
const modeKey = 'sw.calendar.mode';

export function CalendarView({ onOpen }: { onOpen(id: string): void }) {
  const { t, locale } = useI18n();
  const fmt = useFormat();
  const tag = locale === 'ru' ? 'ru-RU' : 'en-US';
  const timeZone = useTimeZone();
  const now = useNow(60_000);
  const today = dayKey(now, timeZone);
  const [mode, setMode] = useState<Mode>(() =>
    localStorage.getItem(modeKey) === 'month' ? 'month' : 'week',
  );
  const [anchor, setAnchor] = useState<DayKey>(today);
  const first = firstDayOfWeek(tag);
  const weeks = mode === 'week' ? [weekOf(anchor, first)] : monthGrid(anchor, first);
  const days = weeks.flat();
  const from = new Date(startOfDay(days[0]!, timeZone)).toISOString();
  const to = new Date(startOfDay(addDays(days.at(-1)!, 1), timeZone)).toISOString();
  // Meetings that start before the range ends and end after it starts.
  const { docs } = useLiveQuery('events', { selector: { startAt: { $lt: to }, endAt: { $gt: from } } }, [
    from,
    to,
  ]);
  const byDay = useMemo(() => eventsByDay(docs, days, timeZone), [docs, days.join(), timeZone]);
  const names = useMemo(
    () => ({
      weekday: new Intl.DateTimeFormat(tag, { weekday: 'short', timeZone: 'UTC' }),
      day: new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', timeZone: 'UTC' }),
      hour: new Intl.DateTimeFormat(tag, { hour: 'numeric', timeZone: 'UTC' }),
    }),
    [tag],
  );
  const utc = (key: DayKey) => Date.parse(`${key}T00:00:00Z`);
  const title =
    mode === 'month'
      ? fmt.monthYear(monthOf(anchor))
      : `${names.day.format(utc(days[0]!))} – ${names.day.format(utc(days[6]!))}`;
  const move = (n: number) => setAnchor(mode === 'week' ? addDays(anchor, 7 * n) : addMonths(anchor, n));
  const choose = (m: Mode) => {
    localStorage.setItem(modeKey, m);
    setMode(m);
  };
  const count = new Set(days.flatMap((d) => byDay.get(d)!.map((e) => e.id))).size;

  return (
    <section aria-label={t('calendar.title')} data-testid="calendar" data-mode={mode}>
      <div className="cal-toolbar">
        <button type="button" onClick={() => move(-1)} aria-label={t('calendar.prev')} data-testid="cal-prev">
          ‹
        </button>
        <button type="button" onClick={() => setAnchor(today)} data-testid="cal-today">
          {t('calendar.today')}
        </button>
        <button type="button" onClick={() => move(1)} aria-label={t('calendar.next')} data-testid="cal-next">
          ›
        </button>
        <h2 aria-live="polite" data-testid="cal-title">
          {title}
        </h2>
        <span className="muted small">{t('calendar.meetings', { n: count })}</span>
        <span style={{ flex: 1 }} />
        <div className="segmented" role="group" aria-label={t('calendar.range')}>
          {(['week', 'month'] as const).map((m) => (
            <button
              key={m}
              type="button"
              className={mode === m ? 'on' : ''}
              aria-pressed={mode === m}
              onClick={() => choose(m)}
              data-testid={`cal-mode-${m}`}
            >
              {t(`calendar.${m}`)}
            </button>
          ))}
        </div>
      </div>
      {mode === 'week' ? (
        <WeekGrid
          days={days}
          today={today}
          now={now}
          timeZone={timeZone}
          byDay={byDay}
          names={names}
          onOpen={onOpen}
          timeOf={fmt.time}
        />
      ) : (
        <div className="cal-month" data-testid="cal-month">
          {weeks[0]!.map((d) => (
            <div key={d} className="cal-day-head">
              {names.weekday.format(utc(d))}
            </div>
          ))}
          {days.map((d) => {
            const list = byDay.get(d)!;
            return (
              <div
                key={d}
                className={`cal-cell ${d === today ? 'today' : ''} ${monthOf(d) !== monthOf(anchor) ? 'outside' : ''}`}
                data-day={d}
                data-testid="cal-cell"
              >
                <span className="cal-date" aria-current={d === today ? 'date' : undefined}>
                  {Number(d.slice(8))}
                </span>
                {list.slice(0, 3).map((e) => (
                  <button
                    key={e.id}
                    type="button"
                    className={`cal-chip ${e.status}`}
                    onClick={() => onOpen(e.id)}
                    title={e.title}
                    data-testid="cal-event"
                  >
                    {fmt.time(e.startAt)} {e.title}
                  </button>
                ))}
                {list.length > 3 && (
                  <button
                    type="button"
                    className="link small"
                    onClick={() => {
                      setAnchor(d);
                      choose('week');
                    }}
                  >
                    {t('calendar.more', { n: list.length - 3 })}
                  </button>
                )}
              </div>
            );
          })}
        </div>
      )}
      {count === 0 && (
        <p className="empty-inline" data-testid="cal-empty">
          {t('calendar.empty')}
        </p>
      )}
    </section>
  );
}

type Names = { weekday: Intl.DateTimeFormat; day: Intl.DateTimeFormat; hour: Intl.DateTimeFormat };

function WeekGrid(props: {
  days: DayKey[];
  today: DayKey;
  now: number;
  timeZone: string;
  byDay: Map<DayKey, CalendarEventDoc[]>;
  names: Names;
  onOpen(id: string): void;
  timeOf(iso: string): string;
}) {
  const { days, today, now, timeZone, byDay, names } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const laidOut = days.map((d) => layoutDay(byDay.get(d)!, d, timeZone));
  // The week's earliest meeting, in minutes after midnight (Infinity for an empty week).
  const earliest = Math.min(...laidOut.flat().map((p) => p.top));
  // Open at the working day (8:00), or half an hour before the week's first meeting when that is
  // earlier (a 7:00 call must not hide above the fold), with the hour's label in full view (labels sit
  // half a line above their hour). Again when the week or its first meeting changes (meetings load after the grid).
  const firstMinute = Math.max(0, Math.min(8 * 60, earliest - 30));
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = Math.max(0, (firstMinute / 60) * hourPx - 8);
  }, [days[0], firstMinute]);
  const utc = (key: DayKey) => Date.parse(`${key}T00:00:00Z`);
  return (
    <div className="cal-week" data-testid="cal-week">
      <div className="cal-week-head">
        <div className="cal-day-head" style={{ borderLeft: 'none' }} />
        {days.map((d) => (
          <div
            key={d}
            className={`cal-day-head ${d === today ? 'today' : ''}`}
            aria-current={d === today ? 'date' : undefined}
            data-testid="cal-day-head"
          >
            {names.weekday.format(utc(d))}
            <strong>{Number(d.slice(8))}</strong>
          </div>
        ))}
      </div>
      <div className="cal-scroll" ref={scroller}>
        <div className="cal-hours" aria-hidden>
          {Array.from({ length: 24 }, (_, h) => (
            <div key={h}>{h === 0 ? '' : names.hour.format(Date.UTC(2026, 0, 1, h))}</div>
          ))}
        </div>
        {days.map((d) => (
          <div
            key={d}
            className={`cal-day ${d === today ? 'today' : ''}`}
            style={{ height: 24 * hourPx }}
            data-day={d}
            data-testid="cal-day"
          >
            {d === today && (
              <div
                className="cal-now"
                style={{ top: ((now - startOfDay(d, timeZone)) / 3_600_000) * hourPx }}
              />
            )}
            {laidOut[days.indexOf(d)]!.map((p) => (
              <button
                key={p.event.id}
                type="button"
                className={`cal-event ${p.event.status} ${p.height < 45 ? 'short' : ''}`}
                style={{
                  top: (p.top / 60) * hourPx,
                  height: (p.height / 60) * hourPx - 2,
                  left: `calc(${(100 / p.lanes) * p.lane}% + 2px)`,
                  width: `calc(${100 / p.lanes}% - 4px)`,
                }}
                onClick={() => props.onOpen(p.event.id)}
                title={p.event.title}
                data-testid="cal-event"
              >
                {p.height < 45 ? (
                  <strong>
                    {props.timeOf(p.event.startAt)} {p.event.title}
                  </strong>
                ) : (
                  <>
                    <strong>{p.event.title}</strong>
                    {props.timeOf(p.event.startAt)}–{props.timeOf(p.event.endAt)}
                  </>
                )}
              </button>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
