// Sign in (or create a team) and choose the server.
import { useState, type FormEvent } from 'react';
import type { StoredSession } from '@app/shared/ipc';
import { registerTeam, signIn } from '../data/auth';
import { useI18n, type Locale } from '../i18n/i18n';
import { isDesktop } from '../platform/platform';

function defaultServer(): string {
  const saved = localStorage.getItem('sw.server');
  if (saved) return saved;
  if (!isDesktop && location.protocol.startsWith('http')) return location.origin;
  return 'http://localhost:8080';
}

export function SignIn({ onSignedIn }: { onSignedIn: (s: StoredSession) => void }) {
  const { t, locale, setLocale } = useI18n();
  const [mode, setMode] = useState<'signin' | 'register'>('signin');
  const [server, setServer] = useState(defaultServer);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [teamName, setTeamName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session =
        mode === 'signin'
          ? await signIn(server, email, password)
          : await registerTeam(server, { teamName, email, password });
      localStorage.setItem('sw.server', session.serverUrl);
      onSignedIn(session);
    } catch (err) {
      setError(t('signin.failed', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="signin-page">
      <form className="signin-card" onSubmit={submit} data-testid="signin-form">
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
        <h2>{mode === 'signin' ? t('signin.title') : t('signin.register')}</h2>
        <p className="muted">{t('signin.subtitle')}</p>
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
        <label>
          {t('signin.password')}
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            name="password"
            autoComplete="current-password"
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button className="primary" type="submit" disabled={busy} data-testid="signin-submit">
          {mode === 'signin' ? t('signin.submit') : t('signin.register')}
        </button>
        <button
          type="button"
          className="link"
          onClick={() => setMode(mode === 'signin' ? 'register' : 'signin')}
        >
          {mode === 'signin' ? t('signin.noAccount') : t('signin.haveAccount')}
        </button>
      </form>
    </div>
  );
}
