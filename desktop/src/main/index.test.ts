// The composition root with Electron mocked: it must register the app:// scheme before the app is
// ready, take the single-instance lock, claim the deep link scheme, install guards, serve the renderer
// on app:// and register every IPC channel once the app is ready, then load app://desktop/index.html.
import { describe, expect, it, vi } from 'vitest';
import { ipcChannels } from '@app/shared/ipc';
import type { AppRequest } from './app-protocol';

type Invoke = (event: { senderFrame: { url: string } }, payload: unknown) => unknown;

const state = vi.hoisted(() => ({
  handled: new Map<string, Invoke>(),
  appEvents: new Map<string, (...args: unknown[]) => void>(),
  windowOptions: undefined as unknown,
  loaded: '' as string,
  order: [] as string[],
  ready: undefined as (() => void) | undefined,
  serve: undefined as ((request: AppRequest) => Promise<Response>) | undefined,
}));

vi.mock('electron', () => {
  const emitter = () => ({ on: vi.fn(), once: vi.fn(), setWindowOpenHandler: vi.fn(), send: vi.fn() });
  class BrowserWindow {
    webContents = emitter();
    constructor(options: unknown) {
      state.windowOptions = options;
    }
    on = vi.fn();
    once = vi.fn();
    maximize = vi.fn();
    loadURL = vi.fn(async (url: string) => {
      state.loaded = url;
    });
  }
  return {
    BrowserWindow,
    Menu: { buildFromTemplate: vi.fn(() => ({})) },
    Notification: Object.assign(vi.fn(), { isSupported: () => true }),
    Tray: class {
      on = vi.fn();
      setToolTip = vi.fn();
      setContextMenu = vi.fn();
    },
    app: {
      isPackaged: true,
      requestSingleInstanceLock: vi.fn(() => true),
      setAsDefaultProtocolClient: vi.fn(),
      on: vi.fn((name: string, fn: (...args: unknown[]) => void) => state.appEvents.set(name, fn)),
      whenReady: vi.fn(
        () =>
          new Promise<void>((resolve) => {
            state.ready = () => {
              state.order.push('ready');
              resolve();
            };
          }),
      ),
      getPath: () => '/tmp/sales-workspace-test',
      getName: () => 'Sales Workspace',
      getVersion: () => '0.1.0',
      quit: vi.fn(),
      setBadgeCount: vi.fn(),
    },
    dialog: {},
    ipcMain: {
      handle: vi.fn((c: string, fn: Invoke) => state.handled.set(c, fn)),
      removeHandler: vi.fn(),
    },
    nativeImage: { createFromDataURL: vi.fn(() => ({})) },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => state.order.push('register-schemes')),
      handle: vi.fn((scheme: string, fn: (request: AppRequest) => Promise<Response>) => {
        state.order.push(`handle:${scheme}`);
        state.serve = fn;
      }),
    },
    safeStorage: { isEncryptionAvailable: () => false, encryptString: vi.fn(), decryptString: vi.fn() },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: { webRequest: { onHeadersReceived: vi.fn() }, setPermissionRequestHandler: vi.fn() },
    },
    shell: { openExternal: vi.fn() },
  };
});

describe('main composition root', () => {
  it('starts securely on app://desktop and registers the whole IPC contract', async () => {
    // A packaged app ignores the dev server variable: the environment cannot choose its page.
    vi.stubEnv('ELECTRON_RENDERER_URL', 'https://evil.example/');
    const electron = await import('electron');
    await import('./index');
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      {
        scheme: 'app',
        privileges: expect.objectContaining({
          standard: true,
          secure: true,
          supportFetchAPI: true,
          corsEnabled: true,
        }),
      },
    ]);
    expect(state.loaded).toBe('');
    state.ready!();
    await vi.waitFor(() => expect(state.loaded).toBe('app://desktop/index.html'));
    expect(state.order).toEqual(['register-schemes', 'ready', 'handle:app']);
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('salesworkspace');
    expect([...state.appEvents.keys()]).toEqual(
      expect.arrayContaining(['second-instance', 'open-url', 'web-contents-created', 'window-all-closed']),
    );
    expect([...state.handled.keys()].sort()).toEqual([...ipcChannels].sort());
    expect(state.windowOptions).toMatchObject({
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false },
    });
    expect(electron.session.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalled();
    vi.unstubAllEnvs();
  });

  it('serves the renderer folder on app:// with the CSP, and nothing outside it', async () => {
    // Under test the renderer folder is desktop/src/renderer, whose index.html is the source page.
    const page = await state.serve!({ url: 'app://desktop/index.html', method: 'GET' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain(
      "connect-src 'self' https: http://localhost:* http://127.0.0.1:*",
    );
    for (const url of ['app://desktop/..%2fmain%2findex.ts', 'app://desktop/..%5c..%5cpackage.json']) {
      expect((await state.serve!({ url, method: 'GET' })).status, url).toBe(404);
    }
  });

  it('signs in through a provider in the system browser (shell.openExternal), its answer on loopback', async () => {
    const electron = await import('electron');
    // The system browser: it goes through the server's flow and lands on the app's loopback redirect.
    vi.mocked(electron.shell.openExternal).mockImplementationOnce(async (url: string) => {
      const start = new URL(url);
      const back = new URL(start.searchParams.get('redirect_uri')!);
      back.search = new URLSearchParams({
        code: 'handoff',
        state: start.searchParams.get('state')!,
      }).toString();
      void fetch(back);
    });
    const fromApp = { senderFrame: { url: 'app://desktop/index.html' } };
    const result = await state.handled.get('auth:provider-sign-in')!(fromApp, {
      serverUrl: 'https://crm.example.com',
      provider: 'corp',
      language: 'en',
    });
    expect(electron.shell.openExternal).toHaveBeenCalledWith(
      expect.stringMatching(
        /^https:\/\/crm\.example\.com\/api\/v1\/auth\/oidc\/corp\/start\?client_id=desktop&/,
      ),
    );
    expect(result).toMatchObject({ kind: 'code', code: 'handoff' });
  });

  it('links a provider in the system browser with the ticket; the pending link comes back with the verifier', async () => {
    const electron = await import('electron');
    vi.mocked(electron.shell.openExternal).mockImplementationOnce(async (url: string) => {
      const start = new URL(url);
      const back = new URL(start.searchParams.get('redirect_uri')!);
      back.search = new URLSearchParams({
        pending: start.searchParams.get('link') === 'ticket-of-the-member-0123' ? 'link-token' : 'wrong',
        state: start.searchParams.get('state')!,
      }).toString();
      void fetch(back);
    });
    const fromApp = { senderFrame: { url: 'app://desktop/index.html' } };
    const result = await state.handled.get('auth:provider-link')!(fromApp, {
      serverUrl: 'https://crm.example.com',
      provider: 'corp',
      language: 'en',
      ticket: 'ticket-of-the-member-0123',
    });
    expect(result).toEqual({ kind: 'pending', token: 'link-token', codeVerifier: expect.any(String) });
  });

  it('trusts IPC from app://desktop only and refuses a session with a disallowed server URL', () => {
    const fromApp = { senderFrame: { url: 'app://desktop/index.html#/inbox' } };
    const session = { accessToken: 'a', refreshToken: 'r' };
    expect(() =>
      state.handled.get('session:set')!(fromApp, { ...session, serverUrl: 'http://crm.example.com' }),
    ).toThrow('[server-url-refused]');
    expect(() =>
      state.handled.get('session:get')!({ senderFrame: { url: 'file:///opt/app/index.html' } }, undefined),
    ).toThrow('[untrusted-sender]');
  });
});
