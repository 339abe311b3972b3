// The signed-in layout: navigation, global search, sync state, language, the command palette and the
// current screen.
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { CommandPalette } from './components/CommandPalette';
import { RefusedNotice, SyncBadge } from './components/SyncBadge';
import { useWorkspace } from './data/hooks';
import { startNotifier } from './data/notifier';
import { startReminders } from './data/reminders';
import { useI18n } from './i18n/i18n';
import { benchAnalytics } from './lib/bench-hook';
import { screens } from './lib/nav';
import { navigate, useRoute } from './lib/router';
import { platform } from './platform/platform';
import { Activity } from './screens/Activity';
import { Agents } from './screens/Agents';
import { Contacts } from './screens/Contacts';
import { Inbox } from './screens/Inbox';
import { Knowledge } from './screens/Knowledge';
import { Leads } from './screens/Leads';
import { Settings } from './screens/Settings';
import { Tasks } from './screens/Tasks';
import { SearchClient } from './search/search-client';
import { SearchContext } from './search/search-context';

// Analytics and its charting library load when first opened (kept out of the start-up bundle).
const Analytics = lazy(() => import('./screens/Analytics').then((m) => ({ default: m.Analytics })));

export function Shell({ onSignOut }: { onSignOut: () => void }) {
  const ws = useWorkspace();
  const { t, locale, setLocale } = useI18n();
  const route = useRoute();
  const [paletteOpen, setPaletteOpen] = useState(false);
  const search = useMemo(() => new SearchClient(), []);

  useEffect(() => {
    search.attach(ws);
    // Benchmark hook (desktop/bench): only when explicitly enabled on this device.
    if (localStorage.getItem('sw.bench') === '1')
      Object.assign(window, { __swBench: { ws, search, analytics: benchAnalytics } });
    return () => search.dispose();
  }, [ws, search]);

  useEffect(() => startNotifier(ws, t), [ws, t]);
  useEffect(() => startReminders(ws, t, locale), [ws, t, locale]);
  useEffect(() => platform.onNavigate((r) => (window.location.hash = r)), []);

  useEffect(() => {
    let pendingG = false;
    let gTimer: ReturnType<typeof setTimeout> | undefined;
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setPaletteOpen((o) => !o);
        return;
      }
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '/') {
        e.preventDefault();
        setPaletteOpen(true);
      } else if (e.key === 'g') {
        pendingG = true;
        clearTimeout(gTimer);
        gTimer = setTimeout(() => (pendingG = false), 1000);
      } else if (pendingG) {
        pendingG = false;
        const target = screens.find((s) => s.hotkey === e.key);
        if (target) navigate(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const screen = (() => {
    switch (route.screen) {
      case 'leads':
        return <Leads id={route.id} />;
      case 'contacts':
        return <Contacts id={route.id} />;
      case 'tasks':
        return <Tasks id={route.id} />;
      case 'knowledge':
        return <Knowledge />;
      case 'agents':
        return <Agents />;
      case 'activity':
        return <Activity />;
      case 'analytics':
        return (
          <Suspense fallback={<div className="page muted">{t('common.loading')}</div>}>
            <Analytics />
          </Suspense>
        );
      case 'settings':
        return <Settings onSignOut={onSignOut} />;
      default:
        return <Inbox id={route.id} />;
    }
  })();

  return (
    <SearchContext.Provider value={search}>
      <div className="shell">
        <nav className="sidebar" aria-label={t('nav.main')}>
          <div className="brand" title={t('app.name')}>
            {t('app.name')}
          </div>
          {screens.map((s) => (
            <a
              key={s.id}
              href={`#/${s.id}`}
              className={
                route.screen === s.id || (route.screen === 'inbox' && s.id === 'inbox')
                  ? 'nav-item active'
                  : 'nav-item'
              }
              data-testid={`nav-${s.id}`}
            >
              <span className="nav-icon" aria-hidden>
                {s.icon}
              </span>
              {t(s.key)}
            </a>
          ))}
        </nav>
        <div className="main">
          <header className="topbar">
            <button
              className="search-trigger"
              onClick={() => setPaletteOpen(true)}
              data-testid="global-search"
            >
              {t('palette.placeholder')} <kbd>Ctrl K</kbd>
            </button>
            <div className="topbar-right">
              <SyncBadge />
              <select
                aria-label={t('common.language')}
                value={locale}
                onChange={(e) => setLocale(e.target.value as 'en' | 'ru')}
                data-testid="language"
              >
                <option value="en">English</option>
                <option value="ru">Русский</option>
              </select>
            </div>
          </header>
          <main className="content">{screen}</main>
        </div>
        {paletteOpen && <CommandPalette onClose={() => setPaletteOpen(false)} />}
        <RefusedNotice />
      </div>
    </SearchContext.Provider>
  );
}
