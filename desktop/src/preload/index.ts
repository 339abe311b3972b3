// Sandboxed preload: exposes `window.desktop` (the typed DesktopApi) and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { createDesktopApi } from './api';

contextBridge.exposeInMainWorld('desktop', Object.freeze(createDesktopApi(ipcRenderer)));
