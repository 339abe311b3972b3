// Every agent step and tool call, live, newest first (virtualised): when, which agent, what it did in
// words, how it went, how long it took and what it cost, with its result as a readable line.
import { useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from '../data/hooks';
import { useFormat, useI18n } from '../i18n/i18n';
import { activityWords, agentRoleLabel, labelOf, stepLabel } from '../i18n/labels';
import { stepSummary } from '../lib/activity-text';

export function Activity() {
  const { t } = useI18n();
  const fmt = useFormat();
  const words = useMemo(() => activityWords(t), [t]);
  const { docs, loading } = useLiveQuery('activity', {});
  const list = useMemo(() => [...docs].sort((a, b) => b.startedAt.localeCompare(a.startedAt)), [docs]);
  const parent = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: list.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 60,
    overscan: 10,
  });
  return (
    <div className="page activity-page">
      <header className="page-head">
        <h1>{t('activity.title')}</h1>
        <span className="pill live">● {t('activity.live')}</span>
      </header>
      {loading ? (
        <p className="empty">{t('common.loading')}</p>
      ) : list.length === 0 ? (
        <div className="empty-state" data-testid="activity-empty">
          <strong>{t('activity.empty')}</strong>
          <p className="muted">{t('activity.empty.hint')}</p>
        </div>
      ) : (
        <div ref={parent} className="scroll activity" data-testid="activity-list">
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((row) => {
              const a = list[row.index]!;
              const cost = [
                a.durationMs !== undefined ? fmt.duration(a.durationMs) : '',
                a.tokens
                  ? t('activity.tokens', {
                      n: (a.tokens.prompt ?? 0) + (a.tokens.completion ?? 0),
                    })
                  : '',
              ]
                .filter(Boolean)
                .join(' · ');
              return (
                <div
                  key={a.id}
                  className={`activity-row status-${a.status}`}
                  data-testid="activity-row"
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
                  <div className="activity-main">
                    <div className="activity-title">
                      <strong>{stepLabel(t, a.name)}</strong>
                      <span className="muted small">{labelOf(t, 'activity.kind', a.kind)}</span>
                    </div>
                    <div className="muted small ellipsis">{stepSummary(a, words)}</div>
                  </div>
                  <span className={`pill status-${a.status}`}>{labelOf(t, 'activity.status', a.status)}</span>
                  <span className="muted small">{cost}</span>
                  {a.conversationId ? (
                    <a
                      href={`#/inbox/${encodeURIComponent(a.conversationId)}`}
                      aria-label={t('activity.open')}
                      title={t('activity.open')}
                    >
                      ↗
                    </a>
                  ) : (
                    <span />
                  )}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
