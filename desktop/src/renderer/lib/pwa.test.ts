// Where the web app's service worker is registered: a plain browser on http(s) only, never the Electron
// shell (its preload API is present and its app:// scheme has no service-worker privilege).
import { describe, expect, it } from 'vitest';
import { canUseServiceWorker } from './pwa';

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
