// The VK channel: the community whose messages the team answers. The admin gives the community's id
// and access token and picks how VK delivers messages: the Callback API (VK calls this server; the
// card shows the address to enter in VK, with the confirmation string and secret key) or the Bots
// Long Poll API (the server asks VK). Checked on demand against VK and saved through the admin API's
// /channels/vk routes; its fields are the one settings form's (SettingsForm.tsx, @app/shared/settings):
// the stored token and secret key are never shown, blank ones keep them. The
// optional service key of the team's VK app turns on social monitoring of the community for the event
// deals' keywords (POST /social/vk/poll runs a pass at once).
import { useCallback, useEffect, useState } from 'react';
import { useWorkspace } from '../../data/hooks';
import { mayDo } from '../../data/role';
import { settingsFields } from '@app/shared/settings';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';
import { bodyOf, valuesFromView, type FormValues } from '../../lib/settings-form';
import { errorText } from '../../i18n/error-text';
import { CopyField } from './CopyField';
import { Notice, useNotice } from './Notice';
import { SettingsFields } from './SettingsForm';

type Mode = 'callback' | 'longpoll';
type VkView = {
  configured: boolean;
  mode?: Mode;
  groupId?: number;
  tokenHint?: string;
  confirmationCode?: string;
  secretKeySet?: boolean;
  serviceTokenHint?: string;
  callbackPath?: string;
  callbackUrl?: string;
};
type CheckView = { ok: true; group: { id: number; name: string } } | { ok: false; error: string };

const fields = settingsFields.vk;
const labels: Record<string, MessageKey> = {
  groupId: 'settings.vkGroupId',
  accessToken: 'settings.vkToken',
  mode: 'settings.vkMode',
  'mode.callback': 'settings.vkMode.callback',
  'mode.longpoll': 'settings.vkMode.longpoll',
  confirmationCode: 'settings.vkConfirmation',
  secretKey: 'settings.vkSecret',
  serviceToken: 'settings.vkServiceKey',
};

export function VkCard() {
  const { t } = useI18n();
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'channels', 'update');
  const [view, setView] = useState<VkView | undefined>(undefined);
  const [values, setValues] = useState<FormValues>(() => valuesFromView(fields, undefined));
  const [check, setCheck] = useState<CheckView | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useNotice('vk-notice');
  const failText = useCallback((e: unknown) => t('settings.failed', { message: errorText(t, e) }), [t]);

  const show = (v: VkView) => {
    setView(v);
    setValues(valuesFromView(fields, v));
  };
  useEffect(() => {
    if (admin)
      ws.api
        .get<VkView>('/channels/vk')
        .then(show, (e: unknown) => setNotice({ kind: 'error', text: failText(e) }));
  }, [ws, admin, failText]);

  const body = () => bodyOf(fields, values);
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
      setCheck(await ws.api.post<CheckView>('/channels/vk/check', body()));
    });
  const onSave = (e: React.FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const checked = await ws.api.post<CheckView>('/channels/vk/check', body());
      setCheck(checked);
      if (!checked.ok) {
        setNotice({ kind: 'error', text: t('settings.vkRefused', { reason: checked.error }) });
        return;
      }
      show(await ws.api.put<VkView>('/channels/vk', body()));
      setNotice({ kind: 'success', text: t('common.saved') });
    });
  };
  const onSocialPoll = () =>
    run(async () => {
      const done = await ws.api.post<{ watched: number; saved: number }>('/social/vk/poll', {});
      setNotice({ kind: 'success', text: t('settings.vkSocialDone', done) });
    });
  const onRemove = () =>
    run(async () => {
      await ws.api.delete('/channels/vk');
      show({ configured: false });
      setCheck(null);
      setNotice({ kind: 'success', text: t('settings.disconnected') });
    });

  const callbackUrl =
    view?.callbackUrl ??
    (view?.callbackPath ? `${ws.session.serverUrl.replace(/\/+$/, '')}${view.callbackPath}` : undefined);

  return (
    <section className="panel" data-testid="vk-card">
      <h3>{t('settings.vk')}</h3>
      {!admin ? (
        <p className="muted small">{t('settings.serverOnly')}</p>
      ) : view === undefined ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <form onSubmit={onSave}>
          <p className="muted small">{t('settings.vkHint')}</p>
          <p className="status-line" data-testid="vk-status">
            {view.configured ? (
              <span className="status status-success">
                {t('settings.connectedAs', { bot: `club${view.groupId ?? ''}` })}
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
            testPrefix="vk"
            labels={labels}
            keep="settings.vkKeep"
          />
          {values.mode === 'callback' && view.configured && view.mode === 'callback' && callbackUrl && (
            <>
              <p className="muted small">{t('settings.vkCallbackUrl')}</p>
              <CopyField value={callbackUrl} testId="vk-callback-url" />
            </>
          )}
          {check && (
            <p className={check.ok ? 'status-success' : 'status-danger'} data-testid="vk-check">
              {check.ok ? t('settings.vkCheckOk', { name: check.group.name }) : check.error}
            </p>
          )}
          <div className="row">
            <button
              type="button"
              disabled={busy}
              onClick={() => void onCheck()}
              data-testid="vk-check-button"
            >
              {t('settings.emailCheck')}
            </button>
            <button type="submit" className="primary" disabled={busy} data-testid="vk-save">
              {t('settings.checkAndSave')}
            </button>
            {view.configured && view.serviceTokenHint && (
              <button
                type="button"
                disabled={busy}
                onClick={() => void onSocialPoll()}
                data-testid="vk-social-poll"
              >
                {t('settings.vkSocialPoll')}
              </button>
            )}
            {view.configured && (
              <button type="button" className="danger" disabled={busy} onClick={() => void onRemove()}>
                {t('settings.disconnect')}
              </button>
            )}
          </div>
        </form>
      )}
      <Notice notice={notice} testId="vk-notice" />
    </section>
  );
}
