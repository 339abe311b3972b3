/// <reference types="vite-plugin-pwa/vanillajs" />
// The web app's service worker (built by vite-plugin-pwa, see vite.renderer.ts): registered only in a
// browser at http(s), never in the Electron shell (window.desktop, app:// scheme), after the page has
// loaded, with failures logged, never thrown. A new version waits until the rep picks "Reload to
// update" (UpdateBanner); `updateAvailable` is what that banner watches.

type Listener = (ready: boolean) => void;

const updateCheckMs = 60 * 60 * 1000;

let waiting = false;
const listeners = new Set<Listener>();

/** Whether a new version is installed and waiting, and a way to hear when that changes. */
export const updateAvailable = {
  get: () => waiting,
  subscribe(l: Listener): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};

/** How often applyUpdate looks at the registration itself, and how long it waits at most. */
const takeoverPollMs = 250;
const takeoverMaxMs = 10_000;

/**
 * The rep's "Reload to update", kept for the page the reload opens (sessionStorage: this tab only):
 * when the new version was not in charge 10 s after the click, the reload opens the old shell, and
 * that page finishes the update itself (resumeUpdate) instead of asking again. Three tries at most.
 */
const intentKey = 'sw-update-requested';
const intentMaxTries = 3;
const intentTtlMs = 5 * 60 * 1000;

type Intent = { at: number; tries: number };

function readIntent(): Intent | null {
  try {
    const v = JSON.parse(sessionStorage.getItem(intentKey) ?? 'null') as Partial<Intent> | null;
    if (!v || typeof v.at !== 'number' || typeof v.tries !== 'number') return null;
    return Date.now() - v.at < intentTtlMs ? (v as Intent) : null;
  } catch {
    return null;
  }
}

function writeIntent(v: Intent | null): void {
  try {
    if (v) sessionStorage.setItem(intentKey, JSON.stringify(v));
    else sessionStorage.removeItem(intentKey);
  } catch {
    // Storage refused (private mode, quota): the update still runs, only not across the reload.
  }
}

/**
 * Activates the waiting version and reloads once it is in charge. Done here rather than through
 * workbox-window's `controlling` event, which it does not fire for a version found by a later update
 * check of the same page (it counts that one as "external"). The page reloads once, on whichever
 * comes first: the page's `controllerchange`, the new worker reaching `activated`, the registration
 * naming it as its active worker (read every 250 ms: CI runs saw a page wait 30 s with neither event
 * reaching it), or 10 s after the click, so the button never does nothing (should the new version not
 * be in charge by then, the reload opens the old shell, and that page finishes the update: resumeUpdate).
 */
export async function applyUpdate(): Promise<void> {
  const reg = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
  const next = reg?.waiting;
  if (!reg || !next) {
    location.reload();
    return;
  }
  const before = readIntent();
  writeIntent({ at: before?.at ?? Date.now(), tries: (before?.tries ?? 0) + 1 });
  let reloaded = false;
  const started = Date.now();
  const poll = setInterval(() => {
    if (reg.active === next || next.state === 'activated' || Date.now() - started >= takeoverMaxMs) reload();
  }, takeoverPollMs);
  const reload = () => {
    if (reloaded) return;
    reloaded = true;
    clearInterval(poll);
    location.reload();
  };
  navigator.serviceWorker.addEventListener('controllerchange', reload, { once: true });
  next.addEventListener('statechange', () => {
    if (next.state === 'activated') reload();
  });
  next.postMessage({ type: 'SKIP_WAITING' });
}

/**
 * On a page opened by "Reload to update" (the intent above): finishes an update that was not in
 * charge yet when the page reloaded. A version still waiting is asked again (at most three tries in
 * all); one activating while this page runs the old shell reloads the page once it takes over; the
 * new version in charge ends the intent.
 */
export function resumeUpdate(reg: ServiceWorkerRegistration): void {
  const intent = readIntent();
  if (!intent) {
    writeIntent(null);
    return;
  }
  if (reg.waiting) {
    if (intent.tries >= intentMaxTries) writeIntent(null);
    else void applyUpdate();
    return;
  }
  const sw = navigator.serviceWorker;
  if (reg.active && sw.controller !== reg.active) {
    sw.addEventListener(
      'controllerchange',
      () => {
        writeIntent(null);
        location.reload();
      },
      { once: true },
    );
    return;
  }
  writeIntent(null);
}

/** True where a service worker belongs: a plain browser on http(s), not the desktop shell. */
export function canUseServiceWorker(
  win: Pick<Window, 'desktop' | 'location' | 'navigator'> = window,
): boolean {
  if (win.desktop) return false;
  if (win.location.protocol !== 'http:' && win.location.protocol !== 'https:') return false;
  return 'serviceWorker' in win.navigator;
}

function setWaiting(v: boolean) {
  waiting = v;
  listeners.forEach((l) => l(v));
}

/** Registers the worker once the page has loaded (does nothing where it does not belong). */
export function registerServiceWorker(): void {
  if (!canUseServiceWorker()) return;
  const start = () => {
    import('virtual:pwa-register').then(
      ({ registerSW }) => {
        registerSW({
          immediate: true,
          onNeedRefresh: () => setWaiting(true),
          // A workspace stays open for days: look for a new version hourly, not only on navigation.
          onRegisteredSW: (_url: string, reg: ServiceWorkerRegistration | undefined) => {
            if (!reg) return;
            resumeUpdate(reg);
            setInterval(() => {
              if (navigator.onLine) reg.update().catch(() => undefined);
            }, updateCheckMs);
          },
          onRegisterError: (e: unknown) => console.warn('service worker registration failed', e),
        });
      },
      (e: unknown) => console.warn('service worker registration failed', e),
    );
  };
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}
