// The calendar's month view (CalendarView.tsx): a grid of the month's weeks, each day with its first
// three items (meetings first; a title wraps onto a second line) and "n more", which opens that week.
import { useI18n } from '../../i18n/i18n';
import { itemKey, meetingsFirst, type CalendarItem } from '../../lib/calendar-items';
import { monthOf, type DayKey } from '@app/shared/time';
import { ItemIcon, ItemKind, itemClass, useItemKind } from './CalendarItemParts';
import { utcOf } from './week-layout';

export function CalendarMonth(props: {
  weeks: DayKey[][];
  anchor: DayKey;
  today: DayKey;
  byDay: Map<DayKey, CalendarItem[]>;
  names: { weekday: Intl.DateTimeFormat };
  onOpen(item: CalendarItem): void;
  onMore(day: DayKey): void;
  timeOf(iso: string): string;
  /** A task due on `day` with no time: shown without one. */
  untimed(item: CalendarItem, day: DayKey): boolean;
}) {
  const { t } = useI18n();
  const kindOf = useItemKind();
  const { weeks, anchor, today } = props;
  return (
    <div className="cal-month" data-testid="cal-month">
      {weeks[0]!.map((d) => (
        <div key={d} className="cal-day-head">
          {props.names.weekday.format(utcOf(d))}
        </div>
      ))}
      {weeks.flat().map((d) => {
        const list = meetingsFirst(props.byDay.get(d)!);
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
                key={itemKey(e)}
                type="button"
                className={`cal-chip ${itemClass(e)}`}
                onClick={() => props.onOpen(e)}
                title={`${kindOf(e)}: ${e.title}`}
                data-testid="cal-event"
                data-kind={e.kind}
                data-overdue={e.overdue || undefined}
              >
                <ItemKind item={e} />
                <ItemIcon item={e} /> {props.untimed(e, d) ? '' : props.timeOf(e.startAt)} {e.title}
              </button>
            ))}
            {list.length > 3 && (
              <button type="button" className="link small" onClick={() => props.onMore(d)}>
                {t('calendar.more', { n: list.length - 3 })}
              </button>
            )}
          </div>
        );
      })}
    </div>
  );
}
