// The activity's timeline (Activity.tsx): the entries under a heading per day (the rep's time zone),
// virtualised so a long log scrolls as a short one.
import { useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { systemTimeZone } from '@app/shared/time';
import { useI18n } from '../../i18n/i18n';
import { timelineRows, type ActivityEntry } from '../../lib/activity-labels';
import { Entry } from './ActivityEntry';

export function ActivityTimeline({ shown }: { shown: ActivityEntry[] }) {
  const { t, locale } = useI18n();
  const rows = useMemo(
    () => timelineRows(shown, { t, locale, timeZone: systemTimeZone(), now: Date.now() }),
    [shown, t, locale],
  );
  const parent = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: (i) => (rows[i]?.type === 'day' ? 36 : 64),
    getItemKey: (i) => {
      const r = rows[i]!;
      return r.type === 'day' ? `day:${r.key}` : r.entry.id;
    },
    overscan: 8,
  });
  return (
    <div ref={parent} className="scroll timeline" data-testid="activity-list">
      <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
        {virtual.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          return (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtual.measureElement}
              className="tl-slot"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {row.type === 'day' ? (
                <h2 className="tl-day" data-testid="activity-day">
                  {row.label}
                </h2>
              ) : (
                <Entry entry={row.entry} />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
