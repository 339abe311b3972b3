// The calendar's toolbar (CalendarView.tsx): previous, today, next, the range's title (never cut: it
// keeps one line), how many meetings and tasks it holds, and (not on a phone) week, month or agenda.
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useI18n } from '../../i18n/i18n';
import { Segmented } from './Segmented';

export type Mode = 'week' | 'month' | 'agenda';
const modes = ['week', 'month', 'agenda'] as const;

export function CalendarToolbar(props: {
  title: string;
  counts: string;
  onMove(by: number): void;
  onToday(): void;
  /** The view shown, or null where there is no choice (a phone shows the agenda). */
  mode: Mode | null;
  onMode(mode: Mode): void;
}) {
  const { t } = useI18n();
  return (
    <div className="cal-toolbar">
      <button
        type="button"
        onClick={() => props.onMove(-1)}
        aria-label={t('calendar.prev')}
        data-testid="cal-prev"
      >
        <ChevronLeft size={16} aria-hidden="true" />
      </button>
      <button type="button" onClick={props.onToday} data-testid="cal-today">
        {t('calendar.today')}
      </button>
      <button
        type="button"
        onClick={() => props.onMove(1)}
        aria-label={t('calendar.next')}
        data-testid="cal-next"
      >
        <ChevronRight size={16} aria-hidden="true" />
      </button>
      <h2 aria-live="polite" data-testid="cal-title">
        {props.title}
      </h2>
      <span className="muted small">{props.counts}</span>
      <span style={{ flex: 1 }} />
      {props.mode && (
        <Segmented
          label={t('calendar.range')}
          choices={modes}
          value={props.mode}
          onChoose={props.onMode}
          text={(m) => t(`calendar.${m}`)}
          testId={(m) => `cal-mode-${m}`}
        />
      )}
    </div>
  );
}
