// The team's Telegram bot: whether it is connected (the bot's @username, as Telegram's getMe answers
// it now), not connected, or failing (Telegram's reason). A new token is checked with Telegram before
// it is saved: a token Telegram does not know is refused here, with its reason.
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../data/auth';
import { useWorkspace } from '../../data/hooks';
import { mayDo } from '../../data/role';
import { settingsFields } from '@app/shared/settings';
import { textOf, type FormValues } from '../../lib/settings-form';
import { Notice } from './Notice';
import { AdminCard } from './CardParts';
import { SettingsFields } from './SettingsForm';
import { useCardAction } from './use-card-action';

type Check = { ok: true; botId: string; username: string; name: string } | { ok: false; error: string };
type Status =
  | { state: 'loading' }
  | { state: 'none' }
  | { state: 'connected'; username: string }
  | { state: 'error'; error: string };

export function TelegramCard() {
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'channels', 'update');
  const [status, setStatus] = useState<Status>({ state: 'loading' });
  const [values, setValues] = useState<FormValues>({});
  const token = textOf(values, 'token');
  const { t, busy, run, notice, setNotice, failText } = useCardAction('telegram-notice');

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

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const check = await ws.api.post<Check>('/channels/telegram/check', { token: token.trim() });
      if (!check.ok) {
        setNotice({ kind: 'error', text: t('settings.telegramRefused', { reason: check.error }) });
        return;
      }
      await ws.api.put('/channels/telegram', { token: token.trim(), mode: 'polling' });
      setValues({});
      setStatus({ state: 'connected', username: check.username });
      setNotice({ kind: 'success', text: t('settings.telegramSaved', { bot: `@${check.username}` }) });
    });
  };
  const disconnect = () =>
    run(async () => {
      await ws.api.delete('/channels/telegram');
      setNotice({ kind: 'success', text: t('settings.disconnected') });
      refresh();
    });

  return (
    <AdminCard id="telegram" titleKey="settings.telegram" admin={admin} view={status}>
      {() => (
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
    </AdminCard>
  );
}
