// The e-mail channel: the mailbox customers write to (IMAP) and the account answers leave from
// (SMTP). Checked on demand (the server signs in to both and says how each went) and saved through
// the admin API's /channels/email routes; its fields are the one settings form's (SettingsForm.tsx,
// @app/shared/settings): stored passwords are never shown, a blank one keeps them.
import { useCallback, useEffect, useState } from 'react';
import { useWorkspace } from '../../data/hooks';
import { mayDo } from '../../data/role';
import { settingsFields } from '@app/shared/settings';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';
import { bodyOf, valuesFromView, type FormValues } from '../../lib/settings-form';
import { errorText } from '../../i18n/error-text';
import { Notice, useNotice } from './Notice';
import { SettingsFields } from './SettingsForm';

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
  const { t } = useI18n();
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'channels', 'update');
  const [view, setView] = useState<EmailView | undefined>(undefined);
  const [values, setValues] = useState<FormValues>(() => valuesFromView(fields, undefined));
  const [check, setCheck] = useState<CheckView | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useNotice('email-notice');
  const failText = useCallback((e: unknown) => t('settings.failed', { message: errorText(t, e) }), [t]);

  const show = (v: EmailView) => {
    setView(v);
    setValues(valuesFromView(fields, v));
  };
  useEffect(() => {
    if (admin)
      ws.api
        .get<EmailView>('/channels/email')
        .then(show, (e: unknown) => setNotice({ kind: 'error', text: failText(e) }));
  }, [ws, admin, failText]);

  // The stored mailbox goes back as it is (the form does not show it).
  const body = () => {
    const sent = bodyOf(fields, values) as { imap?: object };
    return { ...sent, imap: { ...sent.imap, mailbox: view?.imap?.mailbox ?? 'INBOX' } };
  };
  const run = async (what: () => Promise<void>) => {
    setBusy(true);
    setNotice(null);
    try {
      await what();
    } catch (e) {
      setNotice({ kind: 'error', text: failText(e) });
    } finally {
      setBusy(false);
    }
  };
  const onCheck = () =>
    run(async () => {
      setCheck(await ws.api.post<CheckView>('/channels/email/check', body()));
    });
  const onSave = (e: React.FormEvent) => {
    e.preventDefault();
    void run(async () => {
      show(await ws.api.put<EmailView>('/channels/email', body()));
      setNotice({ kind: 'success', text: t('common.saved') });
    });
  };
  const onRemove = () =>
    run(async () => {
      await ws.api.delete('/channels/email');
      show({ configured: false });
      setCheck(null);
      setNotice({ kind: 'success', text: t('settings.disconnected') });
    });

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
          <div className="row">
            <button
              type="button"
              disabled={busy}
              onClick={() => void onCheck()}
              data-testid="email-check-button"
            >
              {t('settings.emailCheck')}
            </button>
            <button type="submit" className="primary" disabled={busy} data-testid="email-save">
              {t('common.save')}
            </button>
            {view.configured && (
              <button type="button" className="danger" disabled={busy} onClick={() => void onRemove()}>
                {t('settings.disconnect')}
              </button>
            )}
          </div>
        </form>
      )}
      <Notice notice={notice} testId="email-notice" />
    </section>
  );
}
