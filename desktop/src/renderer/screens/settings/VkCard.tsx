// The VK channel: the community whose messages the team answers. The admin gives the community's id
// and access token and picks how VK delivers messages: the Callback API (VK calls this server; the
// card shows the address to enter in VK, with the confirmation string and secret key) or the Bots
// Long Poll API (the server asks VK). Checked on demand against VK and saved through the admin API's
// /channels/vk routes; the stored token and secret key are never shown, blank ones keep them. The
// optional service key of the team's VK app turns on social monitoring of the community for the event
// deals' keywords (POST /social/vk/poll runs a pass at once).
import { useCallback, useEffect, useState } from 'react';
import { useWorkspace } from '../../data/hooks';
import { mayDo } from '../../data/role';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../i18n/error-text';
import { CopyField } from './CopyField';
import { Notice, useNotice } from './Notice';

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
type Form = {
  groupId: string;
  token: string;
  mode: Mode;
  confirmation: string;
  secret: string;
  serviceKey: string;
};

const blank: Form = {
  groupId: '',
  token: '',
  mode: 'callback',
  confirmation: '',
  secret: '',
  serviceKey: '',
};

export function VkCard() {
  const { t } = useI18n();
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'channels', 'update');
  const [view, setView] = useState<VkView | undefined>(undefined);
  const [form, setForm] = useState<Form>(blank);
  const [check, setCheck] = useState<CheckView | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useNotice('vk-notice');
  const failText = useCallback((e: unknown) => t('settings.failed', { message: errorText(t, e) }), [t]);

  const show = (v: VkView) => {
    setView(v);
    setForm({
      ...blank,
      groupId: v.groupId ? String(v.groupId) : '',
      mode: v.mode ?? 'callback',
      confirmation: v.confirmationCode ?? '',
    });
  };
  useEffect(() => {
    if (admin)
      ws.api
        .get<VkView>('/channels/vk')
        .then(show, (e: unknown) => setNotice({ kind: 'error', text: failText(e) }));
  }, [ws, admin, failText]);

  const set = (k: keyof Form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setForm({ ...form, [k]: e.target.value });
  const body = () => ({
    groupId: Number(form.groupId),
    mode: form.mode,
    ...(form.token.trim() ? { accessToken: form.token.trim() } : {}),
    ...(form.mode === 'callback' && form.confirmation.trim()
      ? { confirmationCode: form.confirmation.trim() }
      : {}),
    ...(form.secret ? { secretKey: form.secret } : {}),
    ...(form.serviceKey.trim() ? { serviceToken: form.serviceKey.trim() } : {}),
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
          <label>
            {t('settings.vkGroupId')}
            <input
              required
              inputMode="numeric"
              pattern="[0-9]+"
              value={form.groupId}
              onChange={set('groupId')}
              data-testid="vk-group-id"
            />
          </label>
          <label>
            {t('settings.vkToken')}
            <input
              type="password"
              required={!view.configured}
              value={form.token}
              onChange={set('token')}
              autoComplete="off"
              placeholder={view.tokenHint ? `${view.tokenHint} · ${t('settings.vkKeep')}` : 'vk1.a.…'}
              data-testid="vk-token"
            />
          </label>
          <label>
            {t('settings.vkMode')}
            <select value={form.mode} onChange={set('mode')} data-testid="vk-mode">
              <option value="callback">{t('settings.vkMode.callback')}</option>
              <option value="longpoll">{t('settings.vkMode.longpoll')}</option>
            </select>
          </label>
          {form.mode === 'callback' && (
            <>
              <label>
                {t('settings.vkConfirmation')}
                <input
                  required
                  value={form.confirmation}
                  onChange={set('confirmation')}
                  autoComplete="off"
                  data-testid="vk-confirmation"
                />
              </label>
              <label>
                {t('settings.vkSecret')}
                <input
                  type="password"
                  required={!view.secretKeySet}
                  minLength={8}
                  maxLength={50}
                  pattern="[A-Za-z0-9]+"
                  value={form.secret}
                  onChange={set('secret')}
                  autoComplete="new-password"
                  placeholder={view.secretKeySet ? t('settings.vkKeep') : ''}
                  data-testid="vk-secret"
                />
              </label>
              {view.configured && view.mode === 'callback' && callbackUrl && (
                <>
                  <p className="muted small">{t('settings.vkCallbackUrl')}</p>
                  <CopyField value={callbackUrl} testId="vk-callback-url" />
                </>
              )}
            </>
          )}
          <label>
            {t('settings.vkServiceKey')}
            <input
              type="password"
              value={form.serviceKey}
              onChange={set('serviceKey')}
              autoComplete="off"
              pattern="[A-Za-z0-9._\-]{20,512}"
              placeholder={view.serviceTokenHint ? `${view.serviceTokenHint} · ${t('settings.vkKeep')}` : ''}
              data-testid="vk-service-key"
            />
          </label>
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
