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
 * The CSP of the renderer. `connectOrigins` are the sync servers the app may talk to (the signed-in
 * server is added at run time); scripts come only from the app itself, never inline, never eval.
 */
export function contentSecurityPolicy(connectOrigins: readonly string[], devServer?: string): string {
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
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Only loopback http(s) and any https origin may be a sync server. */
export function isAllowedServerUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

/** The window may only ever show the app itself: its file:// bundle or the dev server. */
export function isAppUrl(raw: string, appUrl: string): boolean {
  try {
    const url = new URL(raw);
    const app = new URL(appUrl);
    if (app.protocol === 'file:') return url.protocol === 'file:' && url.pathname === app.pathname;
    return url.origin === app.origin;
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
