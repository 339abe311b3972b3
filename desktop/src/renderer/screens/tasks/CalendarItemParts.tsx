// How one calendar item reads wherever it is drawn (week column, month cell, agenda row): a meeting
// and a task look apart (an icon and a style of their own), an overdue task is marked, and a screen
// reader hears which kind it is.
import { AlertCircle, CalendarDays, Circle, CircleCheck } from 'lucide-react';
import { useI18n } from '../../i18n/i18n';
import type { CalendarItem } from '../../lib/calendar-items';

export const itemClass = (item: CalendarItem) =>
  [item.kind === 'task' ? 'is-task' : 'is-meeting', item.status, item.overdue ? 'overdue' : '']
    .filter(Boolean)
    .join(' ');

export function ItemIcon({ item }: { item: CalendarItem }) {
  const Icon =
    item.kind === 'meeting'
      ? CalendarDays
      : item.overdue
        ? AlertCircle
        : item.status === 'done'
          ? CircleCheck
          : Circle;
  return <Icon className="cal-icon" size={12} strokeWidth={2.25} aria-hidden="true" />;
}

/** The item's kind (and, for an overdue task, that it is overdue) for screen readers and tooltips. */
export function useItemKind() {
  const { t } = useI18n();
  return (item: CalendarItem) =>
    item.overdue
      ? `${t('calendar.kind.task')}, ${t('calendar.overdue').toLowerCase()}`
      : t(`calendar.kind.${item.kind}`);
}

export function ItemKind({ item }: { item: CalendarItem }) {
  const kindOf = useItemKind();
  return <span className="visually-hidden">{kindOf(item)}: </span>;
}
