// Where the web app's service worker is registered: a plain browser on http(s) only, never the Electron
// shell (its preload API is present and its app:// scheme has no service-worker privilege). And
// "Reload to update": the page reloads once the waiting version is in charge, on the page's
// controllerchange, the new worker's own `activated` or the registration naming it active, whichever
// comes first, and only once; at the latest 10 s after the click. The page that reload opens finishes
// an update that was not in charge yet (resumeUpdate), three tries at most.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyUpdate, canUseServiceWorker, resumeUpdate } from './pwa';

const win = (protocol: string, opts: { desktop?: boolean; sw?: boolean } = {}) =>
  ({
    location: { protocol },
    navigator: opts.sw === false ? {} : { serviceWorker: {} },
    ...(opts.desktop ? { desktop: {} } : {}),
  }) as unknown as Window;

describe('canUseServiceWorker', () => {
  it('is true in a browser at http or https', () => {
    expect(canUseServiceWorker(win('http:'))).toBe(true);
    expect(canUseServiceWorker(win('https:'))).toBe(true);
  });

  it('is false in the Electron shell, on app:// or file://, and without the API', () => {
    expect(canUseServiceWorker(win('app:', { desktop: true }))).toBe(false);
    expect(canUseServiceWorker(win('http:', { desktop: true }))).toBe(false);
    expect(canUseServiceWorker(win('app:'))).toBe(false);
    expect(canUseServiceWorker(win('file:'))).toBe(false);
    expect(canUseServiceWorker(win('https:', { sw: false }))).toBe(false);
  });
});

/** A waiting worker, the service worker container and location.reload, all hand-driven. */
function fakeBrowser() {
  const page = new EventTarget();
  const worker = Object.assign(new EventTarget(), {
    state: 'installed' as ServiceWorkerState,
    postMessage: vi.fn(),
  });
  const reload = vi.fn();
  const registration: { waiting: typeof worker | null; active: typeof worker | null } = {
    waiting: worker,
    active: null,
  };
  vi.stubGlobal('navigator', {
    serviceWorker: Object.assign(page, {
      getRegistration: () => Promise.resolve(registration),
    }),
  });
  vi.stubGlobal('location', { reload });
  const stored = new Map<string, string>();
  vi.stubGlobal('sessionStorage', {
    getItem: (k: string) => stored.get(k) ?? null,
    setItem: (k: string, v: string) => void stored.set(k, v),
    removeItem: (k: string) => void stored.delete(k),
  });
  const activate = () => {
    worker.state = 'activated';
    worker.dispatchEvent(new Event('statechange'));
  };
  return { page, worker, registration, reload, activate, stored };
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('applyUpdate', () => {
  it('asks the waiting version to take over and reloads when the page changes controller', async () => {
    const b = fakeBrowser();
    await applyUpdate();
    expect(b.worker.postMessage).toHaveBeenCalledWith({ type: 'SKIP_WAITING' });
    expect(b.reload).not.toHaveBeenCalled();
    b.page.dispatchEvent(new Event('controllerchange'));
    b.activate();
    expect(b.reload).toHaveBeenCalledTimes(1);
  });

  it('reloads when the new version is activated even if no controllerchange comes', async () => {
    const b = fakeBrowser();
    await applyUpdate();
    b.worker.state = 'activating';
    b.worker.dispatchEvent(new Event('statechange'));
    expect(b.reload).not.toHaveBeenCalled();
    b.activate();
    expect(b.reload).toHaveBeenCalledTimes(1);
    b.page.dispatchEvent(new Event('controllerchange'));
    expect(b.reload).toHaveBeenCalledTimes(1);
  });

  it('reloads when the registration names the new version active, with no event reaching the page', async () => {
    vi.useFakeTimers();
    const b = fakeBrowser();
    await applyUpdate();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(b.reload).not.toHaveBeenCalled();
    b.registration.active = b.worker;
    b.registration.waiting = null;
    await vi.advanceTimersByTimeAsync(250);
    expect(b.reload).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(20_000);
    b.activate();
    expect(b.reload).toHaveBeenCalledTimes(1);
  });

  it('reloads 10 s after the click when the new version never takes over', async () => {
    vi.useFakeTimers();
    const b = fakeBrowser();
    await applyUpdate();
    await vi.advanceTimersByTimeAsync(9_500);
    expect(b.reload).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(600);
    expect(b.reload).toHaveBeenCalledTimes(1);
  });
});

describe('resumeUpdate (the page "Reload to update" opened)', () => {
  const asRegistration = (r: unknown) => r as ServiceWorkerRegistration;

  it('does nothing without the rep having asked for the update', () => {
    const b = fakeBrowser();
    resumeUpdate(asRegistration(b.registration));
    expect(b.worker.postMessage).not.toHaveBeenCalled();
    expect(b.reload).not.toHaveBeenCalled();
  });

  it('asks a version still waiting again, three tries in all, then leaves it to the banner', async () => {
    vi.useFakeTimers();
    const b = fakeBrowser();
    await applyUpdate();
    await vi.advanceTimersByTimeAsync(10_100); // never took over: the page reloads into the old shell
    expect(b.reload).toHaveBeenCalledTimes(1);
    for (const tries of [2, 3]) {
      resumeUpdate(asRegistration(b.registration));
      await vi.advanceTimersByTimeAsync(0);
      expect(b.worker.postMessage).toHaveBeenCalledTimes(tries);
      await vi.advanceTimersByTimeAsync(10_100);
      expect(b.reload).toHaveBeenCalledTimes(tries);
    }
    resumeUpdate(asRegistration(b.registration));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(b.worker.postMessage).toHaveBeenCalledTimes(3);
    expect(b.reload).toHaveBeenCalledTimes(3);
    expect(b.stored.size).toBe(0);
  });

  it('reloads once the version activating meanwhile takes over the old shell', async () => {
    vi.useFakeTimers();
    const b = fakeBrowser();
    await applyUpdate();
    await vi.advanceTimersByTimeAsync(10_100);
    // The reloaded page runs the old shell; the new version is active, not yet its controller.
    b.registration.waiting = null;
    b.registration.active = b.worker;
    Object.assign(b.page, { controller: null });
    resumeUpdate(asRegistration(b.registration));
    expect(b.reload).toHaveBeenCalledTimes(1);
    Object.assign(b.page, { controller: b.worker });
    b.page.dispatchEvent(new Event('controllerchange'));
    expect(b.reload).toHaveBeenCalledTimes(2);
    expect(b.stored.size).toBe(0);
  });

  it('ends the intent once the new version is in charge', async () => {
    const b = fakeBrowser();
    await applyUpdate();
    b.page.dispatchEvent(new Event('controllerchange'));
    expect(b.stored.size).toBe(1);
    b.registration.waiting = null;
    b.registration.active = b.worker;
    Object.assign(b.page, { controller: b.worker });
    resumeUpdate(asRegistration(b.registration));
    expect(b.stored.size).toBe(0);
    expect(b.reload).toHaveBeenCalledTimes(1);
  });
});
