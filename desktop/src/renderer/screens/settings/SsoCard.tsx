// The member's sign-in accounts: the providers the server offers (Google, Yandex ID, a company's SSO),
// which of them are linked (link: in the web app the browser goes to the provider and comes back to
// Settings; in the desktop app the provider opens in the system browser and the app waits for its
// answer, data/provider-link.ts; unlink, after asking), and for admins whether the team signs in
// through providers only, and through which (none ticked: any of them). Shown when the server has
// providers or the member has a linked account.
import { useCallback, useEffect, useState } from 'react';
import { ssoReturnOf, type SsoProvider, type SsoReturn } from '../../data/auth';
import { useWorkspace } from '../../data/hooks';
import { mayDo } from '../../data/role';
import { linkInSystemBrowser } from '../../data/provider-link';
import { navigate } from '../../lib/router';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../i18n/error-text';
import { isDesktop, platform } from '../../platform/platform';
import { Notice, useNotice } from './Notice';

type Identity = { provider: string; name: string; email?: string; linkedAt: string };
/** The team's rule (GET/PUT /auth/sso-policy): `providers` empty, any configured provider. */
type SsoPolicy = { required: boolean; providers: string[] };

const RETURN_KEY = 'sw.ssoReturn';

/**
 * Back from linking at a provider (`#sso-linked=`, or `#sso-error=` of a refused link) while signed
 * in: kept for the card and the browser taken to Settings. Called once by the shell.
 */
export function takeSsoReturn(): void {
  const back = ssoReturnOf(location.hash);
  if (back?.kind !== 'linked' && back?.kind !== 'error') return;
  sessionStorage.setItem(RETURN_KEY, JSON.stringify(back));
  navigate('settings', 'profile');
}

export function SsoCard() {
  const { t, locale } = useI18n();
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'members', 'update');
  const [providers, setProviders] = useState<SsoProvider[]>([]);
  const [identities, setIdentities] = useState<Identity[] | null>(null);
  const [required, setRequired] = useState(false);
  /** The providers the rule allows (none: any); sent with the switch, or at once while it is on. */
  const [allowed, setAllowed] = useState<string[]>([]);
  const [asking, setAsking] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The desktop app waits for the system browser: the provider's name. */
  const [waiting, setWaiting] = useState<string | null>(null);
  const [notice, setNotice] = useNotice('sso-notice');
  const failed = useCallback(
    (err: unknown) =>
      setNotice({ kind: 'error', text: t('settings.failed', { message: errorText(t, err) }) }),
    [setNotice, t],
  );

  const load = useCallback(async () => {
    const [p, i, s] = await Promise.all([
      ws.api.get<{ providers: SsoProvider[] }>('/auth/providers'),
      ws.api.get<{ identities: Identity[] }>('/auth/identities'),
      ws.api.get<SsoPolicy>('/auth/sso-policy'),
    ]);
    setProviders(p.providers);
    setIdentities(i.identities);
    setRequired(s.required);
    if (s.required) setAllowed(s.providers ?? []);
    return p.providers;
  }, [ws]);

  useEffect(() => {
    const saved = sessionStorage.getItem(RETURN_KEY);
    sessionStorage.removeItem(RETURN_KEY);
    const back = saved ? (JSON.parse(saved) as SsoReturn) : undefined;
    load().then((list) => {
      const name = (id: string) => list.find((p) => p.id === id)?.name ?? id;
      if (back?.kind === 'linked')
        setNotice({ kind: 'success', text: t('sso.linkedNotice', { name: name(back.provider) }) });
      else if (back?.kind === 'error') failed({ code: back.code, message: back.reason });
    }, failed);
  }, [load, failed, setNotice, t]);

  if (identities === null || (providers.length === 0 && identities.length === 0)) return null;
  const nameOf = (id: string) => providers.find((p) => p.id === id)?.name ?? id;
  const linked = new Set(identities.map((i) => i.provider));

  /** The desktop app: the provider in the system browser, the link confirmed on this session. */
  const linkInBrowser = async (provider: string) => {
    setBusy(true);
    setNotice(null);
    setWaiting(nameOf(provider));
    try {
      const request = { serverUrl: ws.session.serverUrl, provider, language: locale };
      const end = await linkInSystemBrowser(ws.api, platform, request);
      if (end.kind === 'linked') {
        setNotice({ kind: 'success', text: t('sso.linkedNotice', { name: nameOf(end.provider) }) });
        await load();
      } else if (end.kind === 'timeout')
        setNotice({ kind: 'error', text: t('sso.linkTimeout', { name: nameOf(provider) }) });
      else failed({ code: end.code, message: end.message });
    } catch (err) {
      failed(err);
    }
    setWaiting(null);
    setBusy(false);
  };
  const link = (provider: string) => {
    if (isDesktop) return void linkInBrowser(provider);
    setBusy(true);
    ws.api.post<{ url: string }>(`/auth/oidc/${encodeURIComponent(provider)}/link`).then(
      ({ url }) => location.assign(url),
      (err: unknown) => {
        setBusy(false);
        failed(err);
      },
    );
  };
  const unlink = (provider: string) => {
    setBusy(true);
    ws.api
      .delete(`/auth/identities/${encodeURIComponent(provider)}`)
      .then(async () => {
        setAsking(null);
        setNotice({ kind: 'success', text: t('sso.unlinked', { name: nameOf(provider) }) });
        await load();
      })
      .catch(failed)
      .finally(() => setBusy(false));
  };
  const setPolicy = (next: boolean, only: string[] = allowed) => {
    setBusy(true);
    ws.api
      .put<SsoPolicy>('/auth/sso-policy', { required: next, providers: only })
      .then((s) => {
        setRequired(s.required);
        if (s.required) setAllowed(s.providers);
        setNotice({ kind: 'success', text: t('common.saved') });
      })
      .catch(failed)
      .finally(() => setBusy(false));
  };
  /** Ticks or unticks an allowed provider: saved at once while the rule is on. */
  const toggleAllowed = (provider: string, on: boolean) => {
    const next = on ? [...allowed, provider] : allowed.filter((p) => p !== provider);
    setAllowed(next);
    if (required) setPolicy(true, next);
  };

  return (
    <section className="panel" data-testid="sso-card">
      <h3>{t('sso.cardTitle')}</h3>
      <p className="muted small">{t('sso.cardIntro')}</p>
      {identities.length === 0 ? (
        <p data-testid="sso-none">{t('sso.none')}</p>
      ) : (
        <ul className="plain-list" data-testid="sso-linked">
          {identities.map((i) => (
            <li key={i.provider} data-testid={`sso-linked-${i.provider}`}>
              <strong>{i.name}</strong>
              {i.email && (
                <span className="muted small"> · {t('sso.linkedAs', { email: i.email })}</span>
              )}{' '}
              {asking === i.provider ? (
                <span className="row">
                  <span className="small">{t('sso.confirmUnlink', { name: i.name })}</span>
                  <button
                    type="button"
                    className="danger"
                    disabled={busy}
                    onClick={() => unlink(i.provider)}
                    data-testid={`sso-unlink-confirm-${i.provider}`}
                  >
                    {t('sso.unlink')}
                  </button>
                  <button type="button" onClick={() => setAsking(null)}>
                    {t('common.cancel')}
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => setAsking(i.provider)}
                  data-testid={`sso-unlink-${i.provider}`}
                >
                  {t('sso.unlink')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        {providers
          .filter((p) => !linked.has(p.id))
          .map((p) => (
            <button
              key={p.id}
              type="button"
              disabled={busy}
              onClick={() => link(p.id)}
              data-testid={`sso-link-${p.id}`}
            >
              {t('sso.link', { name: p.name })}
            </button>
          ))}
      </div>
      {waiting && (
        <p className="muted small" role="status" data-testid="sso-waiting">
          {t('sso.linkInBrowser', { name: waiting })}
        </p>
      )}
      {admin && (
        <label className="row">
          <input
            type="checkbox"
            checked={required}
            disabled={busy}
            onChange={(e) => setPolicy(e.target.checked)}
            data-testid="sso-required"
          />
          {t('sso.required')}
        </label>
      )}
      {admin && providers.length > 1 && (
        <fieldset data-testid="sso-allowed">
          <legend className="small">{t('sso.allowedTitle')}</legend>
          {providers.map((p) => (
            <label key={p.id} className="row">
              <input
                type="checkbox"
                checked={allowed.includes(p.id)}
                disabled={busy}
                onChange={(e) => toggleAllowed(p.id, e.target.checked)}
                data-testid={`sso-allowed-${p.id}`}
              />
              {p.name}
            </label>
          ))}
          <p className="muted small">{t('sso.allowedHint')}</p>
        </fieldset>
      )}
      {admin && <p className="muted small">{t('sso.requiredHint')}</p>}
      <Notice notice={notice} testId="sso-notice" />
    </section>
  );
}
