import { useWorkspace, useObservable } from '../data/hooks';
import { useI18n } from '../i18n/i18n';

export function SyncBadge() {
  const ws = useWorkspace();
  const { t } = useI18n();
  const s = useObservable(ws.sync.summary$, ws.sync.summary$.value);
  const label =
    s.state === 'online'
      ? t('sync.online')
      : s.state === 'offline'
        ? t('sync.offline', { n: s.pending })
        : s.state === 'syncing'
          ? t('sync.syncing', { pct: Math.round(s.progress * 100) })
          : t('sync.error');
  return (
    <button
      className={`sync-badge sync-${s.state}`}
      data-testid="sync-status"
      data-state={s.state}
      title={s.state === 'error' ? s.errors.join('\n') : t('sync.now')}
      onClick={() => ws.sync.syncNow()}
    >
      <span className="dot" aria-hidden />
      {label}
      {s.state !== 'offline' && s.pending > 0 && (
        <span className="muted"> · {t('sync.pending', { n: s.pending })}</span>
      )}
      {s.state === 'syncing' && (
        <span className="progress" aria-hidden>
          <span style={{ width: `${Math.round(s.progress * 100)}%` }} />
        </span>
      )}
    </button>
  );
}
