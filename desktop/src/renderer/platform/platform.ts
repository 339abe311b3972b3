// The renderer's view of its host: the Electron shell's preload API when present (window.desktop),
// otherwise the same functions built on web APIs, so the app also runs in a plain browser at /app.
import type { DesktopApi, PickedFile, StoredSession } from '@app/shared/ipc';

declare global {
  // Declaration merging with the DOM lib needs an interface here.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    desktop?: DesktopApi;
  }
}

const sessionKey = 'sw.session';

function readFileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** Web fallback: localStorage for the session, the Notification API, <input type=file>, downloads. */
export function createWebPlatform(): DesktopApi {
  const listeners = new Set<(route: string) => void>();
  return {
    getAppInfo: async () => ({
      name: 'Sales Workspace (web)',
      version: '0.1.0',
      platform: 'web',
      secureStorage: false,
    }),
    getSession: async () => {
      try {
        const raw = localStorage.getItem(sessionKey);
        return raw ? (JSON.parse(raw) as StoredSession) : null;
      } catch {
        return null;
      }
    },
    setSession: async (session) => localStorage.setItem(sessionKey, JSON.stringify(session)),
    clearSession: async () => localStorage.removeItem(sessionKey),
    showNotification: async (request) => {
      if (typeof Notification === 'undefined') return;
      if (Notification.permission === 'default') await Notification.requestPermission();
      if (Notification.permission !== 'granted') return;
      const n = new Notification(request.title, { body: request.body, tag: request.tag ?? request.kind });
      n.onclick = () => {
        window.focus();
        if (request.route) listeners.forEach((l) => l(request.route!));
      };
    },
    openFile: (request) =>
      new Promise<PickedFile[]>((resolve) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.multiple = request.multiple === true;
        const exts = request.filters?.flatMap((f) => f.extensions).filter((e) => e !== '*') ?? [];
        if (exts.length) input.accept = exts.map((e) => `.${e}`).join(',');
        input.onchange = async () => {
          const files = [...(input.files ?? [])];
          resolve(
            await Promise.all(
              files.map(async (f) => ({
                name: f.name,
                size: f.size,
                mimeType: f.type || 'application/octet-stream',
                base64: await readFileAsBase64(f),
              })),
            ),
          );
        };
        input.click();
      }),
    saveFile: async (request) => {
      const blob = new Blob([request.content], { type: 'text/plain;charset=utf-8' });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = request.defaultName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
      return { saved: true, fileName: request.defaultName };
    },
    setUnreadCount: async (count) => {
      document.title = count > 0 ? `(${count}) Sales Workspace` : 'Sales Workspace';
    },
    openExternal: async (url) => {
      window.open(url, '_blank', 'noopener,noreferrer');
    },
    // The web app signs in by redirect (SignIn.tsx): the page goes to the provider and comes back.
    signInWithProvider: () =>
      Promise.reject(new Error('The web app signs in through a provider by redirect')),
    linkWithProvider: () => Promise.reject(new Error('The web app links a provider by redirect')),
    onNavigate: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const platform: DesktopApi = window.desktop ?? createWebPlatform();
export const isDesktop = window.desktop !== undefined;

export function base64ToBytes(base64: string): Uint8Array {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}
