// The signed-in member's calendar feed: a secret URL that Google Calendar, Apple Calendar or Outlook
// subscribe to (their meetings and tasks with a due date, agents' ones included). The server shows the
// URL only when it is made (it keeps a hash), so the card offers to copy it then, and later only to
// make a new one or turn the feed off; both end the old URL, so each asks once more first.
import { useEffect, useState } from 'react';
import { useWorkspace } from '../../data/hooks';
import { mayDo } from '../../data/role';
import { useFormat, useI18n } from '../../i18n/i18n';
import { CopyField } from './CopyField';
import { Notice } from './Notice';
import { useCardAction } from './use-card-action';
import { ActionButton } from './CardParts';

type FeedStatus = { active: boolean; createdAt?: string };
type Made = { url: string; webcalUrl: string; createdAt: string };
type Asking = 'rotate' | 'revoke' | null;

export function CalendarFeedCard() {
  const fmt = useFormat();
  const ws = useWorkspace();
  const allowed = mayDo(ws.role, 'events', 'read') && mayDo(ws.role, 'tasks', 'read');
  const { t, busy, run, notice, setNotice, fail } = useCardAction('calendar-feed-notice');
  const [status, setStatus] = useState<FeedStatus | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [asking, setAsking] = useState<Asking>(null);

  useEffect(() => {
    if (!allowed) return;
    ws.api.get<FeedStatus>('/calendar/feed').then(setStatus, (e: unknown) => {
      setStatus(null);
      fail(e);
    });
  }, [ws, allowed, fail]);

  if (!allowed) return null;

  /** Makes the feed (a new URL; an old one ends). */
  const make = () => {
    setAsking(null);
    void run(async () => {
      const r = await ws.api.post<Made>('/calendar/feed');
      setUrl(r.url);
      setStatus({ active: true, createdAt: r.createdAt });
      setNotice({ kind: 'success', text: t('calendarFeed.made') });
    });
  };
  const revoke = () => {
    setAsking(null);
    void run(async () => {
      await ws.api.delete('/calendar/feed');
      setUrl(null);
      setStatus({ active: false });
      setNotice({ kind: 'success', text: t('calendarFeed.revoked') });
    });
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
          <ActionButton busy={busy} className="primary" onClick={make} testId="calendar-feed-create">
            {t('calendarFeed.create')}
          </ActionButton>
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
          <FeedActions
            asking={asking}
            setAsking={setAsking}
            busy={busy}
            onConfirm={asking === 'rotate' ? make : revoke}
          />
        </>
      )}
      <Notice notice={notice} testId="calendar-feed-notice" />
    </section>
  );
}

/** A new URL or turning the feed off: each asks once more first, as both end the URL in use. */
function FeedActions(p: {
  asking: Asking;
  setAsking: (a: Asking) => void;
  busy: boolean;
  onConfirm: () => void;
}) {
  const { t } = useI18n();
  if (p.asking)
    return (
      <div className="row" data-testid="calendar-feed-ask">
        <span className="small">
          {t(p.asking === 'rotate' ? 'calendarFeed.confirmRotate' : 'calendarFeed.confirmRevoke')}
        </span>
        <ActionButton
          busy={p.busy}
          className={p.asking === 'revoke' ? 'danger' : 'primary'}
          onClick={p.onConfirm}
          testId="calendar-feed-confirm"
        >
          {t('calendarFeed.confirm')}
        </ActionButton>
        <button type="button" onClick={() => p.setAsking(null)}>
          {t('calendarFeed.cancel')}
        </button>
      </div>
    );
  return (
    <div className="row">
      <ActionButton busy={p.busy} onClick={() => p.setAsking('rotate')} testId="calendar-feed-rotate">
        {t('calendarFeed.rotate')}
      </ActionButton>
      <ActionButton
        busy={p.busy}
        className="link danger"
        onClick={() => p.setAsking('revoke')}
        testId="calendar-feed-revoke"
      >
        {t('calendarFeed.revoke')}
      </ActionButton>
    </div>
  );
}
