// Sign in (or create a team) and choose the server; ask for a password reset link; open a link from
// a mail: `#reset=<token>` sets a new password, `#invite=<token>` joins the inviting team. In the web
// app, one button per sign-in provider the server offers; the provider's redirect back leaves
// `#sso=<code>` (traded for the session), `#sso-pending=<token>` (a link the member confirms with the
// password) or `#sso-error=<code>` in the address. The desktop app signs in through the system
// browser; its loopback answer is a code or a pending link, both used with its PKCE verifier.
import { useEffect, useState, type FormEvent } from 'react';
import type { StoredSession } from '@app/shared/ipc';
import {
  acceptInvite,
  accountLinkOf,
  exchangeSsoCode,
  listProviders,
  normalizeServerUrl,
  providerStartUrl,
  registerTeam,
  requestPasswordReset,
  resetPassword,
  signIn,
  ssoReturnOf,
  type SsoProvider,
} from '../data/auth';
import { useI18n, type Locale } from '../i18n/i18n';
import { errorText } from '../i18n/error-text';
import { isDesktop, platform } from '../platform/platform';

type Mode = 'signin' | 'register' | 'forgot' | 'reset' | 'invite' | 'sso-pending';

function defaultServer(): string {
  const saved = localStorage.getItem('sw.server');
  if (saved) return saved;
  if (!isDesktop && location.protocol.startsWith('http')) return location.origin;
  return 'http://localhost:8080';
}

/** Drops a used link's token from the address (and from history's next entry). */
function forgetLink() {
  history.replaceState(null, '', location.pathname + location.search);
}

export function SignIn({ onSignedIn }: { onSignedIn: (s: StoredSession) => void }) {
  const { t, locale, setLocale } = useI18n();
  const [link, setLink] = useState(() => accountLinkOf(location.hash));
  const [mode, setMode] = useState<Mode>(link?.kind ?? 'signin');
  // A link opened while this screen shows (the page is not loaded again for a new fragment).
  useEffect(() => {
    const onHash = () => {
      const next = accountLinkOf(location.hash);
      if (!next) return;
      setLink(next);
      setMode(next.kind);
      setError(null);
      setNotice(null);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const [server, setServer] = useState(defaultServer);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [teamName, setTeamName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [providers, setProviders] = useState<SsoProvider[]>([]);
  const [pending, setPending] = useState<{ token: string; provider: string; codeVerifier?: string } | null>(
    null,
  );
  const providerName = (id: string) => providers.find((p) => p.id === id)?.name ?? id;

  // The server's sign-in providers (the web app comes back to /app; the desktop app signs in through
  // the system browser and its loopback listener).
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      void listProviders(server).then((list) => !cancelled && setProviders(list));
    }, 300);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [server]);

  // Back from a provider: trade the code for the session, or ask for the password of a pending link.
  useEffect(() => {
    const back = ssoReturnOf(location.hash);
    if (!back || back.kind === 'linked') return;
    forgetLink();
    if (back.kind === 'error') {
      setError(t('signin.failed', { message: errorText(t, { code: back.code, message: back.reason }) }));
    } else if (back.kind === 'pending') {
      setPending({ token: back.token, provider: back.provider });
      setEmail(back.email);
      setMode('sso-pending');
    } else {
      setBusy(true);
      setNotice(t('sso.finishing'));
      exchangeSsoCode(server, back.code).then(
        (session) => signedIn(session),
        (err: unknown) => {
          setNotice(null);
          setError(t('signin.failed', { message: errorText(t, err) }));
          setBusy(false);
        },
      );
    }
    // Once, for the address the page was opened with.
  }, []);

  /** The desktop app: the provider in the system browser, its code traded with the PKCE verifier. */
  const signInInBrowser = async (provider: SsoProvider) => {
    setBusy(true);
    setError(null);
    setNotice(t('sso.inBrowser', { name: provider.name }));
    try {
      const got = await platform.signInWithProvider({
        serverUrl: normalizeServerUrl(server),
        provider: provider.id,
        language: locale,
      });
      if (got.kind === 'code') {
        setNotice(t('sso.finishing'));
        signedIn(await exchangeSsoCode(server, got.code, fetch, got.codeVerifier));
        return;
      }
      if (got.kind === 'pending') {
        // A first sign-in whose e-mail is a member's: the member confirms the link with the password.
        setNotice(null);
        setPending({ token: got.token, provider: provider.id, codeVerifier: got.codeVerifier });
        setEmail(got.email ?? '');
        setPassword('');
        setMode('sso-pending');
        setBusy(false);
        return;
      }
      setNotice(null);
      setError(
        got.kind === 'timeout'
          ? t('sso.browserTimeout', { name: provider.name })
          : t('signin.failed', { message: errorText(t, { code: got.code, message: got.message }) }),
      );
    } catch (err) {
      setNotice(null);
      setError(t('signin.failed', { message: errorText(t, err) }));
    }
    setBusy(false);
  };

  const go = (next: Mode) => {
    setMode(next);
    setError(null);
    setNotice(null);
  };

  const signedIn = (session: StoredSession) => {
    localStorage.setItem('sw.server', session.serverUrl);
    onSignedIn(session);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      if (mode === 'signin') signedIn(await signIn(server, email, password));
      else if (mode === 'sso-pending' && pending)
        signedIn(await signIn(server, email, password, fetch, pending.token, pending.codeVerifier));
      else if (mode === 'register') signedIn(await registerTeam(server, { teamName, email, password }));
      else if (mode === 'forgot') {
        await requestPasswordReset(server, email);
        setNotice(t('signin.forgotSent', { email }));
      } else if (mode === 'reset' && link) {
        const answer = await resetPassword(server, link.token, password);
        forgetLink();
        setEmail(answer.email);
        setPassword('');
        setMode('signin');
        setNotice(t('signin.resetDone'));
      } else if (mode === 'invite' && link) {
        const session = await acceptInvite(server, link.token, password);
        forgetLink();
        signedIn(session);
      }
    } catch (err) {
      const key =
        mode === 'signin' || mode === 'register' || mode === 'sso-pending'
          ? 'signin.failed'
          : 'signin.actionFailed';
      // A reset or invite link the server refuses (used, expired, unknown) is about the link, not a session.
      const linkRefused =
        (mode === 'reset' || mode === 'invite') && (err as { code?: unknown })?.code === 'token-invalid';
      setError(t(key, { message: linkRefused ? t('error.link-invalid') : errorText(t, err) }));
    } finally {
      setBusy(false);
    }
  };

  const title = {
    signin: t('signin.title'),
    register: t('signin.register'),
    forgot: t('signin.forgotTitle'),
    reset: t('signin.resetTitle'),
    invite: t('signin.inviteTitle'),
    'sso-pending': t('sso.pendingTitle', { name: providerName(pending?.provider ?? '') }),
  }[mode];
  const hint = {
    signin: t('signin.subtitle'),
    register: t('signin.subtitle'),
    forgot: t('signin.forgotHint'),
    reset: t('signin.resetHint'),
    invite: t('signin.inviteHint'),
    'sso-pending': t('sso.pendingHint', { name: providerName(pending?.provider ?? ''), email }),
  }[mode];
  const submitLabel = {
    signin: t('signin.submit'),
    register: t('signin.register'),
    forgot: t('signin.forgotSubmit'),
    reset: t('signin.resetSubmit'),
    invite: t('signin.inviteSubmit'),
    'sso-pending': t('sso.pendingSubmit'),
  }[mode];
  const asksEmail = mode === 'signin' || mode === 'register' || mode === 'forgot' || mode === 'sso-pending';
  const asksPassword = mode !== 'forgot';
  const newPassword = mode === 'reset' || mode === 'invite' || mode === 'register';

  return (
    <div className="signin-page">
      <form className="signin-card" onSubmit={submit} data-testid="signin-form" data-mode={mode}>
        <div className="signin-head">
          <h1>{t('app.name')}</h1>
          <select
            aria-label={t('common.language')}
            value={locale}
            onChange={(e) => setLocale(e.target.value as Locale)}
            data-testid="language"
          >
            <option value="en">English</option>
            <option value="ru">Русский</option>
          </select>
        </div>
        <h2>{title}</h2>
        <p className="muted">{hint}</p>
        <label>
          {t('signin.server')}
          <input value={server} onChange={(e) => setServer(e.target.value)} required name="server" />
        </label>
        {mode === 'register' && (
          <label>
            {t('signin.teamName')}
            <input value={teamName} onChange={(e) => setTeamName(e.target.value)} required name="teamName" />
          </label>
        )}
        {asksEmail && (
          <label>
            {t('signin.email')}
            <input
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
              name="email"
              autoComplete="username"
            />
          </label>
        )}
        {asksPassword && (
          <label>
            {mode === 'reset' ? t('signin.newPassword') : t('signin.password')}
            <input
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
              name="password"
              autoComplete={newPassword ? 'new-password' : 'current-password'}
            />
          </label>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {notice && (
          <p className="notice" role="status" data-testid="signin-notice">
            {notice}
          </p>
        )}
        <button className="primary" type="submit" disabled={busy} data-testid="signin-submit">
          {submitLabel}
        </button>
        {(mode === 'signin' || (mode === 'invite' && link && !isDesktop)) && providers.length > 0 && (
          <div className="signin-providers" data-testid="sso-providers">
            <p className="muted small">{t('sso.or')}</p>
            {providers.map((p) => (
              <button
                key={p.id}
                type="button"
                disabled={busy}
                onClick={() => {
                  if (isDesktop) return void signInInBrowser(p);
                  localStorage.setItem('sw.server', normalizeServerUrl(server));
                  location.assign(
                    providerStartUrl(server, p.id, mode === 'invite' ? link?.token : undefined),
                  );
                }}
                data-testid={`sso-${p.id}`}
              >
                {t(mode === 'invite' ? 'sso.joinWith' : 'sso.signInWith', { name: p.name })}
              </button>
            ))}
          </div>
        )}
        {mode === 'signin' && (
          <button type="button" className="link" onClick={() => go('forgot')} data-testid="signin-forgot">
            {t('signin.forgot')}
          </button>
        )}
        {mode === 'signin' || mode === 'register' ? (
          <button
            type="button"
            className="link"
            onClick={() => go(mode === 'signin' ? 'register' : 'signin')}
          >
            {mode === 'signin' ? t('signin.noAccount') : t('signin.haveAccount')}
          </button>
        ) : (
          <button type="button" className="link" onClick={() => go('signin')} data-testid="signin-back">
            {t('signin.backToSignIn')}
          </button>
        )}
      </form>
    </div>
  );
}
