// The team's Telegram bot: whether it is connected (the bot's @username, as Telegram's getMe answers
// it now), not connected, or failing (Telegram's reason). A new token is checked with Telegram before
// it is saved: a token Telegram does not know is refused here, with its reason.
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../data/auth';
import { useWorkspace } from '../../data/hooks';
import { mayDo } from '../../data/role';
import { settingsFields } from '@app/shared/settings';
import { useI18n } from '../../i18n/i18n';
import type { FormValues } from '../../lib/settings-form';
import { errorText } from '../../i18n/error-text';
import { Notice, useNotice } from './Notice';
import { SettingsFields } from './SettingsForm';

type Check = { ok: true; botId: string; username: string; name: string } | { ok: false; error: string };
type Status =
  | { state: 'loading' }
  | { state: 'none' }
  | { state: 'connected'; username: string }
  | { state: 'error'; error: string };

export function TelegramCard() {
  const { t } = useI18n();
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'channels', 'update');
  const [status, setStatus] = useState<Status>({ state: 'loading' });
  const [values, setValues] = useState<FormValues>({});
  const token = values.token ?? '';
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useNotice('telegram-notice');
  const failText = useCallback((e: unknown) => t('settings.failed', { message: errorText(t, e) }), [t]);

  const refresh = useCallback(() => {
    if (!admin) return;
    ws.api.post<Check>('/channels/telegram/check', {}).then(
      (r) =>
        setStatus(r.ok ? { state: 'connected', username: r.username } : { state: 'error', error: r.error }),
      (e: unknown) =>
        setStatus(
          e instanceof ApiError && e.status === 400
            ? { state: 'none' }
            : { state: 'error', error: failText(e) },
        ),
    );
  }, [ws, admin, failText]);
  useEffect(refresh, [refresh]);

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setNotice(null);
    try {
      const check = await ws.api.post<Check>('/channels/telegram/check', { token: token.trim() });
      if (!check.ok) {
        setNotice({ kind: 'error', text: t('settings.telegramRefused', { reason: check.error }) });
        return;
      }
      await ws.api.put('/channels/telegram', { token: token.trim(), mode: 'polling' });
      setValues({});
      setStatus({ state: 'connected', username: check.username });
      setNotice({ kind: 'success', text: t('settings.telegramSaved', { bot: `@${check.username}` }) });
    } catch (err) {
      setNotice({ kind: 'error', text: failText(err) });
    } finally {
      setBusy(false);
    }
  };
  const disconnect = () =>
    ws.api.delete('/channels/telegram').then(
      () => {
        setNotice({ kind: 'success', text: t('settings.disconnected') });
        refresh();
      },
      (e: unknown) => setNotice({ kind: 'error', text: failText(e) }),
    );

  return (
    <section className="panel" data-testid="telegram-card">
      <h3>{t('settings.telegram')}</h3>
      {!admin ? (
        <p className="muted small">{t('settings.serverOnly')}</p>
      ) : (
        <>
          <p className="status-line" data-testid="telegram-status" data-state={status.state}>
            {status.state === 'loading' && <span className="muted">{t('common.loading')}</span>}
            {status.state === 'none' && (
              <span className="status status-muted">{t('settings.notConnected')}</span>
            )}
            {status.state === 'connected' && (
              <span className="status status-success">
                {t('settings.connectedAs', { bot: `@${status.username}` })}
              </span>
            )}
            {status.state === 'error' && (
              <span className="status status-danger">
                {t('settings.connectionError', { reason: status.error })}
              </span>
            )}
          </p>
          <form onSubmit={save}>
            <SettingsFields
              fields={settingsFields.telegram}
              values={values}
              onChange={setValues}
              view={undefined}
              testPrefix="telegram"
              labels={{ token: 'settings.botToken' }}
              keep="settings.vkKeep"
            />
            <div className="row">
              <button
                type="submit"
                className="primary"
                disabled={busy || !token.trim()}
                data-testid="telegram-save"
              >
                {t('settings.checkAndSave')}
              </button>
              {status.state === 'connected' && (
                <button type="button" className="danger" onClick={() => void disconnect()}>
                  {t('settings.disconnect')}
                </button>
              )}
            </div>
          </form>
          <Notice notice={notice} testId="telegram-notice" />
        </>
      )}
    </section>
  );
}
