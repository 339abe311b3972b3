// The e-mail channel: the mailbox customers write to (IMAP) and the account answers leave from
// (SMTP). Checked on demand (the server signs in to both and says how each went) and saved through
// the admin API's /channels/email routes; its fields are the one settings form's (SettingsForm.tsx,
// @app/shared/settings): stored passwords are never shown, a blank one keeps them.
import { settingsFields } from '@app/shared/settings';
import type { MessageKey } from '../../i18n/en';
import { AdminCard, ConnectedLine } from './CardParts';
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
    testPrefix: 'email',
    labels,
    keep: 'settings.emailPasswordKeep',
    // The stored mailbox goes back as it is (the form does not show it).
    extend: (sent, view) => ({
      ...sent,
      imap: { ...(sent.imap as object), mailbox: view?.imap?.mailbox ?? 'INBOX' },
    }),
  });
  const { t, admin, view, check, notice, run } = kind;
  const onSave = (e: React.FormEvent) => {
    e.preventDefault();
    void run(kind.save);
  };

  const result = (name: string, r: Result) => (
    <li className={r.ok ? 'status-success' : 'status-danger'}>
      {name}: {r.ok ? t('settings.emailCheckOk') : r.error}
    </li>
  );

  return (
    <AdminCard id="email" titleKey="channel.email" admin={admin} view={view} notice={notice}>
      {(view) => (
        <form onSubmit={onSave}>
          <ConnectedLine testId="email-status" who={view.configured ? (view.address ?? '') : undefined} />
          <SettingsFields {...kind.form} />
          <p className="muted small">{t('settings.emailSmtpHint')}</p>
          {check && (
            <ul className="plain-list" data-testid="email-check">
              {result(t('settings.emailImap'), check.imap)}
              {result(t('settings.emailSmtp'), check.smtp)}
            </ul>
          )}
          <SettingsActions {...kind.actions} saveLabel="common.save" />
        </form>
      )}
    </AdminCard>
  );
}
