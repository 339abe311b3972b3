// The activity's timeline (Activity.tsx): under a heading per day (the rep's time zone), a card per
// conversation (who, the channel, links to the conversation and the deal), the customer's words of each
// message the agents handled quoted short, and under each what the agents did (timeline-groups.ts).
// Virtualised, so a long log scrolls as a short one; at phone width it is one column like the rest.
import { useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { systemTimeZone } from '@app/shared/time';
import { useFormat, useI18n } from '../../i18n/i18n';
import type { ActivityEntry } from '../../lib/activity-labels';
import { Entry } from './ActivityEntry';
import { GroupHeader } from './GroupHeader';
import { groupedRows, type GroupedRow } from './timeline-groups';

/** The customer's words a run answered, shortened to two lines (the whole text on hover). */
function Quote({ text, at }: { text: string | undefined; at: string }) {
  const { t } = useI18n();
  const fmt = useFormat();
  return (
    <div className="tl-quote" data-testid="activity-quote">
      <q title={text}>{text ?? t('act.quote.missing')}</q>
      <time className="muted small" dateTime={at}>
        {fmt.time(at)}
      </time>
    </div>
  );
}

function Row({ row, quotes }: { row: GroupedRow; quotes: ReadonlyMap<string, string> }) {
  switch (row.type) {
    case 'day':
      return (
        <h2 className="tl-day" data-testid="activity-day">
          {row.label}
        </h2>
      );
    case 'group':
      return <GroupHeader head={row.head} />;
    case 'quote':
      return <Quote text={quotes.get(row.messageId)} at={row.at} />;
    case 'entry':
      return <Entry entry={row.entry} last={row.last} fresh={row.fresh} showTime={row.showTime} />;
  }
}

/** The row that closes a card: a conversation's last step, or a step of no conversation. */
const endsCard = (row: GroupedRow) => row.type === 'entry' && (row.last || !row.entry.conversationId);

export function ActivityTimeline({
  shown,
  quotes,
  fresh,
}: {
  shown: ActivityEntry[];
  quotes: ReadonlyMap<string, string>;
  fresh: ReadonlySet<string>;
}) {
  const { t, locale } = useI18n();
  const rows = useMemo(
    () => groupedRows(shown, { t, locale, timeZone: systemTimeZone(), now: Date.now(), fresh }),
    [shown, t, locale, fresh],
  );
  const parent = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: (i) => ({ day: 40, group: 56, quote: 40, entry: 52 })[rows[i]?.type ?? 'entry'],
    getItemKey: (i) => rows[i]!.key,
    overscan: 8,
  });
  return (
    <div ref={parent} className="scroll timeline tl-grouped" data-testid="activity-list">
      <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
        {virtual.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          return (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtual.measureElement}
              className={`tl-slot tl-slot-${row.type}${endsCard(row) ? ' tl-slot-end' : ''}`}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <Row row={row} quotes={quotes} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
