// The signed-in member's calendar feed: a secret URL that Google Calendar, Apple Calendar or Outlook
// subscribe to (their meetings and tasks with a due date, agents' ones included). The server shows the
// URL only when it is made (it keeps a hash), so the card offers to copy it then, and later only to
// make a new one or turn the feed off; both end the old URL, so each asks once more first.
import { useCallback, useEffect, useState } from 'react';
import { useWorkspace } from '../../data/hooks';
import { mayDo } from '../../data/role';
import { useFormat, useI18n } from '../../i18n/i18n';
import { errorText } from '../../i18n/error-text';
import { CopyField } from './CopyField';
import { Notice, useNotice } from './Notice';

type FeedStatus = { active: boolean; createdAt?: string };
type Made = { url: string; webcalUrl: string; createdAt: string };

export function CalendarFeedCard() {
  const { t } = useI18n();
  const fmt = useFormat();
  const ws = useWorkspace();
  const allowed = mayDo(ws.role, 'events', 'read') && mayDo(ws.role, 'tasks', 'read');
  const [status, setStatus] = useState<FeedStatus | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [asking, setAsking] = useState<'rotate' | 'revoke' | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useNotice('calendar-feed-notice');
  const fail = useCallback(
    (e: unknown) => setNotice({ kind: 'error', text: t('settings.failed', { message: errorText(t, e) }) }),
    [t],
  );

  useEffect(() => {
    if (!allowed) return;
    ws.api.get<FeedStatus>('/calendar/feed').then(setStatus, (e: unknown) => {
      setStatus(null);
      fail(e);
    });
  }, [ws, allowed, fail]);

  if (!allowed) return null;

  const make = () => {
    setBusy(true);
    setNotice(null);
    setAsking(null);
    ws.api
      .post<Made>('/calendar/feed')
      .then((r) => {
        setUrl(r.url);
        setStatus({ active: true, createdAt: r.createdAt });
        setNotice({ kind: 'success', text: t('calendarFeed.made') });
      }, fail)
      .finally(() => setBusy(false));
  };
  const revoke = () => {
    setBusy(true);
    setNotice(null);
    setAsking(null);
    ws.api
      .delete('/calendar/feed')
      .then(() => {
        setUrl(null);
        setStatus({ active: false });
        setNotice({ kind: 'success', text: t('calendarFeed.revoked') });
      }, fail)
      .finally(() => setBusy(false));
  };

  return (
    <section className="panel" data-testid="calendar-feed-card">
      <h3>{t('calendarFeed.title')}</h3>
      <p className="muted small">{t('calendarFeed.intro')}</p>
      <p className="small" data-testid="calendar-feed-warning">
        <strong>{t('calendarFeed.warning')}</strong>
      </p>
      {status === null && !notice && <p className="muted small">{t('calendarFeed.offline')}</p>}
      {status && !status.active && (
        <>
          <p data-testid="calendar-feed-none">{t('calendarFeed.none')}</p>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={make}
            data-testid="calendar-feed-create"
          >
            {t('calendarFeed.create')}
          </button>
        </>
      )}
      {status?.active && (
        <>
          {url ? (
            <div className="invite-link">
              <div className="muted small">{t('calendarFeed.urlLabel')}</div>
              <CopyField value={url} testId="calendar-feed-url" />
              <p className="muted small">{t('calendarFeed.howTo')}</p>
            </div>
          ) : (
            <p data-testid="calendar-feed-active">
              {t('calendarFeed.active', { date: status.createdAt ? fmt.dateTime(status.createdAt) : '—' })}
            </p>
          )}
          {asking ? (
            <div className="row" data-testid="calendar-feed-ask">
              <span className="small">
                {t(asking === 'rotate' ? 'calendarFeed.confirmRotate' : 'calendarFeed.confirmRevoke')}
              </span>
              <button
                type="button"
                className={asking === 'revoke' ? 'danger' : 'primary'}
                disabled={busy}
                onClick={asking === 'rotate' ? make : revoke}
                data-testid="calendar-feed-confirm"
              >
                {t('calendarFeed.confirm')}
              </button>
              <button type="button" onClick={() => setAsking(null)}>
                {t('calendarFeed.cancel')}
              </button>
            </div>
          ) : (
            <div className="row">
              <button
                type="button"
                disabled={busy}
                onClick={() => setAsking('rotate')}
                data-testid="calendar-feed-rotate"
              >
                {t('calendarFeed.rotate')}
              </button>
              <button
                type="button"
                className="link danger"
                disabled={busy}
                onClick={() => setAsking('revoke')}
                data-testid="calendar-feed-revoke"
              >
                {t('calendarFeed.revoke')}
              </button>
            </div>
          )}
        </>
      )}
      <Notice notice={notice} testId="calendar-feed-notice" />
    </section>
  );
}
