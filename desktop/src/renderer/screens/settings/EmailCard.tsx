// The e-mail channel: the mailbox customers write to (IMAP) and the account answers leave from
// (SMTP). Checked on demand (the server signs in to both and says how each went) and saved through
// the admin API's /channels/email routes; its fields are the one settings form's (SettingsForm.tsx,
// @app/shared/settings): stored passwords are never shown, a blank one keeps them.
import { settingsFields } from '@app/shared/settings';
import type { MessageKey } from '../../i18n/en';
import { Notice } from './Notice';
import { SettingsActions, SettingsFields } from './SettingsForm';
import { useSettingsKind } from './use-settings-kind';

type Tls = 'implicit' | 'starttls' | 'none';
type ServerView = { host: string; port: number; tls: Tls; user: string };
type EmailView = {
  configured: boolean;
  address?: string;
  fromName?: string;
  imap?: ServerView & { mailbox: string };
  smtp?: ServerView;
};
type Result = { ok: true; detail?: string } | { ok: false; error: string };
type CheckView = { ok: boolean; imap: Result; smtp: Result };

const fields = settingsFields.email;
const labels: Record<string, MessageKey> = {
  address: 'settings.emailAddress',
  fromName: 'settings.emailFromName',
  imap: 'settings.emailImap',
  smtp: 'settings.emailSmtp',
  host: 'settings.emailHost',
  port: 'settings.emailPort',
  tls: 'settings.emailTls',
  'tls.implicit': 'settings.emailTls.implicit',
  'tls.starttls': 'settings.emailTls.starttls',
  'tls.none': 'settings.emailTls.none',
  user: 'settings.emailUser',
  password: 'signin.password',
};

export function EmailCard() {
  const kind = useSettingsKind<EmailView, CheckView>({
    path: '/channels/email',
    fields,
    noticeId: 'email-notice',
    // The stored mailbox goes back as it is (the form does not show it).
    extend: (sent, view) => ({
      ...sent,
      imap: { ...(sent.imap as object), mailbox: view?.imap?.mailbox ?? 'INBOX' },
    }),
  });
  const { t, admin, view, values, setValues, check, busy, notice, run } = kind;
  const onCheck = () => run(async () => void (await kind.checkNow()));
  const onSave = (e: React.FormEvent) => {
    e.preventDefault();
    void run(kind.save);
  };
  const onRemove = kind.remove;

  const result = (name: string, r: Result) => (
    <li className={r.ok ? 'status-success' : 'status-danger'}>
      {name}: {r.ok ? t('settings.emailCheckOk') : r.error}
    </li>
  );

  return (
    <section className="panel" data-testid="email-card">
      <h3>{t('channel.email')}</h3>
      {!admin ? (
        <p className="muted small">{t('settings.serverOnly')}</p>
      ) : view === undefined ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <form onSubmit={onSave}>
          <p className="status-line" data-testid="email-status">
            {view.configured ? (
              <span className="status status-success">
                {t('settings.connectedAs', { bot: view.address ?? '' })}
              </span>
            ) : (
              <span className="status status-muted">{t('settings.notConnected')}</span>
            )}
          </p>
          <SettingsFields
            fields={fields}
            values={values}
            onChange={setValues}
            view={view}
            testPrefix="email"
            labels={labels}
            keep="settings.emailPasswordKeep"
          />
          <p className="muted small">{t('settings.emailSmtpHint')}</p>
          {check && (
            <ul className="plain-list" data-testid="email-check">
              {result(t('settings.emailImap'), check.imap)}
              {result(t('settings.emailSmtp'), check.smtp)}
            </ul>
          )}
          <SettingsActions
            testPrefix="email"
            busy={busy}
            configured={view.configured}
            saveLabel="common.save"
            onCheck={() => void onCheck()}
            onRemove={() => void onRemove()}
          />
        </form>
      )}
      <Notice notice={notice} testId="email-notice" />
    </section>
  );
}
