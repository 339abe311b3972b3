// The sync state in the top bar (click: sync now), and a notice when the server refused local changes.
import { useEffect, useState } from 'react';
import { useWorkspace, useObservable } from '../data/hooks';
import type { RefusedChanges } from '../data/replication';
import { useI18n } from '../i18n/i18n';
import { syncLabel } from '../data/sync-status';

export function SyncBadge() {
  const ws = useWorkspace();
  const { t } = useI18n();
  const s = useObservable(ws.sync.summary$, ws.sync.summary$.value);
  const { key, ...args } = syncLabel(s);
  const label = t(key, args);
  const firstPull = s.state === 'syncing' && s.progress < 1;
  return (
    <button
      className={`sync-badge sync-${s.state}`}
      data-testid="sync-status"
      data-state={s.state}
      title={s.state === 'error' ? s.errors.join('\n') : t('sync.now')}
      onClick={() => ws.sync.syncNow()}
    >
      <span className="dot" aria-hidden />
      {/* At phone width only the dot shows; the words stay for screen readers (styles.css). */}
      <span className="sync-label">
        {label}
        {s.state !== 'offline' && key !== 'sync.sending' && s.pending > 0 && (
          <span className="muted"> · {t('sync.pending', { n: s.pending })}</span>
        )}
      </span>
      {firstPull && (
        <span className="progress" aria-hidden>
          <span style={{ width: `${Math.round(s.progress * 100)}%` }} />
        </span>
      )}
    </button>
  );
}

/** Tells the user that changes they made were refused by the server and put back (until closed). */
export function RefusedNotice() {
  const ws = useWorkspace();
  const { t } = useI18n();
  const [refused, setRefused] = useState<RefusedChanges[]>([]);
  useEffect(() => {
    const sub = ws.sync.refused$.subscribe((r) => setRefused((list) => [...list, r].slice(-20)));
    return () => sub.unsubscribe();
  }, [ws]);
  if (!refused.length) return null;
  const all = refused.flatMap((r) => r.refusals.map((x) => ({ ...x, collection: r.collection })));
  return (
    <div className="toast" role="status" data-testid="sync-refused">
      <span title={all.map((x) => `${x.collection}/${x.id}: ${x.reason}`).join('\n')}>
        {t('sync.refused', { n: all.length })}
        <br />
        <span className="muted small">{all[all.length - 1]!.reason}</span>
      </span>
      <button onClick={() => setRefused([])}>{t('common.close')}</button>
    </div>
  );
}
