// The typed IPC contract between the desktop shell (Electron main + preload) and its renderer.
// One table: channel -> payload -> result. Main registers one handler per channel typed by it, the
// preload exposes one named function per channel (and nothing else), the renderer sees `DesktopApi`.
// Types only plus a list of channel names: no Electron, no Node, no React here.

export type AppInfo = {
  name: string;
  version: string;
  platform: string;
  /** Whether `safeStorage` can encrypt on this machine (false: tokens are not persisted). */
  secureStorage: boolean;
};

/** The signed-in session: the server the app talks to and its tokens. */
export type StoredSession = {
  serverUrl: string;
  accessToken: string;
  refreshToken: string;
  userId?: string;
  teamId?: string;
  email?: string;
};

export type NotificationKind = 'new-lead' | 'handoff' | 'delivery-failed' | 'reminder';

export type NotificationRequest = {
  kind: NotificationKind;
  title: string;
  body: string;
  /** In-app route opened when the notification is clicked, e.g. `#/inbox/conv-1`. */
  route?: string;
  /** Notifications with one tag replace each other (default: the kind); reminders tag each their own. */
  tag?: string;
};

export type FileFilter = { name: string; extensions: string[] };

export type OpenFileRequest = { title?: string; filters?: FileFilter[]; multiple?: boolean };

/** A file the user picked: bytes as base64 so the renderer never touches the file system. */
export type PickedFile = { name: string; size: number; mimeType: string; base64: string };

export type SaveFileRequest = { defaultName: string; content: string; filters?: FileFilter[] };

export type SaveFileResult = { saved: boolean; fileName?: string };

/** A sign-in through one of the server's providers in the system browser (RFC 8252, loopback redirect). */
export type ProviderSignInRequest = { serverUrl: string; provider: string; language: 'en' | 'ru' };

/**
 * A signed-in member's link of a provider, the same way: `ticket` is the one-time ticket the renderer
 * got on the member's session (POST /api/v1/auth/oidc/<provider>/link {client_id: 'desktop'}).
 */
export type ProviderLinkRequest = ProviderSignInRequest & { ticket: string };

/**
 * The end of either: a code to trade with the verifier (a sign-in); a pending link to confirm with
 * the verifier (a link: on the member's session; a first sign-in whose e-mail is a member's: with
 * the password); the server's refusal; or no answer in time.
 */
export type ProviderSignIn =
  | { kind: 'code'; code: string; codeVerifier: string }
  | { kind: 'pending'; token: string; email?: string; codeVerifier: string }
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'timeout' };

export type WindowState = { x?: number; y?: number; width: number; height: number; maximized: boolean };

/** Channel -> payload -> result. `void` payload: the function takes no argument. */
export type IpcContract = {
  'app:info': { payload: void; result: AppInfo };
  'session:get': { payload: void; result: StoredSession | null };
  'session:set': { payload: StoredSession; result: void };
  'session:clear': { payload: void; result: void };
  'notify:show': { payload: NotificationRequest; result: void };
  'dialog:open-file': { payload: OpenFileRequest; result: PickedFile[] };
  'dialog:save-file': { payload: SaveFileRequest; result: SaveFileResult };
  'tray:set-unread': { payload: number; result: void };
  'shell:open-external': { payload: string; result: void };
  'auth:provider-sign-in': { payload: ProviderSignInRequest; result: ProviderSignIn };
  'auth:provider-link': { payload: ProviderLinkRequest; result: ProviderSignIn };
};

export type IpcChannel = keyof IpcContract;
export type IpcPayload<C extends IpcChannel> = IpcContract[C]['payload'];
export type IpcResult<C extends IpcChannel> = IpcContract[C]['result'];

/** Every invoke channel, for the preload's allow-list and main's registration. */
export const ipcChannels = [
  'app:info',
  'session:get',
  'session:set',
  'session:clear',
  'notify:show',
  'dialog:open-file',
  'dialog:save-file',
  'tray:set-unread',
  'shell:open-external',
  'auth:provider-sign-in',
  'auth:provider-link',
] as const satisfies readonly IpcChannel[];

// Compile-time proof that the list names every channel of the contract.
type Missing = Exclude<IpcChannel, (typeof ipcChannels)[number]>;
const _allChannelsListed: Missing extends never ? true : Missing = true;
void _allChannelsListed;

export function isIpcChannel(value: unknown): value is IpcChannel {
  return typeof value === 'string' && (ipcChannels as readonly string[]).includes(value);
}

/**
 * Why main (or the preload) refused an invoke. Electron hands the renderer only an error's message
 * (through `ipcMain.handle`, then `contextBridge`), so the code travels at the start of the message,
 * `[server-url-refused] ...`, and `ipcErrorCode` reads it back.
 */
export type IpcErrorCode = 'unknown-channel' | 'untrusted-sender' | 'bad-payload' | 'server-url-refused';
const ipcErrorCodes = [
  'unknown-channel',
  'untrusted-sender',
  'bad-payload',
  'server-url-refused',
] as const satisfies readonly IpcErrorCode[];

export function ipcErrorMessage(code: IpcErrorCode, detail: string): string {
  return `[${code}] ${detail}`;
}

/** The code of a refused invoke (see `IpcErrorCode`), or null for any other error. */
export function ipcErrorCode(error: unknown): IpcErrorCode | null {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const code = /\[([a-z-]+)\]/.exec(message)?.[1];
  return ipcErrorCodes.find((c) => c === code) ?? null;
}

/** Events main sends to the renderer: event -> payload. */
export type IpcEvents = {
  /** A `salesworkspace://...` link was opened; already parsed to an in-app route. */
  navigate: string;
};
export type IpcEvent = keyof IpcEvents;
export const ipcEvents = ['navigate'] as const satisfies readonly IpcEvent[];

export function isIpcEvent(value: unknown): value is IpcEvent {
  return typeof value === 'string' && (ipcEvents as readonly string[]).includes(value);
}

/** Main's handlers, one per channel, typed by the contract. */
export type IpcHandlers = {
  [C in IpcChannel]: (payload: IpcPayload<C>) => IpcResult<C> | Promise<IpcResult<C>>;
};

/** What the preload exposes as `window.desktop`: named functions only. */
export type DesktopApi = {
  getAppInfo(): Promise<AppInfo>;
  getSession(): Promise<StoredSession | null>;
  setSession(session: StoredSession): Promise<void>;
  clearSession(): Promise<void>;
  showNotification(request: NotificationRequest): Promise<void>;
  openFile(request: OpenFileRequest): Promise<PickedFile[]>;
  saveFile(request: SaveFileRequest): Promise<SaveFileResult>;
  setUnreadCount(count: number): Promise<void>;
  openExternal(url: string): Promise<void>;
  /** Signs in through a provider in the system browser; the renderer trades the code for the session. */
  signInWithProvider(request: ProviderSignInRequest): Promise<ProviderSignIn>;
  /** Links a provider to the signed-in member in the system browser; the renderer confirms the link. */
  linkWithProvider(request: ProviderLinkRequest): Promise<ProviderSignIn>;
  /** Subscribes to in-app navigation requests (deep links, tray, notifications); returns unsubscribe. */
  onNavigate(listener: (route: string) => void): () => void;
};
