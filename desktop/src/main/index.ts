// Composition root of the Electron main process: builds the window, tray, IPC handlers and session
// store, and wires them. Logic lives in the small modules beside this file, unit-tested without Electron.
import { readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  app,
  dialog,
  ipcMain,
  nativeImage,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import type { IpcHandlers } from '@app/shared/ipc';
import { appEntryUrl, appScheme, appSchemePrivileges, createAppProtocolHandler } from './app-protocol';
import { deepLinkFromArgv, deepLinkScheme, deepLinkToRoute } from './deep-link';
import { readPickedFiles, withExtension } from './files';
import { registerIpcHandlers } from './ipc';
import { signInWithProvider } from './loopback-sign-in';
import { defaultRouteFor, notificationOptions } from './notifications';
import { contentSecurityPolicy, hardenWebContents, isAppUrl, isExternalLink } from './security';
import { secureWebPreferences } from './security';
import { serverConnectSources, serverFrameSources } from './server-url';
import { createSessionStore } from './session-store';
import { trayIconDataUrl, trayMenuTemplate, trayTooltip } from './tray';
import { fitToDisplays, parseWindowState, serializeWindowState } from './window-state';

const here = fileURLToPath(new URL('.', import.meta.url));
// The dev server only in development: a packaged app never lets the environment choose its page.
const devServer = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const appUrl = devServer ?? appEntryUrl;
const rendererRoot = join(here, '../renderer');
const userData = () => app.getPath('userData');

let mainWindow: BrowserWindow | null = null;
let tray: Tray | null = null;
let pendingRoute: string | null = deepLinkFromArgv(process.argv);

const io = {
  read: (p: string) => readFile(p).catch(() => null),
  write: (p: string, d: Buffer) => writeFile(p, d, { mode: 0o600 }),
  remove: (p: string) => rm(p, { force: true }),
};

function navigate(route: string) {
  if (!mainWindow) {
    pendingRoute = route;
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
  mainWindow.webContents.send('navigate', route);
}

async function createWindow() {
  const stateFile = join(userData(), 'window-state.json');
  const stored = parseWindowState(await readFile(stateFile, 'utf8').catch(() => null));
  const state = fitToDisplays(
    stored,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    ...state,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Sales Workspace',
    backgroundColor: '#f6f7f9',
    webPreferences: secureWebPreferences(join(here, '../preload/index.cjs')),
  });
  mainWindow = win;
  if (state.maximized) win.maximize();
  hardenWebContents(win.webContents, appUrl, (url) => void shell.openExternal(url));
  const save = () => {
    if (!win.isDestroyed())
      void writeFile(stateFile, serializeWindowState(win.getNormalBounds(), win.isMaximized()));
  };
  win.on('close', save);
  win.on('resized', save);
  win.on('moved', save);
  win.once('ready-to-show', () => win.show());
  win.webContents.on('did-finish-load', () => {
    if (pendingRoute) win.webContents.send('navigate', pendingRoute);
    pendingRoute = null;
  });
  win.on('closed', () => (mainWindow = null));
  await win.loadURL(appUrl);
}

function createTray(unread = 0) {
  if (!tray) {
    tray = new Tray(nativeImage.createFromDataURL(trayIconDataUrl));
    tray.on('click', () => navigate('#/inbox'));
  }
  tray.setToolTip(trayTooltip(unread));
  tray.setContextMenu(
    Menu.buildFromTemplate(trayMenuTemplate(unread, { open: navigate, quit: () => app.quit() })),
  );
}

function handlers(): IpcHandlers {
  const sessions = createSessionStore(safeStorage, io, join(userData(), 'session.bin'));
  return {
    'app:info': () => ({
      name: app.getName(),
      version: app.getVersion(),
      platform: process.platform,
      secureStorage: sessions.persistent,
    }),
    'session:get': () => sessions.get(),
    'session:set': (s) => sessions.set(s),
    'session:clear': () => sessions.clear(),
    'notify:show': (request) => {
      if (!Notification.isSupported()) return;
      const n = new Notification(notificationOptions(request));
      n.on('click', () => navigate(request.route ?? defaultRouteFor(request.kind)));
      n.show();
    },
    'dialog:open-file': async (request) => {
      const result = await dialog.showOpenDialog({
        title: request.title,
        filters: request.filters,
        properties: request.multiple ? ['openFile', 'multiSelections'] : ['openFile'],
      });
      if (result.canceled) return [];
      return readPickedFiles(result.filePaths, {
        size: async (p) => (await stat(p)).size,
        read: (p) => readFile(p),
      });
    },
    'dialog:save-file': async (request) => {
      const result = await dialog.showSaveDialog({
        defaultPath: withExtension(request.defaultName, request.filters),
        filters: request.filters,
      });
      if (result.canceled || !result.filePath) return { saved: false };
      await writeFile(result.filePath, request.content, 'utf8');
      return { saved: true, fileName: result.filePath };
    },
    'tray:set-unread': (count) => {
      createTray(count);
      app.setBadgeCount(count);
    },
    'shell:open-external': async (url) => {
      if (isExternalLink(url)) await shell.openExternal(url);
    },
    'auth:provider-sign-in': (request) =>
      signInWithProvider({ openExternal: (url) => shell.openExternal(url) }, request),
    'auth:provider-link': (request) =>
      signInWithProvider({ openExternal: (url) => shell.openExternal(url) }, request),
  };
}

// Before the app is ready, and only once: the renderer's origin app://desktop (see app-protocol.ts).
protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: appSchemePrivileges }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.setAsDefaultProtocolClient(deepLinkScheme);
  app.on('second-instance', (_event, argv) => navigate(deepLinkFromArgv(argv) ?? '#/inbox'));
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const route = deepLinkToRoute(url);
    if (route) navigate(route);
  });
  app.on('web-contents-created', (_e, contents) => {
    hardenWebContents(contents, appUrl, (url) => void shell.openExternal(url));
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!mainWindow) void createWindow();
  });
  void app.whenReady().then(async () => {
    const csp = contentSecurityPolicy(serverConnectSources, devServer, serverFrameSources);
    protocol.handle(
      appScheme,
      createAppProtocolHandler({ root: rendererRoot, csp, files: { realpath, readFile } }),
    );
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
    });
    session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) =>
      callback(permission === 'notifications' || permission === 'clipboard-sanitized-write'),
    );
    registerIpcHandlers(ipcMain, handlers(), (url) => isAppUrl(url, appUrl));
    createTray();
    await createWindow();
  });
}
