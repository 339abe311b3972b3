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
import { isDesktop, platform } from '../../platform/platform';
import { Notice } from './Notice';
import { LinkedIdentities, SsoPolicyFields, type Identity } from './SsoParts';
import { useCardAction } from './use-card-action';
import { ActionButton } from './CardParts';

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
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'members', 'update');
  const { t, locale, busy, setBusy, run, notice, setNotice, fail } = useCardAction('sso-notice');
  const [providers, setProviders] = useState<SsoProvider[]>([]);
  const [identities, setIdentities] = useState<Identity[] | null>(null);
  const [required, setRequired] = useState(false);
  /** The providers the rule allows (none: any); sent with the switch, or at once while it is on. */
  const [allowed, setAllowed] = useState<string[]>([]);
  /** The desktop app waits for the system browser: the provider's name. */
  const [waiting, setWaiting] = useState<string | null>(null);

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
      else if (back?.kind === 'error') fail({ code: back.code, message: back.reason });
    }, fail);
  }, [load, fail, setNotice, t]);

  if (identities === null || (providers.length === 0 && identities.length === 0)) return null;
  const nameOf = (id: string) => providers.find((p) => p.id === id)?.name ?? id;
  const linked = new Set(identities.map((i) => i.provider));

  /** The desktop app: the provider in the system browser, the link confirmed on this session. */
  const linkInBrowser = async (provider: string) => {
    setWaiting(nameOf(provider));
    await run(async () => {
      const request = { serverUrl: ws.session.serverUrl, provider, language: locale };
      const end = await linkInSystemBrowser(ws.api, platform, request);
      if (end.kind === 'linked') {
        setNotice({ kind: 'success', text: t('sso.linkedNotice', { name: nameOf(end.provider) }) });
        await load();
      } else if (end.kind === 'timeout')
        setNotice({ kind: 'error', text: t('sso.linkTimeout', { name: nameOf(provider) }) });
      else fail({ code: end.code, message: end.message });
    });
    setWaiting(null);
  };
  /** The web app: to the provider and back to Settings (busy until the page leaves). */
  const link = (provider: string) => {
    if (isDesktop) return void linkInBrowser(provider);
    setBusy(true);
    ws.api.post<{ url: string }>(`/auth/oidc/${encodeURIComponent(provider)}/link`).then(
      ({ url }) => location.assign(url),
      (err: unknown) => {
        setBusy(false);
        fail(err);
      },
    );
  };
  const unlink = (provider: string) =>
    run(async () => {
      await ws.api.delete(`/auth/identities/${encodeURIComponent(provider)}`);
      setNotice({ kind: 'success', text: t('sso.unlinked', { name: nameOf(provider) }) });
      await load();
    });
  const setPolicy = (next: boolean, only: string[] = allowed) =>
    void run(async () => {
      const s = await ws.api.put<SsoPolicy>('/auth/sso-policy', { required: next, providers: only });
      setRequired(s.required);
      if (s.required) setAllowed(s.providers);
      setNotice({ kind: 'success', text: t('common.saved') });
    });
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
      <LinkedIdentities identities={identities} busy={busy} onUnlink={unlink} />
      <div className="row">
        {providers
          .filter((p) => !linked.has(p.id))
          .map((p) => (
            <ActionButton key={p.id} busy={busy} onClick={() => link(p.id)} testId={`sso-link-${p.id}`}>
              {t('sso.link', { name: p.name })}
            </ActionButton>
          ))}
      </div>
      {waiting && (
        <p className="muted small" role="status" data-testid="sso-waiting">
          {t('sso.linkInBrowser', { name: waiting })}
        </p>
      )}
      {admin && (
        <SsoPolicyFields
          providers={providers}
          required={required}
          allowed={allowed}
          busy={busy}
          onRequired={(on) => setPolicy(on)}
          onAllowed={toggleAllowed}
        />
      )}
      <Notice notice={notice} testId="sso-notice" />
    </section>
  );
}
