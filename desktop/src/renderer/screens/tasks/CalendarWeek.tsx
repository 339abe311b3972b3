// The calendar's week: seven day columns of hours in the rep's time zone, the current time on today's
// column, meetings as blocks from start to end and tasks at their due time (styled apart, overdue ones
// marked), side by side where they overlap. Opens at the working day or the week's first item.
import { useEffect, useRef } from 'react';
import { startOfDay, type DayKey } from '@app/shared/time';
import { layoutDay } from '../../lib/calendar-layout';
import { itemKey, type CalendarItem } from '../../lib/calendar-items';
import { ItemIcon, ItemKind, itemClass, useItemKind } from './CalendarItemParts';

const hourPx = 48;

export type Names = { weekday: Intl.DateTimeFormat; day: Intl.DateTimeFormat; hour: Intl.DateTimeFormat };

export const utcOf = (key: DayKey) => Date.parse(`${key}T00:00:00Z`);

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
  const kindOf = useItemKind();
  const scroller = useRef<HTMLDivElement>(null);
  const laidOut = days.map((d) => layoutDay(byDay.get(d)!, d, timeZone));
  // The week's earliest item, in minutes after midnight (Infinity for an empty week).
  const earliest = Math.min(...laidOut.flat().map((p) => p.top));
  // Open at the working day (8:00), or half an hour before the week's first item when that is
  // earlier (a 7:00 call must not hide above the fold), with the hour's label in full view (labels sit
  // half a line above their hour). Again when the week or its first item changes (items load after the grid).
  const firstMinute = Math.max(0, Math.min(8 * 60, earliest - 30));
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = Math.max(0, (firstMinute / 60) * hourPx - 8);
  }, [days[0], firstMinute]);
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
      {/* Focusable: a week with no event has nothing else a keyboard could scroll its hours with. */}
      <div className="cal-scroll" ref={scroller} tabIndex={0}>
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
            {laidOut[i]!.map((p) => {
              const item = p.event;
              const short = p.height < 45 || item.kind === 'task';
              return (
                <button
                  key={itemKey(item)}
                  type="button"
                  className={`cal-event ${itemClass(item)} ${short ? 'short' : ''}`}
                  style={{
                    top: (p.top / 60) * hourPx,
                    height: (p.height / 60) * hourPx - 2,
                    left: `calc(${(100 / p.lanes) * p.lane}% + 2px)`,
                    width: `calc(${100 / p.lanes}% - 4px)`,
                  }}
                  onClick={() => props.onOpen(item)}
                  title={`${kindOf(item)}: ${item.title}`}
                  data-testid="cal-event"
                  data-kind={item.kind}
                  data-overdue={item.overdue || undefined}
                >
                  <ItemKind item={item} />
                  {short ? (
                    // The title first (the hour's row already says when): cut, it is the time that goes.
                    <strong>
                      <ItemIcon item={item} /> {item.title}{' '}
                      <span className="cal-time">{props.timeOf(item.startAt)}</span>
                    </strong>
                  ) : (
                    <>
                      <strong>
                        <ItemIcon item={item} /> {item.title}
                      </strong>
                      {props.timeOf(item.startAt)}–{props.timeOf(item.endAt)}
                    </>
                  )}
                </button>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
