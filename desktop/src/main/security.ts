// Electron security for every window: locked-down webPreferences, a strict Content-Security-Policy,
// navigation and new-window guards. Pure functions plus one `hardenWebContents` that wires them.
import type { WebContents, WebPreferences } from 'electron';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: true,
  };
}

/**
 * The CSP of the renderer. `connectOrigins` are the sync servers the app may talk to (the CSP form of
 * the server URL rule, `serverConnectSources`); scripts come only from the app itself (`app://desktop`
 * or the dev server), never inline, never eval. `frameSources`: the only pages it may frame (the web chat
 * preview of a server, `serverFrameSources`); none by default.
 */
export function contentSecurityPolicy(
  connectOrigins: readonly string[],
  devServer?: string,
  frameSources: readonly string[] = [],
): string {
  const self = devServer ? `'self' ${devServer}` : "'self'";
  const connect = [
    "'self'",
    ...connectOrigins,
    ...(devServer ? [devServer, devServer.replace(/^http/, 'ws')] : []),
  ];
  return [
    "default-src 'none'",
    `script-src ${self}`,
    `style-src ${self} 'unsafe-inline'`,
    `img-src ${self} data: blob:`,
    `font-src ${self} data:`,
    `connect-src ${connect.join(' ')}`,
    `worker-src ${self} blob:`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-src ${frameSources.length ? frameSources.join(' ') : "'none'"}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The window may only ever show the app itself: its entry page on the app's own scheme
 * (`app://desktop/index.html`, any hash route) or, in development, any page of the dev server's origin.
 * Node gives non-http schemes an opaque origin, so those are compared by scheme, host and path.
 */
export function isAppUrl(raw: string, appUrl: string): boolean {
  try {
    const url = new URL(raw);
    const app = new URL(appUrl);
    if (app.protocol === 'http:' || app.protocol === 'https:') return url.origin === app.origin;
    return url.protocol === app.protocol && url.host === app.host && url.pathname === app.pathname;
  } catch {
    return false;
  }
}

/** Links the app may hand to the system browser. */
export function isExternalLink(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' || url.protocol === 'mailto:';
  } catch {
    return false;
  }
}

type Guardable = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Denies every new window and every navigation away from the app; external links open in the browser. */
export function hardenWebContents(
  contents: Guardable,
  appUrl: string,
  openExternal: (url: string) => void,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
