// The signed-in layout: navigation, global search, sync state, language, the command palette and the
// current screen. At phone width (styles.css, max-width 640px) the navigation is a menu opened from the
// top bar: a drawer under it, closed by choosing a screen, by Esc, by the button again or a tap beside it.
import { lazy, useEffect, useMemo, useRef, useState } from 'react';
import { Menu } from 'lucide-react';
import { CommandPalette } from './components/CommandPalette';
import { LanguageSelect } from './components/LanguageSelect';
import { LazyScreen } from './components/LazyScreen';
import { RefusedNotice, SyncBadge } from './components/SyncBadge';
import { useWorkspace } from './data/hooks';
import { startNotifier } from './data/notifier';
import { startReminders } from './data/reminders';
import { useI18n } from './i18n/i18n';
import { screens } from './lib/nav';
import { navigate, useRoute } from './lib/router';
import { takeSsoReturn } from './screens/settings/SsoCard';
import { platform } from './platform/platform';
import { preloadable, whenIdle } from './lib/preloadable';
import { Inbox } from './screens/Inbox';
import { Leads } from './screens/Leads';
import { DealPage } from './screens/DealPage';
import { SearchClient } from './search/search-client';
import { SearchContext } from './search/search-context';

// The start-up bundle holds the start screens only: Inbox (the default route), Leads (the board) and
// the deal's page (a card's click; it is made of the parts the board's quick-edit dialog has already).
// Every other screen, with what only it uses (Analytics its charting library, Tasks the calendar
// export), loads when first opened; LazyScreen shows a skeleton meanwhile. The service worker
// precaches these chunks with the rest of the build, so each screen opens offline too.
// Analytics is also loaded ahead once the app is idle (its chunk, chart.js, parsed before it is opened).
const Analytics = preloadable(() => import('./screens/Analytics').then((m) => m.Analytics));
const Activity = lazy(() => import('./screens/Activity').then((m) => ({ default: m.Activity })));
const Agents = lazy(() => import('./screens/Agents').then((m) => ({ default: m.Agents })));
const Catalog = lazy(() => import('./screens/Catalog').then((m) => ({ default: m.Catalog })));
const Contacts = lazy(() => import('./screens/Contacts').then((m) => ({ default: m.Contacts })));
const Knowledge = lazy(() => import('./screens/Knowledge').then((m) => ({ default: m.Knowledge })));
const Settings = lazy(() => import('./screens/Settings').then((m) => ({ default: m.Settings })));
const Tasks = lazy(() => import('./screens/Tasks').then((m) => ({ default: m.Tasks })));

/** The search client of the signed-in workspace (and the benchmark hook, when enabled). */
function useShellSearch(ws: ReturnType<typeof useWorkspace>) {
  const search = useMemo(() => new SearchClient(), []);
  useEffect(() => {
    search.attach(ws);
    let disposed = false;
    // Benchmark hook (desktop/bench): only when explicitly enabled on this device, and loaded only
    // then (it carries the analytics functions, which are otherwise the Analytics screen's).
    if (localStorage.getItem('sw.bench') === '1')
      void import('./lib/bench-hook').then(({ benchAnalytics }) => {
        if (!disposed) Object.assign(window, { __swBench: { ws, search, analytics: benchAnalytics } });
      });
    return () => {
      disposed = true;
      search.dispose();
    };
  }, [ws, search]);
  return search;
}

/** Keyboard shortcuts: Ctrl/Cmd+K toggles the palette, `/` opens it, `g` then a screen's key goes there. */
function useHotkeys(setPaletteOpen: (open: boolean | ((o: boolean) => boolean)) => void) {
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
  }, [setPaletteOpen]);
}

/** The phone-width menu: open or closed; open, it takes the focus and gives it back on Esc. */
function useMenu() {
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const nav = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!menuOpen) return;
    const entries = nav.current?.querySelectorAll<HTMLElement>('.nav-item');
    (nav.current?.querySelector<HTMLElement>('.nav-item.active') ?? entries?.[0])?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setMenuOpen(false);
      menuButton.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menuOpen]);
  return { menuOpen, setMenuOpen, menuButton, nav };
}

/** The screen a route opens (Inbox by default). */
function ScreenOf({ route, onSignOut }: { route: ReturnType<typeof useRoute>; onSignOut: () => void }) {
  switch (route.screen) {
    case 'leads':
      return <Leads id={route.id} />;
    case 'deals':
      return <DealPage id={route.id} />;
    case 'contacts':
      return <Contacts id={route.id} />;
    case 'tasks':
      return <Tasks id={route.id} />;
    case 'catalog':
      return <Catalog id={route.id} />;
    case 'knowledge':
      return <Knowledge />;
    case 'agents':
      return <Agents />;
    case 'activity':
      return <Activity />;
    case 'analytics':
      return <Analytics />;
    case 'settings':
      return <Settings onSignOut={onSignOut} id={route.id} />;
    default:
      return <Inbox id={route.id} />;
  }
}

/** The navigation's entries, the current screen's marked (a deal's page marks Leads). */
function NavItems({ current, onChoose }: { current: string; onChoose: () => void }) {
  const { t } = useI18n();
  return screens.map((s) => (
    <a
      key={s.id}
      href={`#/${s.id}`}
      className={
        current === s.id ||
        (current === 'inbox' && s.id === 'inbox') ||
        (current === 'deals' && s.id === 'leads')
          ? 'nav-item active'
          : 'nav-item'
      }
      data-testid={`nav-${s.id}`}
      onClick={onChoose}
    >
      <s.icon className="nav-icon" size={16} aria-hidden="true" />
      {t(s.key)}
    </a>
  ));
}

export function Shell({ onSignOut }: { onSignOut: () => void }) {
  const ws = useWorkspace();
  const { t, locale } = useI18n();
  const route = useRoute();
  const [paletteOpen, setPaletteOpen] = useState(false);
  const { menuOpen, setMenuOpen, menuButton, nav } = useMenu();
  const search = useShellSearch(ws);

  // Within a second of the shell at the latest: a team opens Analytics soon after the board, and the
  // chunk is fetched and compiled off the main thread. A failed preload is tried again on opening.
  useEffect(() => whenIdle(() => void Analytics.preload().catch(() => undefined), 1000), []);
  useEffect(() => startNotifier(ws, t), [ws, t]);
  useEffect(() => startReminders(ws, t, locale), [ws, t, locale]);
  useEffect(() => platform.onNavigate((r) => (window.location.hash = r)), []);
  // Back from linking a sign-in provider: its answer goes to Settings' sign-in accounts card.
  useEffect(() => takeSsoReturn(), []);
  useHotkeys(setPaletteOpen);

  return (
    <SearchContext.Provider value={search}>
      <div className={menuOpen ? 'shell menu-open' : 'shell'}>
        <nav className="sidebar" id="app-nav" aria-label={t('nav.main')} ref={nav}>
          <div className="brand" title={t('app.name')}>
            {t('app.name')}
          </div>
          <NavItems
            current={route.screen}
            onChoose={() => {
              if (!menuOpen) return;
              setMenuOpen(false);
              menuButton.current?.focus();
            }}
          />
        </nav>
        {menuOpen && <div className="menu-scrim" onClick={() => setMenuOpen(false)} aria-hidden />}
        <div className="main">
          <header className="topbar">
            <button
              ref={menuButton}
              className="menu-button"
              aria-label={t('layout.menu')}
              aria-expanded={menuOpen}
              aria-controls="app-nav"
              onClick={() => setMenuOpen((o) => !o)}
              data-testid="nav-menu"
            >
              <Menu size={18} aria-hidden="true" />
            </button>
            <button
              className="search-trigger"
              onClick={() => setPaletteOpen(true)}
              data-testid="global-search"
            >
              <span className="ellipsis">{t('palette.placeholder')}</span> <kbd>Ctrl K</kbd>
            </button>
            <div className="topbar-right">
              <SyncBadge />
              <LanguageSelect testId="language" />
            </div>
          </header>
          <main className="content">
            <LazyScreen key={route.screen}>
              <ScreenOf route={route} onSignOut={onSignOut} />
            </LazyScreen>
          </main>
        </div>
        {paletteOpen && <CommandPalette onClose={() => setPaletteOpen(false)} />}
        <RefusedNotice />
      </div>
    </SearchContext.Provider>
  );
}
