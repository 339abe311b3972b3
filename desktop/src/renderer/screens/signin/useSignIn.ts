// The sign-in screen's state and what its buttons do (SignIn.tsx): the mode (sign in, a new team, a
// reset link asked for or opened, an invite, a provider's pending link), the fields, and the answers of
// the server: a session, a notice, or an error in the UI's language. Links opened from a mail
// (`#reset=`, `#invite=`) and a provider's way back (`#sso=`, `#sso-pending=`, `#sso-error=`) are read
// from the address; the desktop app's provider sign-in runs in the system browser (loopback, PKCE).
import { useEffect, useState, type FormEvent } from 'react';
import type { StoredSession } from '@app/shared/ipc';
import {
  acceptInvite,
  accountLinkOf,
  exchangeSsoCode,
  listProviders,
  normalizeServerUrl,
  registerTeam,
  requestPasswordReset,
  resetPassword,
  signIn,
  ssoReturnOf,
  type SsoProvider,
} from '../../data/auth';
import { errorText } from '../../i18n/error-text';
import { useI18n, type Locale, type Translate } from '../../i18n/i18n';
import { useBusyAction } from '../../lib/use-busy-action';
import { isDesktop, platform } from '../../platform/platform';

export type Mode = 'signin' | 'register' | 'forgot' | 'reset' | 'invite' | 'sso-pending';
type Pending = { token: string; provider: string; codeVerifier?: string };

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

/**
 * The screen's fields and messages, `go` to another mode with the messages cleared, and `run` for a
 * submit: busy meanwhile, the messages cleared first, a failure shown in the mode's words.
 */
function useFields() {
  const { t } = useI18n();
  const [link, setLink] = useState(() => accountLinkOf(location.hash));
  const [mode, setMode] = useState<Mode>(link?.kind ?? 'signin');
  const [server, setServer] = useState(defaultServer);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [teamName, setTeamName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, setBusy, run } = useBusyAction({
    onStart: () => {
      setError(null);
      setNotice(null);
    },
    onError: (err) => setError(failureText(t, mode, err)),
  });
  const [pending, setPending] = useState<Pending | null>(null);
  const go = (next: Mode) => {
    setMode(next);
    setError(null);
    setNotice(null);
  };
  return {
    link,
    setLink,
    mode,
    setMode,
    server,
    setServer,
    email,
    setEmail,
    password,
    setPassword,
    teamName,
    setTeamName,
    error,
    setError,
    notice,
    setNotice,
    busy,
    setBusy,
    run,
    pending,
    setPending,
    go,
  };
}
export type SignInFields = ReturnType<typeof useFields>;

/** A link opened while this screen shows (the page is not loaded again for a new fragment). */
function useLinkChanges(f: SignInFields) {
  useEffect(() => {
    const onHash = () => {
      const next = accountLinkOf(location.hash);
      if (!next) return;
      f.setLink(next);
      f.go(next.kind);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
    // The setters are stable.
  }, []);
}

/** The server's sign-in providers, read again when the server's address settles. */
function useProviders(server: string) {
  const [providers, setProviders] = useState<SsoProvider[]>([]);
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
  return providers;
}

/** Back from a provider: trade the code for the session, or ask for the password of a pending link. */
function useSsoReturn(f: SignInFields, t: Translate, signedIn: (s: StoredSession) => void) {
  useEffect(() => {
    const back = ssoReturnOf(location.hash);
    if (!back || back.kind === 'linked') return;
    forgetLink();
    if (back.kind === 'error') {
      f.setError(t('signin.failed', { message: errorText(t, { code: back.code, message: back.reason }) }));
    } else if (back.kind === 'pending') {
      f.setPending({ token: back.token, provider: back.provider });
      f.setEmail(back.email);
      f.setMode('sso-pending');
    } else {
      f.setBusy(true);
      f.setNotice(t('sso.finishing'));
      exchangeSsoCode(f.server, back.code).then(signedIn, (err: unknown) => {
        f.setNotice(null);
        f.setError(t('signin.failed', { message: errorText(t, err) }));
        f.setBusy(false);
      });
    }
    // Once, for the address the page was opened with.
  }, []);
}

/** The desktop app: the provider in the system browser, its code traded with the PKCE verifier. */
async function browserSignIn(
  f: SignInFields,
  provider: SsoProvider,
  ctx: { t: Translate; language: Locale; signedIn(s: StoredSession): void },
) {
  const { t } = ctx;
  f.setBusy(true);
  f.setError(null);
  f.setNotice(t('sso.inBrowser', { name: provider.name }));
  try {
    const got = await platform.signInWithProvider({
      serverUrl: normalizeServerUrl(f.server),
      provider: provider.id,
      language: ctx.language,
    });
    if (got.kind === 'code') {
      f.setNotice(t('sso.finishing'));
      ctx.signedIn(await exchangeSsoCode(f.server, got.code, fetch, got.codeVerifier));
      return;
    }
    f.setNotice(null);
    if (got.kind === 'pending') {
      // A first sign-in whose e-mail is a member's: the member confirms the link with the password.
      f.setPending({ token: got.token, provider: provider.id, codeVerifier: got.codeVerifier });
      f.setEmail(got.email ?? '');
      f.setPassword('');
      f.setMode('sso-pending');
    } else
      f.setError(
        got.kind === 'timeout'
          ? t('sso.browserTimeout', { name: provider.name })
          : t('signin.failed', { message: errorText(t, { code: got.code, message: got.message }) }),
      );
  } catch (err) {
    f.setNotice(null);
    f.setError(t('signin.failed', { message: errorText(t, err) }));
  }
  f.setBusy(false);
}

/** What the form's submit does in each mode. */
async function submitMode(f: SignInFields, t: Translate, signedIn: (s: StoredSession) => void) {
  const { mode, server, email, password, link, pending } = f;
  if (mode === 'signin') signedIn(await signIn(server, email, password));
  else if (mode === 'sso-pending' && pending)
    signedIn(await signIn(server, email, password, fetch, pending.token, pending.codeVerifier));
  else if (mode === 'register')
    signedIn(await registerTeam(server, { teamName: f.teamName, email, password }));
  else if (mode === 'forgot') {
    await requestPasswordReset(server, email);
    f.setNotice(t('signin.forgotSent', { email }));
  } else if (mode === 'reset' && link) {
    const answer = await resetPassword(server, link.token, password);
    forgetLink();
    f.setEmail(answer.email);
    f.setPassword('');
    f.setMode('signin');
    f.setNotice(t('signin.resetDone'));
  } else if (mode === 'invite' && link) {
    const session = await acceptInvite(server, link.token, password);
    forgetLink();
    signedIn(session);
  }
}

/** The message of a failed submit: a reset or invite link the server refuses is about the link. */
function failureText(t: Translate, mode: Mode, err: unknown) {
  const key =
    mode === 'signin' || mode === 'register' || mode === 'sso-pending'
      ? 'signin.failed'
      : 'signin.actionFailed';
  const linkRefused =
    (mode === 'reset' || mode === 'invite') && (err as { code?: unknown })?.code === 'token-invalid';
  return t(key, { message: linkRefused ? t('error.link-invalid') : errorText(t, err) });
}

export function useSignIn(onSignedIn: (s: StoredSession) => void) {
  const { t, locale } = useI18n();
  const f = useFields();
  const providers = useProviders(f.server);
  const signedIn = (session: StoredSession) => {
    localStorage.setItem('sw.server', session.serverUrl);
    onSignedIn(session);
  };
  useLinkChanges(f);
  useSsoReturn(f, t, signedIn);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await f.run(() => submitMode(f, t, signedIn));
  };
  const inBrowser = (p: SsoProvider) => browserSignIn(f, p, { t, language: locale, signedIn });
  const providerName = (id: string) => providers.find((p) => p.id === id)?.name ?? id;
  return { ...f, providers, providerName, submit, inBrowser };
}
export type SignInModel = ReturnType<typeof useSignIn>;
