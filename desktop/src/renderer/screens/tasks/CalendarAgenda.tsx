// The calendar as a list by day (the agenda): what phones show instead of seven squeezed columns, and
// what a desktop rep may pick. Each day that has something, today always, with its meetings and due
// tasks in time order; open tasks overdue from before the range come first while it holds today.
import type { DayKey } from '@app/shared/time';
import { useI18n } from '../../i18n/i18n';
import { itemKey, type AgendaDay, type CalendarItem } from '../../lib/calendar-items';
import { ItemIcon, ItemKind, itemClass } from './CalendarItemParts';
import { utcOf } from './week-layout';

export function CalendarAgenda(props: {
  days: AgendaDay[];
  earlier: CalendarItem[];
  today: DayKey;
  heading: Intl.DateTimeFormat;
  onOpen(item: CalendarItem): void;
  /** An item's time on `day` ("All day" for a task due that day with no time). */
  whenOf(item: CalendarItem, day: DayKey): string;
  dateTimeOf(iso: string): string;
}) {
  const { t } = useI18n();
  return (
    <div className="cal-agenda" data-testid="cal-agenda">
      {props.earlier.length > 0 && (
        <section className="cal-agenda-day overdue" data-testid="cal-agenda-earlier">
          <h3>{t('calendar.overdueEarlier')}</h3>
          <ul>
            {props.earlier.map((item) => (
              <AgendaRow key={itemKey(item)} item={item} when={props.dateTimeOf(item.startAt)} {...props} />
            ))}
          </ul>
        </section>
      )}
      {props.days.map(({ day, items }) => (
        <section
          key={day}
          className={`cal-agenda-day ${day === props.today ? 'today' : ''}`}
          data-day={day}
          data-testid="cal-agenda-day"
        >
          <h3 aria-current={day === props.today ? 'date' : undefined}>
            {props.heading.format(utcOf(day))}
            {day === props.today && <span className="pill">{t('calendar.today')}</span>}
          </h3>
          {items.length === 0 ? (
            <p className="muted small">{t('calendar.nothingToday')}</p>
          ) : (
            <ul>
              {items.map((item) => (
                <AgendaRow key={itemKey(item)} item={item} when={props.whenOf(item, day)} {...props} />
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}

/** One item as a row: its time, icon and title, an overdue one marked (also the week's "+N" lists). */
export function AgendaRow({
  item,
  when,
  onOpen,
  testId = 'cal-agenda-item',
}: {
  item: CalendarItem;
  when: string;
  onOpen(item: CalendarItem): void;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <li>
      <button
        type="button"
        className={`cal-agenda-item ${itemClass(item)}`}
        onClick={() => onOpen(item)}
        data-testid={testId}
        data-kind={item.kind}
        data-overdue={item.overdue || undefined}
      >
        <time dateTime={item.startAt}>{when}</time>
        <ItemIcon item={item} />
        <ItemKind item={item} />
        <span className="cal-agenda-title">
          {item.title}
          {item.overdue && <span className="pill danger">{t('calendar.overdue')}</span>}
        </span>
      </button>
    </li>
  );
}
