// The team's task tracker and calendar (admins): which are connected (ids shown, credentials never),
// and a form that checks the settings with the service (POST /integrations/<kind>/test) before it
// saves them (its fields: the one settings form, SettingsForm.tsx). The task tracker saved last is the
// one the agents' "create task" copies to.
import { useCallback, useEffect, useState } from 'react';
import { useWorkspace } from '../../data/hooks';
import { mayDo } from '../../data/role';
import { settingsFields } from '@app/shared/settings';
import type { MessageKey } from '../../i18n/en';
import type { IntegrationMessageKey } from '../../i18n/integrations-en';
import { Notice } from './Notice';
import { AdminCard } from './CardParts';
import { SettingsFields } from './SettingsForm';
import { useCardAction } from './use-card-action';
import { useSettingsForm } from './use-settings-form';

const kinds = ['notion', 'asana', 'trello', 'github', 'google'] as const;
type Kind = (typeof kinds)[number];
/** Each kind's fields (@app/shared/settings): ids shown, credentials as blank password inputs. */
const labels: Record<string, MessageKey> = Object.fromEntries(
  kinds.flatMap((k) =>
    settingsFields[k].map((f) => [f.name, `integrations.field.${f.name}` as IntegrationMessageKey]),
  ),
);

type View = { kind: Kind; configured: boolean; enabled?: boolean; settings?: Record<string, string> };
type Check = { ok: true; detail: string } | { ok: false; error: string };

export function IntegrationsCard() {
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'integrations', 'update');
  const [views, setViews] = useState<View[] | undefined>();
  const [kind, setKind] = useState<Kind>('notion');
  // The tracker's fields in the one settings form (its credentials are never shown).
  const form = useSettingsForm(settingsFields[kind], { testPrefix: 'integration', labels });
  const { t, busy, run, notice, setNotice, fail } = useCardAction('integrations-notice');
  const label = (key: string) => t(`integrations.${key}` as IntegrationMessageKey);

  const refresh = useCallback(() => {
    if (!admin) return;
    ws.api.get<{ integrations: View[] }>('/integrations').then((r) => setViews(r.integrations), fail);
  }, [ws, admin, fail]);
  useEffect(refresh, [refresh]);

  const body = form.body;
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const check = await ws.api.post<Check>(`/integrations/${kind}/test`, body());
      if (!check.ok) {
        setNotice({ kind: 'error', text: t('integrations.refused', { reason: check.error }) });
        return;
      }
      await ws.api.put(`/integrations/${kind}`, body());
      form.fill();
      setNotice({ kind: 'success', text: t('integrations.saved', { detail: check.detail }) });
      refresh();
    });
  };
  const remove = (k: Kind) =>
    run(async () => {
      await ws.api.delete(`/integrations/${k}`);
      setNotice({ kind: 'success', text: t('settings.disconnected') });
      refresh();
    });

  return (
    <AdminCard id="integrations" titleKey="integrations.title" admin={admin} view={views ?? []}>
      {() => (
        <>
          <p className="muted small">{t('integrations.hint')}</p>
          <ul className="plain-list" data-testid="integrations-list">
            {(views ?? []).map((v) => (
              <li key={v.kind} data-kind={v.kind} data-configured={v.configured}>
                <strong>{label(`kind.${v.kind}`)}</strong>{' '}
                {v.configured ? (
                  <>
                    <span className="status status-success">{t('integrations.connected')}</span>{' '}
                    <span className="muted small">{Object.values(v.settings ?? {}).join(' · ')}</span>{' '}
                    <button type="button" className="danger" onClick={() => void remove(v.kind)}>
                      {t('settings.disconnect')}
                    </button>
                  </>
                ) : (
                  <span className="status status-muted">{t('settings.notConnected')}</span>
                )}
              </li>
            ))}
          </ul>
          <form onSubmit={save}>
            <label>
              {t('integrations.service')}
              <select
                value={kind}
                onChange={(e) => {
                  setKind(e.target.value as Kind);
                  form.setValues({});
                }}
                data-testid="integration-kind"
              >
                {kinds.map((k) => (
                  <option key={k} value={k}>
                    {label(`kind.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <SettingsFields {...form.props(undefined)} />
            <button type="submit" className="primary" disabled={busy} data-testid="integration-save">
              {t('settings.checkAndSave')}
            </button>
          </form>
          <Notice notice={notice} testId="integrations-notice" />
        </>
      )}
    </AdminCard>
  );
}
