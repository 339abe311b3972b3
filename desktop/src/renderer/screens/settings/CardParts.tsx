// What every settings card over the admin API shows the same way: the card with its body only for an
// admin once its view is loaded ("kept on the server" or "Loading…" else), the status line that says
// whether the kind is connected (as whom) or not, and an action button disabled while one runs.
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';
import { Notice, type NoticeState } from './Notice';

/**
 * A settings card over the admin API (test id `<id>-card`): its title, and its body (a function of the
 * loaded view) for an admin once the view is loaded ("kept on the server" or "Loading…" else); then
 * the card's notice (`<id>-notice`) when it passes one.
 */
export function AdminCard<V>(p: {
  id: string;
  titleKey: MessageKey;
  admin: boolean;
  view: V | undefined;
  children: (view: V) => ReactNode;
  notice?: NoticeState;
}) {
  const { t } = useI18n();
  return (
    <section className="panel" data-testid={`${p.id}-card`}>
      <h3>{t(p.titleKey)}</h3>
      {!p.admin ? (
        <p className="muted small">{t('settings.serverOnly')}</p>
      ) : p.view === undefined ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        p.children(p.view)
      )}
      {p.notice !== undefined && <Notice notice={p.notice} testId={`${p.id}-notice`} />}
    </section>
  );
}

/** "Connected as <who>" in green, or "Not connected". */
export function ConnectedLine({ testId, who }: { testId: string; who: string | undefined }) {
  const { t } = useI18n();
  return (
    <p className="status-line" data-testid={testId}>
      {who !== undefined ? (
        <span className="status status-success">{t('settings.connectedAs', { bot: who })}</span>
      ) : (
        <span className="status status-muted">{t('settings.notConnected')}</span>
      )}
    </p>
  );
}

/** A card's action button: disabled while an action runs (`busy`). */
export function ActionButton(p: {
  busy: boolean;
  onClick?: () => void;
  testId?: string;
  className?: string;
  submit?: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type={p.submit ? 'submit' : 'button'}
      className={p.className}
      disabled={p.busy}
      onClick={p.onClick}
      data-testid={p.testId}
    >
      {p.children}
    </button>
  );
}
