// Every agent step and tool call, live, newest first (virtualised).
import { useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from '../data/hooks';
import { useFormat, useI18n } from '../i18n/i18n';
import { agentRoleLabel, labelOf, toolLabel } from '../i18n/labels';

export function Activity() {
  const { t } = useI18n();
  const fmt = useFormat();
  const { docs, loading } = useLiveQuery('activity', {});
  const list = useMemo(() => [...docs].sort((a, b) => b.startedAt.localeCompare(a.startedAt)), [docs]);
  const parent = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: list.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 56,
    overscan: 10,
  });
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('activity.title')}</h1>
        <span className="pill live">● {t('activity.live')}</span>
      </header>
      {!loading && list.length === 0 && <p className="empty">{t('activity.empty')}</p>}
      <div ref={parent} className="scroll activity" data-testid="activity-list">
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((row) => {
            const a = list[row.index]!;
            return (
              <div
                key={a.id}
                className={`activity-row status-${a.status}`}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: row.size,
                  transform: `translateY(${row.start}px)`,
                }}
              >
                <span className="muted small">{fmt.time(a.startedAt)}</span>
                <span className="pill">{agentRoleLabel(t, a.role)}</span>
                <span className="kind">{labelOf(t, 'activity.kind', a.kind)}</span>
                <strong>{toolLabel(t, a.name)}</strong>
                <span className={`pill status-${a.status}`}>{labelOf(t, 'activity.status', a.status)}</span>
                <span className="muted small ellipsis">
                  {a.durationMs !== undefined ? `${Math.round(a.durationMs)} ms · ` : ''}
                  {a.error ?? a.output ?? a.input ?? ''}
                </span>
                {a.conversationId && <a href={`#/inbox/${encodeURIComponent(a.conversationId)}`}>↗</a>}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
