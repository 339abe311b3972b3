// The app root: language, session and workspace lifecycle; sign-in screen until signed in; the toast
// region (components/ui/Toast) around all of it and, once signed in, the "?" shortcut sheet.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { StoredSession } from '@app/shared/ipc';
import { WorkspaceContext } from './data/hooks';
import { openWorkspace, type Workspace } from './data/workspace';
import { I18nContext, initialLocale, translator, type Locale } from './i18n/i18n';
import { platform } from './platform/platform';
import { Shell } from './Shell';
import { UpdateBanner } from './components/UpdateBanner';
import { ShortcutKeys } from './components/ShortcutSheet';
import { ToastRegion } from './components/ui/Toast';
import { SignIn } from './screens/SignIn';

export function App() {
  const [locale, setLocaleState] = useState<Locale>(() =>
    initialLocale(localStorage.getItem('sw.locale'), navigator.language),
  );
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem('sw.locale', l);
    document.documentElement.lang = l;
    setLocaleState(l);
  }, []);
  const i18n = useMemo(() => ({ locale, t: translator(locale), setLocale }), [locale, setLocale]);
  const [session, setSession] = useState<StoredSession | null | undefined>(undefined);
  const [ws, setWs] = useState<Workspace | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void platform.getSession().then((s) => setSession(s));
  }, []);

  const signOut = useCallback(async () => {
    await platform.clearSession();
    setSession(null);
  }, []);

  useEffect(() => {
    if (!session) return;
    let cancelled = false;
    let opened: Workspace | null = null;
    openWorkspace(session, {
      onSession: (s) => void platform.setSession(s),
      onSignedOut: () => void signOut(),
    }).then(
      (w) => {
        if (cancelled) void w.close();
        else {
          opened = w;
          setWs(w);
        }
      },
      (e: unknown) => setError(String((e as Error).message ?? e)),
    );
    return () => {
      cancelled = true;
      setWs(null);
      void opened?.close();
    };
    // Re-open only when the account changes, not on token refresh (the workspace keeps the tokens).
  }, [session?.serverUrl, session?.userId, session?.email, signOut]);

  const onSignedIn = async (s: StoredSession) => {
    await platform.setSession(s);
    setSession(s);
  };

  return (
    <I18nContext.Provider value={i18n}>
      <ToastRegion>
        {session === undefined ? (
          <div className="splash">{i18n.t('common.loading')}</div>
        ) : session === null ? (
          <SignIn onSignedIn={onSignedIn} />
        ) : error ? (
          <div className="splash error">{error}</div>
        ) : !ws ? (
          <div className="splash">{i18n.t('common.loading')}</div>
        ) : (
          <WorkspaceContext.Provider value={ws}>
            <Shell onSignOut={signOut} />
            <ShortcutKeys />
          </WorkspaceContext.Provider>
        )}
        <UpdateBanner />
      </ToastRegion>
    </I18nContext.Provider>
  );
}
