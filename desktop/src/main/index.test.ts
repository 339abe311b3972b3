// The composition root with Electron mocked: it must take the single-instance lock, claim the deep
// link scheme, install guards and register every IPC channel once the app is ready.
import { describe, expect, it, vi } from 'vitest';
import { ipcChannels } from '@app/shared/ipc';

const state = vi.hoisted(() => ({
  handled: [] as string[],
  appEvents: new Map<string, (...args: unknown[]) => void>(),
  windowOptions: undefined as unknown,
  loaded: '' as string,
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
      requestSingleInstanceLock: vi.fn(() => true),
      setAsDefaultProtocolClient: vi.fn(),
      on: vi.fn((name: string, fn: (...args: unknown[]) => void) => state.appEvents.set(name, fn)),
      whenReady: vi.fn(() => Promise.resolve()),
      getPath: () => '/tmp/sales-workspace-test',
      getName: () => 'Sales Workspace',
      getVersion: () => '0.1.0',
      quit: vi.fn(),
      setBadgeCount: vi.fn(),
    },
    dialog: {},
    ipcMain: { handle: vi.fn((c: string) => state.handled.push(c)), removeHandler: vi.fn() },
    nativeImage: { createFromDataURL: vi.fn(() => ({})) },
    safeStorage: { isEncryptionAvailable: () => false, encryptString: vi.fn(), decryptString: vi.fn() },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: { webRequest: { onHeadersReceived: vi.fn() }, setPermissionRequestHandler: vi.fn() },
    },
    shell: { openExternal: vi.fn() },
  };
});

describe('main composition root', () => {
  it('starts securely and registers the whole IPC contract', async () => {
    const electron = await import('electron');
    await import('./index');
    await vi.waitFor(() => expect(state.loaded).toMatch(/renderer\/index\.html$/));
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('salesworkspace');
    expect([...state.appEvents.keys()]).toEqual(
      expect.arrayContaining(['second-instance', 'open-url', 'web-contents-created', 'window-all-closed']),
    );
    expect(state.handled.sort()).toEqual([...ipcChannels].sort());
    expect(state.windowOptions).toMatchObject({
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false },
    });
    expect(electron.session.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalled();
  });
});
