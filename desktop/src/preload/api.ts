// The renderer's only door to the shell: one named function per channel of the shared contract.
// Unknown channels are refused here as well as in main. Pure, so it is tested with a fake ipcRenderer.
import {
  ipcErrorCode,
  ipcErrorMessage,
  isIpcChannel,
  isIpcEvent,
  type DesktopApi,
  type IpcChannel,
  type IpcEvents,
  type IpcPayload,
  type IpcResult,
} from '@app/shared/ipc';

export type IpcRendererLike = {
  invoke(channel: string, payload?: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
};

/**
 * Electron wraps main's refusal as "Error invoking remote method 'x': Error: [code] ..."; the renderer
 * gets the coded part only (`ipcErrorCode` reads it), other errors pass unchanged.
 */
export function unwrapIpcError(error: unknown): unknown {
  const code = ipcErrorCode(error);
  if (!(error instanceof Error) || !code) return error;
  return new Error(error.message.slice(error.message.indexOf(`[${code}]`)));
}

export function createDesktopApi(ipc: IpcRendererLike) {
  function invoke<C extends IpcChannel>(channel: C, payload?: IpcPayload<C>): Promise<IpcResult<C>> {
    if (!isIpcChannel(channel))
      return Promise.reject(
        new Error(ipcErrorMessage('unknown-channel', `Unknown IPC channel: ${String(channel)}`)),
      );
    return ipc.invoke(channel, payload).catch((error: unknown) => {
      throw unwrapIpcError(error);
    }) as Promise<IpcResult<C>>;
  }
  function on<E extends keyof IpcEvents>(event: E, listener: (payload: IpcEvents[E]) => void): () => void {
    if (!isIpcEvent(event)) throw new Error(`Unknown IPC event: ${String(event)}`);
    const wrapped = (_e: unknown, payload: unknown) => {
      if (typeof payload === 'string') listener(payload as IpcEvents[E]);
    };
    ipc.on(event, wrapped);
    return () => void ipc.removeListener(event, wrapped);
  }
  return {
    getAppInfo: () => invoke('app:info'),
    getSession: () => invoke('session:get'),
    setSession: (session) => invoke('session:set', session),
    clearSession: () => invoke('session:clear'),
    showNotification: (request) => invoke('notify:show', request),
    openFile: (request) => invoke('dialog:open-file', request),
    saveFile: (request) => invoke('dialog:save-file', request),
    setUnreadCount: (count) => invoke('tray:set-unread', count),
    openExternal: (url) => invoke('shell:open-external', url),
    signInWithProvider: (request) => invoke('auth:provider-sign-in', request),
    linkWithProvider: (request) => invoke('auth:provider-link', request),
    onNavigate: (listener) => on('navigate', listener),
  } satisfies DesktopApi;
}
