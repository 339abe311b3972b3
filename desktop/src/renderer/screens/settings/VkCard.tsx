// The VK channel: the community whose messages the team answers. The admin gives the community's id
// and access token and picks how VK delivers messages: the Callback API (VK calls this server; the
// card shows the address to enter in VK, with the confirmation string and secret key) or the Bots
// Long Poll API (the server asks VK). Checked on demand against VK and saved through the admin API's
// /channels/vk routes; its fields are the one settings form's (SettingsForm.tsx, @app/shared/settings):
// the stored token and secret key are never shown, blank ones keep them. The
// optional service key of the team's VK app turns on social monitoring of the community for the event
// deals' keywords (POST /social/vk/poll runs a pass at once).
import { settingsFields } from '@app/shared/settings';
import type { MessageKey } from '../../i18n/en';
import { CopyField } from './CopyField';
import { ActionButton, AdminCard, ConnectedLine } from './CardParts';
import { SettingsActions, SettingsFields } from './SettingsForm';
import { useSettingsKind } from './use-settings-kind';

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
  const kind = useSettingsKind<VkView, CheckView>({
    path: '/channels/vk',
    fields,
    noticeId: 'vk-notice',
    testPrefix: 'vk',
    labels,
    keep: 'settings.vkKeep',
  });
  const { t, ws, admin, view, values, check, busy, notice, setNotice, run } = kind;
  const onSave = (e: React.FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const checked = await kind.checkNow();
      if (!checked.ok) {
        setNotice({ kind: 'error', text: t('settings.vkRefused', { reason: checked.error }) });
        return;
      }
      await kind.save();
    });
  };
  const onSocialPoll = () =>
    run(async () => {
      const done = await ws.api.post<{ watched: number; saved: number }>('/social/vk/poll', {});
      setNotice({ kind: 'success', text: t('settings.vkSocialDone', done) });
    });

  const callbackUrl =
    view?.callbackUrl ??
    (view?.callbackPath ? `${ws.session.serverUrl.replace(/\/+$/, '')}${view.callbackPath}` : undefined);

  return (
    <AdminCard id="vk" titleKey="settings.vk" admin={admin} view={view} notice={notice}>
      {(view) => (
        <form onSubmit={onSave}>
          <p className="muted small">{t('settings.vkHint')}</p>
          <ConnectedLine testId="vk-status" who={view.configured ? `club${view.groupId ?? ''}` : undefined} />
          <SettingsFields {...kind.form} />
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
          <SettingsActions {...kind.actions} saveLabel="settings.checkAndSave">
            {view.configured && view.serviceTokenHint && (
              <ActionButton busy={busy} onClick={() => void onSocialPoll()} testId="vk-social-poll">
                {t('settings.vkSocialPoll')}
              </ActionButton>
            )}
          </SettingsActions>
        </form>
      )}
    </AdminCard>
  );
}
