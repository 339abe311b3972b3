// The team's task tracker and calendar (admins): which are connected (ids shown, credentials never),
// and a form that checks the settings with the service (POST /integrations/<kind>/test) before it
// saves them (its fields: the one settings form, SettingsForm.tsx). The task tracker saved last is the
// one the agents' "create task" copies to.
import { useCallback, useEffect, useState } from 'react';
import { useWorkspace } from '../../data/hooks';
import { mayDo } from '../../data/role';
import { settingsFields } from '@app/shared/settings';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';
import { bodyOf } from '../../lib/settings-form';
import { errorText } from '../../i18n/error-text';
import type { IntegrationMessageKey } from '../../i18n/integrations-en';
import { Notice, useNotice } from './Notice';
import { SettingsFields } from './SettingsForm';

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
  const { t } = useI18n();
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'integrations', 'update');
  const [views, setViews] = useState<View[] | undefined>();
  const [kind, setKind] = useState<Kind>('notion');
  const [values, setValues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useNotice('integrations-notice');
  const failText = useCallback((e: unknown) => t('settings.failed', { message: errorText(t, e) }), [t]);
  const label = (key: string) => t(`integrations.${key}` as IntegrationMessageKey);

  const refresh = useCallback(() => {
    if (!admin) return;
    ws.api.get<{ integrations: View[] }>('/integrations').then(
      (r) => setViews(r.integrations),
      (e: unknown) => setNotice({ kind: 'error', text: failText(e) }),
    );
  }, [ws, admin, failText]);
  useEffect(refresh, [refresh]);

  const body = () => bodyOf(settingsFields[kind], values);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setNotice(null);
    try {
      const check = await ws.api.post<Check>(`/integrations/${kind}/test`, body());
      if (!check.ok) {
        setNotice({ kind: 'error', text: t('integrations.refused', { reason: check.error }) });
        return;
      }
      await ws.api.put(`/integrations/${kind}`, body());
      setValues({});
      setNotice({ kind: 'success', text: t('integrations.saved', { detail: check.detail }) });
      refresh();
    } catch (err) {
      setNotice({ kind: 'error', text: failText(err) });
    } finally {
      setBusy(false);
    }
  };
  const remove = (k: Kind) =>
    ws.api.delete(`/integrations/${k}`).then(
      () => {
        setNotice({ kind: 'success', text: t('settings.disconnected') });
        refresh();
      },
      (e: unknown) => setNotice({ kind: 'error', text: failText(e) }),
    );

  return (
    <section className="panel" data-testid="integrations-card">
      <h3>{t('integrations.title')}</h3>
      {!admin ? (
        <p className="muted small">{t('settings.serverOnly')}</p>
      ) : (
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
                  setValues({});
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
            <SettingsFields
              fields={settingsFields[kind]}
              values={values}
              onChange={setValues}
              view={undefined}
              testPrefix="integration"
              labels={labels}
              keep="settings.vkKeep"
            />
            <button type="submit" className="primary" disabled={busy} data-testid="integration-save">
              {t('settings.checkAndSave')}
            </button>
          </form>
          <Notice notice={notice} testId="integrations-notice" />
        </>
      )}
    </section>
  );
}
