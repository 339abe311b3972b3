// The calendar's week: seven day columns of hours in the rep's time zone, the current time on today's
// column, an all-day row above the hours for tasks due on a day without a time, meetings as blocks
// from start to end, and tasks at their due time (styled apart, overdue ones marked), those due in
// one hour stacked or collapsed to "+N more". What overlaps shares the column in lanes only as many
// as stay readable at its width (week-layout.ts); the rest is a "+N" chip. Opens at the working day.
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { startOfDay, type DayKey } from '@app/shared/time';
import { useI18n } from '../../i18n/i18n';
import type { CalendarItem } from '../../lib/calendar-items';
import { firstMinute, lanesFor, layoutWeekDay, utcOf, type WeekDay } from './week-layout';
import { Stack, WeekBoxView, hourPx, type WeekCtx } from './WeekParts';

export type Names = {
  weekday: Intl.DateTimeFormat;
  day: Intl.DateTimeFormat;
  hour: Intl.DateTimeFormat;
  long: Intl.DateTimeFormat;
};

const hoursColumnPx = 56;

/** How many lanes a day column keeps readable, from the grid's width (again when it changes). */
function useFitLanes(scroller: RefObject<HTMLDivElement | null>) {
  const [fit, setFit] = useState(2);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setFit(lanesFor((el.clientWidth - hoursColumnPx) / 7));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [scroller]);
  return fit;
}

/**
 * Opens at the working day (8:00), or half an hour before the week's first item when that is earlier,
 * keeping 8:00 to 11:00 in view, with the hour's label in full view (labels sit half a line above their
 * hour). Again when the week or its first item changes (items load after the grid).
 */
function useOpenAtWorkingDay(scroller: RefObject<HTMLDivElement | null>, week: DayKey, earliest: number) {
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const minute = firstMinute(earliest, (el.clientHeight / hourPx) * 60);
    el.scrollTop = Math.max(0, (minute / 60) * hourPx - 8);
  }, [scroller, week, earliest]);
}

export function CalendarWeek(props: {
  days: DayKey[];
  today: DayKey;
  now: number;
  timeZone: string;
  byDay: Map<DayKey, CalendarItem[]>;
  names: Names;
  onOpen(item: CalendarItem): void;
  timeOf(iso: string): string;
}) {
  const { days, today, now, timeZone, byDay, names } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const fit = useFitLanes(scroller);
  const laidOut = useMemo(
    () => days.map((d) => layoutWeekDay(byDay.get(d)!, d, timeZone, fit)),
    [byDay, days.join(), timeZone, fit],
  );
  // The week's earliest timed item, in minutes after midnight (Infinity for an empty week).
  useOpenAtWorkingDay(scroller, days[0]!, Math.min(...laidOut.flatMap((l) => l.boxes.map((b) => b.top))));
  const ctxOf = (d: DayKey): WeekCtx => ({
    onOpen: props.onOpen,
    timeOf: props.timeOf,
    dayName: names.long.format(utcOf(d)),
    dayStart: startOfDay(d, timeZone),
  });
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
            {names.weekday.format(utcOf(d))}
            <strong>{Number(d.slice(8))}</strong>
          </div>
        ))}
      </div>
      <AllDayRow days={days} laidOut={laidOut} today={today} ctxOf={ctxOf} />
      {/* Focusable: a week with no event has nothing else a keyboard could scroll its hours with. */}
      <div className="cal-scroll" ref={scroller} tabIndex={0} data-testid="cal-scroll">
        <div className="cal-hours" aria-hidden>
          {Array.from({ length: 24 }, (_, h) => (
            <div key={h}>{h === 0 ? '' : names.hour.format(Date.UTC(2026, 0, 1, h))}</div>
          ))}
        </div>
        {days.map((d, i) => (
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
            {laidOut[i]!.boxes.map((box) => (
              <WeekBoxView key={box.key} box={box} ctx={ctxOf(d)} />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

/** Above the hours: each day's tasks due with no time, stacked or "+N more". */
function AllDayRow(props: { days: DayKey[]; laidOut: WeekDay[]; today: DayKey; ctxOf(d: DayKey): WeekCtx }) {
  const { t } = useI18n();
  return (
    <div className="cal-allday-row">
      <div className="cal-allday-label">{t('calendar.allDay')}</div>
      {props.days.map((d, i) => (
        <div
          key={d}
          className={`cal-allday ${d === props.today ? 'today' : ''}`}
          data-day={d}
          data-testid="cal-allday"
        >
          <Stack items={props.laidOut[i]!.allDay} when={t('calendar.allDay')} ctx={props.ctxOf(d)} />
        </div>
      ))}
    </div>
  );
}
