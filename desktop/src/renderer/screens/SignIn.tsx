// Sign in (or create a team) and choose the server; ask for a password reset link; open a link from
// a mail: `#reset=<token>` sets a new password, `#invite=<token>` joins the inviting team. In the web
// app, one button per sign-in provider the server offers; the provider's redirect back leaves
// `#sso=<code>` (traded for the session), `#sso-pending=<token>` (a link the member confirms with the
// password) or `#sso-error=<code>` in the address. The desktop app signs in through the system
// browser; its loopback answer is a code or a pending link, both used with its PKCE verifier. The state
// and the actions are signin/useSignIn.ts; this file lays the card out (fields: the form kit).
import { LanguageSelect } from '../components/LanguageSelect';
import type { StoredSession } from '@app/shared/ipc';
import { FormField, FormFields } from '../components/ui/FormField';
import { normalizeServerUrl, providerStartUrl } from '../data/auth';
import { useI18n, type Translate } from '../i18n/i18n';
import { isDesktop } from '../platform/platform';
import { useSignIn, type Mode, type SignInModel } from './signin/useSignIn';

/** The card's title, the line under it and the submit button's label in each mode. */
function modeTexts(t: Translate, mode: Mode, provider: string, email: string) {
  const texts: Record<Mode, [string, string, string]> = {
    signin: [t('signin.title'), t('signin.subtitle'), t('signin.submit')],
    register: [t('signin.register'), t('signin.subtitle'), t('signin.register')],
    forgot: [t('signin.forgotTitle'), t('signin.forgotHint'), t('signin.forgotSubmit')],
    reset: [t('signin.resetTitle'), t('signin.resetHint'), t('signin.resetSubmit')],
    invite: [t('signin.inviteTitle'), t('signin.inviteHint'), t('signin.inviteSubmit')],
    'sso-pending': [
      t('sso.pendingTitle', { name: provider }),
      t('sso.pendingHint', { name: provider, email }),
      t('sso.pendingSubmit'),
    ],
  };
  const [title, hint, submit] = texts[mode];
  return { title, hint, submit };
}

export function SignIn({ onSignedIn }: { onSignedIn: (s: StoredSession) => void }) {
  const { t } = useI18n();
  const s = useSignIn(onSignedIn);
  const texts = modeTexts(t, s.mode, s.providerName(s.pending?.provider ?? ''), s.email);
  return (
    <div className="signin-page">
      <form className="signin-card" onSubmit={s.submit} data-testid="signin-form" data-mode={s.mode}>
        <div className="signin-head">
          <h1>{t('app.name')}</h1>
          <LanguageSelect testId="language" />
        </div>
        <h2>{texts.title}</h2>
        <p className="muted">{texts.hint}</p>
        <SignInInputs s={s} />
        {s.error && (
          <p className="error" role="alert">
            {s.error}
          </p>
        )}
        {s.notice && (
          <p className="notice" role="status" data-testid="signin-notice">
            {s.notice}
          </p>
        )}
        <button className="primary" type="submit" disabled={s.busy} data-testid="signin-submit">
          {texts.submit}
        </button>
        <ProviderButtons s={s} />
        <ModeLinks s={s} />
      </form>
    </div>
  );
}

/** The server, the new team's name, the e-mail and the password, as the mode asks for them. */
function SignInInputs({ s }: { s: SignInModel }) {
  const { t } = useI18n();
  const { mode } = s;
  const asksEmail = mode === 'signin' || mode === 'register' || mode === 'forgot' || mode === 'sso-pending';
  const newPassword = mode === 'reset' || mode === 'invite' || mode === 'register';
  return (
    <FormFields>
      <FormField label={t('signin.server')}>
        <input value={s.server} onChange={(e) => s.setServer(e.target.value)} required name="server" />
      </FormField>
      {mode === 'register' && (
        <FormField label={t('signin.teamName')}>
          <input
            value={s.teamName}
            onChange={(e) => s.setTeamName(e.target.value)}
            required
            name="teamName"
          />
        </FormField>
      )}
      {asksEmail && (
        <FormField label={t('signin.email')}>
          <input
            type="email"
            value={s.email}
            onChange={(e) => s.setEmail(e.target.value)}
            required
            name="email"
            autoComplete="username"
          />
        </FormField>
      )}
      {mode !== 'forgot' && (
        <FormField label={mode === 'reset' ? t('signin.newPassword') : t('signin.password')}>
          <input
            type="password"
            value={s.password}
            onChange={(e) => s.setPassword(e.target.value)}
            required
            name="password"
            autoComplete={newPassword ? 'new-password' : 'current-password'}
          />
        </FormField>
      )}
    </FormFields>
  );
}

/** One button per sign-in provider (to sign in, or to join through an invite in the web app). */
function ProviderButtons({ s }: { s: SignInModel }) {
  const { t } = useI18n();
  const { mode, link, providers } = s;
  if (!(mode === 'signin' || (mode === 'invite' && link && !isDesktop)) || providers.length === 0)
    return null;
  return (
    <div className="signin-providers" data-testid="sso-providers">
      <p className="muted small">{t('sso.or')}</p>
      {providers.map((p) => (
        <button
          key={p.id}
          type="button"
          disabled={s.busy}
          onClick={() => {
            if (isDesktop) return void s.inBrowser(p);
            localStorage.setItem('sw.server', normalizeServerUrl(s.server));
            location.assign(providerStartUrl(s.server, p.id, mode === 'invite' ? link?.token : undefined));
          }}
          data-testid={`sso-${p.id}`}
        >
          {t(mode === 'invite' ? 'sso.joinWith' : 'sso.signInWith', { name: p.name })}
        </button>
      ))}
    </div>
  );
}

/** Forgot the password; a new team or back to signing in. */
function ModeLinks({ s }: { s: SignInModel }) {
  const { t } = useI18n();
  const { mode, go } = s;
  return (
    <>
      {mode === 'signin' && (
        <button type="button" className="link" onClick={() => go('forgot')} data-testid="signin-forgot">
          {t('signin.forgot')}
        </button>
      )}
      {mode === 'signin' || mode === 'register' ? (
        <button type="button" className="link" onClick={() => go(mode === 'signin' ? 'register' : 'signin')}>
          {mode === 'signin' ? t('signin.noAccount') : t('signin.haveAccount')}
        </button>
      ) : (
        <button type="button" className="link" onClick={() => go('signin')} data-testid="signin-back">
          {t('signin.backToSignIn')}
        </button>
      )}
    </>
  );
}
