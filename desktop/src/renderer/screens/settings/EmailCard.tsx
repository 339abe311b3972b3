// The e-mail channel: the mailbox customers write to (IMAP) and the account answers leave from
// (SMTP). Checked on demand (the server signs in to both and says how each went) and saved through
// the admin API's /channels/email routes; stored passwords are never shown, a blank one keeps them.
import { useCallback, useEffect, useState } from 'react';
import { useWorkspace } from '../../data/hooks';
import { mayDo } from '../../data/role';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../i18n/error-text';
import { Notice, useNotice } from './Notice';

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
type Server = { host: string; port: string; tls: Tls; user: string; password: string };

const blank: Server = { host: '', port: '', tls: 'implicit', user: '', password: '' };
const fromView = (s: ServerView | undefined): Server =>
  s ? { host: s.host, port: String(s.port), tls: s.tls, user: s.user, password: '' } : blank;

function ServerFields({
  name,
  value,
  onChange,
}: {
  name: 'imap' | 'smtp';
  value: Server;
  onChange: (s: Server) => void;
}) {
  const { t } = useI18n();
  const set = (k: keyof Server) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    onChange({ ...value, [k]: e.target.value });
  return (
    <fieldset className="server-fields">
      <legend>{t(name === 'imap' ? 'settings.emailImap' : 'settings.emailSmtp')}</legend>
      <label>
        {t('settings.emailHost')}
        <input required value={value.host} onChange={set('host')} data-testid={`email-${name}-host`} />
      </label>
      <div className="row">
        <label>
          {t('settings.emailPort')}
          <input
            inputMode="numeric"
            value={value.port}
            onChange={set('port')}
            data-testid={`email-${name}-port`}
          />
        </label>
        <label>
          {t('settings.emailTls')}
          <select value={value.tls} onChange={set('tls')} data-testid={`email-${name}-tls`}>
            <option value="implicit">{t('settings.emailTls.implicit')}</option>
            <option value="starttls">{t('settings.emailTls.starttls')}</option>
            <option value="none">{t('settings.emailTls.none')}</option>
          </select>
        </label>
      </div>
      <label>
        {t('settings.emailUser')}
        <input
          value={value.user}
          onChange={set('user')}
          autoComplete="off"
          data-testid={`email-${name}-user`}
        />
      </label>
      <label>
        {t('signin.password')}
        <input
          type="password"
          value={value.password}
          onChange={set('password')}
          autoComplete="new-password"
          placeholder={t('settings.emailPasswordKeep')}
          data-testid={`email-${name}-password`}
        />
      </label>
    </fieldset>
  );
}

export function EmailCard() {
  const { t } = useI18n();
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'channels', 'update');
  const [view, setView] = useState<EmailView | undefined>(undefined);
  const [address, setAddress] = useState('');
  const [fromName, setFromName] = useState('');
  const [imap, setImap] = useState<Server>(blank);
  const [smtp, setSmtp] = useState<Server>(blank);
  const [check, setCheck] = useState<CheckView | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useNotice('email-notice');
  const failText = useCallback((e: unknown) => t('settings.failed', { message: errorText(t, e) }), [t]);

  const show = (v: EmailView) => {
    setView(v);
    setAddress(v.address ?? '');
    setFromName(v.fromName ?? '');
    setImap(fromView(v.imap));
    setSmtp(fromView(v.smtp));
  };
  useEffect(() => {
    if (admin)
      ws.api
        .get<EmailView>('/channels/email')
        .then(show, (e: unknown) => setNotice({ kind: 'error', text: failText(e) }));
  }, [ws, admin, failText]);

  const server = (s: Server, mailbox?: boolean) => ({
    host: s.host.trim(),
    tls: s.tls,
    ...(s.port.trim() ? { port: Number(s.port) } : {}),
    ...(s.user.trim() ? { user: s.user.trim() } : {}),
    ...(s.password ? { password: s.password } : {}),
    ...(mailbox ? { mailbox: view?.imap?.mailbox ?? 'INBOX' } : {}),
  });
  const body = () => ({
    address: address.trim(),
    ...(fromName.trim() ? { fromName: fromName.trim() } : {}),
    imap: server(imap, true),
    smtp: server(smtp),
  });
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
          <label>
            {t('settings.emailAddress')}
            <input
              type="email"
              required
              value={address}
              onChange={(e) => setAddress(e.target.value)}
              data-testid="email-address"
            />
          </label>
          <label>
            {t('settings.emailFromName')}
            <input value={fromName} onChange={(e) => setFromName(e.target.value)} />
          </label>
          <ServerFields name="imap" value={imap} onChange={setImap} />
          <ServerFields name="smtp" value={smtp} onChange={setSmtp} />
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
